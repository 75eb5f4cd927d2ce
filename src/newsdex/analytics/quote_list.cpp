#include "newsdex/analytics/quote_list.hpp"

#include <fmt/format.h>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::analytics {

namespace {

// Does `text` contain `terms` in sequence (analysed as the index does)?
bool contains_sequence(analysis::Analyzer& analyzer, std::string_view text,
                       const std::vector<std::string>& terms) {
  const auto tokens = analyzer.tokens(text);
  for (size_t i = 0; i + terms.size() <= tokens.size(); ++i) {
    bool all = true;
    for (size_t k = 0; k < terms.size() && all; ++k) all = tokens[i + k].term == terms[k];
    if (all) return true;
  }
  return false;
}

nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

core::Result<QuoteList> list_quotes(std::shared_ptr<const index::Snapshot> snapshot,
                                    const QuoteListRequest& request, SignatureCache* cache) {
  const index::Snapshot& snap = *snapshot;
  auto ast = query::parse_query(request.query, request.limits);
  if (!ast) return tl::unexpected(ast.error());
  if (snap.manifest().analysis != analysis::Profile::kFull)
    return core::fail(core::ErrorCode::kUsage,
                      "quotes need an index built with --analysis full; this index was built with "
                      "--analysis plain (no quotes or speakers were found)",
                      core::Location{snap.dir().string()});
  analysis::Analyzer analyzer;
  auto plan = query::plan_query(**ast, analyzer);
  if (!plan) return tl::unexpected(plan.error());
  std::vector<const query::PlanNode*> text_leaves, speaker_leaves;
  query::for_each_scoring_leaf(*plan, [&](const query::PlanNode& leaf) {
    const auto f = leaf.fields.front();
    if (f == index::Field::kSpeaker)
      speaker_leaves.push_back(&leaf);
    else if (f == index::Field::kQuote || f == index::Field::kBody)
      text_leaves.push_back(&leaf);
  });

  SignatureCache local;  // computed once for all hits when the caller keeps none
  if (cache == nullptr) cache = &local;
  query::Searcher searcher(std::move(snapshot));
  auto result = searcher.search({.query = request.query,
                                 .limit = request.documents,
                                 .snippets = 0,
                                 .limits = request.limits,
                                 .deadline = request.deadline});
  if (!result) return tl::unexpected(result.error());
  QuoteList out{.query = request.query, .documents = result->total, .quotes = {}};
  for (const auto& hit : result->hits) {
    auto doc = snap.find_document(hit.id);
    if (!doc) return tl::unexpected(doc.error());
    if (!doc->has_value()) continue;
    auto first = first_aired(snap, hit.id, cache);
    if (!first) return tl::unexpected(first.error());
    for (const auto& q : (*doc)->quotes) {
      bool keep = text_leaves.empty() && speaker_leaves.empty();
      for (const auto* leaf : text_leaves)
        keep = keep || contains_sequence(analyzer, q.text, leaf->terms);
      for (const auto* leaf : speaker_leaves)
        keep = keep || contains_sequence(analyzer, q.speaker, leaf->terms);
      if (!keep) continue;
      out.quotes.push_back({.quote = q,
                            .id = hit.id,
                            .title = hit.title,
                            .date = hit.date,
                            .show = hit.show,
                            .source = hit.source,
                            .first_aired = *first});
    }
  }
  return out;
}

nlohmann::json to_json(const QuoteList& list) {
  nlohmann::json quotes = nlohmann::json::array();
  for (const auto& l : list.quotes)
    quotes.push_back({{"text", l.quote.text},
                      {"speaker", or_null(l.quote.speaker)},
                      {"medium", or_null(l.quote.medium)},
                      {"kind", doc::quote_kind_name(l.quote.kind)},
                      {"start", l.quote.start},
                      {"end", l.quote.end},
                      {"id", l.id},
                      {"title", l.title},
                      {"date", l.date},
                      {"show", l.show},
                      {"source", l.source},
                      {"first_aired", first_aired_json(l.first_aired)}});
  return {{"query", list.query}, {"documents", list.documents}, {"quotes", std::move(quotes)}};
}

std::string to_table(const QuoteList& list) {
  const size_t n = list.quotes.size();
  std::string out = fmt::format("{} quote{} in {} matching document{}\n", n, n == 1 ? "" : "s",
                                list.documents, list.documents == 1 ? "" : "s");
  for (const auto& l : list.quotes) {
    const std::string speaker = l.quote.speaker.empty() ? "(speaker unknown)" : l.quote.speaker;
    const std::string medium = l.quote.medium.empty() ? "" : ", " + l.quote.medium;
    out += fmt::format("\n  \"{}\"\n    — {}{} [{}]  {} {} {}  id {}\n", l.quote.text, speaker,
                       medium, doc::quote_kind_name(l.quote.kind), l.date, l.source, l.show, l.id);
  }
  return out;
}

}  // namespace newsdex::analytics
