// `newsdex comentions` and `newsdex terms`: entities and terms associated with a query, and the
// distinctive terms of a show, source or period (docs/analytics.md).
#include "newsdex/analytics/association.hpp"
#include "newsdex/cli/analytics_args.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {
namespace {

struct AssociationArgs {
  AnalyticsArgs common;
  std::string query;
  std::string show, source;
  size_t limit = 20;
  size_t min_count = 3;
  size_t sample = 2000;
  std::string within = "document";
  std::string measure = "g2";
};

int run(const AssociationArgs& args, bool comentions) {
  auto format = output_format(args.common);
  if (!format) return report(format.error());
  auto within = analytics::parse_within(args.within);
  if (!within) return report(within.error());
  auto measure = analytics::parse_measure(args.measure);
  if (!measure) return report(measure.error());
  auto snap = open_index(args.common.index, args.common.verify);
  if (!snap) return report(snap.error());
  const analytics::AssociationRequest request{.query = args.query,
                                              .show = args.show,
                                              .source = args.source,
                                              .from = args.common.from,
                                              .to = args.common.to,
                                              .limit = args.limit,
                                              .min_count = args.min_count,
                                              .sample = args.sample,
                                              .within = *within,
                                              .measure = *measure};
  auto result = comentions ? analytics::compute_comentions(**snap, request)
                           : analytics::compute_significant_terms(**snap, request);
  if (!result) return report(result.error());
  print(*format, *result);
  return kExitOk;
}

void common_options(CLI::App* sub, AssociationArgs& args) {
  add_analytics_options(sub, args.common);
  sub->add_option("--limit", args.limit, "Items per list")->capture_default_str();
  sub->add_option("--min-count", args.min_count, "Frequency floor in the foreground")
      ->capture_default_str();
  sub->add_option(
         "--sample", args.sample,
         "Foreground documents read at most (--within turn only; per document, counts are exact)")
      ->capture_default_str();
  sub->add_option("--measure", args.measure, "g2 (log-likelihood) or pmi")->capture_default_str();
}

}  // namespace

Command add_comentions(CLI::App& app) {
  auto args = std::make_shared<AssociationArgs>();
  auto* sub = app.add_subcommand("comentions", "Entities and terms most associated with a query");
  sub->add_option("query", args->query, "Query")->required();
  sub->add_option("--within", args->within, "document or turn")->capture_default_str();
  common_options(sub, *args);
  return {sub, [args] { return run(*args, true); }};
}

Command add_terms(CLI::App& app) {
  auto args = std::make_shared<AssociationArgs>();
  auto* sub =
      app.add_subcommand("terms", "Distinctive terms of a show, source or period vs the archive");
  sub->add_option("query", args->query, "Optional query narrowing the foreground");
  sub->add_option("--show", args->show, "Foreground show");
  sub->add_option("--source", args->source, "Foreground source");
  common_options(sub, *args);
  return {sub, [args] { return run(*args, false); }};
}

}  // namespace newsdex::cli
