// Accumulates analysed documents in memory and serialises them as one immutable segment file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/index/codec/postings.hpp"
#include "newsdex/index/storage/section_writers.hpp"
#include "newsdex/index/storage/segment_file_writer.hpp"
#include "newsdex/index/storage/segment_format.hpp"

namespace newsdex::index {

// Sound dictionary entries "key\tterm" (analysis::sound_keys of a word -> its term) of one word,
// shared by every document (of one analysis thread) that has the word.
using SoundList = std::shared_ptr<const std::vector<std::string>>;

// The analysed form of one document, produced off the writer thread (analysis is the costly part).
struct AnalyzedDoc {
  doc::Transcript transcript;
  // term key (field byte + term) -> positions
  std::vector<std::pair<std::string, std::vector<uint32_t>>> terms;
  // The sound dictionary entries of each body/title word, in no order; two lists may share
  // entries (the builder keeps a set, sorted when written).
  std::vector<SoundList> sounds;
  // The stored document (encode_stored_doc of `transcript`), compressed on the analysis thread
  // so the single writer thread only appends it; empty when the document had no id yet (the
  // builder then encodes it itself, after IndexWriter::add assigned the id).
  std::string stored;
  uint32_t body_len = 0;
  uint32_t title_len = 0;
  uint64_t content_hash = 0;
};

AnalyzedDoc analyze_document(doc::Transcript transcript, analysis::Analyzer& analyzer);
uint64_t content_hash(const doc::Transcript& t);

class SegmentBuilder {
 public:
  // Returns the local doc id.
  uint32_t add(const AnalyzedDoc& doc);
  uint32_t doc_count() const { return static_cast<uint32_t>(m_columns.size()); }
  // Heap bytes held, counted from container capacities and per-allocation overheads (what the
  // flush threshold compares against; see docs/ARCHITECTURE.md, "Bounded ingest memory").
  size_t memory_bytes() const;
  // Streams the segment file to `path` (created with O_EXCL, fsynced).
  core::Result<WrittenSegment> write(const std::filesystem::path& path) const;

 private:
  uint32_t intern(const std::string& value);
  void write_to(SegmentFileWriter& out) const;
  std::unordered_map<std::string, PostingsEncoder> m_postings;
  std::vector<ColumnRow> m_columns;
  DocStringsWriter m_ids;
  DocStringsWriter m_titles;
  std::string m_stored;  // zstd frames, concatenated
  std::vector<uint64_t> m_store_offsets{0};
  std::vector<std::string> m_strings;
  std::unordered_set<std::string> m_sounds;     // sound dictionary entries "key\tterm"
  std::unordered_set<SoundList> m_sound_lists;  // the word lists whose entries are in m_sounds
  size_t m_sounds_memory = 0;
  std::unordered_map<std::string, uint32_t> m_string_ids;
  uint64_t m_field_tokens[kFieldCount] = {};
  size_t m_postings_memory = 0;  // the term table and every encoder's arrays
};

}  // namespace newsdex::index
