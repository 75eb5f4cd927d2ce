#include "newsdex/index/storage/deletion_index.hpp"

#include <algorithm>

#include "newsdex/index/storage/segment.hpp"

namespace newsdex::index {
DeletionIndex::DeletionIndex(const TermList& terms) {
  std::vector<uint64_t> raw;
  size_t most = 0;  // at most 1 + L + L (L - 1) / 2 strings for L bytes
  for (size_t i = 0; i < terms.size(); ++i) {
    const size_t l = terms.term(i).size();
    if (l <= kMaxTermLength) most += 1 + l + l * (l - 1) / 2;
  }
  raw.reserve(most);
  for (size_t i = 0; i < terms.size(); ++i) {
    const std::string_view term = terms.term(i);
    if (term.size() > kMaxTermLength) continue;
    for_each_deletion_key(term, kMaxEdits,
                          [&](uint32_t key) { raw.push_back(uint64_t{key} << 32 | i); });
  }
  // Distributed by the directory's bits (a counting sort), then each small bucket sorted and its
  // repeats dropped: linear where one sort of everything was most of the build.
  const size_t buckets = size_t{1} << kDirectoryBits;
  const auto bucket_of = [](uint64_t e) { return static_cast<size_t>(e >> (64 - kDirectoryBits)); };
  m_directory.assign(buckets + 1, 0);
  for (uint64_t e : raw) ++m_directory[bucket_of(e) + 1];
  for (size_t b = 0; b < buckets; ++b) m_directory[b + 1] += m_directory[b];
  m_entries.resize(raw.size());
  {
    std::vector<uint32_t> fill(m_directory.begin(), m_directory.end() - 1);
    for (uint64_t e : raw) m_entries[fill[bucket_of(e)]++] = e;
  }
  raw = {};
  uint32_t out = 0;
  for (size_t b = 0; b < buckets; ++b) {
    const auto first = m_entries.begin() + m_directory[b];
    const auto last = m_entries.begin() + m_directory[b + 1];
    std::sort(first, last);
    const auto end = std::unique(first, last);
    m_directory[b] = out;
    out = static_cast<uint32_t>(std::copy(first, end, m_entries.begin() + out) - m_entries.begin());
  }
  m_directory[buckets] = out;
  m_entries.resize(out);
  m_entries.shrink_to_fit();
}

void DeletionIndex::candidates(std::string_view word, int max, std::vector<uint32_t>& out) const {
  out.clear();
  if (m_entries.empty()) return;
  for_each_deletion_key(word, max, [&](uint32_t key) {
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
