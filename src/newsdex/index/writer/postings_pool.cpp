#include "newsdex/index/writer/postings_pool.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace newsdex::index {

void PostingsPool::add_slow(List& list, uint32_t doc, std::span<const uint32_t> positions) {
  put(list, doc);
  put(list, static_cast<uint32_t>(positions.size()));
  uint32_t last = 0;
  for (uint32_t pos : positions) {
    put(list, pos - last);
    last = pos;
  }
}

void PostingsPool::new_slice(List& list) {
  const uint32_t size = slice_values(list.level);
  if (kBlockValues - m_used < size) {  // slices do not cross blocks: the rest of this one is left
    if (m_blocks.size() >= (size_t{1} << (32 - kBlockBits)))
      throw std::length_error("postings pool: more than 4 Gi values");
    m_blocks.emplace_back(new uint32_t[kBlockValues]);
    m_used = 0;
  }
  const uint32_t address = static_cast<uint32_t>((m_blocks.size() - 1) << kBlockBits) | m_used;
  m_used += size;
  if (list.head == kNoSlice)
    list.head = address;
  else
    *list.end = address;  // the full slice's link
  list.tail = at(address);
  list.end = list.tail + size - 1;
  list.level = std::min(list.level + 1, kMaxLevel);
}

void PostingsPool::read(const List& list, uint32_t* docs, uint32_t* freqs, uint32_t* gaps) const {
  // Walks the slices; `p` to `stop` is what is left of the current one, and `stop` is its link
  // slot (written once the list went on past it, so it is read only then).
  const uint32_t* p = nullptr;
  const uint32_t* stop = nullptr;
  uint32_t level = 0;
  auto advance = [&] {
    p = at(stop == nullptr ? list.head : *stop);
    stop = p + slice_values(level) - 1;
    level = std::min(level + 1, kMaxLevel);
  };
  for (uint32_t d = 0; d < list.count; ++d) {
    if (p == stop) advance();
    docs[d] = *p++;
    if (p == stop) advance();
    const uint32_t freq = *p++;
    freqs[d] = freq;
    // The document's gaps: most documents have one or two, mostly in the current slice.
    if (freq == 1 && p != stop) {
      *gaps++ = *p++;
      continue;
    }
    for (uint32_t left = freq; left > 0;) {
      if (p == stop) advance();
      const uint32_t run = std::min<uint32_t>(left, static_cast<uint32_t>(stop - p));
      std::memcpy(gaps, p, size_t{run} * sizeof(uint32_t));
      gaps += run;
      p += run;
      left -= run;
    }
  }
}

}  // namespace newsdex::index
