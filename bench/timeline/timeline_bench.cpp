// In-process timeline latency, cold and warm. For each query: --cold fresh opens of the index (each
// a new snapshot, so the per-segment calendars are built again; with --drop-cache the segment
// files' pages are first evicted from the page cache with posix_fadvise, so the first query also
// reads from disk), timing the first timeline after each open ("cold" p50/p99); then --repeat timed
// runs on the last snapshot ("warm" p50/p90/p99/min) of analytics::compute_timeline. Also prints
// the matched documents and mentions, the postings walked (df over the query's fields for a single
// word) and ns per posting.
//   newsdex_timeline_bench --index DIR [--repeat N] [--cold N] [--drop-cache] [--phases]
//       [--interval month] [--by show|source] [--from D --to D] [--reference] QUERY...
// --phases splits each cold first query: the calendars (analytics/calendar.hpp) of every segment
// with the interval's bucket column are built first and timed alone, then the timeline.
//   newsdex_timeline_bench --index DIR --tsv QUERIES.tsv [--repeat N] [--reference]
// The --tsv form runs bench/run's `timeline` class (a word and a year: the 12 monthly counts)
// through compute_timeline, one timed run per query after a warm-up pass, and prints p50/p99 over
// the queries as bench/run reports them (the harness itself times 12 Searcher counts instead).
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/calendar.hpp"
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

double percentile(std::vector<double> times, double p) {
  std::sort(times.begin(), times.end());
  return times[std::min(times.size() - 1,
                        static_cast<size_t>(static_cast<double>(times.size()) * p))];
}

// Evicts the segment files of `dir` from the page cache (clean pages only; no root needed).
void drop_cache(const std::string& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const int fd = ::open(e.path().c_str(), O_RDONLY);
    if (fd < 0) continue;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string index, tsv, interval = "month", by;
  size_t repeat = 20, cold = 5;
  bool reference = false, evict = false, phases = false;
  newsdex::analytics::TimelineRequest request;
  CLI::App app{"In-process timeline latency (cold first query and warm)"};
  app.add_option("--index", index, "Index directory")->required();
  app.add_option("--repeat", repeat, "Warm timed runs per query")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--cold", cold, "Fresh opens per query, each timing its first timeline")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--drop-cache", evict,
               "Evict the segment files from the page cache before each open");
  app.add_flag("--phases", phases,
               "Time the calendars of a cold open apart from its first timeline");
  app.add_option("--interval", interval, "day, week, month or year")->capture_default_str();
  app.add_option("--by", by, "show or source");
  app.add_option("--from", request.from, "First date, YYYY-MM-DD");
  app.add_option("--to", request.to, "Last date, YYYY-MM-DD");
  app.add_flag("--reference", reference, "Time the document-by-document reference path");
  app.add_option("--tsv", tsv, "bench/run query file: time its timeline class");
  app.add_option("queries", request.queries, "Queries, each timed on its own");
  CLI11_PARSE(app, argc, argv);
  if (tsv.empty() && request.queries.empty()) {
    std::cerr << "give queries or --tsv FILE\n" << app.help();
    return 2;
  }
  auto parsed_interval = newsdex::analytics::parse_interval(interval);
  auto parsed_by = newsdex::analytics::parse_split(by);
  if (!parsed_interval || !parsed_by) {
    std::cerr << (parsed_interval ? parsed_by.error() : parsed_interval.error()).to_string()
              << "\n";
    return 2;
  }
  request.interval = *parsed_interval;
  request.by = *parsed_by;
  auto snap = newsdex::index::Snapshot::open(index);
  if (!snap) {
    std::cerr << snap.error().to_string() << "\n";
    return 1;
  }
  const TimelineFn run = reference ? newsdex::analytics::compute_timeline_reference
                                   : newsdex::analytics::compute_timeline;
  if (!tsv.empty()) return run_tsv(**snap, run, tsv, repeat, reference);
  fmt::print(
      "index {}: {} documents, {} segments; {} path, interval {}; {} cold opens{}, {} warm runs\n",
      index, (*snap)->live_documents(), (*snap)->segments().size(),
      reference ? "reference" : "calendar", newsdex::analytics::interval_name(request.interval),
      cold, evict ? " (page cache dropped)" : "", repeat);
  fmt::print("{:<24} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>11} {:>10} {:>8}\n",
             "query", "open p50", "cold p50", "cold p99", "warm p50", "warm p90", "warm p99",
             "warm min", "docs", "mentions", "postings", "ns/post");
  for (const auto& q : request.queries) {
    auto one = request;
    one.queries = {q};
    std::vector<double> firsts, opens, calendars;
    std::shared_ptr<const newsdex::index::Snapshot> fresh;
    newsdex::core::Result<newsdex::analytics::Timeline> first;
    for (size_t c = 0; c < cold; ++c) {
      fresh.reset();  // the previous snapshot's calendars go with it
      if (evict) drop_cache(index);
      auto t0 = Clock::now();
      auto opened = newsdex::index::Snapshot::open(index);
      if (!opened) {
        std::cerr << opened.error().to_string() << "\n";
        return 1;
      }
      opens.push_back(ms_since(t0));
      fresh = *opened;
      if (phases) {
        t0 = Clock::now();
        for (const auto& view : fresh->segments())
          newsdex::analytics::calendar_for(view.segment)->buckets(request.interval);
        calendars.push_back(ms_since(t0));
      }
      t0 = Clock::now();
      first = run(*fresh, one);
      firsts.push_back(ms_since(t0));
      if (!first) {
        std::cerr << q << ": " << first.error().to_string() << "\n";
        return 1;
      }
    }
    uint64_t docs = 0, mentions = 0;
    for (const auto& b : first->buckets) {
      docs += b.count;
      mentions += b.mentions;
    }
    std::vector<double> times;
    for (size_t r = 0; r < repeat; ++r) {
      const auto t0 = Clock::now();
      auto t = run(*fresh, one);
      times.push_back(ms_since(t0));
      if (!t) return 1;
    }
    const double p50 = percentile(times, 0.5);
    const uint64_t postings = postings_of(*fresh, q);
    fmt::print(
        "{:<24} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>10} {:>11} "
        "{:>10} "
        "{:>8}\n",
        q, percentile(opens, 0.5), percentile(firsts, 0.5), percentile(firsts, 0.99), p50,
        percentile(times, 0.9), percentile(times, 0.99),
        *std::min_element(times.begin(), times.end()), docs, mentions, postings,
        postings > 0 ? fmt::format("{:.1f}", p50 * 1e6 / static_cast<double>(postings))
                     : std::string("-"));
    if (!calendars.empty())
      fmt::print(
          "  phases of the cold opens: calendars p50 {:.3f} ms (p99 {:.3f}), then the first "
          "timeline p50 {:.3f} ms (p99 {:.3f})\n",
          percentile(calendars, 0.5), percentile(calendars, 0.99), percentile(firsts, 0.5),
          percentile(firsts, 0.99));
  }
  return 0;
}
