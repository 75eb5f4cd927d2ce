#include "newsdex/index/writer/segment_builder.hpp"

#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "newsdex/analysis/phonetic.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/core/varint.hpp"
#include "newsdex/index/storage/store_dict.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/index/storage/turns.hpp"
#include "newsdex/index/writer/word_cache.hpp"
#include "newsdex/understand/analyze.hpp"

namespace newsdex::index {
namespace {

// Surface words (lower-case ASCII, as spoken) -> the indexed term, for the sound dictionary.
using SurfaceMap = std::unordered_map<std::string, std::string>;

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A flush's postings are encoded in groups of consecutive terms (encode_in_order, below).
constexpr size_t kEncodeGroupTerms = 4096;
constexpr size_t kEncodeGroupValues = size_t{1} << 18;

// The first eight bytes of `key` as a big-endian number (zero-padded): comparing prefixes orders
// keys as std::string's operator< does, except that equal prefixes need the full comparison.
uint64_t sort_prefix(std::string_view key) {
  uint64_t prefix = 0;
  for (size_t i = 0; i < 8; ++i)
    prefix = (prefix << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
  return prefix;
}

// Term key (field byte + term) -> positions, for one document at a time. Keys get a dense id
// that stays valid across the documents of one analysis thread (one term space), so a token costs
// one lookup without allocating, and the per-term position lists are reused from document to
// document. Words are looked up by their raw bytes first (WordIdCache), so a word seen before
// costs neither folding nor a key string.
class TermTable {
 public:
  TermTable() : m_space(next_space()) {}
  // Forgets the current document (also one abandoned half-way by an exception).
  void begin() {
    for (uint32_t id : m_touched) m_slot[id] = kNone;
    m_touched.clear();
    m_hits.clear();
    if (m_ids->size() > kMaxKeys) reset();  // bounded: start over between documents
  }
  // begin(), for a document analysed by an analyzer with `signature` (Analyzer::signature()):
  // the raw word -> term cache holds only one analyzer's terms, so a thread that analyses for
  // another index (plain after full, another language) starts over.
  void begin(const std::string& signature) {
    begin();
    if (signature != m_signature) {
      reset();
      m_signature = signature;
    }
  }
  // The id of a word's raw form in `field`, or WordIdCache::kMissing. A word's id does not change
  // within a term space (the raw form makes the term, the term its id), so the hot front may hold
  // it until reset(), whatever the big table forgets when its bounds empty it.
  uint32_t word(Field field, std::string_view raw) {
    const auto tag = static_cast<uint8_t>(field);
    uint32_t id = m_hot.find(tag, raw);
    if (id != WordIdCache::kMissing) return id;
    id = m_words.find(tag, raw);
    if (id != WordIdCache::kMissing) m_hot.put(tag, raw, id);
    return id;
  }
  // The id of `key` (field byte + term), remembered for the raw form it was made from.
  uint32_t intern(std::string_view key, std::string_view raw) {
    auto it = m_ids->find(key);
    if (it == m_ids->end()) {
      it = m_ids->emplace(std::string(key), static_cast<uint32_t>(m_keys.size())).first;
      m_keys.push_back(&it->first);
      m_slot.push_back(kNone);
    }
    m_words.insert(static_cast<uint8_t>(key[0]), raw, it->second);
    return it->second;
  }
  // The key (field byte + term) of an id.
  const std::string& key(uint32_t id) const { return *m_keys[id]; }
  void add(uint32_t id, uint32_t position) {
    uint32_t slot = m_slot[id];
    if (slot == kNone) {
      slot = static_cast<uint32_t>(m_touched.size());
      m_slot[id] = slot;
      m_touched.push_back(id);
    }
    m_hits.push_back({slot, position});
  }
  // Adds by key (the understanding fields, analysed through the generic interface).
  void add(std::string_view key, uint32_t position) {
    auto it = m_ids->find(key);
    if (it == m_ids->end()) {
      it = m_ids->emplace(std::string(key), static_cast<uint32_t>(m_keys.size())).first;
      m_keys.push_back(&it->first);
      m_slot.push_back(kNone);
    }
    add(it->second, position);
  }
  // The current document's terms, in the order they first occurred, with their ids.
  void take(DocTerms& out) {
    const size_t terms = m_touched.size();
    // Positions grouped by term (a counting sort of the hits by slot, stable: in token order).
    m_ends.assign(terms, 0);
    for (const Hit& h : m_hits) ++m_ends[h.slot];
    uint32_t total = 0;
    for (uint32_t slot = 0; slot < terms; ++slot) {
      total += m_ends[slot];
      m_ends[slot] = total;
    }
    out.keys.resize(terms);
    for (uint32_t slot = 0; slot < terms; ++slot) out.keys[slot] = m_keys[m_touched[slot]];
    out.key_owner = m_ids;
    out.ids.assign(m_touched.begin(), m_touched.end());
    out.space = m_space;
    out.position_ends.assign(m_ends.begin(), m_ends.end());
    out.positions.resize(m_hits.size());
    // m_ends[slot] becomes the slot's start as its positions are placed from the back.
    for (size_t i = m_hits.size(); i-- > 0;) {
      const Hit& h = m_hits[i];
      out.positions[--m_ends[h.slot]] = h.position;
    }
    begin();
  }

 private:
  static uint64_t next_space() {
    static std::atomic<uint64_t> spaces{0};
    return ++spaces;
  }
  // Empties the tables and moves to a new id space (builders map ids per space).
  void reset() {
    m_ids = std::make_shared<KeyIds>();  // the old keys live on while documents point to them
    m_keys.clear();
    m_slot.clear();
    m_words.clear();
    m_hot.clear();
    m_space = next_space();
  }
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr size_t kMaxKeys = 1 << 20;
  using KeyIds = std::unordered_map<std::string, uint32_t, TransparentHash, std::equal_to<>>;
  // Key -> id. Shared with the documents whose DocTerms point to its keys (nodes do not move, and
  // a key is never written after it is interned: the writer thread may read the keys of earlier
  // documents while this thread interns new ones).
  std::shared_ptr<KeyIds> m_ids = std::make_shared<KeyIds>();
  std::vector<const std::string*> m_keys;  // id -> key (in m_ids' nodes)
  std::vector<uint32_t> m_slot;            // id -> slot, kNone if not in this doc
  std::vector<uint32_t> m_touched;         // slot -> id
  struct Hit {
    uint32_t slot;
    uint32_t position;
  };
  std::vector<Hit> m_hits;       // the current document's tokens, in order
  std::vector<uint32_t> m_ends;  // take()'s per-slot counts and offsets, reused
  WordIdCache m_words;           // (field, raw word) -> id
  HotWordCache m_hot;            // its front for the common words
  uint64_t m_space;
  std::string m_signature;  // of the analyzer whose terms the tables hold
};

// (first byte, position) of each indexed body word, in order: where the turns' byte ranges fall.
using WordStarts = std::vector<std::pair<uint32_t, uint32_t>>;

// The words of one field into the term table, through the analyzer's raw-word interface.
class Collector final : public analysis::Analyzer::WordSink {
 public:
  Collector(std::string_view text, Field field, TermTable& table, SurfaceMap* surfaces,
            WordStarts* starts)
      : m_text(text), m_field(field), m_table(table), m_surfaces(surfaces), m_starts(starts) {
    m_key.push_back(static_cast<char>(field));
  }
  uint32_t count() const { return m_count; }

  bool cached(const analysis::Analyzer::Word& word) override {
    const uint32_t id = m_table.word(m_field, word.raw);
    if (id == WordIdCache::kMissing) return false;
    token(word, id);
    // The term is the key without its field byte; it is read only for the sound dictionary (not
    // in the plain profile, where fetching the key would cost cache misses on every token).
    if (m_surfaces) surface(word, std::string_view(m_table.key(id)).substr(1));
    return true;
  }
  void add(const analysis::Analyzer::Word& word, std::string_view term) override {
    m_key.resize(1);
    m_key += term;
    token(word, m_table.intern(m_key, word.raw));
    if (m_surfaces) surface(word, term);
  }

 private:
  void token(const analysis::Analyzer::Word& word, uint32_t id) {
    m_table.add(id, word.position);
    ++m_count;
    if (m_starts) m_starts->emplace_back(word.start, word.position);
  }
  // The word's lower-cased ASCII surface form → its term, for the sound dictionary.
  void surface(const analysis::Analyzer::Word& word, std::string_view term) {
    m_surface.clear();
    bool ascii_letters = false;
    for (char c : m_text.substr(word.start, word.end - word.start)) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (static_cast<unsigned char>(c) >= 0x80) return;  // CMUdict and Metaphone are ASCII
      ascii_letters = ascii_letters || (c >= 'a' && c <= 'z');
      m_surface += c;
    }
    if (ascii_letters) m_surfaces->try_emplace(m_surface, term);
  }

  std::string_view m_text;
  Field m_field;
  TermTable& m_table;
  SurfaceMap* m_surfaces;
  WordStarts* m_starts;
  std::string m_key;
  std::string m_surface;
  uint32_t m_count = 0;
};

void collect(std::string_view text, std::span<const analysis::SkipRange> skip, Field field,
             analysis::Analyzer& analyzer, TermTable& out, uint32_t* length, SurfaceMap* surfaces,
             WordStarts* starts = nullptr) {
  Collector collector(text, field, out, surfaces, starts);
  analyzer.analyze(text, skip, collector);
  *length = collector.count();
}

// The sound dictionary entries ("key\tterm") of the words of one document, one shared list per
// word. The lists are cached per thread (the same few thousand words make up most of any
// transcript) with the term they were built for, so keys and entry strings are built once per
// (word, term) and a document only carries pointers; the builder reads each list once per segment.
std::vector<SoundList> sound_entries(const SurfaceMap& surfaces) {
  struct Cached {
    std::string term;
    SoundList entries;
  };
  thread_local std::unordered_map<std::string, Cached> cache;
  if (cache.size() > 200000) cache.clear();  // lists still held by documents stay alive
  std::vector<SoundList> out;
  out.reserve(surfaces.size());
  for (const auto& [surface, term] : surfaces) {
    auto it = cache.find(surface);
    if (it == cache.end() || it->second.term != term) {
      auto entries = std::make_shared<std::vector<std::string>>();
      for (const auto& key : analysis::sound_keys(surface)) entries->push_back(key + '\t' + term);
      it = cache.insert_or_assign(surface, Cached{term, std::move(entries)}).first;
    }
    if (!it->second.entries->empty()) out.push_back(it->second.entries);
  }
  return out;
}

// Several values of one field (all quotes, all speaker names), deduplicated, with a position gap
// between values so that phrases stay within one value. `first`, when given, receives each value's
// first position (values without an indexed word are left out).
void collect_values(std::vector<std::string> values, Field field, analysis::Analyzer& analyzer,
                    TermTable& out, std::unordered_map<std::string, uint32_t>* first = nullptr) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string key(1, static_cast<char>(field));
  uint32_t base = 0;
  for (const auto& value : values) {
    uint32_t last = 0;
    bool any = false;
    analyzer.analyze(value, {}, [&](const analysis::Token& tok) {
      key.resize(1);
      key += tok.term;
      out.add(key, base + tok.position);
      if (first && !any) first->try_emplace(value, base + tok.position);
      any = true;
      last = tok.position;
    });
    base += last + kValuePositionGap;
  }
}

// The document's turn table record (storage/turns.hpp): each turn as the body positions of the
// words starting inside its byte range, with the entity-field positions of the canonical names of
// the entities mentioned inside it. A document without turns is one turn over the whole body.
std::string turn_record(const doc::Transcript& t, const WordStarts& words,
                        const std::unordered_map<std::string, uint32_t>& entity_first) {
  struct Bytes {
    uint32_t start, end;
  };
  std::vector<Bytes> spans;
  for (const auto& turn : t.turns) spans.push_back({turn.start, turn.end});
  if (spans.empty()) spans.push_back({0, static_cast<uint32_t>(t.body.size())});
  std::sort(spans.begin(), spans.end(),
            [](const Bytes& a, const Bytes& b) { return a.start < b.start; });
  auto first_word = [&](uint32_t byte) {
    return static_cast<size_t>(
        std::lower_bound(words.begin(), words.end(), std::pair<uint32_t, uint32_t>{byte, 0}) -
        words.begin());
  };
  const uint32_t past_last = words.empty() ? 0 : words.back().second + 1;
  std::vector<TurnRange> turns;
  for (const auto& span : spans) {
    TurnRange r;
    const size_t a = first_word(span.start), b = std::max(a, first_word(span.end));
    r.begin = a < words.size() ? words[a].second : past_last;
    r.end = a < b ? words[b - 1].second + 1 : r.begin;
    for (const auto& e : t.entities) {
      auto found = entity_first.find(e.name);
      if (found == entity_first.end()) continue;
      for (const auto& m : e.mentions)
        if (m.start >= span.start && m.end <= span.end) {
          r.entities.push_back(found->second);
          break;
        }
    }
    std::sort(r.entities.begin(), r.entities.end());
    r.entities.erase(std::unique(r.entities.begin(), r.entities.end()), r.entities.end());
    turns.push_back(std::move(r));
  }
  std::string out;
  encode_turns(turns, out);
  return out;
}

}  // namespace

uint64_t content_hash(const doc::Transcript& t) {
  std::string key;
  for (const std::string* part : {&t.source, &t.show, &t.date, &t.title, &t.url, &t.body}) {
    key += *part;
    key.push_back('\x1f');
  }
  return core::hash64(key);
}

void store_document(AnalyzedDoc& d, const StoreCompression& store) {
  if (d.transcript.id.empty()) return;
  if (store.defer) {
    d.stored = stored_doc_json(d.transcript);
    d.stored_raw = true;
  } else {
    d.stored = encode_stored_doc(d.transcript, store.dict.get());
    d.stored_dict = store.dict;
  }
}

AnalyzedDoc analyze_document(doc::Transcript transcript, analysis::Analyzer& analyzer,
                             analysis::Profile profile, const StoreCompression& store,
                             bool store_now) {
  AnalyzedDoc out;
  const auto encode_stored = [&] {
    if (!store_now || transcript.id.empty()) return;
    if (store.defer) {
      out.stored = stored_doc_json(transcript);
      out.stored_raw = true;
    } else {
      out.stored = encode_stored_doc(transcript, store.dict.get());
      out.stored_dict = store.dict;
    }
  };
  const bool full = profile == analysis::Profile::kFull;
  // Turns, quotes and entities are stored with the document (GET /api/docs/{id} returns them).
  if (full)
    understand::apply(understand::analyze(transcript, understand::builtin_gazetteer()), transcript);
  transcript.clean_text.clear();  // derivable from the body; not worth storing twice
  std::vector<analysis::SkipRange> skip;
  skip.reserve(transcript.markup.size());
  for (const auto& m : transcript.markup) skip.push_back({m.start, m.end});
  thread_local TermTable terms;  // one per analysis thread, reused
  terms.begin(analyzer.signature());
  SurfaceMap surfaces;
  SurfaceMap* sounds = full ? &surfaces : nullptr;
  WordStarts words;
  if (!full) {  // plain: body and title terms only; no turns, so one turn over the whole body
    collect(transcript.body, skip, Field::kBody, analyzer, terms, &out.body_len, sounds, &words);
    collect(transcript.title, {}, Field::kTitle, analyzer, terms, &out.title_len, sounds);
    terms.take(out.terms);
    out.turns = turn_record(transcript, words, {});
    out.content_hash = content_hash(transcript);
    encode_stored();
    out.transcript = std::move(transcript);
    return out;
  }
  collect(transcript.body, skip, Field::kBody, analyzer, terms, &out.body_len, sounds, &words);
  collect(transcript.title, {}, Field::kTitle, analyzer, terms, &out.title_len, sounds);
  out.sounds = sound_entries(surfaces);
  // What understand/ found, searchable as fields (speaker:, quote:, entity:, role:).
  std::vector<std::string> speakers, quotes, entities, roles;
  for (const auto& turn : transcript.turns) {
    if (!turn.speaker.empty()) speakers.push_back(turn.speaker);
    roles.emplace_back(doc::role_name(turn.role));
  }
  for (const auto& q : transcript.quotes) {
    quotes.push_back(q.text);
    if (!q.speaker.empty()) speakers.push_back(q.speaker);
  }
  for (const auto& e : transcript.entities) {
    entities.push_back(e.name);
    entities.insert(entities.end(), e.aliases.begin(), e.aliases.end());
  }
  collect_values(speakers, Field::kSpeaker, analyzer, terms);
  collect_values(quotes, Field::kQuote, analyzer, terms);
  std::unordered_map<std::string, uint32_t> entity_first;
  collect_values(entities, Field::kEntity, analyzer, terms, &entity_first);
  collect_values(roles, Field::kRole, analyzer, terms);
  terms.take(out.terms);
  out.turns = turn_record(transcript, words, entity_first);
  out.content_hash = content_hash(transcript);
  encode_stored();
  out.transcript = std::move(transcript);
  return out;
}

uint32_t SegmentBuilder::intern(const std::string& value) {
  auto [it, inserted] = m_string_ids.try_emplace(value, static_cast<uint32_t>(m_strings.size()));
  if (inserted) m_strings.push_back(value);
  return it->second;
}

namespace {

// What one new term costs besides its key, as estimated since before the postings pool (the
// flush point must not move): the hash node of a key and a postings encoder of four vectors (key
// string, encoder, next pointer, cached hash, malloc header), its bucket, and the first
// allocation of each of the four arrays (glibc's smallest chunk is 32 bytes). Measured against
// RSS in docs/ARCHITECTURE.md (with the pool, the real cost of a term is below this).
// A set node: the string, next pointer, cached hash, malloc header.
constexpr size_t kSetNodeOverhead = sizeof(std::string) + 8 + 8 + 16 + 8;
constexpr size_t kTermOverhead =
    sizeof(std::pair<const std::string, PostingsEncoder>) + 8 + 8 + 16 + 8 + 4 * 32;

size_t key_heap_bytes(const std::string& key) {
  return key.size() > 15 ? ((key.size() + 1 + 16 + 15) & ~size_t{15}) : 0;  // past the SSO buffer
}

}  // namespace

size_t SegmentBuilder::memory_bytes() const {
  // (m_sound_lists' buckets are left out: their number depends on the thread count, see add().)
  return m_postings_memory + m_postings.bucket_count() * sizeof(void*) + m_sounds_memory +
         m_sounds.bucket_count() * sizeof(void*) + m_columns.capacity() * sizeof(ColumnRow) +
         m_ids.memory_bytes() + m_titles.memory_bytes() + m_turns.memory_bytes() +
         m_stored.capacity() + m_store_offsets.capacity() * 8 + m_pending.capacity() +
         m_pending_sizes.capacity() * 8 + m_string_ids.size() * (sizeof(std::string) + 48);
}

std::vector<PostingsPool::List*>* SegmentBuilder::space_lists(uint64_t space) {
  if (space == 0) return nullptr;
  for (auto& [known, lists] : m_spaces)
    if (known == space) return &lists;
  if (m_spaces.size() >= 16) m_spaces.erase(m_spaces.begin());  // threads long gone
  return &m_spaces.emplace_back(space, std::vector<List*>{}).second;
}

PostingsPool::List& SegmentBuilder::postings(const DocTerms& terms, size_t i,
                                             std::vector<List*>* lists) {
  const uint32_t term_id = lists != nullptr ? terms.ids[i] : 0;
  if (lists != nullptr && term_id < lists->size() && (*lists)[term_id] != nullptr)
    return *(*lists)[term_id];
  const std::string_view key = terms.key(i);
  auto it = m_postings.find(key);  // most keys are in already: no copy for those
  if (it == m_postings.end()) {
    it = m_postings.try_emplace(std::string(key)).first;
    m_postings_memory += kTermOverhead + key_heap_bytes(it->first);
  }
  if (lists != nullptr) {
    if (lists->size() <= term_id) lists->resize(size_t{term_id} + 1, nullptr);
    (*lists)[term_id] = &it->second;
  }
  return it->second;
}

uint32_t SegmentBuilder::add(const AnalyzedDoc& d) {
  const uint32_t id = doc_count();
  const auto& t = d.transcript;
  ColumnRow row;
  row.date = core::parse_iso_date(t.date).value_or(core::kNoDate);
  row.show = intern(t.show);
  row.source = intern(t.source);
  row.body_len = d.body_len;
  row.title_len = d.title_len;
  row.content_hash = d.content_hash;
  std::vector<List*>* lists =
      d.terms.ids.size() == d.terms.size() ? space_lists(d.terms.space) : nullptr;
  // Every term's list first (independent lookups, whose cache misses overlap), then the adds,
  // with the lists a few terms ahead prefetched: most of a document's terms are rare, so their
  // lists and slices are not in cache. (Field lengths are not kept per posting: a flush takes
  // them from the columns.)
  const size_t n = d.terms.size();
  m_doc_lists.clear();
  for (size_t i = 0; i < n; ++i) m_doc_lists.push_back(&postings(d.terms, i, lists));
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < std::min(n, kAhead); ++i) __builtin_prefetch(m_doc_lists[i]);
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(m_doc_lists[i + kAhead]);
    if (i + kAhead / 2 < n) PostingsPool::prefetch(*m_doc_lists[i + kAhead / 2]);
    List& list = *m_doc_lists[i];
    const size_t before = PostingsPool::estimated_bytes(list.count, list.positions);
    m_pool.add(list, id, d.terms.positions_of(i));
    m_postings_memory += PostingsPool::estimated_bytes(list.count, list.positions) - before;
  }
  m_columns.push_back(row);
  m_field_tokens[static_cast<size_t>(Field::kBody)] += d.body_len;
  m_field_tokens[static_cast<size_t>(Field::kTitle)] += d.title_len;
  for (const auto& list : d.sounds) {
    if (!m_sound_lists.insert(list).second) continue;  // this word's entries are in already
    // Each analysis thread builds its own list for a word, so the list objects a segment holds
    // depend on which thread read which document. The estimate must not, or the flush point (and
    // so the segments) would change with the thread count and scheduling: a list is counted
    // (itself and its entry copies, held while the segment is built) only when it brings an
    // entry the segment lacked — the first list of its content in document order, whatever
    // thread built it. Later copies of the same content are left out of the estimate.
    bool new_entries = false;
    size_t copies = 0;
    for (const auto& entry : *list) {
      copies += key_heap_bytes(entry);
      if (m_sounds.insert(entry).second) {
        m_sounds_memory += key_heap_bytes(entry) + kSetNodeOverhead;
        new_entries = true;
      }
    }
    if (new_entries)
      m_sounds_memory += kSetNodeOverhead + 16 + list->capacity() * sizeof(std::string) +
                         copies;  // + control block
  }
  m_ids.add(t.id);
  m_titles.add(t.title);
  m_turns.add(d.turns);
  add_stored(d);
  return id;
}

void SegmentBuilder::add_stored(const AnalyzedDoc& d) {
  // The common case: a frame compressed (on an analysis thread) with this segment's dictionary.
  const bool same_dict =
      d.stored_dict == m_dict || (d.stored_dict && m_dict && d.stored_dict->same_as(*m_dict));
  if (!d.stored.empty() && !d.stored_raw && same_dict && m_pending_sizes.empty() &&
      !collecting_sample()) {
    const unsigned long long size = ZSTD_getFrameContentSize(d.stored.data(), d.stored.size());
    if (size != ZSTD_CONTENTSIZE_ERROR && size != ZSTD_CONTENTSIZE_UNKNOWN) {
      m_raw_stored += size;
      append_frame(d.stored);
      return;
    }
  }
  // Otherwise from the raw JSON: still collecting the sample, the document was analysed before
  // the dictionary existed (or had no id yet), or it was compressed with another dictionary.
  std::string raw;
  if (d.stored.empty()) {
    raw = stored_doc_json(d.transcript);
  } else if (d.stored_raw) {
    raw = d.stored;
  } else {
    auto json = decompress_stored(d.stored, d.stored_dict.get());
    raw = json ? std::move(*json) : stored_doc_json(d.transcript);
  }
  m_raw_stored += raw.size();
  if (collecting_sample()) {
    m_pending += raw;
    m_pending_sizes.push_back(raw.size());
    if (m_pending.size() >= kStoreDictSampleBytes) train_dictionary();
    return;
  }
  append_frame(compress_stored(raw, m_dict.get()));
}

void SegmentBuilder::append_frame(std::string_view frame) {
  m_stored += frame;
  m_store_offsets.push_back(m_stored.size());
}

void SegmentBuilder::train_dictionary() {
  m_dict = StoreDictionary::train(m_pending, m_pending_sizes);
  m_train = false;  // trained, or zstd could not: either way, no second try
  size_t at = 0;
  for (size_t size : m_pending_sizes) {
    append_frame(compress_stored(std::string_view(m_pending).substr(at, size), m_dict.get()));
    at += size;
  }
  std::string().swap(m_pending);
  std::vector<size_t>().swap(m_pending_sizes);
}

void SegmentBuilder::finish_store() {
  // Too little text to train on (the sample never filled): plain frames, no dictionary.
  size_t at = 0;
  for (size_t size : m_pending_sizes) {
    append_frame(compress_stored(std::string_view(m_pending).substr(at, size), nullptr));
    at += size;
  }
  std::string().swap(m_pending);
  std::vector<size_t>().swap(m_pending_sizes);
  // A dictionary costs its ~110 KB: a small segment (the tail of an ingest) is written without.
  if (m_dict && m_raw_stored < kStoreDictMinSegmentBytes) {
    std::string plain;
    std::vector<uint64_t> offsets{0};
    for (size_t d = 0; d + 1 < m_store_offsets.size(); ++d) {
      const uint64_t a = m_store_offsets[d], b = m_store_offsets[d + 1];
      auto raw = decompress_stored(std::string_view(m_stored).substr(a, b - a), m_dict.get());
      if (!raw)
        throw std::runtime_error("stored document does not decompress: " + raw.error().message);
      plain += compress_stored(*raw, nullptr);
      offsets.push_back(plain.size());
    }
    m_stored = std::move(plain);
    m_store_offsets = std::move(offsets);
    m_written_dict = nullptr;
  } else {
    m_written_dict = m_dict;
  }
}

namespace {

// Encodes the postings blobs of `terms` (`encode(term, out)` appends one to `out`) and hands them
// to `emit` in the order of `terms`. With `threads` > 1, consecutive groups of terms are encoded on
// that many threads (this one included) while this thread emits the finished groups in order, so a
// flush uses the cores the analysis threads leave idle while the writer is busy with it; the bytes
// are the same whatever the thread count. Memory stays bounded: encoding runs at most a window of
// groups ahead of the one being emitted.
template <class Entry, class Encode, class Emit>
void encode_in_order(const std::vector<const Entry*>& terms, unsigned threads, Encode&& encode_one,
                     Emit&& emit) {
  struct Group {
    size_t begin = 0, end = 0;
    std::string bytes;            // the blobs of terms [begin, end), concatenated
    std::vector<uint32_t> sizes;  // each blob's size
    bool ready = false;           // guarded by the mutex
  };
  // Groups of about kEncodeGroupValues values (doc ids and positions), at most kEncodeGroupTerms
  // terms: enough work to be worth a hand-over, little enough to hold a window of them.
  std::vector<Group> groups;
  if (threads > 1) {
    for (size_t t = 0; t < terms.size();) {
      Group g;
      g.begin = t;
      size_t values = 0;
      while (t < terms.size() && t - g.begin < kEncodeGroupTerms && values < kEncodeGroupValues) {
        values += size_t{terms[t]->second.count} + terms[t]->second.positions;
        ++t;
      }
      g.end = t;
      groups.push_back(std::move(g));
    }
  }
  if (groups.size() < 2) {
    std::string blob;
    for (const Entry* term : terms) {
      blob.clear();
      encode_one(*term, blob);
      emit(*term, std::string_view(blob));
    }
    return;
  }
  const size_t window = 4 * size_t{threads};
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0;     // the next group to encode
  size_t emitted = 0;  // groups [0, emitted) are emitted and freed
  bool stop = false;
  std::exception_ptr error;
  auto encode = [&](Group& g) {
    try {
      g.sizes.reserve(g.end - g.begin);
      for (size_t t = g.begin; t < g.end; ++t) {
        const size_t before = g.bytes.size();
        encode_one(*terms[t], g.bytes);
        g.sizes.push_back(static_cast<uint32_t>(g.bytes.size() - before));
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
    }
  };
  // Takes the next group to encode when it is within the window (with the lock held).
  auto claim = [&]() -> Group* {
    if (stop || next >= groups.size() || next >= emitted + window) return nullptr;
    return &groups[next++];
  };
  auto helper = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      changed.wait(lock, [&] { return stop || next >= groups.size() || next < emitted + window; });
      Group* g = claim();
      if (g == nullptr) return;
      lock.unlock();
      encode(*g);
      lock.lock();
      g->ready = true;
      changed.notify_all();
    }
  };
  std::vector<std::thread> helpers;
  struct Join {  // stops and joins the helpers on every way out (also when `emit` throws)
    std::vector<std::thread>& threads;
    std::mutex& mutex;
    std::condition_variable& changed;
    bool& stop;
    ~Join() {
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      changed.notify_all();
      for (auto& t : threads) t.join();
    }
  } join{helpers, mutex, changed, stop};
  for (unsigned i = 1; i < threads; ++i) helpers.emplace_back(helper);
  for (size_t w = 0; w < groups.size(); ++w) {
    Group& g = groups[w];
    {
      std::unique_lock lock(mutex);
      // While the group to emit is not ready, this thread encodes one itself (or waits).
      while (!g.ready) {
        if (Group* mine = claim()) {
          lock.unlock();
          encode(*mine);
          lock.lock();
          mine->ready = true;
          changed.notify_all();
        } else {
          changed.wait(lock);
        }
      }
      if (error) std::rethrow_exception(error);
    }
    size_t at = 0;
    for (size_t t = g.begin; t < g.end; ++t) {
      const uint32_t size = g.sizes[t - g.begin];
      emit(*terms[t], std::string_view(g.bytes).substr(at, size));
      at += size;
    }
    std::string().swap(g.bytes);
    std::vector<uint32_t>().swap(g.sizes);
    std::lock_guard lock(mutex);
    emitted = w + 1;
    changed.notify_all();
  }
}

}  // namespace

void SegmentBuilder::encode_postings(const std::pair<const std::string, List>& term,
                                     std::string& out) const {
  // Scratch arrays per thread (a flush encodes on several), grown to the longest list seen.
  struct Scratch {
    std::vector<uint32_t> docs, freqs, lengths, gaps;
  };
  thread_local Scratch s;
  const List& list = term.second;
  if (s.docs.size() < list.count) {
    s.docs.resize(list.count);
    s.freqs.resize(list.count);
    s.lengths.resize(list.count);
  }
  if (s.gaps.size() < list.positions) s.gaps.resize(list.positions);
  m_pool.read(list, s.docs.data(), s.freqs.data(), s.gaps.data());
  // Block bounds use the field's length norm; fields without a stored length count as 1.
  const auto field = static_cast<Field>(term.first[0]);
  for (uint32_t i = 0; i < list.count; ++i)
    s.lengths[i] = field_length(field, m_columns[s.docs[i]]);
  append_postings(out, list.count, s.docs.data(), s.freqs.data(), s.lengths.data(), s.gaps.data());
}

core::Result<WrittenSegment> SegmentBuilder::write(const std::filesystem::path& path,
                                                   unsigned threads) {
  finish_store();
  auto out = SegmentFileWriter::create(path);
  if (!out) return tl::unexpected(out.error());
  write_to(**out, std::max(1u, threads));
  return (*out)->finish();
}

void SegmentBuilder::write_to(SegmentFileWriter& out, unsigned threads) const {
  // Postings in term-key order, then the term dictionary pointing into them.
  using Entry = std::pair<const std::string, List>;
  std::vector<std::pair<uint64_t, const Entry*>> ranked;
  ranked.reserve(m_postings.size());
  for (const auto& entry : m_postings) ranked.emplace_back(sort_prefix(entry.first), &entry);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second->first < b.second->first;
  });
  std::vector<const Entry*> terms;
  terms.reserve(ranked.size());
  for (const auto& r : ranked) terms.push_back(r.second);

  TermDictWriter dict;
  out.begin_section(Section::kPostings);
  encode_in_order(
      terms, threads, [&](const Entry& term, std::string& blob) { encode_postings(term, blob); },
      [&](const Entry& term, std::string_view blob) {
        dict.add(term.first, term.second.count, out.section_size(), blob.size());
        out.append(blob);
      });
  out.append(std::string(kPostingsPadding, '\0'));  // the SIMD decoder may load past a blob's end
  out.end_section();
  dict.write(out);

  write_section(out, Section::kStore, m_stored);
  std::string offsets;
  for (uint64_t off : m_store_offsets) core::put_fixed64(offsets, off);
  write_section(out, Section::kStoreIndex, offsets);
  write_section(out, Section::kStoreDict, store_dict_section(m_written_dict.get()));

  std::string rows;
  rows.reserve(m_columns.size() * kColumnRowSize);
  for (const auto& row : m_columns) append_column_row(rows, row);
  write_section(out, Section::kColumns, rows);
  write_section(out, Section::kStrings, encode_string_table(m_strings));

  m_ids.write(out, Section::kIdBlob, Section::kIdStrings);
  m_titles.write(out, Section::kTitleBlob, Section::kTitleOffsets);
  std::vector<std::string_view> sounds(m_sounds.begin(), m_sounds.end());
  std::sort(sounds.begin(), sounds.end());
  DocStringsWriter sound_table;
  for (auto entry : sounds) sound_table.add(entry);
  sound_table.write(out, Section::kSoundBlob, Section::kSoundOffsets);
  write_section(out, Section::kIds, encode_id_order(m_ids));
  write_section(out, Section::kFieldStats, encode_field_stats(m_field_tokens));
  m_turns.write(out);
}

}  // namespace newsdex::index
