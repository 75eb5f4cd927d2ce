// `newsdex kwic`: every occurrence of a query in context (docs/analytics.md).
#include "newsdex/analytics/kwic.hpp"
#include "newsdex/cli/analytics_args.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {
namespace {

struct KwicArgs {
  AnalyticsArgs common;
  std::string query;
  size_t width = 60;
  size_t limit = 100;
};

int run(const KwicArgs& args) {
  auto format = output_format(args.common);
  if (!format) return report(format.error());
  auto snap = open_index(args.common.index, args.common.verify);
  if (!snap) return report(snap.error());
  auto kwic = analytics::compute_kwic(**snap, {.query = args.query,
                                               .width = args.width,
                                               .limit = args.limit,
                                               .from = args.common.from,
                                               .to = args.common.to});
  if (!kwic) return report(kwic.error());
  print(*format, *kwic);
  return kExitOk;
}

}  // namespace

Command add_kwic(CLI::App& app) {
  auto args = std::make_shared<KwicArgs>();
  auto* sub = app.add_subcommand("kwic", "Every occurrence of a query in context (concordance)");
  add_analytics_options(sub, args->common);
  sub->add_option("query", args->query, "Query; its words and phrases are the keywords")
      ->required();
  sub->add_option("--width", args->width, "Context bytes either side")->capture_default_str();
  sub->add_option("--limit", args->limit, "Lines at most")->capture_default_str();
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
