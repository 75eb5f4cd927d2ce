// Warm in-process co-mention latency: opens the index once, runs each query once untimed (which
// builds the per-segment entity lists and term lists, timed separately as "first"), then --repeat
// timed runs of analytics::compute_comentions (exact counts from the index) or, with --reference,
// of compute_comentions_reference (reads up to --sample stored documents); prints p50/min per
// query, the foreground size and the top term and entity.
// With --postings, body terms are counted from postings (bound-ordered) instead of forward lists.
//   newsdex_comentions_bench --index DIR [--repeat N] [--sample N] [--reference|--postings]
//       QUERY...
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
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
  std::string index;
  size_t repeat = 5;
  bool reference = false;
  newsdex::analytics::AssociationRequest request;
  request.build_forward_now = true;  // the untimed first run builds the lists
  std::vector<std::string> queries;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--index")
      index = value();
    else if (a == "--repeat")
      repeat = std::stoul(value());
    else if (a == "--sample")
      request.sample = std::stoul(value());
    else if (a == "--reference")
      reference = true;
    else if (a == "--postings")
      request.forward_lists = false;
    else
      queries.push_back(a);
  }
  if (index.empty() || queries.empty() || repeat == 0) {
    std::cerr << "usage: newsdex_comentions_bench --index DIR [--repeat N] [--sample N] "
                 "[--reference|--postings] QUERY...\n";
    return 2;
  }
  auto snap = newsdex::index::Snapshot::open(index);
  if (!snap) {
    std::cerr << snap.error().to_string() << "\n";
    return 1;
  }
  const auto run = reference ? newsdex::analytics::compute_comentions_reference
                             : newsdex::analytics::compute_comentions;
  fmt::print("index {}: {} documents, {} segments; {} path, {} timed runs\n", index,
             (*snap)->live_documents(), (*snap)->segments().size(),
             reference               ? "reference (stored text)"
             : request.forward_lists ? "index (forward lists)"
                                     : "index (postings)",
             repeat);
  fmt::print("{:<16} {:>9} {:>9} {:>9} {:>8} {:>8}  {}\n", "query", "first ms", "p50 ms", "min ms",
             "fg docs", "counted", "top term / entity (count)");
  for (const auto& q : queries) {
    auto one = request;
    one.query = q;
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
    fmt::print("{:<16} {:>9.1f} {:>9.1f} {:>9.1f} {:>8} {:>8}  {} / {}\n", q, first_ms,
               times[times.size() / 2], times[0], first->foreground, first->sampled,
               top(first->terms), top(first->entities));
  }
  return 0;
}
