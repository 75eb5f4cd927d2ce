// Warm in-process timeline latency: opens the index once, runs each query once untimed (which
// builds the per-segment calendars, timed separately as "first"), then --repeat timed runs of
// analytics::compute_timeline; prints p50/p90/min per query, the matched documents and mentions,
// the postings walked (df over the query's fields for a single word) and ns per posting.
//   newsdex_timeline_bench --index DIR [--repeat N] [--interval month] [--by show|source]
//       [--from D --to D] [--reference] QUERY...
//   newsdex_timeline_bench --index DIR --tsv QUERIES.tsv [--repeat N] [--reference]
// The --tsv form runs bench/run's `timeline` class (a word and a year: the 12 monthly counts)
// through compute_timeline, one timed run per query after a warm-up pass, and prints p50/p99 over
// the queries as bench/run reports them (the harness itself times 12 Searcher counts instead).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/timeline.hpp"
#include "newsdex/index/snapshot.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Postings of a single-word query over the fields a bare word searches (body, title).
uint64_t postings_of(const newsdex::index::Snapshot& snap, const std::string& query) {
  newsdex::analysis::Analyzer analyzer;
  const auto tokens = analyzer.tokens(query);
  if (tokens.size() != 1 || query.find_first_of(":\"*~()") != std::string::npos) return 0;
  uint64_t n = 0;
  for (const auto& view : snap.segments())
    for (auto field : {newsdex::index::Field::kBody, newsdex::index::Field::kTitle})
      if (auto info = view.segment->lookup(field, tokens[0].term)) n += info->df;
  return n;
}

// bench/run's timeline class: id, class, op, words, show, from, to.
using TimelineFn = decltype(&newsdex::analytics::compute_timeline);

int run_tsv(const newsdex::index::Snapshot& snap, TimelineFn run, const std::string& path,
            size_t repeat, bool reference) {
  std::vector<newsdex::analytics::TimelineRequest> requests;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    if (cols.size() < 7 || cols[2] != "timeline") continue;
    requests.push_back({.queries = {cols[3]}, .from = cols[5], .to = cols[6]});
  }
  if (requests.empty()) {
    std::cerr << path << ": no timeline queries\n";
    return 1;
  }
  std::vector<double> times;
  uint64_t docs = 0;
  for (size_t pass = 0; pass <= repeat; ++pass)
    for (const auto& r : requests) {
      const auto t0 = Clock::now();
      auto t = run(snap, r);
      const double ms = ms_since(t0);
      if (!t) {
        std::cerr << r.queries[0] << ": " << t.error().to_string() << "\n";
        return 1;
      }
      if (pass == 0) {  // warm-up
        for (const auto& b : t->buckets) docs += b.count;
        continue;
      }
      times.push_back(ms);
    }
  std::sort(times.begin(), times.end());
  fmt::print(
      "{} path: {} timeline queries x {} passes, {} matching documents per pass; p50 {:.3f} "
      "ms, p99 {:.3f} ms\n",
      reference ? "reference" : "calendar", requests.size(), repeat, docs, times[times.size() / 2],
      times[std::min(times.size() - 1, times.size() * 99 / 100)]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string index, tsv;
  size_t repeat = 20;
  bool reference = false;
  newsdex::analytics::TimelineRequest request;
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
    else if (a == "--interval")
      request.interval = *newsdex::analytics::parse_interval(value());
    else if (a == "--by")
      request.by = *newsdex::analytics::parse_split(value());
    else if (a == "--from")
      request.from = value();
    else if (a == "--to")
      request.to = value();
    else if (a == "--reference")
      reference = true;
    else if (a == "--tsv")
      tsv = value();
    else
      request.queries.push_back(a);
  }
  if (index.empty() || (tsv.empty() && request.queries.empty()) || repeat == 0) {
    std::cerr << "usage: newsdex_timeline_bench --index DIR [--repeat N] [--interval I] [--by B] "
                 "[--from D --to D] [--reference] QUERY...  (or --tsv FILE instead of queries)\n";
    return 2;
  }
  auto snap = newsdex::index::Snapshot::open(index);
  if (!snap) {
    std::cerr << snap.error().to_string() << "\n";
    return 1;
  }
  const TimelineFn run = reference ? newsdex::analytics::compute_timeline_reference
                                   : newsdex::analytics::compute_timeline;
  if (!tsv.empty()) return run_tsv(**snap, run, tsv, repeat, reference);
  fmt::print("index {}: {} documents, {} segments; {} path, interval {}, {} timed runs\n", index,
             (*snap)->live_documents(), (*snap)->segments().size(),
             reference ? "reference" : "calendar",
             newsdex::analytics::interval_name(request.interval), repeat);
  fmt::print("{:<24} {:>9} {:>9} {:>9} {:>9} {:>10} {:>11} {:>10} {:>8}\n", "query", "first ms",
             "p50 ms", "p90 ms", "min ms", "docs", "mentions", "postings", "ns/post");
  for (const auto& q : request.queries) {
    auto one = request;
    one.queries = {q};
    auto t0 = Clock::now();
    auto first = run(**snap, one);
    const double first_ms = ms_since(t0);
    if (!first) {
      std::cerr << q << ": " << first.error().to_string() << "\n";
      return 1;
    }
    uint64_t docs = 0, mentions = 0;
    for (const auto& b : first->buckets) {
      docs += b.count;
      mentions += b.mentions;
    }
    std::vector<double> times;
    for (size_t r = 0; r < repeat; ++r) {
      t0 = Clock::now();
      auto t = run(**snap, one);
      times.push_back(ms_since(t0));
      if (!t) return 1;
    }
    std::sort(times.begin(), times.end());
    const double p50 = times[times.size() / 2];
    const double p90 = times[std::min(times.size() - 1, times.size() * 9 / 10)];
    const uint64_t postings = postings_of(**snap, q);
    fmt::print("{:<24} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>10} {:>11} {:>10} {:>8}\n", q,
               first_ms, p50, p90, times[0], docs, mentions, postings,
               postings > 0 ? fmt::format("{:.1f}", p50 * 1e6 / static_cast<double>(postings))
                            : std::string("-"));
  }
  return 0;
}
