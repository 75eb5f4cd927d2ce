#include "newsdex/query/exec/robust_match.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace newsdex::query {

void keep_best_per_position(std::vector<SlotHit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const SlotHit& x, const SlotHit& y) {
    return x.position != y.position ? x.position < y.position : x.weight > y.weight;
  });
  hits.erase(
      std::unique(hits.begin(), hits.end(),
                  [](const SlotHit& x, const SlotHit& y) { return x.position == y.position; }),
      hits.end());
}

int robust_max_misses(size_t words) {
  return words <= 2 ? 0 : words <= 7 ? 1 : 2;
}

AlignOptions robust_align_options(size_t words, bool tolerant) {
  AlignOptions options;
  options.max_misses = tolerant ? robust_max_misses(words) : 0;
  options.allow_inserts = tolerant;
  options.min_matched = std::min<size_t>(2, words);
  // Half the words (rounded up) as typed: approximate matches with one exact stop word ("in the
  // better" for "in capital letters") are noise.
  options.min_exact = tolerant ? (words + 1) / 2 : 0;
  return options;
}

namespace {

constexpr double kInsertPenalty = 0.25;
constexpr double kNone = -std::numeric_limits<double>::infinity();

struct State {
  double quality = kNone;
  int misses = 0;
  int inserts = 0;
  int prev_slot = -1;  // slot of the previous matched hit, -1 when this hit starts the chain
  size_t prev_hit = 0;
  int prev_misses = 0;  // the state index (misses) of the previous hit
};

}  // namespace

std::vector<Chain> align_phrase(const std::vector<std::vector<SlotHit>>& slots,
                                const AlignOptions& options, size_t max_chains) {
  const int n = static_cast<int>(slots.size());
  const int M = std::max(0, options.max_misses);
  std::vector<Chain> chains;
  if (n == 0) return chains;
  // best(i, h, m): best chain over slots 0..i that matches slot i at hit h with m misses so far.
  // One flat table, reused across calls on this thread (this runs once per candidate document).
  thread_local std::vector<State> table;
  thread_local std::vector<size_t> base;
  base.assign(static_cast<size_t>(n) + 1, 0);
  for (int i = 0; i < n; ++i) base[i + 1] = base[i] + slots[i].size();
  const size_t width = static_cast<size_t>(M) + 1;
  table.assign(base[n] * width, State{});
  auto best = [&](int i, size_t h) { return table.data() + (base[i] + h) * width; };
  for (int i = 0; i < n; ++i) {
    for (size_t h = 0; h < slots[i].size(); ++h) {
      const SlotHit& hit = slots[i][h];
      State* here = best(i, h);
      if (i <= M) {  // start here; the i words before are missing
        here[i].quality = hit.weight;
        here[i].misses = i;
      }
      // From slot k = i-1-skipped, with `skipped` missing words in between.
      for (int skipped = 0; skipped <= M && i - 1 - skipped >= 0; ++skipped) {
        const int k = i - 1 - skipped;
        const uint32_t span = static_cast<uint32_t>(i - k);
        // Allowed distance: each missing word takes 0..2 tokens, plus one inserted token.
        const uint32_t max_gap = 2 * span - (options.allow_inserts ? 0 : 1);
        const uint32_t lo = hit.position >= max_gap ? hit.position - max_gap : 0;
        const auto& prev = slots[k];
        auto it = std::lower_bound(prev.begin(), prev.end(), lo,
                                   [](const SlotHit& a, uint32_t p) { return a.position < p; });
        for (; it != prev.end() && it->position < hit.position; ++it) {
          const uint32_t gap = hit.position - it->position;
          if (skipped == 0 && gap > (options.allow_inserts ? 2u : 1u)) continue;
          const int inserts = gap > span ? static_cast<int>(gap - span) : 0;
          const size_t g = static_cast<size_t>(it - prev.begin());
          for (int m = 0; m + skipped <= M; ++m) {
            const State& from = best(k, g)[m];
            if (from.quality == kNone) continue;
            const double q = from.quality + hit.weight - kInsertPenalty * inserts;
            State& to = here[m + skipped];
            if (q > to.quality) {
              to.quality = q;
              to.misses = m + skipped;
              to.inserts = from.inserts + inserts;
              to.prev_slot = k;
              to.prev_hit = g;
              to.prev_misses = m;
            }
          }
        }
      }
    }
  }
  // Chain ends: slot i matched last, the n-1-i words after it missing.
  struct End {
    double quality;
    int slot;
    size_t hit;
    int misses;
  };
  thread_local std::vector<End> ends;
  ends.clear();
  for (int i = 0; i < n; ++i)
    for (size_t h = 0; h < slots[i].size(); ++h)
      for (int m = 0; m <= M; ++m) {
        const State& s = best(i, h)[m];
        const int total = m + (n - 1 - i);
        if (s.quality == kNone || total > M) continue;
        if (static_cast<size_t>(n - total) < options.min_matched) continue;
        ends.push_back({s.quality, i, h, m});
      }
  std::sort(ends.begin(), ends.end(), [](const End& a, const End& b) {
    if (a.quality != b.quality) return a.quality > b.quality;
    return std::tie(a.slot, a.hit) < std::tie(b.slot, b.hit);
  });
  std::vector<std::pair<uint32_t, uint32_t>> taken;  // position ranges of chains kept
  for (const End& e : ends) {
    if (chains.size() >= max_chains) break;
    Chain c;
    c.quality = e.quality;
    c.matched.assign(n, false);
    c.hits.assign(n, SlotHit{});
    int slot = e.slot;
    size_t hit = e.hit;
    int m = e.misses;
    int inserts = best(slot, hit)[m].inserts;
    while (slot >= 0) {
      const State& s = best(slot, hit)[m];
      c.matched[slot] = true;
      c.hits[slot] = slots[slot][hit];
      const int ps = s.prev_slot;
      const size_t ph = s.prev_hit;
      const int pm = s.prev_misses;
      slot = ps;
      hit = ph;
      m = pm;
    }
    bool first_set = false;
    bool all_exact = true;
    for (int i = 0; i < n; ++i) {
      if (!c.matched[i]) {
        all_exact = false;
        continue;
      }
      if (!first_set) c.first = c.hits[i].position, first_set = true;
      c.last = c.hits[i].position;
      all_exact = all_exact && c.hits[i].weight >= 1.0;
    }
    c.exact = all_exact && inserts == 0;
    size_t exact_words = 0;
    for (int i = 0; i < n; ++i) exact_words += c.matched[i] && c.hits[i].weight >= 1.0;
    if (exact_words < options.min_exact) continue;
    bool overlaps = false;
    for (auto [a, b] : taken) overlaps = overlaps || !(c.last < a || c.first > b);
    if (overlaps) continue;
    taken.emplace_back(c.first, c.last);
    chains.push_back(std::move(c));
  }
  return chains;
}

// Counts word j for the probes (of every anchor word but j) that one of its occurrences `q` can
// follow or precede in a chain (once per probe, however many of its alternatives do). Per group
// both ends of the range grow with the probe's position, so one sweep over q serves the whole
// group.
void ChainFilter::check(std::span<const uint32_t> q, bool as_typed, size_t j,
                        const AlignOptions& options) {
  const auto tag = static_cast<uint32_t>(j + 1);
  const auto misses = static_cast<uint32_t>(std::max(0, options.max_misses));
  for (const Group& g : m_groups) {
    if (g.word == j) continue;
    const bool after = g.word < j;  // j's occurrence comes after the probe
    const auto apart = static_cast<uint32_t>(after ? j - g.word : g.word - j);
    const uint32_t near = apart > misses + 1 ? apart - misses : 1;
    const uint32_t far = options.allow_inserts ? 2 * apart : misses == 0 ? apart : 2 * apart - 1;
    size_t y = 0;
    for (size_t x = g.begin; x < g.end; ++x) {
      Probe& probe = m_probes[x];
      uint32_t lo, hi;
      if (after) {
        lo = probe.position + near;
        hi = probe.position + far;
      } else {
        if (probe.position < near) continue;
        lo = probe.position >= far ? probe.position - far : 0;
        hi = probe.position - near;
      }
      while (y < q.size() && q[y] < lo) ++y;
      if (y == q.size()) break;
      if (q[y] > hi) continue;
      if (probe.any_word != tag) {  // several alternatives of word j count once
        probe.any_word = tag;
        ++probe.any;
      }
      if (as_typed && probe.exact_word != tag) {
        probe.exact_word = tag;
        ++probe.exact;
      }
    }
  }
}

}  // namespace newsdex::query
