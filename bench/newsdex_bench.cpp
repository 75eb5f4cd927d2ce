// In-process Newsdex driver: opens the index once and times Searcher::search for each benchmark
// query (analytics::compute_timeline for the timeline class), so no process start-up is measured.
// (Index build time is measured by bench/run around `newsdex ingest`, the whole process.)
//   newsdex_bench query INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]
//
// Top-10 classes run as the peers do: top-k with a lower-bound total (exact_total=false, block-max
// pruning), as Lucene counts only up to 1000 hits by default and Xapian estimates. Timelines count
// exactly. NEWSDEX_BENCH_EXACT_TOTAL=1 makes every query count exactly (the slower mode a user
// gets with `newsdex search` by default).
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "common/dates.hpp"
#include "common/harness.hpp"
#include "newsdex/analytics/timeline.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/exec/searcher.hpp"

namespace {

using bench::Answer;
using bench::Query;

// The query in Newsdex's language: bare words (AND), OR, "phrase", a NEAR/N b, show:"..." and
// date:A..B.
std::string to_query_string(const Query& q) {
  std::string s;
  auto add = [&](const std::string& part) { s += (s.empty() ? "" : " ") + part; };
  if (q.op == "phrase") {
    std::string inner;
    for (const auto& w : q.words) inner += (inner.empty() ? "" : " ") + w;
    add("\"" + inner + "\"");
  } else if (q.op == "near") {
    for (size_t i = 0; i < q.words.size(); ++i) {
      if (i > 0) add("NEAR/" + std::to_string(q.slop));
      add(q.words[i]);
    }
  } else {
    for (size_t i = 0; i < q.words.size(); ++i) {
      if (i > 0 && q.op == "or") add("OR");
      add(q.words[i]);
    }
  }
  if (!q.show.empty()) add("show:\"" + q.show + "\"");
  if (!q.from.empty() && q.op != "timeline") add("date:" + q.from + ".." + q.to);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto cmd = bench::parse_command(argc, argv);
    if (cmd.mode != "query")
      throw std::runtime_error(
          "newsdex_bench only runs queries (time `newsdex ingest` for builds)");
    auto snapshot = newsdex::index::Snapshot::open(cmd.index);
    if (!snapshot) throw std::runtime_error("cannot open index: " + snapshot.error().to_string());
    newsdex::query::Searcher searcher(*snapshot);
    const char* exact_env = std::getenv("NEWSDEX_BENCH_EXACT_TOTAL");
    const bool always_exact = exact_env != nullptr && std::strcmp(exact_env, "1") == 0;
    auto search = [&](const std::string& text, size_t limit) {
      newsdex::query::SearchRequest request;
      request.query = text;
      request.limit = limit;
      request.snippets = 0;                              // the peers return no snippets either
      request.exact_total = always_exact || limit == 0;  // counts (timelines) stay exact
      auto result = searcher.search(request);
      if (!result) throw std::runtime_error("query '" + text + "': " + result.error().to_string());
      return std::move(*result);
    };
    const auto queries = bench::load_queries(cmd.queries);
    bench::run_queries(
        "newsdex", queries,
        [&](const Query& q) {
          Answer a;
          if (q.op == "timeline") {
            // The engine's own timeline (analytics::compute_timeline: postings counted into monthly
            // buckets), one call for the year's 12 monthly counts.
            auto t = newsdex::analytics::compute_timeline(
                **snapshot, {.queries = {q.words[0]}, .from = q.from, .to = q.to});
            if (!t)
              throw std::runtime_error("timeline '" + q.words[0] + "': " + t.error().to_string());
            for (const auto& b : t->buckets) {
              a.total += b.count;
              a.ids.push_back(std::to_string(b.count));
            }
            return a;
          }
          const auto r = search(to_query_string(q), 10);
          a.total = r.total;
          for (const auto& hit : r.hits) a.ids.push_back(hit.id);
          return a;
        },
        cmd.out, cmd.repeat);
  } catch (const std::exception& e) {
    std::cerr << "newsdex_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
