// `newsdex stats` and `newsdex check`: what the index holds, and whether it is whole.
#include <fmt/format.h>

#include <iostream>

#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"
#include "newsdex/query/exec/result_json.hpp"

namespace newsdex::cli {
namespace {

struct StatsArgs {
  std::string index = "./idx";
  bool json = false;
};

int run_stats(const StatsArgs& args) {
  auto snap = open_index(args.index);
  if (!snap) return report(snap.error());
  auto st = (*snap)->stats();
  if (args.json) {
    std::cout << query::to_json(st).dump() << "\n";
    return kExitOk;
  }
  fmt::print(
      "documents:  {}\nterms:      {}\nbytes:      {} ({:.1f} MB)\nsegments:   {}\n"
      "generation: {}\ndates:      {} .. {}\nanalysis:   {}\n",
      st.documents, st.terms, st.bytes, static_cast<double>(st.bytes) / 1e6, st.segments,
      st.generation, st.first_date.empty() ? "-" : st.first_date,
      st.last_date.empty() ? "-" : st.last_date, st.analysis);
  return kExitOk;
}

int run_check(const StatsArgs& args) {
  auto snap = open_index(args.index, /*verify=*/false);  // check() verifies every checksum itself
  if (!snap) return report(snap.error());
  if (auto st = (*snap)->check(); !st) return report(st.error());
  fmt::print("ok: {} documents in {} segments, generation {}\n", (*snap)->live_documents(),
             (*snap)->segments().size(), (*snap)->manifest().generation);
  return kExitOk;
}

}  // namespace

Command add_stats(CLI::App& app) {
  auto args = std::make_shared<StatsArgs>();
  auto* sub = app.add_subcommand("stats", "Documents, terms, size on disk and date range");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--json", args->json, "Print one JSON object");
  return {sub, [args] { return run_stats(*args); }};
}

Command add_check(CLI::App& app) {
  auto args = std::make_shared<StatsArgs>();
  auto* sub = app.add_subcommand("check", "Verify every checksum and structure; exit 0 only when whole");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  return {sub, [args] { return run_check(*args); }};
}

}  // namespace newsdex::cli
