// Timelines: matching documents and mentions per day/week/month/year, split by show, source or
// speaker, raw and normalised by all documents (or body words) of the bucket, optionally smoothed,
// for several queries at once. Computed from the index columns (date, show, source, body length)
// and postings (mentions, the speaker field) only: stored text is never read. The JSON is a
// contract (docs/analytics.md).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/parse/parser.hpp"

namespace newsdex::analytics {

enum class Interval { kDay, kWeek, kMonth, kYear };
enum class SplitBy { kNone, kShow, kSource, kSpeaker };
enum class Normalize { kDocs, kWords };

core::Result<Interval> parse_interval(std::string_view text);
core::Result<SplitBy> parse_split(std::string_view text);  // "" is kNone
core::Result<Normalize> parse_normalize(std::string_view text);
std::string_view interval_name(Interval interval);
std::string_view split_name(SplitBy by);  // "" for kNone
std::string_view normalize_name(Normalize normalize);

// The first day of the bucket holding `day` (weeks start on Monday), and of the next bucket.
int32_t bucket_start(int32_t day, Interval interval);
int32_t next_bucket(int32_t start, Interval interval);

struct TimelineRequest {
  std::vector<std::string> queries{};
  Interval interval = Interval::kMonth;
  SplitBy by = SplitBy::kNone;
  Normalize normalize = Normalize::kDocs;
  size_t smooth = 1;   // trailing moving average of share over this many buckets
  std::string from{};  // ISO dates, inclusive; "" for open
  std::string to{};
  size_t top = 10;  // with `by`: groups kept per query, most matching documents first
  query::ParseLimits limits{};
};

struct TimelineBucket {
  int32_t start = 0;  // days since epoch
  uint64_t count = 0;
  uint64_t mentions = 0;
  double share = 0;
  size_t series = 0;  // index into Timeline::series
};

struct Timeline {
  Interval interval = Interval::kMonth;
  SplitBy by = SplitBy::kNone;
  Normalize normalize = Normalize::kDocs;
  size_t smooth = 1;
  std::vector<std::string> queries;
  std::vector<std::string> series;
  std::vector<int32_t> starts;  // the bucket starts, shared by every series
  // Series-major: buckets[s * starts.size() + b].
  std::vector<TimelineBucket> buckets;
  uint64_t undated = 0;
};

// Query errors keep their column; with several queries the message says which one.
// Counts come from per-segment calendars (calendar.hpp: each document's bucket, cached per
// segment) and, for a single term with date/show/source filters, straight from its postings.
core::Result<Timeline> compute_timeline(const index::Snapshot& snapshot,
                                        const TimelineRequest& request);
// The same timeline document by document: every match through query::for_each_match, its
// columns read per document and the denominators from a scan of every document. The general
// path for `by speaker` and the reference the tests compare compute_timeline against.
core::Result<Timeline> compute_timeline_reference(const index::Snapshot& snapshot,
                                                  const TimelineRequest& request);

nlohmann::json to_json(const Timeline& timeline);
std::string to_csv(const Timeline& timeline);    // series,start,count,mentions,share
std::string to_table(const Timeline& timeline);  // a row per bucket, a column per series
std::string to_svg(const Timeline& timeline);    // line chart of share, a line per series

}  // namespace newsdex::analytics
