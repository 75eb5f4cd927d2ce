#include "newsdex/cli/analytics_args.hpp"

#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {

void add_analytics_options(CLI::App* sub, AnalyticsArgs& args) {
  sub->add_option("--index,-i", args.index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args.verify, kVerifyHelp);
  sub->add_option("--from", args.from, "First date, YYYY-MM-DD");
  sub->add_option("--to", args.to, "Last date, YYYY-MM-DD");
  sub->add_option("--format", args.format, "table, csv or json")->capture_default_str();
  sub->add_flag("--json", args.json, "Same as --format json");
}

core::Result<analytics::OutputFormat> output_format(const AnalyticsArgs& args) {
  if (args.json) return analytics::OutputFormat::kJson;
  return analytics::parse_format(args.format);
}

}  // namespace newsdex::cli
