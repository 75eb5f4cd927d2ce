// Accumulates analysed documents in memory and serialises them as one immutable segment file.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/index/codec/postings.hpp"
#include "newsdex/index/storage/section_writers.hpp"
#include "newsdex/index/storage/segment_file_writer.hpp"
#include "newsdex/index/storage/segment_format.hpp"
#include "newsdex/index/storage/store_dict.hpp"
#include "newsdex/index/storage/turns.hpp"
#include "newsdex/index/writer/postings_pool.hpp"

namespace newsdex::index {

// Sound dictionary entries "key\tterm" (analysis::sound_keys of a word -> its term) of one word,
// shared by every document (of one analysis thread) that has the word.
using SoundList = std::shared_ptr<const std::vector<std::string>>;

// std::allocator whose value-initialisation leaves the values uninitialised: a vector of
// positions resized to be filled at once (TermTable::take) is not zero-filled first.
template <class T>
struct UninitializedAllocator {
  using value_type = T;
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  T* allocate(size_t n) { return std::allocator<T>{}.allocate(n); }
  void deallocate(T* p, size_t n) noexcept { std::allocator<T>{}.deallocate(p, n); }
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  friend bool operator==(const UninitializedAllocator&, const UninitializedAllocator&) {
    return true;
  }
};

// The terms of one document and their positions, in flat arrays (a few allocations per document
// instead of two per term), in no particular order. Each term also carries its id in the term
// space of the analysis thread that made it (`space`; 0: no ids), so the builder finds the
// term's postings with one array access instead of hashing the key again. Keys are not copied:
// each is a pointer to the analysis thread's interned key, which `key_owner` keeps alive (and
// which never changes once interned), so a document costs no key bytes and the writer reads a
// key only for a term its segment has not seen under that id.
struct DocTerms {
  std::vector<const std::string*> keys;   // term i's key (field byte + term)
  std::shared_ptr<const void> key_owner;  // holds the strings `keys` point to
  // Every term's positions, concatenated.
  std::vector<uint32_t, UninitializedAllocator<uint32_t>> positions;
  std::vector<uint32_t> position_ends;  // end of term i's positions in `positions`
  std::vector<uint32_t> ids;            // term i's id in `space` (empty when space is 0)
  uint64_t space = 0;

  size_t size() const { return keys.size(); }
  std::string_view key(size_t i) const { return *keys[i]; }
  std::span<const uint32_t> positions_of(size_t i) const {
    const uint32_t begin = i == 0 ? 0 : position_ends[i - 1];
    return std::span<const uint32_t>(positions).subspan(begin, position_ends[i] - begin);
  }
  // Appends a term with a key of the document's own (for callers without a term table); a key
  // appears once per document.
  void add(std::string_view key, std::span<const uint32_t> term_positions) {
    if (!owned_keys) owned_keys = std::make_shared<std::deque<std::string>>();
    keys.push_back(&owned_keys->emplace_back(key));
    positions.insert(positions.end(), term_positions.begin(), term_positions.end());
    position_ends.push_back(static_cast<uint32_t>(positions.size()));
  }
  std::shared_ptr<std::deque<std::string>> owned_keys;  // add()'s keys (references stay valid)
};

// The analysed form of one document, produced off the writer thread (analysis is the costly part).
struct AnalyzedDoc {
  doc::Transcript transcript;
  // term key (field byte + term) -> positions
  DocTerms terms;
  // The sound dictionary entries of each body/title word, in no order; two lists may share
  // entries (the builder keeps a set, sorted when written).
  std::vector<SoundList> sounds;
  // The stored document (encode_stored_doc of `transcript`), compressed on the analysis thread
  // with `stored_dict` (plain zstd when null) so the single writer thread only appends it; its
  // raw JSON when `stored_raw` (the writer is still collecting its dictionary sample); empty
  // when the document had no id yet (the builder then encodes it itself, after IndexWriter::add
  // assigned the id).
  std::string stored;
  std::shared_ptr<const StoreDictionary> stored_dict;
  bool stored_raw = false;
  // The document's turn table record (storage/turns.hpp).
  std::string turns;
  uint32_t body_len = 0;
  uint32_t title_len = 0;
  uint64_t content_hash = 0;
};

// How analyze_document leaves the stored document (IndexWriter::store_compression()).
struct StoreCompression {
  bool defer = false;  // raw JSON: the writer compresses it (it is collecting its sample)
  std::shared_ptr<const StoreDictionary> dict;  // otherwise one frame with this (plain when null)
};

// `analyzer` must be made with analysis::analyzer_options(profile). kPlain skips the
// understanding pass (no turns, quotes, entities; no speaker:/quote:/entity:/role: terms) and the
// sound dictionary entries.
// With `store_now` false the stored document is left for store_document() (the ingest pipeline
// tokenises a whole batch first, then compresses its documents: each pass keeps its own tables
// warm in the cache instead of evicting the other's at every document).
AnalyzedDoc analyze_document(doc::Transcript transcript, analysis::Analyzer& analyzer,
                             analysis::Profile profile = analysis::Profile::kFull,
                             const StoreCompression& store = {}, bool store_now = true);
// Sets `d.stored` (and stored_dict / stored_raw) from d.transcript as analyze_document does.
void store_document(AnalyzedDoc& d, const StoreCompression& store);
uint64_t content_hash(const doc::Transcript& t);

class SegmentBuilder {
 public:
  // Stored documents (docs/format/segment.md, format 8): with `dict` they are compressed with
  // it; without one and with `train`, the builder keeps the first documents' raw JSON until it
  // holds kStoreDictSampleBytes, trains a dictionary on them and compresses with it from then on
  // (too little text by the time the segment is written: plain frames). IndexWriter hands the
  // dictionary on to the next segment, so the segments of one ingest share one.
  explicit SegmentBuilder(std::shared_ptr<const StoreDictionary> dict = nullptr, bool train = true)
      : m_dict(std::move(dict)), m_train(train && !m_dict) {}
  const std::shared_ptr<const StoreDictionary>& store_dictionary() const { return m_dict; }
  // True while the builder collects its sample (documents should come raw: `defer`).
  bool collecting_sample() const { return !m_dict && m_train; }
  // False once training failed (zstd could not train on the sample): no later segment of the
  // writer tries again.
  bool may_train() const { return m_train || m_dict != nullptr; }
  // Returns the local doc id.
  uint32_t add(const AnalyzedDoc& doc);
  uint32_t doc_count() const { return static_cast<uint32_t>(m_columns.size()); }
  // Heap bytes held, counted from container capacities and per-allocation overheads (what the
  // flush threshold compares against; see docs/ARCHITECTURE.md, "Bounded ingest memory").
  size_t memory_bytes() const;
  // Streams the segment file to `path` (created with O_EXCL, fsynced). The postings are encoded
  // on `threads` threads (this one and threads - 1 helpers); the file is the same for any count.
  core::Result<WrittenSegment> write(const std::filesystem::path& path, unsigned threads = 1);

 private:
  uint32_t intern(const std::string& value);
  void add_stored(const AnalyzedDoc& doc);
  void append_frame(std::string_view frame);
  void train_dictionary();
  void finish_store();  // before writing: the pending sample, and dictionary or not
  void write_to(SegmentFileWriter& out, unsigned threads) const;
  using List = PostingsPool::List;
  // The postings lists by term id of a term space (nullptr for space 0), and term i's list.
  std::vector<List*>* space_lists(uint64_t space);
  List& postings(const DocTerms& terms, size_t i, std::vector<List*>* lists);
  // Appends the postings blob of `term` (a key and its list in m_postings) to `out`.
  void encode_postings(const std::pair<const std::string, List>& term, std::string& out) const;
  struct KeyHash {  // std::hash of the bytes, for lookups by string_view without a copy
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, List, KeyHash, std::equal_to<>> m_postings;
  PostingsPool m_pool;  // every list's values
  std::vector<ColumnRow> m_columns;
  DocStringsWriter m_ids;
  DocStringsWriter m_titles;
  TurnsWriter m_turns;
  std::string m_stored;  // zstd frames, concatenated
  std::vector<uint64_t> m_store_offsets{0};
  std::shared_ptr<const StoreDictionary> m_dict;  // the frames' dictionary
  bool m_train = true;                            // no dictionary yet: collect a sample
  std::string m_pending;  // raw JSON of the documents after the frames (the sample), concatenated
  std::vector<size_t> m_pending_sizes;
  uint64_t m_raw_stored = 0;                              // raw JSON bytes of every stored document
  std::shared_ptr<const StoreDictionary> m_written_dict;  // what finish_store() decided
  std::vector<std::string> m_strings;
  std::unordered_set<std::string> m_sounds;     // sound dictionary entries "key\tterm"
  std::unordered_set<SoundList> m_sound_lists;  // the word lists whose entries are in m_sounds
  size_t m_sounds_memory = 0;
  std::unordered_map<std::string, uint32_t> m_string_ids;
  uint64_t m_field_tokens[kFieldCount] = {};
  // The term table and every list, as estimated (PostingsPool::estimated_bytes).
  size_t m_postings_memory = 0;
  // Term space (DocTerms::space) -> term id -> its list in m_postings (nodes do not move), for
  // the few analysis threads feeding this builder. Not in memory_bytes(): at most 8 bytes per
  // term id an analysis thread has handed out (its term table is bounded, kMaxKeys).
  std::vector<std::pair<uint64_t, std::vector<List*>>> m_spaces;
  std::vector<List*> m_doc_lists;  // add()'s, per term of the document, reused
};

}  // namespace newsdex::index
