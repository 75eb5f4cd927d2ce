#include "newsdex/analytics/kwic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/output.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/matcher.hpp"
#include "newsdex/query/exec/occurrences.hpp"

namespace newsdex::analytics {

namespace {

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Context text: line breaks and tabs as spaces.
std::string flatten(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

}  // namespace

core::Result<Kwic> compute_kwic(const index::Snapshot& snap, const KwicRequest& request) {
  analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
  auto plan = query::plan_matches(
      request.query, analyzer,
      {.from = request.from, .to = request.to, .limits = request.limits, .snapshot = &snap});
  if (!plan) return tl::unexpected(plan.error());
  struct Doc {
    int32_t date;
    uint32_t segment, doc;
  };
  std::vector<Doc> docs;
  query::for_each_match(snap, *plan, false, [&](const query::Match& m) {
    docs.push_back({snap.segments()[m.segment].segment->columns(m.doc).date, m.segment, m.doc});
  });
  std::stable_sort(docs.begin(), docs.end(),
                   [](const Doc& a, const Doc& b) { return a.date > b.date; });
  Kwic out;
  out.query = request.query;
  out.documents = docs.size();
  for (const auto& d : docs) {
    if (out.lines.size() >= request.limit) break;
    const auto& seg = *snap.segments()[d.segment].segment;
    auto t = seg.document(d.doc);
    if (!t) return tl::unexpected(t.error());
    const std::string_view body = t->body;
    for (auto& span : match_spans(*t, *plan, analyzer)) {
      if (out.lines.size() >= request.limit) break;
      const size_t start = span.start, end = span.end;
      size_t left = start > request.width ? start - request.width : 0;
      while (left < start && continuation(body[left])) ++left;
      size_t right = std::min(body.size(), end + request.width);
      while (right > end && right < body.size() && continuation(body[right])) --right;
      out.lines.push_back({.id = std::string(seg.external_id(d.doc)),
                           .date = core::format_iso_date(d.date),
                           .show = t->show,
                           .title = t->title,
                           .offset = span.start,
                           .left = flatten(body.substr(left, start - left)),
                           .match = flatten(body.substr(start, end - start)),
                           .right = flatten(body.substr(end, right - end)),
                           .approximate = std::move(span.approximate)});
    }
  }
  return out;
}

std::vector<MatchSpan> match_spans(const doc::Transcript& t, const query::PlanNode& plan,
                                   analysis::Analyzer& analyzer) {
  std::vector<analysis::SkipRange> skip;
  for (const auto& m : t.markup) skip.push_back({m.start, m.end});
  const auto tokens = analyzer.tokens(t.body, skip);
  // Occurrences in body order (exact, fuzzy, prefix, sounds: and robust: alike, as search
  // snippets mark them), without overlaps: the first to start (the longest of those) wins.
  auto occurrences = query::find_occurrences(t.body, tokens, plan);
  std::sort(occurrences.begin(), occurrences.end(),
            [](const query::Occurrence& a, const query::Occurrence& b) {
              return a.first() != b.first() ? a.first() < b.first() : a.last() > b.last();
            });
  std::vector<MatchSpan> out;
  size_t covered = 0;  // tokens before this index are in a span already
  for (const auto& o : occurrences) {
    if (o.first() < covered) continue;
    covered = o.last() + 1;
    MatchSpan span{.start = static_cast<uint32_t>(tokens[o.first()].start),
                   .end = static_cast<uint32_t>(tokens[o.last()].end)};
    for (const auto& tok : o.tokens)
      if (tok.approximate) span.approximate.push_back(*tok.approximate);
    for (const auto& word : o.missing) span.approximate.push_back({"", word, "missing"});
    out.push_back(std::move(span));
  }
  return out;
}

core::Result<std::vector<MatchSpan>> document_matches(const index::Snapshot& snap,
                                                      const doc::Transcript& t,
                                                      std::string_view query,
                                                      const query::ParseLimits& limits) {
  analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
  auto plan =
      query::plan_matches(std::string(query), analyzer, {.limits = limits, .snapshot = &snap});
  if (!plan) return tl::unexpected(plan.error());
  return match_spans(t, *plan, analyzer);
}

namespace {

// As search hits list them: [{"text", "matches", "how"}].
nlohmann::json approximate_json(const std::vector<query::ApproximateMatch>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : items)
    out.push_back({{"text", m.text}, {"matches", m.word}, {"how", m.how}});
  return out;
}

// "raids=raise (fuzzy); issue (missing)" for csv and table output.
std::string approximate_text(const std::vector<query::ApproximateMatch>& items) {
  std::string out;
  for (const auto& m : items) {
    if (!out.empty()) out += "; ";
    out +=
        m.text.empty() ? m.word + " (" + m.how + ")" : m.text + "=" + m.word + " (" + m.how + ")";
  }
  return out;
}

}  // namespace

nlohmann::json to_json(const Kwic& k) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : k.lines)
    lines.push_back({{"id", l.id},
                     {"date", l.date},
                     {"show", l.show},
                     {"title", l.title},
                     {"offset", l.offset},
                     {"left", l.left},
                     {"match", l.match},
                     {"right", l.right},
                     {"approximate", approximate_json(l.approximate)}});
  return {{"query", k.query}, {"documents", k.documents}, {"lines", std::move(lines)}};
}

nlohmann::json to_json(const std::vector<MatchSpan>& spans) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : spans)
    out.push_back(
        {{"start", m.start}, {"end", m.end}, {"approximate", approximate_json(m.approximate)}});
  return out;
}

std::string to_csv(const Kwic& k) {
  std::string out = "id,date,show,offset,left,match,right,approximate\n";
  for (const auto& l : k.lines)
    out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_field(l.id), l.date, csv_field(l.show),
                       l.offset, csv_field(l.left), csv_field(l.match), csv_field(l.right),
                       csv_field(approximate_text(l.approximate)));
  return out;
}

std::string to_table(const Kwic& k) {
  size_t width = 0;
  for (const auto& l : k.lines) width = std::max(width, l.left.size());
  std::string out;
  for (const auto& l : k.lines)
    out += fmt::format("{} {:<10} {:>{}} [{}] {}{}\n", l.date.empty() ? "----------" : l.date,
                       l.show, l.left, width, l.match, l.right,
                       l.approximate.empty() ? "" : "  ~ " + approximate_text(l.approximate));
  out += fmt::format("{} line{} from {} matching document{}\n", k.lines.size(),
                     k.lines.size() == 1 ? "" : "s", k.documents, k.documents == 1 ? "" : "s");
  return out;
}

}  // namespace newsdex::analytics
