#include "newsdex/index/writer/segment_builder.hpp"

#include <algorithm>

#include "newsdex/analysis/phonetic.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/core/varint.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/understand/analyze.hpp"

namespace newsdex::index {
namespace {

// Surface words (lower-case ASCII, as spoken) -> the indexed term, for the sound dictionary.
using SurfaceMap = std::unordered_map<std::string, std::string>;

void collect(std::string_view text, std::span<const analysis::SkipRange> skip, Field field,
             analysis::Analyzer& analyzer, std::map<std::string, std::vector<uint32_t>>& out,
             uint32_t* length, SurfaceMap& surfaces) {
  std::string key(1, static_cast<char>(field));
  std::string surface;
  uint32_t count = 0;
  analyzer.analyze(text, skip, [&](const analysis::Token& tok) {
    key.resize(1);
    key += tok.term;
    out[key].push_back(tok.position);
    ++count;
    surface.clear();
    bool ascii_letters = false;
    for (char c : text.substr(tok.start, tok.end - tok.start)) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (static_cast<unsigned char>(c) >= 0x80) return;  // CMUdict and Metaphone are ASCII
      ascii_letters = ascii_letters || (c >= 'a' && c <= 'z');
      surface += c;
    }
    if (ascii_letters) surfaces.try_emplace(surface, tok.term);
  });
  *length = count;
}

// "key\tterm" entries of the segment's sound dictionary for the words of one document. Keys are
// cached per thread: the same few thousand words make up most of any transcript.
std::vector<std::string> sound_entries(const SurfaceMap& surfaces) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
  if (cache.size() > 200000) cache.clear();
  std::vector<std::string> out;
  for (const auto& [surface, term] : surfaces) {
    auto it = cache.find(surface);
    if (it == cache.end()) it = cache.emplace(surface, analysis::sound_keys(surface)).first;
    for (const auto& key : it->second) out.push_back(key + '\t' + term);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Several values of one field (all quotes, all speaker names), deduplicated, with a position gap
// between values so that phrases stay within one value.
void collect_values(std::vector<std::string> values, Field field, analysis::Analyzer& analyzer,
                    std::map<std::string, std::vector<uint32_t>>& out) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string key(1, static_cast<char>(field));
  uint32_t base = 0;
  for (const auto& value : values) {
    uint32_t last = 0;
    analyzer.analyze(value, {}, [&](const analysis::Token& tok) {
      key.resize(1);
      key += tok.term;
      out[key].push_back(base + tok.position);
      last = tok.position;
    });
    base += last + kValuePositionGap;
  }
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

AnalyzedDoc analyze_document(doc::Transcript transcript, analysis::Analyzer& analyzer) {
  AnalyzedDoc out;
  // Turns, quotes and entities are stored with the document (GET /api/docs/{id} returns them).
  understand::apply(understand::analyze(transcript, understand::builtin_gazetteer()), transcript);
  transcript.clean_text.clear();  // derivable from the body; not worth storing twice
  std::vector<analysis::SkipRange> skip;
  skip.reserve(transcript.markup.size());
  for (const auto& m : transcript.markup) skip.push_back({m.start, m.end});
  std::map<std::string, std::vector<uint32_t>> terms;
  SurfaceMap surfaces;
  collect(transcript.body, skip, Field::kBody, analyzer, terms, &out.body_len, surfaces);
  collect(transcript.title, {}, Field::kTitle, analyzer, terms, &out.title_len, surfaces);
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
  collect_values(entities, Field::kEntity, analyzer, terms);
  collect_values(roles, Field::kRole, analyzer, terms);
  out.terms.assign(std::make_move_iterator(terms.begin()), std::make_move_iterator(terms.end()));
  out.content_hash = content_hash(transcript);
  out.transcript = std::move(transcript);
  return out;
}

uint32_t SegmentBuilder::intern(const std::string& value) {
  auto [it, inserted] = m_string_ids.try_emplace(value, static_cast<uint32_t>(m_strings.size()));
  if (inserted) m_strings.push_back(value);
  return it->second;
}

uint32_t SegmentBuilder::add(const AnalyzedDoc& d) {
  const uint32_t id = doc_count();
  for (const auto& [key, positions] : d.terms) {
    auto [it, inserted] = m_postings.try_emplace(key);
    if (inserted) m_memory += key.size() + 64;
    // Block bounds use the field's length norm; fields without a stored length count as 1.
    const auto field = static_cast<Field>(key[0]);
    const uint32_t length = field == Field::kBody    ? d.body_len
                            : field == Field::kTitle ? d.title_len
                                                     : 1;
    it->second.add(id, positions, length);
    m_memory += 12 + positions.size() * 4;
  }
  const auto& t = d.transcript;
  ColumnRow row;
  row.date = core::parse_iso_date(t.date).value_or(core::kNoDate);
  row.show = intern(t.show);
  row.source = intern(t.source);
  row.body_len = d.body_len;
  row.title_len = d.title_len;
  row.content_hash = d.content_hash;
  m_columns.push_back(row);
  m_field_tokens[static_cast<size_t>(Field::kBody)] += d.body_len;
  m_field_tokens[static_cast<size_t>(Field::kTitle)] += d.title_len;
  for (const auto& entry : d.sounds)
    if (m_sounds.insert(entry).second) m_memory += entry.size() + 48;
  m_ids.push_back(t.id);
  m_titles.push_back(t.title);
  m_stored.push_back(encode_stored_doc(t));
  m_memory += m_stored.back().size() + t.id.size() + t.title.size() + sizeof(ColumnRow) + 64;
  return id;
}

std::string SegmentBuilder::serialize() const {
  std::string file;
  std::vector<std::tuple<Section, uint64_t, uint64_t>> sections;
  auto begin_section = [&] { return static_cast<uint64_t>(file.size()); };
  auto end_section = [&](Section s, uint64_t start) {
    sections.emplace_back(s, start, file.size() - start);
  };

  // Postings, then the term dictionary pointing into them.
  std::vector<const std::pair<const std::string, PostingsEncoder>*> terms;
  terms.reserve(m_postings.size());
  for (const auto& entry : m_postings) terms.push_back(&entry);
  std::sort(terms.begin(), terms.end(), [](auto* a, auto* b) { return a->first < b->first; });

  std::vector<std::pair<uint64_t, uint64_t>> blob_ranges(terms.size());
  std::vector<uint32_t> dfs(terms.size());
  uint64_t start = begin_section();
  for (size_t i = 0; i < terms.size(); ++i) {
    const PostingsEncoder& enc = terms[i]->second;
    dfs[i] = enc.doc_count();
    uint64_t off = file.size() - start;
    enc.append_to(file);
    blob_ranges[i] = {off, file.size() - start - off};
  }
  file.append(kPostingsPadding, '\0');  // the SIMD decoder may load past a blob's last byte
  end_section(Section::kPostings, start);

  std::vector<uint32_t> block_offsets;
  start = begin_section();
  std::string_view prev;
  for (size_t i = 0; i < terms.size(); ++i) {
    std::string_view term = terms[i]->first;
    size_t shared = 0;
    if (i % kTermBlockSize == 0) {
      block_offsets.push_back(static_cast<uint32_t>(file.size() - start));
    } else {
      while (shared < prev.size() && shared < term.size() && prev[shared] == term[shared]) ++shared;
    }
    core::put_varint(file, shared);
    core::put_varint(file, term.size() - shared);
    file.append(term.substr(shared));
    core::put_varint(file, dfs[i]);
    core::put_varint(file, blob_ranges[i].first);
    core::put_varint(file, blob_ranges[i].second);
    prev = term;
  }
  end_section(Section::kTermDict, start);
  start = begin_section();
  for (uint32_t off : block_offsets) core::put_fixed32(file, off);
  core::put_fixed64(file, terms.size());
  end_section(Section::kTermIndex, start);

  // Stored documents.
  start = begin_section();
  std::vector<uint64_t> store_offsets;
  for (const auto& frame : m_stored) {
    store_offsets.push_back(file.size() - start);
    file += frame;
  }
  store_offsets.push_back(file.size() - start);
  end_section(Section::kStore, start);
  start = begin_section();
  for (uint64_t off : store_offsets) core::put_fixed64(file, off);
  end_section(Section::kStoreIndex, start);

  // Columns.
  start = begin_section();
  for (const auto& row : m_columns) {
    core::put_fixed32(file, static_cast<uint32_t>(row.date));
    core::put_fixed32(file, row.show);
    core::put_fixed32(file, row.source);
    core::put_fixed32(file, row.body_len);
    core::put_fixed32(file, row.title_len);
    core::put_fixed64(file, row.content_hash);
  }
  end_section(Section::kColumns, start);
  start = begin_section();
  core::put_varint(file, m_strings.size());
  for (const auto& s : m_strings) {
    core::put_varint(file, s.size());
    file += s;
  }
  end_section(Section::kStrings, start);

  // Per-document strings (external ids, titles): a blob in doc order plus u32 offsets.
  auto write_strings = [&](const std::vector<std::string>& values, Section blob, Section offsets) {
    uint64_t at = begin_section();
    std::vector<uint32_t> offs;
    for (const auto& v : values) {
      offs.push_back(static_cast<uint32_t>(file.size() - at));
      file += v;
    }
    offs.push_back(static_cast<uint32_t>(file.size() - at));
    end_section(blob, at);
    at = begin_section();
    for (uint32_t off : offs) core::put_fixed32(file, off);
    end_section(offsets, at);
  };
  write_strings(m_ids, Section::kIdBlob, Section::kIdStrings);
  write_strings(m_titles, Section::kTitleBlob, Section::kTitleOffsets);
  std::vector<std::string> sounds(m_sounds.begin(), m_sounds.end());
  std::sort(sounds.begin(), sounds.end());
  write_strings(sounds, Section::kSoundBlob, Section::kSoundOffsets);
  std::vector<uint32_t> by_id(m_ids.size());
  for (uint32_t i = 0; i < by_id.size(); ++i) by_id[i] = i;
  std::sort(by_id.begin(), by_id.end(),
            [&](uint32_t a, uint32_t b) { return m_ids[a] < m_ids[b]; });
  start = begin_section();
  for (uint32_t d : by_id) core::put_fixed32(file, d);
  end_section(Section::kIds, start);

  start = begin_section();
  for (uint64_t n : m_field_tokens) core::put_fixed64(file, n);
  end_section(Section::kFieldStats, start);

  // Footer.
  for (const auto& [id, off, len] : sections) {
    core::put_fixed32(file, static_cast<uint32_t>(id));
    core::put_fixed64(file, off);
    core::put_fixed64(file, len);
  }
  core::put_fixed32(file, static_cast<uint32_t>(sections.size()));
  core::put_fixed32(file, kSegmentVersion);
  core::put_fixed64(file, core::hash64(file));
  file.append(kSegmentMagic);
  return file;
}

}  // namespace newsdex::index
