#include "newsdex/query/exec/proximity.hpp"

#include <algorithm>
#include <limits>

namespace newsdex::query {

uint32_t count_ordered(std::span<const std::span<const uint32_t>> lists, uint32_t slop,
                       std::vector<ProximityMatch>* matches) {
  const size_t k = lists.size();
  if (k == 0) return 0;
  for (const auto& l : lists)
    if (l.empty()) return 0;
  // From each start p0 (ascending), every later word takes its first occurrence after the word
  // before it: that chain ends as early as any chain from p0 can, and chains from later starts
  // end no earlier, so every cursor only moves forward and the first start whose chain is short
  // enough gives the match that ends first.
  std::vector<size_t> at(k, 0);
  std::vector<uint32_t> chosen(k);
  uint32_t count = 0;
  int64_t after = -1;  // the next match starts after this position
  const auto gaps_allowed = static_cast<int64_t>(slop) + static_cast<int64_t>(k) - 1;
  for (uint32_t p0 : lists[0]) {
    if (static_cast<int64_t>(p0) <= after) continue;
    chosen[0] = p0;
    bool fits = true;
    for (size_t i = 1; i < k; ++i) {
      auto& j = at[i];
      while (j < lists[i].size() && lists[i][j] <= chosen[i - 1]) ++j;
      if (j == lists[i].size()) return count;  // no later start can complete a chain either
      chosen[i] = lists[i][j];
      if (static_cast<int64_t>(chosen[i]) - p0 > gaps_allowed) {
        fits = false;
        break;
      }
    }
    if (!fits) continue;
    ++count;
    after = chosen[k - 1];
    if (matches) matches->push_back(chosen);
  }
  return count;
}

namespace {

// Two words, each once: walking both lists in position order, a match ends at a position of one
// word when the other word's last position since the previous match is within the window (the
// shortest window ending there; no occurrence lies between them, or it would have matched
// first). The same matches as count_unordered_windows, without its buffers.
uint32_t count_pair(std::span<const uint32_t> a, std::span<const uint32_t> b, uint64_t width,
                    std::vector<ProximityMatch>* matches) {
  constexpr uint64_t kNone = UINT64_MAX;
  uint64_t last[2] = {kNone, kNone};
  uint32_t count = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const int word = j >= b.size() || (i < a.size() && a[i] <= b[j]) ? 0 : 1;
    const uint32_t p = word == 0 ? a[i++] : b[j++];
    const uint64_t other = last[1 - word];
    if (other != kNone && p - other <= width) {
      ++count;
      if (matches) matches->push_back({static_cast<uint32_t>(other), p});
      last[0] = last[1] = kNone;
    } else {
      last[word] = p;
    }
  }
  return count;
}

}  // namespace

uint32_t count_unordered(std::span<const std::span<const uint32_t>> lists,
                         std::span<const uint32_t> need, uint32_t slop,
                         std::vector<ProximityMatch>* matches) {
  if (lists.size() == 2 && need.size() == 2 && need[0] == 1 && need[1] == 1)
    return count_pair(lists[0], lists[1], uint64_t{1} + slop, matches);
  return count_unordered_windows(lists, need, slop, matches);
}

uint32_t count_unordered_windows(std::span<const std::span<const uint32_t>> lists,
                                 std::span<const uint32_t> need, uint32_t slop,
                                 std::vector<ProximityMatch>* matches) {
  const size_t k = lists.size();
  if (k == 0 || need.size() != k) return 0;
  uint64_t needed = 0;
  for (size_t i = 0; i < k; ++i) {
    if (lists[i].size() < need[i]) return 0;
    needed += need[i];
  }
  const uint64_t width = needed - 1 + slop;  // the largest allowed last - first
  // The positions of all words in order (a k-way merge; k is a handful of words).
  struct Event {
    uint32_t position;
    uint32_t word;
  };
  std::vector<Event> events;
  size_t total = 0;
  for (const auto& l : lists) total += l.size();
  events.reserve(total);
  std::vector<size_t> at(k, 0);
  for (;;) {
    size_t best = k;
    for (size_t i = 0; i < k; ++i)
      if (at[i] < lists[i].size() && (best == k || lists[i][at[i]] < lists[best][at[best]]))
        best = i;
    if (best == k) break;
    events.push_back({lists[best][at[best]++], static_cast<uint32_t>(best)});
  }
  // A window slides over the events; when it holds every word as often as needed, it is shrunk
  // from the left to the shortest such window ending here (the match that ends first), counted,
  // and the next window starts after it.
  std::vector<uint32_t> have(k, 0);
  size_t satisfied = 0;
  auto add = [&](const Event& e) {
    if (++have[e.word] == need[e.word]) ++satisfied;
  };
  auto remove = [&](const Event& e) {
    if (have[e.word]-- == need[e.word]) --satisfied;
  };
  uint32_t count = 0;
  size_t left = 0;
  for (size_t right = 0; right < events.size(); ++right) {
    add(events[right]);
    while (static_cast<uint64_t>(events[right].position - events[left].position) > width)
      remove(events[left++]);
    if (satisfied < k) continue;
    while (have[events[left].word] > need[events[left].word]) remove(events[left++]);
    ++count;
    if (matches) {
      ProximityMatch m;
      for (size_t e = left; e <= right; ++e) m.push_back(events[e].position);
      matches->push_back(std::move(m));
    }
    std::fill(have.begin(), have.end(), 0);
    satisfied = 0;
    left = right + 1;
  }
  return count;
}

std::vector<std::string> phrase_cursor_terms(const PlanNode& node, PhraseShape* shape) {
  shape->slop = node.slop;
  shape->ordered = node.ordered;
  shape->need.clear();
  if (node.ordered) return node.terms;
  std::vector<std::string> distinct;
  for (const auto& t : node.terms) {
    auto at = std::find(distinct.begin(), distinct.end(), t);
    if (at == distinct.end()) {
      distinct.push_back(t);
      shape->need.push_back(1);
    } else {
      ++shape->need[static_cast<size_t>(at - distinct.begin())];
    }
  }
  return distinct;
}

uint32_t count_shape(std::span<const std::span<const uint32_t>> lists, const PhraseShape& shape,
                     std::vector<ProximityMatch>* matches) {
  return shape.ordered ? count_ordered(lists, shape.slop, matches)
                       : count_unordered(lists, shape.need, shape.slop, matches);
}

}  // namespace newsdex::query
