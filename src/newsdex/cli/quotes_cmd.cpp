// `newsdex quotes`: the quotes and soundbites of matching documents, with who said them.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/reairs.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::cli {
namespace {

struct QuotesArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  std::string query;
  size_t documents = 50;
  bool json = false;
};

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

int run(const QuotesArgs& args) {
  auto snap = open_index(args.index, args.verify);
  if (!snap) return report(snap.error());
  auto ast = query::parse_query(args.query);
  if (!ast) return report(ast.error());
  if ((*snap)->manifest().analysis != analysis::Profile::kFull)
    return report(core::Error{core::ErrorCode::kUsage,
                              "quotes need an index built with --analysis full; this index was "
                              "built with --analysis plain (no quotes or speakers were found)",
                              core::Location{args.index}});
  analysis::Analyzer analyzer;
  auto plan = query::plan_query(**ast, analyzer);
  if (!plan) return report(plan.error());
  // Which quotes to list: those containing a quote:/body clause, or said by a speaker: clause;
  // every quote of the matching documents when the query names neither.
  std::vector<const query::PlanNode*> text_leaves, speaker_leaves;
  query::for_each_scoring_leaf(*plan, [&](const query::PlanNode& leaf) {
    const auto f = leaf.fields.front();
    if (f == index::Field::kSpeaker) speaker_leaves.push_back(&leaf);
    else if (f == index::Field::kQuote || f == index::Field::kBody) text_leaves.push_back(&leaf);
  });

  query::Searcher searcher(*snap);
  analytics::SignatureCache signatures;  // computed once for all hits
  auto result = searcher.search({.query = args.query, .limit = args.documents, .snippets = 0});
  if (!result) return report(result.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& hit : result->hits) {
    auto doc = (*snap)->find_document(hit.id);
    if (!doc || !doc->has_value()) continue;
    auto first = analytics::first_aired(**snap, hit.id, &signatures);
    if (!first) return report(first.error());
    for (const auto& q : (*doc)->quotes) {
      bool keep = text_leaves.empty() && speaker_leaves.empty();
      for (const auto* leaf : text_leaves) keep = keep || contains_sequence(analyzer, q.text, leaf->terms);
      for (const auto* leaf : speaker_leaves)
        keep = keep || contains_sequence(analyzer, q.speaker, leaf->terms);
      if (!keep) continue;
      out.push_back({{"text", q.text},
                     {"speaker", q.speaker.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.speaker)},
                     {"medium", q.medium.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.medium)},
                     {"kind", doc::quote_kind_name(q.kind)},
                     {"start", q.start},
                     {"end", q.end},
                     {"id", hit.id},
                     {"title", hit.title},
                     {"date", hit.date},
                     {"show", hit.show},
                     {"source", hit.source},
                     {"first_aired", analytics::first_aired_json(*first)}});
    }
  }
  if (args.json) {
    std::cout << nlohmann::json{{"query", args.query}, {"documents", result->total}, {"quotes", out}}.dump()
              << "\n";
    return kExitOk;
  }
  fmt::print("{} quote{} in {} matching document{}\n", out.size(), out.size() == 1 ? "" : "s",
             result->total, result->total == 1 ? "" : "s");
  for (const auto& q : out) {
    const std::string speaker = q["speaker"].is_null() ? "(speaker unknown)" : q["speaker"].get<std::string>();
    const std::string medium = q["medium"].is_null() ? "" : ", " + q["medium"].get<std::string>();
    fmt::print("\n  \"{}\"\n    — {}{} [{}]  {} {} {}  id {}\n", q["text"].get<std::string>(), speaker,
               medium, q["kind"].get<std::string>(), q["date"].get<std::string>(),
               q["source"].get<std::string>(), q["show"].get<std::string>(), q["id"].get<std::string>());
  }
  return kExitOk;
}

}  // namespace

Command add_quotes(CLI::App& app) {
  auto args = std::make_shared<QuotesArgs>();
  auto* sub = app.add_subcommand("quotes", "List quotes and soundbites (with speakers) of matching documents");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args->verify, kVerifyHelp);
  sub->add_option("query", args->query, "e.g. 'quote:\"fake news\"' or 'speaker:trump putin'")->required();
  sub->add_option("--documents", args->documents, "Matching documents to read quotes from")->capture_default_str();
  sub->add_flag("--json", args->json, "Print {\"query\", \"documents\", \"quotes\": [...]}");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
