// Symmetric-delete neighbourhoods of a term list (SymSpell's idea): every term is filed under each
// string that deleting up to kMaxEdits of its bytes leaves. Two words within k <= kMaxEdits edits
// of each other (optimal string alignment: an insertion, a deletion, a substitution or an adjacent
// transposition each count one) share such a string reached by at most k deletions on each side,
// so the terms within k of a word are among those filed under the word's own <= k deletions: a
// few dozen lookups instead of a dictionary scan. Candidates are a superset; the caller checks
// each with analysis::edit_distance.
//
// Terms longer than kMaxTermLength bytes are not filed (their neighbourhoods grow quadratically
// and no caption word is that long): covers() says whether a lookup is complete for a word.
// Strings are filed by a 32-bit hash, so a lookup may also return terms whose deletion only
// collides with one of the word's: harmless, the caller's check drops them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsdex::index {

class TermList;

class DeletionIndex {
 public:
  static constexpr int kMaxEdits = 2;
  static constexpr size_t kMaxTermLength = 16;

  DeletionIndex() = default;
  explicit DeletionIndex(const TermList& terms);

  // Whether every term within `max` edits of a word of `length` bytes is filed.
  static bool covers(size_t length, int max) {
    return max >= 0 && max <= kMaxEdits && length + static_cast<size_t>(max) <= kMaxTermLength;
  }
  // The indexes (into the TermList) of every filed term sharing a string of <= max deletions with
  // `word`, sorted and distinct. Precondition: covers(word.size(), max).
  void candidates(std::string_view word, int max, std::vector<uint32_t>& out) const;
  size_t entry_count() const { return m_entries.size(); }

 private:
  static constexpr unsigned kDirectoryBits = 18;
  // (hash of the deleted string >> 32) << 32 | term index, sorted; m_directory[b] is the first
  // entry whose hash's top kDirectoryBits bits are >= b (one extra end slot).
  std::vector<uint64_t> m_entries;
  std::vector<uint32_t> m_directory;
};

// The 32-bit key a string is filed under: a polynomial hash of its bytes (mod 2^64), mixed
// (MurmurHash3's finaliser) with its length, top half. Polynomial so that for_each_deletion_key
// can make the key of every deletion from prefix hashes in a few multiplications instead of
// copying and hashing each string (most of the in-memory build, which every process pays on its
// first fuzzy or robust query). Not stored anywhere: the index is built in memory.
namespace deletion_key_detail {
inline constexpr uint64_t kBase = 0x100000001b3ull;  // odd
inline uint32_t finish(uint64_t poly, size_t length) {
  uint64_t x = poly ^ (uint64_t{length} * 0x9e3779b97f4a7c15ull);
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return static_cast<uint32_t>(x >> 32);
}
}  // namespace deletion_key_detail

inline uint32_t deletion_key(std::string_view s) {
  uint64_t poly = 0;
  for (char c : s) poly = poly * deletion_key_detail::kBase + (static_cast<uint8_t>(c) + 1u);
  return deletion_key_detail::finish(poly, s.size());
}

// Calls fn(string) for `word` and every distinct string left by deleting 1..max of its bytes
// (max <= 2); a string may be produced more than once when the word repeats a byte.
template <class Fn>
void for_each_deletion(std::string_view word, int max, Fn&& fn) {
  fn(word);
  if (max < 1) return;
  std::string_view w = word;
  char one[64];
  char two[64];
  const size_t n = w.size();
  if (n > sizeof(one)) return;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && w[i] == w[i - 1]) continue;  // deleting either byte of a run leaves the same
    size_t k = 0;
    for (size_t x = 0; x < n; ++x)
      if (x != i) one[k++] = w[x];
    fn(std::string_view(one, n - 1));
    if (max < 2) continue;
    // The second deletion after the first one's position (j >= i in the shortened word), so each
    // pair of positions is taken once.
    for (size_t j = i; j + 1 < n; ++j) {
      if (j > i && one[j] == one[j - 1]) continue;
      size_t m = 0;
      for (size_t x = 0; x + 1 < n; ++x)
        if (x != j) two[m++] = one[x];
      fn(std::string_view(two, n - 2));
    }
  }
}

// Calls fn(deletion_key(s)) for the strings for_each_deletion(word, max, ...) yields, in the same
// order, without making them: each key comes from the word's prefix hashes.
template <class Fn>
void for_each_deletion_key(std::string_view w, int max, Fn&& fn) {
  using deletion_key_detail::finish;
  using deletion_key_detail::kBase;
  const size_t n = w.size();
  if (max < 1 || n > 64) {  // as for_each_deletion: the word alone
    fn(deletion_key(w));
    return;
  }
  uint64_t pre[65];  // pre[k]: hash of w[0, k)
  uint64_t pw[65];   // kBase^k
  pre[0] = 0;
  pw[0] = 1;
  for (size_t k = 0; k < n; ++k) {
    pre[k + 1] = pre[k] * kBase + (static_cast<uint8_t>(w[k]) + 1u);
    pw[k + 1] = pw[k] * kBase;
  }
  // Hash of w[a, b).
  const auto part = [&](size_t a, size_t b) { return pre[b] - pre[a] * pw[b - a]; };
  fn(finish(pre[n], n));
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && w[i] == w[i - 1]) continue;
    const uint64_t head = pre[i];
    fn(finish(head * pw[n - 1 - i] + part(i + 1, n), n - 1));
    if (max < 2) continue;
    // for_each_deletion's second deletion at j >= i of the shortened word is w's byte j + 1; it
    // skips j > i when that byte repeats the one before it (w[j + 1] == w[j]).
    for (size_t b = i + 1; b < n; ++b) {
      if (b > i + 1 && w[b] == w[b - 1]) continue;
      fn(finish(head * pw[n - 2 - i] + part(i + 1, b) * pw[n - 1 - b] + part(b + 1, n), n - 2));
    }
  }
}

}  // namespace newsdex::index
