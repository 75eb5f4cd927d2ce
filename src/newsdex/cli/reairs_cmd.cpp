// `newsdex reairs`: clusters of re-aired (near-duplicate) documents with their first airing
// (docs/analytics.md).
#include "newsdex/analytics/reairs.hpp"
#include "newsdex/cli/analytics_args.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {
namespace {

struct ReairsArgs {
  AnalyticsArgs common;
  std::string query;
  std::string id;  // --id: the airings of this document
  double threshold = 0.4;
  size_t min_words = 30;
  size_t limit = 100;
};

int run(const ReairsArgs& args) {
  auto format = output_format(args.common);
  if (!format) return report(format.error());
  auto snap = open_index(args.common.index, args.common.verify);
  if (!snap) return report(snap.error());
  if (!args.id.empty()) {
    if (!args.query.empty() || !args.common.from.empty() || !args.common.to.empty())
      return report({core::ErrorCode::kUsage,
                     "--id names one document; leave out the query, --from and --to",
                     {}});
    auto of = analytics::reairs_of(**snap, args.id, nullptr, args.threshold, args.min_words);
    if (!of) return report(of.error());
    print(*format, *of);
    return kExitOk;
  }
  auto result = analytics::find_reairs(**snap, {.query = args.query,
                                                .from = args.common.from,
                                                .to = args.common.to,
                                                .threshold = args.threshold,
                                                .min_words = args.min_words,
                                                .limit = args.limit});
  if (!result) return report(result.error());
  print(*format, *result);
  return kExitOk;
}

}  // namespace

Command add_reairs(CLI::App& app) {
  auto args = std::make_shared<ReairsArgs>();
  auto* sub = app.add_subcommand("reairs", "Clusters of re-aired segments with their first airing");
  add_analytics_options(sub, args->common);
  sub->add_option("query", args->query, "Optional query: compare only matching documents");
  sub->add_option("--id", args->id,
                  "The airings of this document: it and every document similar to it, by date");
  sub->add_option("--threshold", args->threshold, "Estimated Jaccard similarity of a re-air (0..1]")
      ->capture_default_str();
  sub->add_option("--min-words", args->min_words, "Shorter documents are not compared")
      ->capture_default_str();
  sub->add_option("--limit", args->limit, "Clusters at most, largest first")->capture_default_str();
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
