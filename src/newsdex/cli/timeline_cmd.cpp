// `newsdex timeline`: matching documents and mentions per day/week/month/year (docs/analytics.md).
#include "newsdex/analytics/timeline.hpp"
#include "newsdex/cli/analytics_args.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"
#include "newsdex/core/file_io.hpp"

namespace newsdex::cli {
namespace {

struct TimelineArgs {
  AnalyticsArgs common;
  std::vector<std::string> queries;
  std::string interval = "month";
  std::string by;
  std::string normalize = "docs";
  size_t smooth = 1;
  size_t top = 10;
  std::string plot;
};

int run(const TimelineArgs& args) {
  auto format = output_format(args.common);
  if (!format) return report(format.error());
  auto interval = analytics::parse_interval(args.interval);
  if (!interval) return report(interval.error());
  auto by = analytics::parse_split(args.by);
  if (!by) return report(by.error());
  auto normalize = analytics::parse_normalize(args.normalize);
  if (!normalize) return report(normalize.error());
  auto snap = open_index(args.common.index, args.common.verify);
  if (!snap) return report(snap.error());
  auto timeline = analytics::compute_timeline(**snap, {.queries = args.queries,
                                                       .interval = *interval,
                                                       .by = *by,
                                                       .normalize = *normalize,
                                                       .smooth = args.smooth,
                                                       .from = args.common.from,
                                                       .to = args.common.to,
                                                       .top = args.top});
  if (!timeline) return report(timeline.error());
  if (!args.plot.empty()) {
    auto written = core::atomic_write(args.plot, analytics::to_svg(*timeline));
    if (!written) return report(written.error());
  }
  print(*format, *timeline);
  return kExitOk;
}

}  // namespace

Command add_timeline(CLI::App& app) {
  auto args = std::make_shared<TimelineArgs>();
  auto* sub =
      app.add_subcommand("timeline", "Matching documents and mentions per day/week/month/year");
  add_analytics_options(sub, args->common);
  sub->add_option("queries", args->queries, "One or more queries (each its own series)")
      ->required();
  sub->add_option("--interval", args->interval, "day, week, month or year")->capture_default_str();
  sub->add_option("--by", args->by, "Split each query by show, source or speaker");
  sub->add_option("--normalize", args->normalize,
                  "share of all docs or of body words in the bucket")
      ->capture_default_str();
  sub->add_option("--smooth", args->smooth, "Moving average of share over N buckets")
      ->capture_default_str();
  sub->add_option("--top", args->top, "With --by: groups kept per query")->capture_default_str();
  sub->add_option("--plot", args->plot, "Also write an SVG line chart of share to this file");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
