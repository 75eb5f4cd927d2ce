#include "newsdex/analytics/association.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/matcher.hpp"

namespace newsdex::analytics {

namespace {

double xlogx_ratio(double k, double e) {
  return k > 0 && e > 0 ? k * std::log(k / e) : 0.0;
}

struct Foreground {
  std::vector<query::Match> docs;
  std::vector<std::vector<std::string>> phrases;  // the query's body terms and phrases
};

// Turns of `t` (as [start, end) byte ranges) holding an occurrence of one of `phrases`.
std::vector<std::pair<uint32_t, uint32_t>> matching_turns(
    const doc::Transcript& t, const std::vector<analysis::Token>& tokens,
    const std::vector<std::vector<std::string>>& phrases) {
  std::vector<uint32_t> hit_offsets;
  for (const auto& terms : phrases)
    for (size_t i = 0; !terms.empty() && i + terms.size() <= tokens.size(); ++i) {
      bool all = true;
      for (size_t k = 0; k < terms.size() && all; ++k)
        all = tokens[i + k].term == terms[k] && tokens[i + k].position == tokens[i].position + k;
      if (all) hit_offsets.push_back(tokens[i].start);
    }
  std::vector<std::pair<uint32_t, uint32_t>> out;
  if (t.turns.empty()) {
    if (!hit_offsets.empty()) out.emplace_back(0, static_cast<uint32_t>(t.body.size()));
    return out;
  }
  for (const auto& turn : t.turns)
    for (uint32_t o : hit_offsets)
      if (o >= turn.start && o < turn.end) {
        out.emplace_back(turn.start, turn.end);
        break;
      }
  return out;
}

core::Result<Association> associate(const index::Snapshot& snap, const AssociationRequest& request,
                                    const query::PlanNode& plan, analysis::Analyzer& analyzer) {
  Association out;
  out.query = request.query;
  out.within = request.within;
  out.measure = request.measure;
  out.background = snap.live_documents();
  std::vector<query::Match> docs;
  query::for_each_match(snap, plan, false, [&](const query::Match& m) { docs.push_back(m); });
  out.foreground = docs.size();
  std::vector<std::vector<std::string>> phrases;
  std::unordered_set<std::string> query_terms;
  query::for_each_scoring_leaf(plan, [&](const query::PlanNode& leaf) {
    if (std::find(leaf.fields.begin(), leaf.fields.end(), index::Field::kBody) != leaf.fields.end())
      phrases.push_back(leaf.terms);
    for (const auto& t : leaf.terms) query_terms.insert(t);
  });
  if (request.within == Within::kTurn && phrases.empty())
    return core::fail(core::ErrorCode::kUsage, "within=turn needs body words in the query");

  // An evenly spaced sample of the foreground, deterministic.
  const size_t sample = std::max<size_t>(1, request.sample);
  std::vector<query::Match> picked;
  if (docs.size() <= sample)
    picked = docs;
  else
    for (size_t i = 0; i < sample; ++i) picked.push_back(docs[i * docs.size() / sample]);
  out.sampled = picked.size();

  std::unordered_map<std::string, uint64_t> term_counts;
  std::unordered_map<std::string, std::pair<uint64_t, std::string>>
      entity_counts;  // name -> count, type
  for (const auto& m : picked) {
    const auto& seg = *snap.segments()[m.segment].segment;
    auto t = seg.document(m.doc);
    if (!t) return tl::unexpected(t.error());
    std::vector<analysis::SkipRange> skip;
    for (const auto& mk : t->markup) skip.push_back({mk.start, mk.end});
    const auto tokens = analyzer.tokens(t->body, skip);
    std::vector<std::pair<uint32_t, uint32_t>> units;
    if (request.within == Within::kTurn)
      units = matching_turns(*t, tokens, phrases);
    else
      units.emplace_back(0, static_cast<uint32_t>(t->body.size()));
    for (const auto& [begin, end] : units) {
      ++out.units;
      std::unordered_set<std::string_view> seen;
      for (const auto& tok : tokens)
        if (tok.start >= begin && tok.end <= end && !query_terms.count(tok.term) &&
            seen.insert(tok.term).second)
          ++term_counts[tok.term];
      if (!request.entities) continue;
      for (const auto& e : t->entities) {
        const bool inside = std::any_of(
            e.mentions.begin(), e.mentions.end(),
            [&](const doc::Entity::Span& s) { return s.start >= begin && s.end <= end; });
        if (!inside) continue;
        auto& c = entity_counts[e.name];
        c.first += 1;
        c.second = doc::entity_type_name(e.type);
      }
    }
  }
  // Counts of the sample scaled to the whole foreground.
  const double scale =
      out.sampled ? static_cast<double>(out.foreground) / static_cast<double>(out.sampled) : 1.0;
  const double n1 = static_cast<double>(out.units) * scale;
  const double total = static_cast<double>(out.background);
  auto score = [&](Associated& a) {
    const double k11 = std::min(static_cast<double>(a.count) * scale, static_cast<double>(a.df));
    // Documents outside the foreground: the archive minus the foreground documents.
    const double n2 = std::max(1.0, total - static_cast<double>(out.foreground));
    const double k21 = std::max(0.0, static_cast<double>(a.df) - k11);
    a.g2 = round6(log_likelihood(k11, std::max(1.0, n1), k21, n2));
    const double p_fg = k11 / std::max(1.0, n1),
                 p_all = static_cast<double>(a.df) / std::max(1.0, total);
    a.pmi = round6(p_fg > 0 && p_all > 0 ? std::log2(p_fg / p_all) : 0.0);
  };
  auto rank = [&](std::vector<Associated>& items) {
    for (auto& a : items) score(a);
    const auto key = [&](const Associated& a) {
      return request.measure == Measure::kG2 ? a.g2 : a.pmi;
    };
    std::sort(items.begin(), items.end(), [&](const Associated& a, const Associated& b) {
      return key(a) != key(b) ? key(a) > key(b) : a.name < b.name;
    });
    // Only over-represented items are associated.
    std::erase_if(items, [](const Associated& a) { return a.g2 <= 0; });
    if (items.size() > request.limit) items.resize(request.limit);
  };

  for (const auto& [term, count] : term_counts) {
    if (count < request.min_count) continue;
    Associated a{.name = term, .count = count};
    for (const auto& view : snap.segments())
      if (auto info = view.segment->lookup(index::Field::kBody, term)) a.df += info->df;
    out.terms.push_back(std::move(a));
  }
  rank(out.terms);

  // Entities: background document frequency from the entity field (the name as a phrase), for
  // the most frequent candidates only.
  std::vector<Associated> candidates;
  for (const auto& [name, c] : entity_counts)
    if (c.first >= request.min_count)
      candidates.push_back({.name = name, .type = c.second, .count = c.first});
  std::sort(candidates.begin(), candidates.end(), [](const Associated& a, const Associated& b) {
    return a.count != b.count ? a.count > b.count : a.name < b.name;
  });
  if (candidates.size() > 200) candidates.resize(200);
  for (auto& a : candidates) {
    std::string phrase;
    for (char ch : a.name)
      if (ch != '"' && ch != '\\') phrase.push_back(ch);
    auto entity_plan = query::plan_matches("entity:\"" + phrase + "\"", analyzer);
    if (!entity_plan) continue;
    query::for_each_match(snap, *entity_plan, false, [&](const query::Match&) { ++a.df; });
    a.df = std::max<uint64_t>(a.df, a.count);
  }
  out.entities = std::move(candidates);
  rank(out.entities);
  return out;
}

}  // namespace

core::Result<Measure> parse_measure(std::string_view text) {
  if (text.empty() || text == "g2") return Measure::kG2;
  if (text == "pmi") return Measure::kPmi;
  return core::fail(core::ErrorCode::kUsage,
                    "parameter 'measure': expected g2 or pmi, got '" + std::string(text) + "'");
}

core::Result<Within> parse_within(std::string_view text) {
  if (text.empty() || text == "document") return Within::kDocument;
  if (text == "turn") return Within::kTurn;
  return core::fail(
      core::ErrorCode::kUsage,
      "parameter 'within': expected document or turn, got '" + std::string(text) + "'");
}

double log_likelihood(double k11, double n1, double k21, double n2) {
  const double k12 = std::max(0.0, n1 - k11), k22 = std::max(0.0, n2 - k21);
  const double n = n1 + n2, with = k11 + k21, without = k12 + k22;
  if (n <= 0) return 0;
  const double g2 = 2.0 * (xlogx_ratio(k11, n1 * with / n) + xlogx_ratio(k12, n1 * without / n) +
                           xlogx_ratio(k21, n2 * with / n) + xlogx_ratio(k22, n2 * without / n));
  const bool over = n1 > 0 && n2 > 0 ? k11 / n1 >= k21 / n2 : true;
  return over ? g2 : -g2;
}

core::Result<Association> compute_comentions(const index::Snapshot& snap,
                                             const AssociationRequest& request) {
  if (request.query.empty()) return core::fail(core::ErrorCode::kUsage, "a query is required");
  analysis::Analyzer analyzer;
  auto plan = query::plan_matches(
      request.query, analyzer,
      {.from = request.from, .to = request.to, .limits = request.limits, .snapshot = &snap});
  if (!plan) return tl::unexpected(plan.error());
  return associate(snap, request, *plan, analyzer);
}

core::Result<Association> compute_significant_terms(const index::Snapshot& snap,
                                                    const AssociationRequest& request) {
  if (request.query.empty() && request.show.empty() && request.source.empty() &&
      request.from.empty() && request.to.empty())
    return core::fail(core::ErrorCode::kUsage,
                      "name a foreground: --show, --source, --from/--to or a query");
  analysis::Analyzer analyzer;
  query::PlanNode plan;
  plan.kind = query::PlanNode::Kind::kAnd;
  if (!request.query.empty()) {
    auto q =
        query::plan_matches(request.query, analyzer, {.limits = request.limits, .snapshot = &snap});
    if (!q) return tl::unexpected(q.error());
    plan.children.push_back(std::move(*q));
  }
  if (!request.from.empty() || !request.to.empty()) {
    query::PlanNode range;
    range.kind = query::PlanNode::Kind::kDateRange;
    for (auto [text, name, out] : {std::tuple{&request.from, "from", &range.from},
                                   std::tuple{&request.to, "to", &range.to}}) {
      if (text->empty()) continue;
      auto d = core::parse_iso_date(*text);
      if (!d)
        return core::fail(core::ErrorCode::kUsage, std::string("parameter '") + name +
                                                       "': expected a date YYYY-MM-DD, got '" +
                                                       *text + "'");
      *out = *d;
    }
    plan.children.push_back(std::move(range));
  }
  for (const auto& [field, value] :
       {std::pair<std::string, std::string>{"show", request.show},
        std::pair<std::string, std::string>{"source", request.source}}) {
    if (value.empty()) continue;
    query::PlanNode f;
    f.kind = query::PlanNode::Kind::kFilter;
    f.filter_field = field;
    f.filter_value = analysis::Analyzer::fold(value);
    plan.children.push_back(std::move(f));
  }
  AssociationRequest r = request;
  r.within = Within::kDocument;
  r.entities = false;
  return associate(snap, r, plan, analyzer);
}

nlohmann::json to_json(const Association& a) {
  auto list = [](const std::vector<Associated>& items, bool entity) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : items) {
      nlohmann::json j = {{entity ? "name" : "term", i.name},
                          {"count", i.count},
                          {"df", i.df},
                          {"g2", i.g2},
                          {"pmi", i.pmi}};
      if (entity) j["type"] = i.type;
      out.push_back(std::move(j));
    }
    return out;
  };
  return {{"query", a.query},
          {"documents", a.foreground},
          {"foreground", a.foreground},
          {"background", a.background},
          {"sampled", a.sampled},
          {"units", a.units},
          {"within", a.within == Within::kTurn ? "turn" : "document"},
          {"measure", a.measure == Measure::kPmi ? "pmi" : "g2"},
          {"entities", list(a.entities, true)},
          {"terms", list(a.terms, false)}};
}

std::string to_csv(const Association& a) {
  std::string out = "kind,name,type,count,df,g2,pmi\n";
  for (const auto& e : a.entities)
    out += fmt::format("entity,{},{},{},{},{},{}\n", csv_field(e.name), e.type, e.count, e.df, e.g2,
                       e.pmi);
  for (const auto& t : a.terms)
    out += fmt::format("term,{},,{},{},{},{}\n", csv_field(t.name), t.count, t.df, t.g2, t.pmi);
  return out;
}

std::string to_table(const Association& a) {
  std::string out =
      fmt::format("{} foreground document{} of {} ({} read, {} {}{})\n", a.foreground,
                  a.foreground == 1 ? "" : "s", a.background, a.sampled, a.units,
                  a.within == Within::kTurn ? "turn" : "document", a.units == 1 ? "" : "s");
  auto section = [&](const char* title, const std::vector<Associated>& items) {
    if (items.empty()) return;
    out += fmt::format("\n{:<32} {:>7} {:>8} {:>10} {:>7}\n", title, "count", "df", "G2", "PMI");
    for (const auto& i : items)
      out += fmt::format("{:<32} {:>7} {:>8} {:>10.2f} {:>7.2f}\n",
                         i.type.empty() ? i.name : i.name + " (" + i.type + ")", i.count, i.df,
                         i.g2, i.pmi);
  };
  section("entity", a.entities);
  section("term", a.terms);
  return out;
}

}  // namespace newsdex::analytics
