// In-process co-mention latency. For each query: --cold fresh opens of the index timing the first
// query after each, as a one-shot `newsdex comentions` process runs it (no forward lists built:
// they are built on a segment's second query); then one untimed run that builds the per-segment
// lists, and --repeat timed runs ("warm") of analytics::compute_comentions (exact counts from the
// index) or, with --reference, of compute_comentions_reference (reads up to --sample stored
// documents). Prints cold p50, warm p50/min, the foreground size, the units counted and the top
// term and entity. --postings counts body terms from postings (bound-ordered) instead of forward
// lists;
// --within turn times co-mentions within turns.
//   newsdex_comentions_bench --index DIR [--repeat N] [--cold N] [--sample N] [--within turn]
//       [--min-count N] [--limit N] [--stored-max N] [--reference|--postings] QUERY...
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "newsdex/analytics/association.hpp"
#include "newsdex/index/snapshot.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string index, within = "document";
  size_t repeat = 5, cold = 1;
  bool reference = false, postings = false;
  newsdex::analytics::AssociationRequest request;
  std::vector<std::string> queries;
  CLI::App app{"In-process co-mention latency (cold first query and warm)"};
  app.add_option("--index", index, "Index directory")->required();
  app.add_option("--repeat", repeat, "Warm timed runs per query")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--cold", cold, "Fresh opens per query, each timing its first query (0: none)")
      ->capture_default_str();
  app.add_option("--sample", request.sample, "Stored documents read at most (stored-text paths)")
      ->capture_default_str();
  app.add_option("--within", within, "document or turn")->capture_default_str();
  app.add_option("--min-count", request.min_count, "Frequency floor")->capture_default_str();
  app.add_option("--limit", request.limit, "Items per list")->capture_default_str();
  app.add_option("--stored-max", request.stored_count_max,
                 "Foreground documents per segment counted from stored text (0: never)")
      ->capture_default_str();
  app.add_flag("--reference", reference, "Time the stored-text reference path");
  app.add_flag("--postings", postings, "Count body terms from postings, never forward lists");
  app.add_option("queries", queries, "Queries, each timed on its own")->required();
  CLI11_PARSE(app, argc, argv);
  auto parsed_within = newsdex::analytics::parse_within(within);
  if (!parsed_within) {
    std::cerr << parsed_within.error().to_string() << "\n";
    return 2;
  }
  request.within = *parsed_within;
  request.forward_lists = !postings;
  auto snap = newsdex::index::Snapshot::open(index);
  if (!snap) {
    std::cerr << snap.error().to_string() << "\n";
    return 1;
  }
  const auto run = reference ? newsdex::analytics::compute_comentions_reference
                             : newsdex::analytics::compute_comentions;
  fmt::print(
      "index {}: {} documents, {} segments; {} path, within {}; {} cold opens, {} warm runs\n",
      index, (*snap)->live_documents(), (*snap)->segments().size(),
      reference   ? "reference (stored text)"
      : !postings ? "index (forward lists)"
                  : "index (postings)",
      within, cold, repeat);
  fmt::print("{:<16} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>6}  {}\n", "query", "cold p50",
             "first ms", "warm p50", "warm min", "fg docs", "units", "exact",
             "top term / entity (count)");
  for (const auto& q : queries) {
    auto one = request;
    one.query = q;
    std::vector<double> colds;
    for (size_t c = 0; c < cold; ++c) {
      auto t0 = Clock::now();
      auto fresh = newsdex::index::Snapshot::open(index);
      if (!fresh) return 1;
      auto a = run(**fresh, one);  // forward lists: kOnSecondUse, as a one-shot process
      colds.push_back(ms_since(t0));
      if (!a) {
        std::cerr << q << ": " << a.error().to_string() << "\n";
        return 1;
      }
    }
    std::sort(colds.begin(), colds.end());
    one.build_forward_now = true;  // the untimed first warm run builds the lists
    auto t0 = Clock::now();
    auto first = run(**snap, one);
    const double first_ms = ms_since(t0);
    if (!first) {
      std::cerr << q << ": " << first.error().to_string() << "\n";
      return 1;
    }
    std::vector<double> times;
    for (size_t r = 0; r < repeat; ++r) {
      t0 = Clock::now();
      auto a = run(**snap, one);
      times.push_back(ms_since(t0));
      if (!a) return 1;
    }
    std::sort(times.begin(), times.end());
    auto top = [](const std::vector<newsdex::analytics::Associated>& items) {
      return items.empty() ? std::string("-")
                           : fmt::format("{} ({})", items[0].name, items[0].count);
    };
    fmt::print("{:<16} {:>9} {:>9.1f} {:>9.1f} {:>9.1f} {:>8} {:>8} {:>6}  {} / {}\n", q,
               colds.empty() ? std::string("-") : fmt::format("{:.1f}", colds[colds.size() / 2]),
               first_ms, times[times.size() / 2], times[0], first->foreground, first->units,
               first->exact ? "yes" : "no", top(first->terms), top(first->entities));
  }
  return 0;
}
