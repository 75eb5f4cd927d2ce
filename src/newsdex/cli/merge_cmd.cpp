// `newsdex merge`: merge an index's segments now — by the tiered policy, or down to
// --max-segments (a force-merge; 1 also drops every deleted document).
#include <fmt/format.h>

#include <chrono>

#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"
#include "newsdex/index/writer/index_writer.hpp"

namespace newsdex::cli {
namespace {

struct MergeArgs {
  std::string index = "./idx";
  size_t max_segments = 0;  // 0: the tiered policy decides
};

int run(const MergeArgs& args) {
  // Opening a snapshot first gives the same "no index here" error as every reader.
  auto snap = open_index(args.index);
  if (!snap) return report(snap.error());
  const auto started = std::chrono::steady_clock::now();
  auto writer = index::IndexWriter::open(args.index, {.background_merges = false});
  if (!writer) return report(writer.error());
  auto info = args.max_segments > 0 ? (*writer)->force_merge(args.max_segments)
                                    : (*writer)->merge_by_policy();
  if (!info) return report(info.error());
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("merged {} -> {} segments in {} merges ({:.2f} s); generation {}\n",
             info->segments_before, info->segments_after, info->merges, secs, info->generation);
  return kExitOk;
}

}  // namespace

Command add_merge(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  auto* sub = app.add_subcommand(
      "merge", "Merge segments now: by the tiered policy, or down to --max-segments");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_option("--max-segments", args->max_segments,
                  "Merge until at most N segments remain (1: one segment without deletions)")
      ->check(CLI::PositiveNumber);
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
