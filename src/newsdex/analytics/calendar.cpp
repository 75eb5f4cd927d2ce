#include "newsdex/analytics/calendar.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "newsdex/core/date.hpp"

namespace newsdex::analytics {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// (day, show, source) -> totals, from (key, docs, words) items sorted by key.
std::vector<DayTotal> aggregate(std::vector<DayTotal> items) {
  std::sort(items.begin(), items.end(), [](const DayTotal& a, const DayTotal& b) {
    return std::tie(a.day, a.show, a.source) < std::tie(b.day, b.show, b.source);
  });
  std::vector<DayTotal> out;
  for (const auto& t : items) {
    if (!out.empty() && out.back().day == t.day && out.back().show == t.show &&
        out.back().source == t.source) {
      out.back().docs += t.docs;
      out.back().words += t.words;
    } else {
      out.push_back(t);
    }
  }
  return out;
}

}  // namespace

int64_t bucket_ordinal(int32_t day, Interval interval) {
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

SegmentCalendar::SegmentCalendar(const index::Segment& segment) {
  const uint32_t n = segment.doc_count();
  m_days.resize(n);
  m_shows.resize(n);
  m_sources.resize(n);
  m_body_len.resize(n);
  for (uint32_t d = 0; d < n; ++d) {
    const auto row = segment.columns(d);
    m_days[d] = row.date;
    m_shows[d] = row.show;
    m_sources[d] = row.source;
    m_body_len[d] = row.body_len;
    if (row.date == core::kNoDate) continue;
    if (m_min_day > m_max_day) {
      m_min_day = m_max_day = row.date;
    } else {
      m_min_day = std::min(m_min_day, row.date);
      m_max_day = std::max(m_max_day, row.date);
    }
  }
  if (m_min_day > m_max_day) return;  // nothing dated
  // Totals per day in an array over the segment's days: no sort and no hash map, so the calendar
  // of a 2.5M-document segment takes two passes over flat arrays. The (day, show, source) totals
  // are left for the first timeline split by show or source (by_day_show_source()).
  const size_t days = static_cast<size_t>(int64_t{m_max_day} - m_min_day + 1);
  if (days <= (size_t{1} << 24)) {
    std::vector<DayTotal> per_day(days);
    for (uint32_t d = 0; d < n; ++d) {
      if (m_days[d] == core::kNoDate) continue;
      auto& t = per_day[static_cast<size_t>(m_days[d] - m_min_day)];
      ++t.docs;
      t.words += m_body_len[d];
    }
    for (size_t k = 0; k < days; ++k)
      if (per_day[k].docs > 0) {
        per_day[k].day = m_min_day + static_cast<int32_t>(k);
        m_by_day.push_back(per_day[k]);
      }
  }
  if (m_by_day.empty()) {  // a span of days too large for the array: sort instead
    std::vector<DayTotal> by_day;
    for (uint32_t d = 0; d < n; ++d)
      if (m_days[d] != core::kNoDate)
        by_day.push_back({.day = m_days[d], .docs = 1, .words = m_body_len[d]});
    m_by_day = aggregate(std::move(by_day));
  }
}

const std::vector<DayTotal>& SegmentCalendar::by_day_show_source() const {
  std::call_once(m_group_once, [&] {
    if (m_min_day > m_max_day) return;  // nothing dated
    // Per (day, show, source) in a hash map of packed keys when show and source indexes fit 20
    // bits each (they index the segment's few distinct values): no sort of a per-document list.
    const size_t days = static_cast<size_t>(int64_t{m_max_day} - m_min_day + 1);
    uint32_t max_string = 0;
    for (size_t d = 0; d < m_days.size(); ++d)
      max_string = std::max({max_string, m_shows[d], m_sources[d]});
    if (max_string < (uint32_t{1} << 20) && days <= (size_t{1} << 24)) {
      std::unordered_map<uint64_t, DayTotal> groups;
      for (size_t d = 0; d < m_days.size(); ++d) {
        if (m_days[d] == core::kNoDate) continue;
        const uint64_t key = (static_cast<uint64_t>(m_days[d] - m_min_day) << 40) |
                             (uint64_t{m_shows[d]} << 20) | m_sources[d];
        auto [it, inserted] = groups.try_emplace(key);
        if (inserted) it->second = {.day = m_days[d], .show = m_shows[d], .source = m_sources[d]};
        ++it->second.docs;
        it->second.words += m_body_len[d];
      }
      m_by_group.reserve(groups.size());
      for (const auto& [key, t] : groups) m_by_group.push_back(t);
      m_by_group = aggregate(std::move(m_by_group));  // sorts the distinct groups
      return;
    }
    std::vector<DayTotal> by_group;
    for (size_t d = 0; d < m_days.size(); ++d)
      if (m_days[d] != core::kNoDate)
        by_group.push_back({.day = m_days[d],
                            .show = m_shows[d],
                            .source = m_sources[d],
                            .docs = 1,
                            .words = m_body_len[d]});
    m_by_group = aggregate(std::move(by_group));
  });
  return m_by_group;
}

const std::vector<DayTotal>& SegmentCalendar::group_totals(Interval interval) const {
  const auto i = static_cast<size_t>(interval);
  std::call_once(m_group_totals_once[i], [&] {
    const auto& col = buckets(interval);
    if (!col.ok || col.size == 0) return;
    std::vector<DayTotal> groups = by_day_show_source();
    for (auto& t : groups) t.day = static_cast<int32_t>(bucket_ordinal(t.day, interval) - col.base);
    m_group_totals[i] = aggregate(std::move(groups));
  });
  return m_group_totals[i];
}

const BucketColumn& SegmentCalendar::buckets(Interval interval) const {
  const auto i = static_cast<size_t>(interval);
  std::call_once(m_once[i], [&] {
    auto& col = m_buckets[i];
    col.of_doc.assign(m_days.size(), kNoBucket);
    if (m_min_day > m_max_day) {  // nothing dated
      col.ok = true;
      return;
    }
    col.base = bucket_ordinal(m_min_day, interval);
    const int64_t span = bucket_ordinal(m_max_day, interval) - col.base + 1;
    if (span >= kNoBucket) return;  // not ok: callers take the general path
    col.size = static_cast<uint32_t>(span);
    // Day -> bucket over the segment's days, then a lookup per document.
    std::vector<uint16_t> of_day(static_cast<size_t>(int64_t{m_max_day} - m_min_day + 1));
    for (size_t k = 0; k < of_day.size(); ++k)
      of_day[k] = static_cast<uint16_t>(
          bucket_ordinal(m_min_day + static_cast<int32_t>(k), interval) - col.base);
    for (size_t d = 0; d < m_days.size(); ++d)
      if (m_days[d] != core::kNoDate)
        col.of_doc[d] = of_day[static_cast<size_t>(m_days[d] - m_min_day)];
    col.docs.assign(col.size, 0);
    col.words.assign(col.size, 0);
    for (const auto& t : m_by_day) {
      const uint16_t b = of_day[static_cast<size_t>(t.day - m_min_day)];
      col.of_day_total.push_back(b);
      col.docs[b] += t.docs;
      col.words[b] += t.words;
    }
    col.ok = true;
  });
  return m_buckets[i];
}

std::shared_ptr<const SegmentCalendar> calendar_for(
    const std::shared_ptr<const index::Segment>& segment) {
  struct Entry {
    const index::Segment* key = nullptr;
    std::weak_ptr<const index::Segment> alive;
    std::shared_ptr<const SegmentCalendar> calendar;
  };
  static std::mutex mutex;
  static std::vector<Entry> cache;
  {
    std::lock_guard lock(mutex);
    std::erase_if(cache, [](const Entry& e) { return e.alive.expired(); });
    for (const auto& e : cache)
      if (e.key == segment.get()) return e.calendar;
  }
  // Built outside the lock (one pass over the columns); a concurrent builder's copy is dropped.
  auto built = std::make_shared<const SegmentCalendar>(*segment);
  std::lock_guard lock(mutex);
  for (const auto& e : cache)
    if (e.key == segment.get()) return e.calendar;
  cache.push_back({segment.get(), segment, built});
  return built;
}

}  // namespace newsdex::analytics
