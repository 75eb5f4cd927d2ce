#include "newsdex/index/storage/deletion_index.hpp"

#include <algorithm>

#include "newsdex/core/hash.hpp"
#include "newsdex/index/storage/segment.hpp"

namespace newsdex::index {
namespace {

uint32_t key_of(std::string_view s) {
  return static_cast<uint32_t>(core::hash64(s) >> 32);
}

}  // namespace

DeletionIndex::DeletionIndex(const TermList& terms) {
  for (size_t i = 0; i < terms.size(); ++i) {
    const std::string_view term = terms.term(i);
    if (term.size() > kMaxTermLength) continue;
    for_each_deletion(term, kMaxEdits, [&](std::string_view s) {
      m_entries.push_back(uint64_t{key_of(s)} << 32 | i);
    });
  }
  std::sort(m_entries.begin(), m_entries.end());
  m_entries.erase(std::unique(m_entries.begin(), m_entries.end()), m_entries.end());
  m_entries.shrink_to_fit();
  m_directory.assign((size_t{1} << kDirectoryBits) + 1, 0);
  size_t e = 0;
  for (size_t b = 0; b <= (size_t{1} << kDirectoryBits); ++b) {
    while (e < m_entries.size() && (m_entries[e] >> (64 - kDirectoryBits)) < b) ++e;
    m_directory[b] = static_cast<uint32_t>(e);
  }
}

void DeletionIndex::candidates(std::string_view word, int max, std::vector<uint32_t>& out) const {
  out.clear();
  if (m_entries.empty()) return;
  for_each_deletion(word, max, [&](std::string_view s) {
    const uint32_t key = key_of(s);
    const size_t b = key >> (32 - kDirectoryBits);
    auto it = std::lower_bound(m_entries.begin() + m_directory[b],
                               m_entries.begin() + m_directory[b + 1], uint64_t{key} << 32);
    for (; it != m_entries.end() && (*it >> 32) == key; ++it)
      out.push_back(static_cast<uint32_t>(*it));
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace newsdex::index
