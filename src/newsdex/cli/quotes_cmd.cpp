// `newsdex quotes`: the quotes and soundbites of matching documents, with who said them
// (analytics/quote_list.hpp).
#include <iostream>

#include "newsdex/analytics/quote_list.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {
namespace {

struct QuotesArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  std::string query;
  size_t documents = 50;
  bool json = false;
};

int run(const QuotesArgs& args) {
  auto snap = open_index(args.index, args.verify);
  if (!snap) return report(snap.error());
  auto list = analytics::list_quotes(*snap, {.query = args.query, .documents = args.documents});
  if (!list) return report(list.error());
  if (args.json)
    std::cout << analytics::to_json(*list).dump() << "\n";
  else
    std::cout << analytics::to_table(*list);
  return kExitOk;
}

}  // namespace

Command add_quotes(CLI::App& app) {
  auto args = std::make_shared<QuotesArgs>();
  auto* sub = app.add_subcommand(
      "quotes", "List quotes and soundbites (with speakers) of matching documents");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args->verify, kVerifyHelp);
  sub->add_option("query", args->query, "e.g. 'quote:\"fake news\"' or 'speaker:trump putin'")
      ->required();
  sub->add_option("--documents", args->documents, "Matching documents to read quotes from")
      ->capture_default_str();
  sub->add_flag("--json", args->json, "Print {\"query\", \"documents\", \"quotes\": [...]}");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
