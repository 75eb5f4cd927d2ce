// Per-segment columns for aggregations (timelines): each document's date, show and source copied
// out of the segment's column section, each document's bucket per interval (a uint16 index into
// the segment's span of buckets), and the documents and body words of every (day, show, source).
// Built once per segment (the bucket column once per interval, the (day, show, source) totals
// only when a timeline is split by show or source) and cached for as long as the segment is open,
// so a timeline query only walks postings and counts into flat arrays. The construction is one
// pass over the column section with no per-document allocation beyond the copied columns.
// Memory: 12 bytes per document, plus 2 per document per interval used.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "newsdex/analytics/timeline.hpp"
#include "newsdex/index/storage/segment.hpp"

namespace newsdex::analytics {

// A bucket's ordinal (consecutive buckets have consecutive ordinals; weeks start on Monday), and
// the first day of the bucket with an ordinal.
int64_t bucket_ordinal(int32_t day, Interval interval);
int32_t ordinal_start(int64_t ord, Interval interval);

inline constexpr uint16_t kNoBucket = UINT16_MAX;

// Live and deleted documents alike: callers subtract deletions (SegmentView).
struct DayTotal {
  int32_t day = 0;
  uint32_t show = 0;    // string index (0 in by_day())
  uint32_t source = 0;  // string index (0 in by_day())
  uint32_t docs = 0;
  uint64_t words = 0;  // body tokens
};

struct BucketColumn {
  bool ok = false;               // false when the segment spans more buckets than a uint16 holds
  int64_t base = 0;              // the ordinal of bucket 0
  uint32_t size = 0;             // buckets from the first to the last dated document
  std::vector<uint16_t> of_doc;  // by local doc id; kNoBucket when undated
  // The bucket of each entry of SegmentCalendar::by_day().
  std::vector<uint16_t> of_day_total;
  // Documents and body words of each bucket (all of by_day() summed per bucket).
  std::vector<uint64_t> docs, words;
};

class SegmentCalendar {
 public:
  explicit SegmentCalendar(const index::Segment& segment);

  const std::vector<int32_t>& days() const { return m_days; }  // core::kNoDate when undated
  const std::vector<uint32_t>& shows() const { return m_shows; }
  const std::vector<uint32_t>& sources() const { return m_sources; }
  const std::vector<uint32_t>& body_lengths() const { return m_body_len; }
  // Dated documents only, sorted by day (then show, source).
  const std::vector<DayTotal>& by_day() const { return m_by_day; }
  // Built on first use (thread-safe): only timelines split by show or source need it.
  const std::vector<DayTotal>& by_day_show_source() const;
  // Built on first use (thread-safe).
  const BucketColumn& buckets(Interval interval) const;
  // by_day_show_source() summed per (bucket, show, source); here DayTotal::day is the bucket.
  // Built on first use (thread-safe).
  const std::vector<DayTotal>& group_totals(Interval interval) const;

 private:
  std::vector<int32_t> m_days;
  std::vector<uint32_t> m_shows, m_sources, m_body_len;
  std::vector<DayTotal> m_by_day;
  int32_t m_min_day = 0, m_max_day = -1;
  mutable std::once_flag m_group_once;
  mutable std::vector<DayTotal> m_by_group;
  mutable std::array<std::once_flag, 4> m_once, m_group_totals_once;
  mutable std::array<BucketColumn, 4> m_buckets;
  mutable std::array<std::vector<DayTotal>, 4> m_group_totals;
};

// The calendar of `segment`, from a process-wide cache keyed by the open segment (entries of
// closed segments are dropped on the next call).
std::shared_ptr<const SegmentCalendar> calendar_for(
    const std::shared_ptr<const index::Segment>& segment);

}  // namespace newsdex::analytics
