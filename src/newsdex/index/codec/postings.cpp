#include "newsdex/index/codec/postings.hpp"

#include "newsdex/core/varint.hpp"

namespace newsdex::index {

void PostingsEncoder::add(uint32_t doc, std::span<const uint32_t> positions) {
  core::put_varint(m_docs, m_count == 0 ? doc : doc - m_last_doc);
  core::put_varint(m_docs, positions.size());
  uint32_t last = 0;
  for (uint32_t p : positions) {
    core::put_varint(m_positions, p - last);
    last = p;
  }
  m_last_doc = doc;
  ++m_count;
}

void PostingsEncoder::append_to(std::string& out) const {
  core::put_varint(out, m_count);
  core::put_varint(out, m_docs.size());
  out += m_docs;
  out += m_positions;
}

PostingsCursor::PostingsCursor(std::span<const uint8_t> blob) {
  const uint8_t* p = blob.data();
  const uint8_t* end = p + blob.size();
  uint64_t count = 0, docs_bytes = 0;
  if (!core::get_varint(&p, end, &count) || !core::get_varint(&p, end, &docs_bytes) ||
      docs_bytes > static_cast<uint64_t>(end - p) || count > UINT32_MAX) {
    fail();
    return;
  }
  m_count = static_cast<uint32_t>(count);
  m_docs = p;
  m_docs_end = p + docs_bytes;
  m_pos = m_docs_end;
  m_pos_end = end;
  m_index = 0;
  m_doc = 0;
  m_freq = 0;
  m_positions_decoded = true;  // nothing to skip before the first doc
  if (m_count == 0) {
    m_doc = kEndDoc;
    return;
  }
  // Read the first doc.
  uint32_t gap = 0, freq = 0;
  if (!core::get_varint32(&m_docs, m_docs_end, &gap) ||
      !core::get_varint32(&m_docs, m_docs_end, &freq) || freq == 0) {
    fail();
    return;
  }
  m_doc = gap;
  m_freq = freq;
  m_positions_decoded = false;
}

void PostingsCursor::fail() {
  m_corrupt = true;
  m_doc = kEndDoc;
  m_freq = 0;
}

void PostingsCursor::next() {
  if (m_doc == kEndDoc) return;
  if (!m_positions_decoded) {
    // Skip this doc's positions so m_pos stays aligned with the next doc.
    for (uint32_t i = 0; i < m_freq; ++i) {
      uint64_t ignored = 0;
      if (!core::get_varint(&m_pos, m_pos_end, &ignored)) {
        fail();
        return;
      }
    }
  }
  if (++m_index >= m_count) {
    m_doc = kEndDoc;
    m_freq = 0;
    return;
  }
  uint32_t gap = 0, freq = 0;
  if (!core::get_varint32(&m_docs, m_docs_end, &gap) ||
      !core::get_varint32(&m_docs, m_docs_end, &freq) || freq == 0 || gap == 0 ||
      gap > kEndDoc - 1 - m_doc) {
    fail();
    return;
  }
  m_doc += gap;
  m_freq = freq;
  m_positions_decoded = false;
}

void PostingsCursor::seek(uint32_t target) {
  while (m_doc < target) next();
}

const std::vector<uint32_t>& PostingsCursor::positions() {
  if (!m_positions_decoded) {
    m_positions.clear();
    uint32_t last = 0;
    for (uint32_t i = 0; i < m_freq; ++i) {
      uint32_t gap = 0;
      if (!core::get_varint32(&m_pos, m_pos_end, &gap)) {
        m_positions.clear();
        fail();
        return m_positions;
      }
      last += gap;
      m_positions.push_back(last);
    }
    m_positions_decoded = true;
  }
  return m_positions;
}

}  // namespace newsdex::index
