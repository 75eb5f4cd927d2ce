#include "newsdex/analytics/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/calendar.hpp"
#include "newsdex/analytics/field_values.hpp"
#include "newsdex/analytics/output.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/matcher.hpp"

namespace newsdex::analytics {

namespace {

int64_t ordinal(int32_t day, Interval interval) {
  return bucket_ordinal(day, interval);
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

namespace {

// Matching documents and mentions of every query per group and bucket, over the ordinals
// [base, base + span).
struct SeriesCounts {
  std::vector<uint64_t> docs, mentions;  // empty when the group has no match
};
struct Counts {
  int64_t base = 0;
  size_t span = 0;
  std::vector<std::vector<SeriesCounts>> queries;  // [query][group]
  Groups groups;
  uint64_t undated = 0;

  SeriesCounts& at(size_t q, uint32_t group) {
    auto& v = queries[q];
    if (v.size() <= group) v.resize(group + 1);
    auto& c = v[group];
    if (c.docs.empty()) {
      c.docs.assign(span, 0);
      c.mentions.assign(span, 0);
    }
    return c;
  }
};

// Live documents and body words per (group, bucket) over [lo, hi], dated within the request.
using Totals = std::map<uint32_t, std::vector<std::pair<uint64_t, uint64_t>>>;

core::Status check_request(const TimelineRequest& request) {
  if (request.queries.empty())
    return core::fail(core::ErrorCode::kUsage, "at least one query is required");
  if (request.smooth == 0)
    return core::fail(core::ErrorCode::kUsage, "parameter 'smooth': at least 1");
  return {};
}

core::Result<query::PlanNode> plan_one(const index::Snapshot& snap, const TimelineRequest& request,
                                       size_t q, analysis::Analyzer& analyzer) {
  auto plan = query::plan_matches(
      request.queries[q], analyzer,
      {.from = request.from, .to = request.to, .limits = request.limits, .snapshot = &snap});
  if (!plan && request.queries.size() > 1) {
    auto error = plan.error();
    error.message = fmt::format("query {}: {}", q + 1, error.message);
    return tl::unexpected(std::move(error));
  }
  return plan;
}

// The shared second half: bucket range, series (top groups), shares and smoothing.
// `display` names a group in series names (by speaker: the name as spoken, not as indexed).
core::Result<Timeline> finish(const TimelineRequest& request, const query::DayRange& range,
                              Counts& counts,
                              const std::function<Totals(int64_t lo, int64_t hi)>& totals_of,
                              const std::function<std::string(uint32_t group)>& display = {}) {
  const Interval interval = request.interval;
  Timeline out;
  out.interval = interval;
  out.by = request.by;
  out.normalize = request.normalize;
  out.smooth = request.smooth;
  out.queries = request.queries;
  out.undated = counts.undated;

  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const auto& per_group : counts.queries)
    for (const auto& c : per_group)
      for (size_t i = 0; i < c.docs.size(); ++i)
        if (c.docs[i] > 0) {
          lo = std::min(lo, counts.base + static_cast<int64_t>(i));
          hi = std::max(hi, counts.base + static_cast<int64_t>(i));
        }
  if (range.from != INT32_MIN) lo = ordinal(range.from, interval);
  if (range.to != INT32_MAX) hi = ordinal(range.to, interval);
  if (lo > hi) return out;  // nothing dated in range
  const size_t n = static_cast<size_t>(hi - lo + 1);
  if (n > 200000)
    return core::fail(core::ErrorCode::kLimit,
                      "timeline of more than 200000 buckets; use a longer interval");
  for (int64_t o = lo; o <= hi; ++o) out.starts.push_back(ordinal_start(o, interval));

  const bool per_group = request.by == SplitBy::kShow || request.by == SplitBy::kSource;
  const Totals totals = totals_of(lo, hi);
  const auto& names = counts.groups.names;
  for (size_t q = 0; q < request.queries.size(); ++q) {
    // Series of this query: its groups by matching documents (all of them without `by`).
    std::vector<std::pair<uint64_t, uint32_t>> order;
    const auto& per_group_counts = counts.queries[q];
    for (uint32_t g = 0; g < per_group_counts.size(); ++g) {
      uint64_t docs = 0;
      for (uint64_t c : per_group_counts[g].docs) docs += c;
      if (docs > 0) order.emplace_back(docs, g);
    }
    std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : names[a.second] < names[b.second];
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
                               : request.queries[q] + " / " + (display ? display(g) : names[g]));
      const size_t base = out.buckets.size();
      for (size_t b = 0; b < n; ++b)
        out.buckets.push_back({.start = out.starts[b], .series = series});
      if (g < per_group_counts.size() && !per_group_counts[g].docs.empty()) {
        const auto& c = per_group_counts[g];
        for (size_t b = 0; b < n; ++b) {
          const int64_t i = lo + static_cast<int64_t>(b) - counts.base;
          if (i < 0 || i >= static_cast<int64_t>(counts.span)) continue;
          out.buckets[base + b].count = c.docs[static_cast<size_t>(i)];
          out.buckets[base + b].mentions = c.mentions[static_cast<size_t>(i)];
        }
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

// A plan that is one positive term (kTerm) ANDed with nothing but date ranges and show/source
// filters: counted straight from the term's postings.
struct TermPlan {
  const query::PlanNode* term = nullptr;
  std::vector<const query::PlanNode*> filters;  // kFilter
  int32_t from = INT32_MIN, to = INT32_MAX;
  bool ranged = false;  // some date range applies (undated documents never match)
};

std::optional<TermPlan> as_term_plan(const query::PlanNode& plan) {
  using Kind = query::PlanNode::Kind;
  TermPlan out;
  auto take = [&](const query::PlanNode& node) {
    switch (node.kind) {
      case Kind::kTerm:
        if (out.term != nullptr || node.terms.size() != 1 || node.fields.empty()) return false;
        out.term = &node;
        return true;
      case Kind::kDateRange:
        out.ranged = true;
        out.from = std::max(out.from, node.from);
        out.to = std::min(out.to, node.to);
        return true;
      case Kind::kFilter:
        out.filters.push_back(&node);
        return true;
      default:
        return false;
    }
  };
  if (plan.kind == Kind::kAnd) {
    for (const auto& c : plan.children)
      if (!take(c)) return std::nullopt;
  } else if (!take(plan)) {
    return std::nullopt;
  }
  if (out.term == nullptr) return std::nullopt;
  return out;
}

// Counts one term's matches in one segment: the union of its fields' postings, block by block,
// each live document's bucket from the calendar, mentions from the frequencies.
template <typename Count>
void count_term(const index::SegmentView& view, const SegmentCalendar& calendar,
                const BucketColumn& buckets, const TermPlan& plan, Count&& count) {
  const auto& seg = *view.segment;
  std::vector<index::PostingsCursor> cursors;
  for (auto field : plan.term->fields)
    if (auto info = seg.lookup(field, plan.term->terms[0]))
      if (info->df > 0) cursors.push_back(seg.cursor(*info));
  if (cursors.empty()) return;
  // Filters as a per-string-index mask of the segment (show:, source: test its values).
  std::vector<uint8_t> show_ok, source_ok;
  for (const auto* f : plan.filters) {
    auto& mask = f->filter_field == "show" ? show_ok : source_ok;
    std::vector<uint8_t> wanted(seg.string_count(), 0);
    for (uint32_t i = 0; i < seg.string_count(); ++i)
      wanted[i] = f->accepts_value(seg.string_at(i));
    if (mask.empty()) {
      mask = std::move(wanted);
    } else {
      for (size_t i = 0; i < mask.size(); ++i) mask[i] = mask[i] && wanted[i];
    }
  }
  const bool deletes = view.deleted_count > 0;
  const bool filtered = plan.ranged || !show_ok.empty() || !source_ok.empty();
  const int32_t* days = calendar.days().data();
  const uint32_t* shows = calendar.shows().data();
  const uint32_t* sources = calendar.sources().data();
  const uint16_t* bucket = buckets.of_doc.data();
  auto accept = [&](uint32_t doc) {
    if (deletes && view.is_deleted(doc)) return false;
    if (!filtered) return true;
    if (plan.ranged) {
      const int32_t day = days[doc];
      if (day == core::kNoDate || day < plan.from || day > plan.to) return false;
    }
    if (!show_ok.empty() && (shows[doc] >= show_ok.size() || !show_ok[shows[doc]])) return false;
    if (!source_ok.empty() && (sources[doc] >= source_ok.size() || !source_ok[sources[doc]]))
      return false;
    return true;
  };
  if (cursors.size() == 1) {  // block by block over the decoded arrays
    auto& c = cursors[0];
    for (; c.doc() != index::kEndDoc; c.next_block()) {
      const auto docs = c.block_docs();
      const auto freqs = c.block_freqs();
      for (size_t i = 0; i < docs.size(); ++i)
        if (accept(docs[i])) count(docs[i], bucket[docs[i]], freqs[i]);
    }
    return;
  }
  if (cursors.size() == 2) {  // a bare word: body and title; the larger list drives by blocks
    if (cursors[1].doc_count() > cursors[0].doc_count()) std::swap(cursors[0], cursors[1]);
    auto& big = cursors[0];
    auto& small = cursors[1];
    for (; big.doc() != index::kEndDoc; big.next_block()) {
      const auto docs = big.block_docs();
      const auto freqs = big.block_freqs();
      for (size_t i = 0; i < docs.size(); ++i) {
        const uint32_t doc = docs[i];
        uint32_t mentions = freqs[i];
        if (small.doc() <= doc) {
          while (small.doc() < doc) {  // only in the smaller list
            if (accept(small.doc())) count(small.doc(), bucket[small.doc()], small.freq());
            small.next();
          }
          if (small.doc() == doc) {
            mentions += small.freq();
            small.next();
          }
        }
        if (accept(doc)) count(doc, bucket[doc], mentions);
      }
    }
    for (; small.doc() != index::kEndDoc; small.next())
      if (accept(small.doc())) count(small.doc(), bucket[small.doc()], small.freq());
    return;
  }
  while (true) {
    uint32_t doc = index::kEndDoc;
    for (const auto& c : cursors) doc = std::min(doc, c.doc());
    if (doc == index::kEndDoc) return;
    uint32_t mentions = 0;
    for (auto& c : cursors)
      if (c.doc() == doc) {
        mentions += c.freq();
        c.next();
      }
    if (accept(doc)) count(doc, bucket[doc], mentions);
  }
}

}  // namespace

core::Result<Timeline> compute_timeline_reference(const index::Snapshot& snap,
                                                  const TimelineRequest& request) {
  if (auto ok = check_request(request); !ok) return tl::unexpected(ok.error());
  auto range = query::request_date_range(request.from, request.to);
  if (!range) return tl::unexpected(range.error());
  const int32_t from = range->from, to = range->to;
  const Interval interval = request.interval;
  Counts counts;

  // The group of a document from the columns: show or source (by the segment's string index).
  Groups& groups = counts.groups;
  auto column_group = [&](const index::Segment& seg, const index::ColumnRow& row) -> uint32_t {
    if (request.by == SplitBy::kShow) return groups.id(seg.string_at(row.show));
    if (request.by == SplitBy::kSource) return groups.id(seg.string_at(row.source));
    return 0;
  };
  if (request.by == SplitBy::kNone || request.by == SplitBy::kSpeaker) groups.id("");

  analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
  std::vector<std::vector<Hit>> hits(request.queries.size());
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> example;  // speaker group -> (segment, doc)
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (size_t q = 0; q < request.queries.size(); ++q) {
    auto plan = plan_one(snap, request, q, analyzer);
    if (!plan) return tl::unexpected(plan.error());
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
          ++counts.undated;
          continue;
        }
        const int64_t ord = ordinal(row.date, interval);
        lo = std::min(lo, ord);
        hi = std::max(hi, ord);
        if (request.by == SplitBy::kSpeaker) {
          for (const auto& name : speakers[k - i]) {
            const uint32_t g = groups.id(name);
            example.try_emplace(g, matches[k].segment, matches[k].doc);
            hits[q].push_back({g, ord, matches[k].mentions});
          }
        } else {
          hits[q].push_back({column_group(seg, row), ord, matches[k].mentions});
        }
      }
      i = j;
    }
  }
  counts.queries.resize(request.queries.size());
  if (lo <= hi) {
    counts.base = lo;
    counts.span = static_cast<size_t>(hi - lo + 1);
    if (counts.span > 200000)
      return core::fail(core::ErrorCode::kLimit,
                        "timeline of more than 200000 buckets; use a longer interval");
    for (size_t q = 0; q < hits.size(); ++q)
      for (const auto& h : hits[q]) {
        auto& c = counts.at(q, h.group);
        c.docs[static_cast<size_t>(h.ord - lo)] += 1;
        c.mentions[static_cast<size_t>(h.ord - lo)] += h.mentions;
      }
  }

  // Denominators: live documents and body words per (group, bucket), document by document.
  const bool per_group = request.by == SplitBy::kShow || request.by == SplitBy::kSource;
  auto totals_of = [&](int64_t tlo, int64_t thi) {
    const size_t n = static_cast<size_t>(thi - tlo + 1);
    Totals totals;
    for (const auto& view : snap.segments()) {
      const auto& seg = *view.segment;
      for (uint32_t d = 0; d < seg.doc_count(); ++d) {
        if (view.is_deleted(d)) continue;
        const auto row = seg.columns(d);
        if (row.date == core::kNoDate || row.date < from || row.date > to) continue;
        const int64_t ord = ordinal(row.date, interval);
        if (ord < tlo || ord > thi) continue;
        auto& v = totals[per_group ? column_group(seg, row) : 0];
        if (v.empty()) v.assign(n, {0, 0});
        v[static_cast<size_t>(ord - tlo)].first += 1;
        v[static_cast<size_t>(ord - tlo)].second += row.body_len;
      }
    }
    return totals;
  };
  if (request.by != SplitBy::kSpeaker) return finish(request, *range, counts, totals_of);
  // A speaker's display name: as labelled in one document that has it (the first matched),
  // preferring a spelling that is not all capitals; the indexed form when none analyses alike.
  auto display = [&](uint32_t g) {
    const auto& indexed = groups.names[g];
    const auto it = example.find(g);
    if (it == example.end()) return indexed;
    auto stored = snap.segments()[it->second.first].segment->document(it->second.second);
    if (!stored) return indexed;
    std::string best;
    auto consider = [&](const std::string& name) {
      std::string v;
      for (const auto& tok : analyzer.tokens(name)) v += (v.empty() ? "" : " ") + tok.term;
      if (v != indexed) return;
      const bool caps =
          std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (best.empty() || (!caps && std::none_of(best.begin(), best.end(),
                                                 [](char c) { return c >= 'a' && c <= 'z'; })))
        best = name;
    };
    for (const auto& turn : stored->turns) consider(turn.speaker);
    for (const auto& quote : stored->quotes) consider(quote.speaker);
    return best.empty() ? indexed : best;
  };
  return finish(request, *range, counts, totals_of, display);
}

core::Result<Timeline> compute_timeline(const index::Snapshot& snap,
                                        const TimelineRequest& request) {
  if (auto ok = check_request(request); !ok) return tl::unexpected(ok.error());
  // Speakers come from postings per matched document, not from columns: the general path.
  if (request.by == SplitBy::kSpeaker) return compute_timeline_reference(snap, request);
  auto range = query::request_date_range(request.from, request.to);
  if (!range) return tl::unexpected(range.error());
  const int32_t from = range->from, to = range->to;
  const Interval interval = request.interval;

  const auto& views = snap.segments();
  std::vector<std::shared_ptr<const SegmentCalendar>> calendars;
  std::vector<const BucketColumn*> columns;
  int64_t gbase = INT64_MAX, gend = INT64_MIN;
  for (const auto& view : views) {
    calendars.push_back(calendar_for(view.segment));
    columns.push_back(&calendars.back()->buckets(interval));
    const auto& col = *columns.back();
    if (!col.ok) return compute_timeline_reference(snap, request);  // more than 65534 buckets
    if (col.size == 0) continue;
    gbase = std::min(gbase, col.base);
    gend = std::max(gend, col.base + static_cast<int64_t>(col.size));
  }
  Counts counts;
  counts.queries.resize(request.queries.size());
  if (gbase < gend) {
    counts.base = gbase;
    counts.span = static_cast<size_t>(gend - gbase);
  }
  Groups& groups = counts.groups;
  if (request.by == SplitBy::kNone) groups.id("");
  const bool per_group = request.by != SplitBy::kNone;
  // Per segment: string index -> group id (show or source values), filled on first use.
  std::vector<std::vector<uint32_t>> string_group(views.size());
  auto group_of = [&](size_t s, uint32_t doc) -> uint32_t {
    if (!per_group) return 0;
    const uint32_t str =
        request.by == SplitBy::kShow ? calendars[s]->shows()[doc] : calendars[s]->sources()[doc];
    auto& map = string_group[s];
    if (map.empty()) map.assign(views[s].segment->string_count() + 1, UINT32_MAX);
    const size_t k = std::min<size_t>(str, map.size() - 1);  // out of range: ""
    if (map[k] == UINT32_MAX) map[k] = groups.id(views[s].segment->string_at(str));
    return map[k];
  };

  analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
  for (size_t q = 0; q < request.queries.size(); ++q) {
    auto plan = plan_one(snap, request, q, analyzer);
    if (!plan) return tl::unexpected(plan.error());
    if (counts.span == 0) {  // nothing dated: only the undated matches are counted
      query::for_each_match(snap, *plan, false, [&](const query::Match&) { ++counts.undated; });
      continue;
    }
    if (auto term = as_term_plan(*plan)) {
      if (!per_group) {
        auto& c = counts.at(q, 0);
        for (size_t s = 0; s < views.size(); ++s) {
          const auto& col = *columns[s];
          const size_t off = col.size == 0 ? 0 : static_cast<size_t>(col.base - gbase);
          uint64_t* docs = c.docs.data() + off;
          uint64_t* mentions = c.mentions.data() + off;
          uint64_t undated = 0;
          count_term(views[s], *calendars[s], col, *term, [&](uint32_t, uint16_t b, uint32_t freq) {
            if (b == kNoBucket) {
              ++undated;
              return;
            }
            docs[b] += 1;
            mentions[b] += freq;
          });
          counts.undated += undated;
        }
      } else {
        for (size_t s = 0; s < views.size(); ++s) {
          const auto& col = *columns[s];
          const size_t off = col.size == 0 ? 0 : static_cast<size_t>(col.base - gbase);
          count_term(views[s], *calendars[s], col, *term,
                     [&](uint32_t doc, uint16_t b, uint32_t freq) {
                       if (b == kNoBucket) {
                         ++counts.undated;
                         return;
                       }
                       auto& c = counts.at(q, group_of(s, doc));
                       c.docs[off + b] += 1;
                       c.mentions[off + b] += freq;
                     });
        }
      }
      continue;
    }
    // Any other query: the general matcher, bucketed through the calendars.
    query::for_each_match(snap, *plan, true, [&](const query::Match& m) {
      const auto& col = *columns[m.segment];
      const uint16_t b = col.of_doc[m.doc];
      if (b == kNoBucket) {
        ++counts.undated;
        return;
      }
      auto& c = counts.at(q, group_of(m.segment, m.doc));
      const size_t i = static_cast<size_t>(col.base - gbase) + b;
      c.docs[i] += 1;
      c.mentions[i] += m.mentions;
    });
  }

  // Denominators from the calendars' (day, show, source) totals, minus deleted documents.
  auto totals_of = [&](int64_t lo, int64_t hi) {
    const size_t n = static_cast<size_t>(hi - lo + 1);
    Totals totals;
    std::vector<std::pair<uint64_t, uint64_t>>* flat = nullptr;
    std::vector<std::vector<std::pair<uint64_t, uint64_t>>*> by_group;  // group id -> its totals
    // `bucket`: the day's bucket in segment s (from its calendar).
    auto add = [&](size_t s, int32_t day, uint16_t bucket, uint32_t doc_or_show, uint32_t source,
                   int64_t docs, int64_t words, bool by_doc) {
      if (day == core::kNoDate || day < from || day > to) return;
      const int64_t ord = columns[s]->base + bucket;
      if (ord < lo || ord > hi) return;
      std::vector<std::pair<uint64_t, uint64_t>>* v = flat;
      if (per_group) {
        uint32_t g = 0;
        if (by_doc) {
          g = group_of(s, doc_or_show);
        } else {
          const uint32_t str = request.by == SplitBy::kShow ? doc_or_show : source;
          auto& map = string_group[s];
          if (map.empty()) map.assign(views[s].segment->string_count() + 1, UINT32_MAX);
          const size_t k = std::min<size_t>(str, map.size() - 1);
          if (map[k] == UINT32_MAX) map[k] = groups.id(views[s].segment->string_at(str));
          g = map[k];
        }
        if (by_group.size() <= g) by_group.resize(g + 1, nullptr);
        if (by_group[g] == nullptr) by_group[g] = &totals[g];  // map nodes stay put
        v = by_group[g];
      } else if (v == nullptr) {
        v = flat = &totals[0];
      }
      if (v->empty()) v->assign(n, {0, 0});
      auto& cell = (*v)[static_cast<size_t>(ord - lo)];
      cell.first = static_cast<uint64_t>(static_cast<int64_t>(cell.first) + docs);
      cell.second = static_cast<uint64_t>(static_cast<int64_t>(cell.second) + words);
    };
    for (size_t s = 0; s < views.size(); ++s) {
      const auto& cal = *calendars[s];
      const auto& col = *columns[s];
      const auto& entries = per_group ? cal.by_day_show_source() : cal.by_day();
      // Buckets wholly inside [from, to] come from the per-bucket sums; a partly covered bucket
      // (at most one at each end) from its days.
      std::vector<uint8_t> whole(col.size, 0);
      std::vector<int32_t> first_day(col.size, 0);
      for (uint32_t b = 0; b < col.size; ++b) {
        const int64_t ord = col.base + b;
        if (ord < lo || ord > hi) continue;
        const int32_t first = ordinal_start(ord, interval);
        const int32_t last = ordinal_start(ord + 1, interval) - 1;
        first_day[b] = first;
        if (first >= from && last <= to) {
          whole[b] = 1;
          if (!per_group)
            add(s, first, static_cast<uint16_t>(b), 0, 0, static_cast<int64_t>(col.docs[b]),
                static_cast<int64_t>(col.words[b]), false);
          continue;
        }
        const auto begin =
            std::lower_bound(entries.begin(), entries.end(), std::max(first, from),
                             [](const DayTotal& t, int32_t day) { return t.day < day; });
        for (auto e = begin; e != entries.end() && e->day <= std::min(last, to); ++e)
          add(s, e->day, static_cast<uint16_t>(b), e->show, e->source, e->docs,
              static_cast<int64_t>(e->words), false);
      }
      if (per_group)
        for (const auto& t : cal.group_totals(interval)) {
          const auto b = static_cast<size_t>(t.day);  // here: the bucket
          if (whole[b])
            add(s, first_day[b], static_cast<uint16_t>(b), t.show, t.source, t.docs,
                static_cast<int64_t>(t.words), false);
        }
      if (views[s].deleted_count == 0) continue;
      for (uint32_t d = 0; d < cal.days().size(); ++d)
        if (views[s].is_deleted(d))
          add(s, cal.days()[d], columns[s]->of_doc[d], d, 0, -1,
              -static_cast<int64_t>(cal.body_lengths()[d]), true);
    }
    return totals;
  };
  return finish(request, *range, counts, totals_of);
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
