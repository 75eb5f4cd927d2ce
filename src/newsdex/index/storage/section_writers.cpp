#include "newsdex/index/storage/section_writers.hpp"

#include <algorithm>
#include <numeric>

#include "newsdex/core/varint.hpp"

namespace newsdex::index {

void TermDictWriter::add(std::string_view key, uint32_t df, uint64_t offset, uint64_t length) {
  size_t shared = 0;
  if (m_count % kTermBlockSize == 0) {
    m_block_offsets.push_back(static_cast<uint32_t>(m_dict.size()));
  } else {
    while (shared < m_prev.size() && shared < key.size() && m_prev[shared] == key[shared]) ++shared;
  }
  core::put_varint(m_dict, shared);
  core::put_varint(m_dict, key.size() - shared);
  m_dict.append(key.substr(shared));
  core::put_varint(m_dict, df);
  core::put_varint(m_dict, offset);
  core::put_varint(m_dict, length);
  m_prev.assign(key);
  ++m_count;
}

void TermDictWriter::write(SegmentFileWriter& out) const {
  write_section(out, Section::kTermDict, m_dict);
  std::string index;
  index.reserve(m_block_offsets.size() * 4 + 8);
  for (uint32_t off : m_block_offsets) core::put_fixed32(index, off);
  core::put_fixed64(index, m_count);
  write_section(out, Section::kTermIndex, index);
}

void DocStringsWriter::add(std::string_view value) {
  m_blob.append(value);
  m_offsets.push_back(static_cast<uint32_t>(m_blob.size()));
}

void DocStringsWriter::write(SegmentFileWriter& out, Section blob, Section offsets) const {
  write_section(out, blob, m_blob);
  std::string offs;
  offs.reserve(m_offsets.size() * 4);
  for (uint32_t off : m_offsets) core::put_fixed32(offs, off);
  write_section(out, offsets, offs);
}

void append_column_row(std::string& out, const ColumnRow& row) {
  core::put_fixed32(out, static_cast<uint32_t>(row.date));
  core::put_fixed32(out, row.show);
  core::put_fixed32(out, row.source);
  core::put_fixed32(out, row.body_len);
  core::put_fixed32(out, row.title_len);
  core::put_fixed64(out, row.content_hash);
}

std::string encode_string_table(const std::vector<std::string>& values) {
  std::string out;
  core::put_varint(out, values.size());
  for (const auto& s : values) {
    core::put_varint(out, s.size());
    out += s;
  }
  return out;
}

std::string encode_id_order(const DocStringsWriter& ids) {
  std::vector<uint32_t> by_id(ids.size());
  std::iota(by_id.begin(), by_id.end(), 0u);
  std::sort(by_id.begin(), by_id.end(),
            [&](uint32_t a, uint32_t b) { return ids.at(a) < ids.at(b); });
  std::string out;
  out.reserve(by_id.size() * 4);
  for (uint32_t d : by_id) core::put_fixed32(out, d);
  return out;
}

std::string encode_field_stats(const uint64_t (&tokens)[kFieldCount]) {
  std::string out;
  for (uint64_t n : tokens) core::put_fixed64(out, n);
  return out;
}

}  // namespace newsdex::index
