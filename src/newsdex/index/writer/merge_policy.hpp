// Which segments to merge. A tiered policy after Lucene's TieredMergePolicy: the index may hold a
// budget of segments — `segments_per_tier` per tier, tiers growing by `max_merge_at_once` from
// `floor_bytes` — and while it holds more, the cheapest merge of at most `max_merge_at_once`
// segments is chosen, scored by skew (largest / total: segments of similar size are favoured),
// total size (small merges are favoured, mildly) and the share of deleted documents reclaimed.
// Sizes are bytes pro-rated by live documents. Unlike Lucene's policy, and like its (and
// Tantivy's) log merge policies, only *adjacent* segments are merged: a merged segment keeps its
// inputs' documents in order, so ties in ranking, which go to index order, come out unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace newsdex::index {

struct MergePolicyOptions {
  size_t segments_per_tier = 8;
  size_t max_merge_at_once = 8;
  uint64_t floor_bytes = uint64_t{4} << 20;       // smaller segments count as this big
  uint64_t max_merged_bytes = uint64_t{5} << 30;  // no merge produces a larger segment
};

struct SegmentSize {
  uint64_t bytes = 0;
  uint32_t docs = 0;
  uint32_t deleted = 0;
  bool merging = false;  // already taken by a running merge
};

// A half-open range [first, last) of adjacent segments to merge into one.
struct MergeRange {
  size_t first = 0;
  size_t last = 0;
  size_t size() const { return last - first; }
  bool operator==(const MergeRange&) const = default;
};

// The budget: how many segments an index of these segments may hold before it merges (never
// fewer than segments_per_tier).
size_t allowed_segment_count(std::span<const SegmentSize> segments,
                             const MergePolicyOptions& options);

// The merge the tiered policy wants now, or nullopt when the index is within budget.
std::optional<MergeRange> find_merge(std::span<const SegmentSize> segments,
                                     const MergePolicyOptions& options);

// A forced merge towards at most `max_segments` segments (at least 1): merges the adjacent run of
// segments with the smallest total size that brings the count down to `max_segments`; with one
// segment left that still has deletions, rewrites it alone. nullopt when nothing is to be done.
std::optional<MergeRange> find_forced_merge(std::span<const SegmentSize> segments,
                                            size_t max_segments);

}  // namespace newsdex::index
