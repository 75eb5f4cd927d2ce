// Postings codec v1: one blob per term. Layout (all integers LEB128 varints):
//
//   doc_count | docs_bytes | docs: (doc_gap, freq)* | positions: for each doc, freq position gaps
//
// Doc ids are gaps from the previous doc (the first from 0); positions are gaps within a doc.
// Keeping positions after all docs lets boolean queries iterate docs without touching positions.
// This is the correctness-first codec of v0.1; block codecs (SIMD, skip data) replace it behind
// the same cursor contract.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace newsdex::index {

inline constexpr uint32_t kEndDoc = UINT32_MAX;  // the cursor's sentinel

class PostingsEncoder {
 public:
  // Docs must be added in strictly increasing order; positions ascending, size >= 1.
  void add(uint32_t doc, std::span<const uint32_t> positions);
  // Appends the finished blob to `out`.
  void append_to(std::string& out) const;
  uint32_t doc_count() const { return m_count; }

 private:
  std::string m_docs;
  std::string m_positions;
  uint32_t m_last_doc = 0;
  uint32_t m_count = 0;
};

// Iterates one term's postings. Contract: starts on the first doc (or kEndDoc when empty);
// next() and seek() never move backwards; after the end, doc() is kEndDoc forever. Every decode
// is bounds-checked: a corrupt blob ends the cursor and sets corrupt().
class PostingsCursor {
 public:
  PostingsCursor() = default;
  explicit PostingsCursor(std::span<const uint8_t> blob);

  uint32_t doc() const { return m_doc; }
  uint32_t freq() const { return m_freq; }
  uint32_t doc_count() const { return m_count; }
  bool corrupt() const { return m_corrupt; }
  void next();
  // Moves to the first doc >= target.
  void seek(uint32_t target);
  // Positions of the current doc, decoded on demand.
  const std::vector<uint32_t>& positions();

 private:
  void fail();
  const uint8_t* m_docs = nullptr;
  const uint8_t* m_docs_end = nullptr;
  const uint8_t* m_pos = nullptr;      // positions of docs not yet consumed
  const uint8_t* m_pos_end = nullptr;
  uint32_t m_count = 0;
  uint32_t m_index = 0;                // index of the current doc
  uint32_t m_doc = kEndDoc;
  uint32_t m_freq = 0;
  bool m_positions_decoded = false;
  bool m_corrupt = false;
  std::vector<uint32_t> m_positions;
};

}  // namespace newsdex::index
