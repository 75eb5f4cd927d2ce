#include "newsdex/analytics/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/field_values.hpp"
#include "newsdex/analytics/output.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/matcher.hpp"

namespace newsdex::analytics {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// A bucket's ordinal: consecutive buckets have consecutive ordinals.
int64_t ordinal(int32_t day, Interval interval) {
  switch (interval) {
    case Interval::kDay:
      return day;
    case Interval::kWeek:
      return floor_div(int64_t{day} + 3, 7);  // 1970-01-01 was a Thursday
    case Interval::kMonth:
    case Interval::kYear: {
      int y = 0, m = 0, d = 0;
      core::ymd_from_days(day, &y, &m, &d);
      return interval == Interval::kYear ? y : int64_t{y} * 12 + (m - 1);
    }
  }
  return day;
}

int32_t ordinal_start(int64_t ord, Interval interval) {
  switch (interval) {
    case Interval::kDay:
      return static_cast<int32_t>(ord);
    case Interval::kWeek:
      return static_cast<int32_t>(ord * 7 - 3);
    case Interval::kMonth:
      return core::days_from_ymd(static_cast<int>(floor_div(ord, 12)),
                                 static_cast<int>(ord - floor_div(ord, 12) * 12) + 1, 1);
    case Interval::kYear:
      return core::days_from_ymd(static_cast<int>(ord), 1, 1);
  }
  return static_cast<int32_t>(ord);
}

struct Hit {
  uint32_t group = 0;
  int64_t ord = 0;
  uint32_t mentions = 0;
};

// Group ids by name, shared by all queries.
struct Groups {
  std::vector<std::string> names;
  std::unordered_map<std::string, uint32_t> ids;
  uint32_t id(std::string_view name) {
    auto [it, inserted] = ids.try_emplace(std::string(name), static_cast<uint32_t>(names.size()));
    if (inserted) names.emplace_back(name);
    return it->second;
  }
};

}  // namespace

core::Result<Interval> parse_interval(std::string_view text) {
  if (text == "day") return Interval::kDay;
  if (text == "week") return Interval::kWeek;
  if (text == "month" || text.empty()) return Interval::kMonth;
  if (text == "year") return Interval::kYear;
  return core::fail(
      core::ErrorCode::kUsage,
      "parameter 'interval': expected day, week, month or year, got '" + std::string(text) + "'");
}

core::Result<SplitBy> parse_split(std::string_view text) {
  if (text.empty() || text == "none") return SplitBy::kNone;
  if (text == "show") return SplitBy::kShow;
  if (text == "source") return SplitBy::kSource;
  if (text == "speaker") return SplitBy::kSpeaker;
  return core::fail(
      core::ErrorCode::kUsage,
      "parameter 'by': expected show, source or speaker, got '" + std::string(text) + "'");
}

core::Result<Normalize> parse_normalize(std::string_view text) {
  if (text.empty() || text == "docs") return Normalize::kDocs;
  if (text == "words") return Normalize::kWords;
  return core::fail(
      core::ErrorCode::kUsage,
      "parameter 'normalize': expected docs or words, got '" + std::string(text) + "'");
}

std::string_view interval_name(Interval interval) {
  switch (interval) {
    case Interval::kDay:
      return "day";
    case Interval::kWeek:
      return "week";
    case Interval::kMonth:
      return "month";
    case Interval::kYear:
      return "year";
  }
  return "month";
}

std::string_view split_name(SplitBy by) {
  switch (by) {
    case SplitBy::kNone:
      return "";
    case SplitBy::kShow:
      return "show";
    case SplitBy::kSource:
      return "source";
    case SplitBy::kSpeaker:
      return "speaker";
  }
  return "";
}

std::string_view normalize_name(Normalize normalize) {
  return normalize == Normalize::kWords ? "words" : "docs";
}

int32_t bucket_start(int32_t day, Interval interval) {
  return ordinal_start(ordinal(day, interval), interval);
}
int32_t next_bucket(int32_t start, Interval interval) {
  return ordinal_start(ordinal(start, interval) + 1, interval);
}

core::Result<Timeline> compute_timeline(const index::Snapshot& snap,
                                        const TimelineRequest& request) {
  if (request.queries.empty())
    return core::fail(core::ErrorCode::kUsage, "at least one query is required");
  if (request.smooth == 0)
    return core::fail(core::ErrorCode::kUsage, "parameter 'smooth': at least 1");
  auto range = query::request_date_range(request.from, request.to);
  if (!range) return tl::unexpected(range.error());
  const int32_t from = range->from, to = range->to;
  const Interval interval = request.interval;
  Timeline out;
  out.interval = interval;
  out.by = request.by;
  out.normalize = request.normalize;
  out.smooth = request.smooth;
  out.queries = request.queries;

  // The group of a document from the columns: show or source (by the segment's string index).
  Groups groups;
  auto column_group = [&](const index::Segment& seg, const index::ColumnRow& row) -> uint32_t {
    if (request.by == SplitBy::kShow) return groups.id(seg.string_at(row.show));
    if (request.by == SplitBy::kSource) return groups.id(seg.string_at(row.source));
    return 0;
  };
  if (request.by == SplitBy::kNone || request.by == SplitBy::kSpeaker) groups.id("");

  analysis::Analyzer analyzer;
  std::vector<std::vector<Hit>> hits(request.queries.size());
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (size_t q = 0; q < request.queries.size(); ++q) {
    auto plan = query::plan_matches(
        request.queries[q], analyzer,
        {.from = request.from, .to = request.to, .limits = request.limits, .snapshot = &snap});
    if (!plan) {
      auto error = plan.error();
      if (request.queries.size() > 1)
        error.message = fmt::format("query {}: {}", q + 1, error.message);
      return tl::unexpected(std::move(error));
    }
    // Matches in segment order; speakers are rebuilt per segment for the matched docs.
    std::vector<query::Match> matches;
    query::for_each_match(snap, *plan, true, [&](const query::Match& m) { matches.push_back(m); });
    size_t i = 0;
    while (i < matches.size()) {
      size_t j = i;
      while (j < matches.size() && matches[j].segment == matches[i].segment) ++j;
      const auto& seg = *snap.segments()[matches[i].segment].segment;
      std::vector<std::vector<std::string>> speakers;
      if (request.by == SplitBy::kSpeaker) {
        std::vector<uint32_t> docs;
        for (size_t k = i; k < j; ++k) docs.push_back(matches[k].doc);
        speakers = field_values(seg, index::Field::kSpeaker, docs);
      }
      for (size_t k = i; k < j; ++k) {
        const auto row = seg.columns(matches[k].doc);
        if (row.date == core::kNoDate) {
          ++out.undated;
          continue;
        }
        const int64_t ord = ordinal(row.date, interval);
        lo = std::min(lo, ord);
        hi = std::max(hi, ord);
        if (request.by == SplitBy::kSpeaker) {
          for (const auto& name : speakers[k - i])
            hits[q].push_back({groups.id(name), ord, matches[k].mentions});
        } else {
          hits[q].push_back({column_group(seg, row), ord, matches[k].mentions});
        }
      }
      i = j;
    }
  }
  if (from != INT32_MIN) lo = ordinal(from, interval);
  if (to != INT32_MAX) hi = ordinal(to, interval);
  if (lo > hi) return out;  // nothing dated in range
  const size_t n = static_cast<size_t>(hi - lo + 1);
  if (n > 200000)
    return core::fail(core::ErrorCode::kLimit,
                      "timeline of more than 200000 buckets; use a longer interval");
  for (int64_t o = lo; o <= hi; ++o) out.starts.push_back(ordinal_start(o, interval));

  // Denominators: live documents and body words per (group, bucket), from the columns.
  const bool per_group = request.by == SplitBy::kShow || request.by == SplitBy::kSource;
  std::map<uint32_t, std::vector<std::pair<uint64_t, uint64_t>>> totals;  // group -> (docs, words)
  for (const auto& view : snap.segments()) {
    const auto& seg = *view.segment;
    std::vector<uint32_t> string_group(seg.string_count(), UINT32_MAX);
    for (uint32_t d = 0; d < seg.doc_count(); ++d) {
      if (view.is_deleted(d)) continue;
      const auto row = seg.columns(d);
      if (row.date == core::kNoDate || row.date < from || row.date > to) continue;
      const int64_t ord = ordinal(row.date, interval);
      if (ord < lo || ord > hi) continue;
      uint32_t g = 0;
      if (per_group) {
        const uint32_t s = request.by == SplitBy::kShow ? row.show : row.source;
        if (s < string_group.size()) {
          if (string_group[s] == UINT32_MAX) string_group[s] = column_group(seg, row);
          g = string_group[s];
        } else {
          g = column_group(seg, row);
        }
      }
      auto& v = totals[g];
      if (v.empty()) v.assign(n, {0, 0});
      v[static_cast<size_t>(ord - lo)].first += 1;
      v[static_cast<size_t>(ord - lo)].second += row.body_len;
    }
  }

  for (size_t q = 0; q < request.queries.size(); ++q) {
    // Series of this query: its groups by matching documents (all of them without `by`).
    std::map<uint32_t, uint64_t> group_docs;
    for (const auto& h : hits[q]) ++group_docs[h.group];
    std::vector<std::pair<uint64_t, uint32_t>> order;
    for (auto [g, c] : group_docs) order.emplace_back(c, g);
    std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first
                                : groups.names[a.second] < groups.names[b.second];
    });
    std::vector<uint32_t> kept;
    if (request.by == SplitBy::kNone)
      kept.push_back(0);
    else
      for (size_t i = 0; i < order.size() && i < request.top; ++i) kept.push_back(order[i].second);
    for (uint32_t g : kept) {
      const size_t series = out.series.size();
      out.series.push_back(request.by == SplitBy::kNone
                               ? request.queries[q]
                               : request.queries[q] + " / " + groups.names[g]);
      const size_t base = out.buckets.size();
      for (size_t b = 0; b < n; ++b)
        out.buckets.push_back({.start = out.starts[b], .series = series});
      for (const auto& h : hits[q]) {
        if (h.group != g || h.ord < lo || h.ord > hi) continue;
        auto& bucket = out.buckets[base + static_cast<size_t>(h.ord - lo)];
        bucket.count += 1;
        bucket.mentions += h.mentions;
      }
      const auto it = totals.find(per_group ? g : 0);
      std::vector<double> raw(n, 0.0);
      for (size_t b = 0; b < n; ++b) {
        if (it == totals.end()) break;
        const auto [docs, words] = it->second[b];
        const auto& bucket = out.buckets[base + b];
        if (request.normalize == Normalize::kDocs && docs > 0)
          raw[b] = static_cast<double>(bucket.count) / static_cast<double>(docs);
        if (request.normalize == Normalize::kWords && words > 0)
          raw[b] = static_cast<double>(bucket.mentions) / static_cast<double>(words);
      }
      double window = 0;
      for (size_t b = 0; b < n; ++b) {
        window += raw[b];
        if (b >= request.smooth) window -= raw[b - request.smooth];
        const size_t width = std::min(b + 1, request.smooth);
        out.buckets[base + b].share = std::max(0.0, round6(window / static_cast<double>(width)));
      }
    }
  }
  return out;
}

nlohmann::json to_json(const Timeline& t) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const auto& b : t.buckets)
    buckets.push_back({{"start", core::format_iso_date(b.start)},
                       {"count", b.count},
                       {"mentions", b.mentions},
                       {"share", b.share},
                       {"series", t.series[b.series]}});
  return {
      {"interval", interval_name(t.interval)},
      {"by", t.by == SplitBy::kNone ? nlohmann::json(nullptr) : nlohmann::json(split_name(t.by))},
      {"normalize", normalize_name(t.normalize)},
      {"smooth", t.smooth},
      {"queries", t.queries},
      {"series", t.series},
      {"undated", t.undated},
      {"buckets", std::move(buckets)}};
}

std::string to_csv(const Timeline& t) {
  std::string out = "series,start,count,mentions,share\n";
  for (const auto& b : t.buckets)
    out += fmt::format("{},{},{},{},{}\n", csv_field(t.series[b.series]),
                       core::format_iso_date(b.start), b.count, b.mentions, b.share);
  return out;
}

std::string to_table(const Timeline& t) {
  const size_t n = t.starts.size();
  std::string out;
  std::vector<std::string> header{"start"};
  for (const auto& s : t.series) header.push_back(s);
  std::vector<std::vector<std::string>> rows;
  for (size_t b = 0; b < n; ++b) {
    std::vector<std::string> row{core::format_iso_date(t.starts[b])};
    for (size_t s = 0; s < t.series.size(); ++s) {
      const auto& bucket = t.buckets[s * n + b];
      row.push_back(fmt::format("{} ({:.2f}%)", bucket.count, bucket.share * 100.0));
    }
    rows.push_back(std::move(row));
  }
  std::vector<size_t> width(header.size(), 0);
  for (size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (size_t c = 0; c < r.size(); ++c) {
      if (c > 0) l += "  ";
      l += c == 0 ? fmt::format("{:<{}}", r[c], width[c]) : fmt::format("{:>{}}", r[c], width[c]);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  out += line(header);
  for (const auto& r : rows) out += line(r);
  out += fmt::format("{} bucket{} by {}; count (share of {} in the bucket{})", n, n == 1 ? "" : "s",
                     interval_name(t.interval),
                     t.normalize == Normalize::kWords ? "body words" : "documents",
                     t.smooth > 1 ? fmt::format(", {}-bucket moving average", t.smooth) : "");
  if (t.undated > 0) out += fmt::format("; {} undated", t.undated);
  out += "\n";
  return out;
}

}  // namespace newsdex::analytics
