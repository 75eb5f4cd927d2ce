// Encoders for the per-segment tables that both a flush (SegmentBuilder) and a merge
// (SegmentMerger) write, so the two produce byte-identical layouts. Each states the section it
// fills; the layouts are in docs/format/segment.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/index/storage/segment_file_writer.hpp"
#include "newsdex/index/storage/segment_format.hpp"

namespace newsdex::index {

// kTermDict + kTermIndex: front-coded blocks of kTermBlockSize entries. Keys must be added in
// strictly increasing bytewise order; `offset`/`length` locate the blob in kPostings.
class TermDictWriter {
 public:
  void add(std::string_view key, uint32_t df, uint64_t offset, uint64_t length);
  void write(SegmentFileWriter& out) const;
  uint64_t count() const { return m_count; }
  size_t memory_bytes() const { return m_dict.capacity() + m_block_offsets.capacity() * 4; }

 private:
  std::string m_dict;
  std::vector<uint32_t> m_block_offsets;
  std::string m_prev;
  uint64_t m_count = 0;
};

// kIdBlob + kIdStrings, kTitleBlob + kTitleOffsets: values in doc-id order plus u32 offsets.
class DocStringsWriter {
 public:
  void add(std::string_view value);
  void write(SegmentFileWriter& out, Section blob, Section offsets) const;
  size_t memory_bytes() const { return m_blob.capacity() + m_offsets.capacity() * 4; }
  std::string_view at(uint32_t doc) const {
    return std::string_view(m_blob).substr(m_offsets[doc], m_offsets[doc + 1] - m_offsets[doc]);
  }
  uint32_t size() const { return static_cast<uint32_t>(m_offsets.size() - 1); }

 private:
  std::string m_blob;
  std::vector<uint32_t> m_offsets{0};
};

// kColumns: one kColumnRowSize row.
void append_column_row(std::string& out, const ColumnRow& row);
// kStrings: varint count, then (varint length, bytes) per value.
std::string encode_string_table(const std::vector<std::string>& values);
// kIds: doc ids sorted by external id (bytewise).
std::string encode_id_order(const DocStringsWriter& ids);
// kFieldStats: u64 total tokens per field.
std::string encode_field_stats(const uint64_t (&tokens)[kFieldCount]);

// The length a field's block bounds and BM25 use for a document: the body and title columns for
// those fields, 1 for the fields without a length norm (the understanding fields).
inline bool has_length_norm(Field field) {
  return field == Field::kBody || field == Field::kTitle;
}
inline uint32_t field_length(Field field, const ColumnRow& row) {
  return field == Field::kBody ? row.body_len : field == Field::kTitle ? row.title_len : 1;
}

}  // namespace newsdex::index
