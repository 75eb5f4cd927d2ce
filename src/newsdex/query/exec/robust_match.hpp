// Error-tolerant phrase alignment: given, for each word of a phrase, the positions in one document
// where one of its alternatives occurs (exactly, by edit distance or by sound), finds chains that
// read the phrase in order while tolerating what live captions do to it:
//   - an inserted token between two words (a stutter or false start: "electoral victo victory");
//   - up to `max_misses` words not found at all (garbled beyond recognition, dropped, or split),
//     each of which may occupy zero to two tokens.
// A chain's quality is the sum of the matched alternatives' weights minus 0.25 per inserted token;
// a chain is exact when every word matched itself at consecutive positions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace newsdex::query {

struct SlotHit {
  uint32_t position = 0;
  uint32_t alternative = 0;  // index into the slot's alternatives
  double weight = 1;
};

struct AlignOptions {
  int max_misses = 0;         // words that may be missing from a chain
  bool allow_inserts = true;  // one extra token between consecutive words
  size_t min_matched = 1;     // a chain must match at least this many words
  size_t min_exact = 0;       // ...and this many of them exactly (as typed, after analysis)
};

struct Chain {
  double quality = 0;
  bool exact = false;
  // Per slot, the hit used (position, alternative), or nullptr-like: matched[i] false when missed.
  std::vector<bool> matched;
  std::vector<SlotHit> hits;  // hits[i] valid when matched[i]
  uint32_t first = 0;         // first and last matched positions
  uint32_t last = 0;
};

// Sorts one slot's hits by position and keeps one per position, the best-weighted alternative
// there (what align_phrase() expects).
void keep_best_per_position(std::vector<SlotHit>& hits);

// `slots[i]` holds slot i's hits sorted by position. Returns non-overlapping chains, best first
// (greedy by quality), at most `max_chains`.
std::vector<Chain> align_phrase(const std::vector<std::vector<SlotHit>>& slots,
                                const AlignOptions& options, size_t max_chains = 64);

// The misses a phrase of n words tolerates: none up to 2 words, one up to 7, then two.
int robust_max_misses(size_t words);
// The alignment robust:"..." (tolerant) and sounds:"..." (not tolerant) use for n words.
AlignOptions robust_align_options(size_t words, bool tolerant);

// A quick test, before any alignment, of whether a document can hold a chain at all: whether
// some anchor occurrence has, at the offsets a chain through it allows, occurrences of enough
// words. A necessary condition only (every document align_phrase() finds a chain in passes);
// RobustIterator runs it on each candidate before gathering hits, and on the benchmark it turns
// away 99% of them after reading the positions of two or three words.
//
// Between two matched words i < j of a chain, each step to the next matched word covers 1 to 2
// tokens per word it advances (an inserted token, missing words of 0..2 tokens) and at most
// max_misses words between them are missing, so j's hit lies max(1, j - i - max_misses) to
// 2 (j - i) tokens after i's. A chain holds an occurrence of one of its anchors (any
// max_misses + 1 words, or any n - min_exact + 1 words as typed: the rarer set is taken), so
// through one anchor occurrence at least `need` words have an occurrence at their offset, and
// min_exact of them an occurrence as typed. Words are read rarest first, and the test stops as
// soon as no anchor occurrence can still reach both counts with the words left.
//
// `Doc` describes one document:
//   size_t words() const;                       // the phrase's words
//   void freqs(size_t word, uint32_t& any, uint32_t& exact);  // occurrences (all, as typed)
//   template <class Fn> void lists(size_t word, Fn&& fn);
//       // fn(std::span<const uint32_t> positions, bool as_typed) per alternative present,
//       // positions sorted and distinct (decoded on demand: only the words read are)
class ChainFilter {
 public:
  template <class Doc>
  bool possible(Doc& doc, const AlignOptions& options, size_t need);

 private:
  struct Probe {
    uint32_t position;
    uint32_t any;         // words with an occurrence where a chain through this one needs it
    uint32_t exact;       // ...as typed
    uint32_t any_word;    // 1 + the word that counted last in `any` (a word counts once)
    uint32_t exact_word;  // ...in `exact`
  };
  struct Group {  // the probes of one anchor word: m_probes[begin, end)
    uint32_t word;
    size_t begin;
    size_t end;
    bool read;  // that word has been read
  };
  static void insert_sorted(std::vector<size_t>& order, size_t i,
                            const std::vector<uint32_t>& freq) {
    order.push_back(i);
    for (size_t k = order.size() - 1; k > 0 && freq[order[k - 1]] > freq[i]; --k)
      std::swap(order[k - 1], order[k]);
  }
  void check(std::span<const uint32_t> q, bool as_typed, size_t j, const AlignOptions& options);

  std::vector<Probe> m_probes;
  std::vector<Group> m_groups;
  std::vector<size_t> m_by_any;    // words present, fewest occurrences first
  std::vector<size_t> m_by_exact;  // words present as typed, fewest occurrences as typed first
  std::vector<uint32_t> m_freq_any;
  std::vector<uint32_t> m_freq_exact;
};

template <class Doc>
bool ChainFilter::possible(Doc& doc, const AlignOptions& options, size_t need) {
  const size_t n = doc.words();
  const size_t want = options.min_exact;
  m_freq_any.resize(n);
  m_freq_exact.resize(n);
  m_by_any.clear();
  m_by_exact.clear();
  for (size_t i = 0; i < n; ++i) {
    doc.freqs(i, m_freq_any[i], m_freq_exact[i]);
    if (m_freq_any[i] == 0) continue;
    insert_sorted(m_by_any, i, m_freq_any);
    if (m_freq_exact[i] > 0) insert_sorted(m_by_exact, i, m_freq_exact);
  }
  // Anchors (absent words come first in either set and hold no occurrence).
  const size_t absent = n - m_by_any.size();
  const size_t by_misses = static_cast<size_t>(std::max(0, options.max_misses)) + 1;
  const size_t any_count = by_misses > absent ? std::min(by_misses - absent, m_by_any.size()) : 0;
  uint64_t cost = 0;
  for (size_t k = 0; k < any_count; ++k) cost += m_freq_any[m_by_any[k]];
  bool exact_anchors = false;
  size_t exact_count = 0;
  if (want > 0 && want <= n) {
    const size_t absent_exact = n - m_by_exact.size();
    const size_t anchors = n - want + 1;
    exact_count = anchors > absent_exact ? std::min(anchors - absent_exact, m_by_exact.size()) : 0;
    uint64_t exact_cost = 0;
    for (size_t k = 0; k < exact_count; ++k) exact_cost += m_freq_exact[m_by_exact[k]];
    exact_anchors = exact_cost < cost;
    if (exact_anchors) cost = exact_cost;
  }
  if (cost == 0) return false;
  // One probe per anchor occurrence, grouped by word and sorted by position (where two
  // alternatives share a position, the one as typed is kept).
  m_probes.clear();
  m_groups.clear();
  const auto& anchors = exact_anchors ? m_by_exact : m_by_any;
  for (size_t k = 0; k < (exact_anchors ? exact_count : any_count); ++k) {
    const size_t a = anchors[k];
    const size_t begin = m_probes.size();
    size_t lists = 0;
    doc.lists(a, [&](std::span<const uint32_t> positions, bool exact) {
      if (exact_anchors && !exact) return;
      for (uint32_t p : positions) m_probes.push_back({p, 1, exact ? 1u : 0u, 0, 0});
      ++lists;
    });
    if (lists > 1) {
      const auto first = m_probes.begin() + static_cast<std::ptrdiff_t>(begin);
      std::sort(first, m_probes.end(), [](const Probe& x, const Probe& y) {
        return x.position != y.position ? x.position < y.position : x.exact > y.exact;
      });
      m_probes.erase(
          std::unique(first, m_probes.end(),
                      [](const Probe& x, const Probe& y) { return x.position == y.position; }),
          m_probes.end());
    }
    m_groups.push_back({static_cast<uint32_t>(a), begin, m_probes.size(), false});
  }
  // Read the words present, rarest first; after each, drop the probes that can no longer reach
  // `need` words and min_exact words as typed with the words left.
  size_t open_any = m_by_any.size();
  size_t open_exact = m_by_exact.size();
  for (size_t j : m_by_any) {
    --open_any;
    open_exact -= m_freq_exact[j] > 0;
    doc.lists(j, [&](std::span<const uint32_t> positions, bool exact) {
      check(positions, exact, j, options);
    });
    bool alive = false;
    for (Group& g : m_groups) {
      if (g.word == j) g.read = true;
      // Words left that may still count for the group's probes (not their own word).
      const size_t any_left = open_any - (g.read ? 0 : 1);
      const size_t exact_left = open_exact - (!g.read && m_freq_exact[g.word] > 0 ? 1 : 0);
      // Every probe counts its own word: while one more than the words left reaches `need` and
      // the words left as typed reach min_exact, none can fall short, so none is looked at.
      if (g.end > g.begin && 1 + any_left >= need && exact_left >= want) {
        alive = true;
        continue;
      }
      size_t out = g.begin;
      for (size_t x = g.begin; x < g.end; ++x) {
        const Probe& probe = m_probes[x];
        if (probe.any + any_left >= need && probe.exact + exact_left >= want)
          m_probes[out++] = probe;
      }
      g.end = out;
      alive = alive || out > g.begin;
    }
    if (!alive) return false;
  }
  return true;
}

}  // namespace newsdex::query
