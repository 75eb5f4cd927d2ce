// In-process driver for bench/robust: opens one index and times Searcher::search for each query
// of a TSV (`id<TAB>class<TAB>query string`), with the harness's protocol (one untimed warm-up
// pass, then REPEAT timed passes, one query at a time), top 10 ids per query.
//   newsdex_robust INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]
// A query the engine rejects stops the run: the error goes to stderr as
// `newsdex_robust: query '...': <error>` and the exit code is 2.
#include <fstream>
#include <iostream>

#include "common/harness.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/exec/searcher.hpp"

namespace {

struct Rejected : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<bench::Query> load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<bench::Query> queries;
  std::string line;
  while (std::getline(in, line)) {
    const size_t a = line.find('\t'), b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos)
      throw std::runtime_error("bad line: " + line);
    bench::Query q;
    q.id = std::stoi(line.substr(0, a));
    q.cls = line.substr(a + 1, b - a - 1);
    q.op = "raw";
    q.words = {line.substr(b + 1)};
    queries.push_back(std::move(q));
  }
  return queries;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: newsdex_robust INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]\n";
    return 1;
  }
  try {
    auto snapshot = newsdex::index::Snapshot::open(argv[1]);
    if (!snapshot) throw std::runtime_error("cannot open index: " + snapshot.error().to_string());
    newsdex::query::Searcher searcher(*snapshot);
    const auto queries = load(argv[2]);
    bench::run_queries(
        "newsdex", queries,
        [&](const bench::Query& q) {
          newsdex::query::SearchRequest request;
          request.query = q.words[0];
          request.limit = 10;
          request.snippets = 0;
          auto result = searcher.search(request);
          if (!result) throw Rejected("query '" + q.words[0] + "': " + result.error().to_string());
          bench::Answer a;
          a.total = result->total;
          for (const auto& hit : result->hits) a.ids.push_back(hit.id);
          return a;
        },
        argv[3], argc > 4 ? std::stoi(argv[4]) : 1);
  } catch (const Rejected& e) {
    std::cerr << "newsdex_robust: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "newsdex_robust: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
