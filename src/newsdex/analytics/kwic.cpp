#include "newsdex/analytics/kwic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/output.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/matcher.hpp"

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
  analysis::Analyzer analyzer;
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
  std::vector<std::vector<std::string>> phrases;
  query::for_each_scoring_leaf(*plan, [&](const query::PlanNode& leaf) {
    if (std::find(leaf.fields.begin(), leaf.fields.end(), index::Field::kBody) != leaf.fields.end())
      phrases.push_back(leaf.terms);
  });
  for (const auto& d : docs) {
    if (out.lines.size() >= request.limit) break;
    const auto& seg = *snap.segments()[d.segment].segment;
    auto t = seg.document(d.doc);
    if (!t) return tl::unexpected(t.error());
    std::vector<analysis::SkipRange> skip;
    for (const auto& m : t->markup) skip.push_back({m.start, m.end});
    const auto tokens = analyzer.tokens(t->body, skip);
    // Occurrences as token ranges [i, i + size), in body order, without overlaps.
    std::vector<std::pair<size_t, size_t>> hits;
    for (const auto& terms : phrases) {
      if (terms.empty()) continue;
      for (size_t i = 0; i + terms.size() <= tokens.size(); ++i) {
        bool all = true;
        for (size_t k = 0; k < terms.size() && all; ++k)
          all = tokens[i + k].term == terms[k] && tokens[i + k].position == tokens[i].position + k;
        if (all) hits.emplace_back(i, i + terms.size());
      }
    }
    std::sort(hits.begin(), hits.end());
    size_t covered = 0;
    const std::string_view body = t->body;
    for (const auto& [first, last] : hits) {
      if (out.lines.size() >= request.limit) break;
      if (first < covered) continue;
      covered = last;
      const size_t start = tokens[first].start, end = tokens[last - 1].end;
      size_t left = start > request.width ? start - request.width : 0;
      while (left < start && continuation(body[left])) ++left;
      size_t right = std::min(body.size(), end + request.width);
      while (right > end && right < body.size() && continuation(body[right])) --right;
      out.lines.push_back({.id = std::string(seg.external_id(d.doc)),
                           .date = core::format_iso_date(d.date),
                           .show = t->show,
                           .title = t->title,
                           .offset = static_cast<uint32_t>(start),
                           .left = flatten(body.substr(left, start - left)),
                           .match = flatten(body.substr(start, end - start)),
                           .right = flatten(body.substr(end, right - end))});
    }
  }
  return out;
}

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
                     {"right", l.right}});
  return {{"query", k.query}, {"documents", k.documents}, {"lines", std::move(lines)}};
}

std::string to_csv(const Kwic& k) {
  std::string out = "id,date,show,offset,left,match,right\n";
  for (const auto& l : k.lines)
    out += fmt::format("{},{},{},{},{},{},{}\n", csv_field(l.id), l.date, csv_field(l.show),
                       l.offset, csv_field(l.left), csv_field(l.match), csv_field(l.right));
  return out;
}

std::string to_table(const Kwic& k) {
  size_t width = 0;
  for (const auto& l : k.lines) width = std::max(width, l.left.size());
  std::string out;
  for (const auto& l : k.lines)
    out += fmt::format("{} {:<10} {:>{}} [{}] {}\n", l.date.empty() ? "----------" : l.date, l.show,
                       l.left, width, l.match, l.right);
  out += fmt::format("{} line{} from {} matching document{}\n", k.lines.size(),
                     k.lines.size() == 1 ? "" : "s", k.documents, k.documents == 1 ? "" : "s");
  return out;
}

}  // namespace newsdex::analytics
