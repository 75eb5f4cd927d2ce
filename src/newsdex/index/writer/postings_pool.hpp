// PostingsPool: the segment builder's in-memory postings. Each term's postings are one stream of
// 32-bit values — per document its id, its frequency, then its position gaps (within the
// document, the first from 0) — written into slices of a few large shared blocks (Lucene's
// byte-slice pool, with 32-bit values instead of bytes): a term's first slice holds 7 values, each
// next one twice as many up to 1,023, and the last value of a full slice is the address of the
// next. Adding a posting touches one place in memory (the term's current slice) instead of the
// ends of four growing arrays, and nothing is reallocated, copied or freed per term while a
// segment is built. A flush reads each term's stream back into flat arrays (read()).
//
// The flush threshold does not count the pool: the builder's estimate is what four growing
// vectors per term (doc ids, frequencies, field lengths, positions) would hold, as before the
// pool, so segments are cut where they always were (estimated_bytes()).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace newsdex::index {

class PostingsPool {
 public:
  // One term's postings (kept by the caller, e.g. in a hash map's nodes).
  struct List {
    uint32_t* tail = nullptr;  // where the next value goes
    uint32_t* end = nullptr;   // the current slice's link slot (one past its last value)
    uint32_t head = kNoSlice;  // address of the first slice
    uint32_t count = 0;        // documents
    uint32_t positions = 0;    // positions, over all documents
    uint32_t level = 0;        // the next slice's size class
  };
  static constexpr uint32_t kNoSlice = UINT32_MAX;

  // Appends document `doc` (greater than the list's last) with its ascending `positions` (>= 1).
  void add(List& list, uint32_t doc, std::span<const uint32_t> positions) {
    const size_t n = positions.size();
    if (static_cast<size_t>(list.end - list.tail) >= n + 2) {  // the common case: room for all
      uint32_t* p = list.tail;
      *p++ = doc;
      *p++ = static_cast<uint32_t>(n);
      uint32_t last = 0;
      for (uint32_t pos : positions) {
        *p++ = pos - last;
        last = pos;
      }
      list.tail = p;
    } else {
      add_slow(list, doc, positions);
    }
    ++list.count;
    list.positions += static_cast<uint32_t>(n);
  }
  // Reads a list back: list.count doc ids and frequencies, list.positions position gaps.
  void read(const List& list, uint32_t* docs, uint32_t* freqs, uint32_t* gaps) const;
  // Asks the CPU for the cache line the list's next add() writes to.
  static void prefetch(const List& list) { __builtin_prefetch(list.tail, 1); }

  // Bytes of the blocks allocated.
  size_t memory_bytes() const { return m_blocks.size() * kBlockValues * sizeof(uint32_t); }

  // What a list of `count` documents and `positions` positions held in the builder's four
  // growing vectors of 32-bit values before the pool (a vector grown by push_back has a power of
  // two as its capacity): the flush estimate, unchanged.
  static size_t estimated_bytes(uint32_t count, uint32_t positions) {
    return (3 * capacity(count) + capacity(positions)) * sizeof(uint32_t);
  }

  static constexpr uint32_t kBlockBits = 18;  // blocks of 256 Ki values (1 MiB)
  static constexpr uint32_t kBlockValues = uint32_t{1} << kBlockBits;
  static constexpr uint32_t kMaxLevel = 7;  // slices of 8, 16, ..., 1024 values (link included)
  static constexpr uint32_t slice_values(uint32_t level) { return uint32_t{8} << level; }

 private:
  static size_t capacity(uint32_t size) { return size == 0 ? 0 : std::bit_ceil(size); }
  void add_slow(List& list, uint32_t doc, std::span<const uint32_t> positions);
  void put(List& list, uint32_t value) {
    if (list.tail == list.end) new_slice(list);
    *list.tail++ = value;
  }
  void new_slice(List& list);
  uint32_t* at(uint32_t address) const {
    return m_blocks[address >> kBlockBits].get() + (address & (kBlockValues - 1));
  }

  std::vector<std::unique_ptr<uint32_t[]>> m_blocks;
  uint32_t m_used = kBlockValues;  // values used of the last block (full: no block yet)
};

}  // namespace newsdex::index
