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

}  // namespace newsdex::index
