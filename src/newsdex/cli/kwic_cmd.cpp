// `newsdex kwic`: every occurrence of a query in context (docs/analytics.md).
#include <iostream>

#include "newsdex/analytics/kwic.hpp"
#include "newsdex/analytics/output.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {
namespace {

struct KwicArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  std::string query;
  size_t width = 60;
  size_t limit = 100;
  std::string from, to;
  std::string format = "table";
  bool json = false;
};

int run(const KwicArgs& args) {
  auto format = args.json ? analytics::OutputFormat::kJson : analytics::parse_format(args.format);
  if (!format) return report(format.error());
  auto snap = open_index(args.index, args.verify);
  if (!snap) return report(snap.error());
  auto kwic = analytics::compute_kwic(**snap, {.query = args.query,
                                               .width = args.width,
                                               .limit = args.limit,
                                               .from = args.from,
                                               .to = args.to});
  if (!kwic) return report(kwic.error());
  switch (*format) {
    case analytics::OutputFormat::kJson:
      std::cout << analytics::to_json(*kwic).dump() << "\n";
      break;
    case analytics::OutputFormat::kCsv:
      std::cout << analytics::to_csv(*kwic);
      break;
    case analytics::OutputFormat::kTable:
      std::cout << analytics::to_table(*kwic);
      break;
  }
  return kExitOk;
}

}  // namespace

Command add_kwic(CLI::App& app) {
  auto args = std::make_shared<KwicArgs>();
  auto* sub = app.add_subcommand("kwic", "Every occurrence of a query in context (concordance)");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args->verify, kVerifyHelp);
  sub->add_option("query", args->query, "Query; its words and phrases are the keywords")
      ->required();
  sub->add_option("--width", args->width, "Context bytes either side")->capture_default_str();
  sub->add_option("--limit", args->limit, "Lines at most")->capture_default_str();
  sub->add_option("--from", args->from, "First date, YYYY-MM-DD");
  sub->add_option("--to", args->to, "Last date, YYYY-MM-DD");
  sub->add_option("--format", args->format, "table, csv or json")->capture_default_str();
  sub->add_flag("--json", args->json, "Same as --format json");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
