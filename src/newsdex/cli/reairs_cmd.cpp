// `newsdex reairs`: clusters of re-aired (near-duplicate) documents with their first airing
// (docs/analytics.md).
#include <iostream>

#include "newsdex/analytics/output.hpp"
#include "newsdex/analytics/reairs.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {
namespace {

struct ReairsArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  std::string query;
  std::string from, to;
  double threshold = 0.4;
  size_t min_words = 30;
  size_t limit = 100;
  std::string format = "table";
  bool json = false;
};

int run(const ReairsArgs& args) {
  auto format = args.json ? analytics::OutputFormat::kJson : analytics::parse_format(args.format);
  if (!format) return report(format.error());
  auto snap = open_index(args.index, args.verify);
  if (!snap) return report(snap.error());
  auto result = analytics::find_reairs(**snap, {.query = args.query,
                                                .from = args.from,
                                                .to = args.to,
                                                .threshold = args.threshold,
                                                .min_words = args.min_words,
                                                .limit = args.limit});
  if (!result) return report(result.error());
  switch (*format) {
    case analytics::OutputFormat::kJson:
      std::cout << analytics::to_json(*result).dump() << "\n";
      break;
    case analytics::OutputFormat::kCsv:
      std::cout << analytics::to_csv(*result);
      break;
    case analytics::OutputFormat::kTable:
      std::cout << analytics::to_table(*result);
      break;
  }
  return kExitOk;
}

}  // namespace

Command add_reairs(CLI::App& app) {
  auto args = std::make_shared<ReairsArgs>();
  auto* sub = app.add_subcommand("reairs", "Clusters of re-aired segments with their first airing");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args->verify, kVerifyHelp);
  sub->add_option("query", args->query, "Optional query: compare only matching documents");
  sub->add_option("--from", args->from, "First date, YYYY-MM-DD");
  sub->add_option("--to", args->to, "Last date, YYYY-MM-DD");
  sub->add_option("--threshold", args->threshold, "Estimated Jaccard similarity of a re-air (0..1]")
      ->capture_default_str();
  sub->add_option("--min-words", args->min_words, "Shorter documents are not compared")
      ->capture_default_str();
  sub->add_option("--limit", args->limit, "Clusters at most, largest first")->capture_default_str();
  sub->add_option("--format", args->format, "table, csv or json")->capture_default_str();
  sub->add_flag("--json", args->json, "Same as --format json");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
