#include "newsdex/index/writer/merge_policy.hpp"

#include <algorithm>
#include <cmath>

namespace newsdex::index {
namespace {

// Bytes pro-rated by the share of live documents (Lucene's "size with deletes").
double live_bytes(const SegmentSize& s) {
  if (s.docs == 0) return 0;
  return static_cast<double>(s.bytes) * static_cast<double>(s.docs - std::min(s.deleted, s.docs)) /
         static_cast<double>(s.docs);
}

}  // namespace

size_t allowed_segment_count(std::span<const SegmentSize> segments, const MergePolicyOptions& o) {
  if (segments.empty()) return 0;
  double total = 0, smallest = 1e300;
  for (const auto& s : segments) {
    total += live_bytes(s);
    smallest = std::min(smallest, live_bytes(s));
  }
  const double per_tier = static_cast<double>(std::max<size_t>(o.segments_per_tier, 2));
  double tier = std::max(smallest, static_cast<double>(o.floor_bytes));
  double left = total;
  double allowed = 0;
  for (;;) {
    const double count = left / tier;
    if (count < per_tier || tier >= static_cast<double>(o.max_merged_bytes)) {
      allowed += std::ceil(count);
      break;
    }
    allowed += per_tier;
    left -= per_tier * tier;
    tier *= static_cast<double>(std::max<size_t>(o.max_merge_at_once, 2));
  }
  // Never fewer than one tier's worth, so small indexes are not merged into one at every commit.
  return std::max(static_cast<size_t>(allowed), static_cast<size_t>(per_tier));
}

std::optional<MergeRange> find_merge(std::span<const SegmentSize> segments,
                                     const MergePolicyOptions& o) {
  const size_t n = segments.size();
  const size_t at_once = std::max<size_t>(o.max_merge_at_once, 2);
  // Segments past half the largest merged size are left alone (merging them would mostly rewrite
  // them); they still count towards the budget.
  auto eligible = [&](const SegmentSize& s) {
    return !s.merging && live_bytes(s) < static_cast<double>(o.max_merged_bytes) / 2;
  };
  if (n <= allowed_segment_count(segments, o)) return std::nullopt;
  std::optional<MergeRange> best;
  double best_score = 0;
  for (size_t first = 0; first < n; ++first) {
    double total = 0, largest = 0, raw = 0;
    for (size_t last = first; last < n && last - first < at_once; ++last) {
      const auto& s = segments[last];
      if (!eligible(s)) break;
      const double floored = std::max(live_bytes(s), static_cast<double>(o.floor_bytes));
      if (total + live_bytes(s) > static_cast<double>(o.max_merged_bytes)) break;
      total += floored;
      raw += static_cast<double>(s.bytes);
      largest = std::max(largest, floored);
      if (last == first) continue;  // a merge needs two segments
      // Lucene's score: skew × size^0.05 × (live share)^2; lower is better.
      const double skew = largest / total;
      const double live_share = raw > 0 ? std::min(1.0, total / raw) : 1.0;
      const double score = skew * std::pow(total, 0.05) * live_share * live_share /
                           // among equally good merges prefer the wider one (fewer segments after)
                           std::sqrt(static_cast<double>(last - first + 1));
      if (!best || score < best_score) {
        best = MergeRange{first, last + 1};
        best_score = score;
      }
    }
  }
  return best;
}

std::optional<MergeRange> find_forced_merge(std::span<const SegmentSize> segments,
                                            size_t max_segments) {
  const size_t n = segments.size();
  max_segments = std::max<size_t>(max_segments, 1);
  for (const auto& s : segments)
    if (s.merging) return std::nullopt;
  if (n == 0) return std::nullopt;
  if (n <= max_segments) {
    if (n == 1 && segments[0].deleted > 0) return MergeRange{0, 1};
    return std::nullopt;
  }
  const size_t width = n - max_segments + 1;
  std::optional<MergeRange> best;
  uint64_t best_bytes = 0;
  for (size_t first = 0; first + width <= n; ++first) {
    uint64_t bytes = 0;
    for (size_t i = first; i < first + width; ++i) bytes += segments[i].bytes;
    if (!best || bytes < best_bytes) {
      best = MergeRange{first, first + width};
      best_bytes = bytes;
    }
  }
  return best;
}

}  // namespace newsdex::index
