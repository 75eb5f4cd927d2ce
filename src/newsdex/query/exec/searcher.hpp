// Runs a parsed query against a snapshot: boolean matching with skipping iterators
// (exec/iterators.hpp), BM25 ranking, top-k (block-max pruning, exec/maxscore.hpp, when an exact
// total is not asked for), exact total counts by default, and highlighted snippets.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/exec/snippets.hpp"
#include "newsdex/query/parse/parser.hpp"
#include "newsdex/query/plan/expand.hpp"

namespace newsdex::query {

enum class SortOrder { kRelevance, kDateDesc, kDateAsc };

struct SearchRequest {
  std::string query{};
  size_t limit = 10;
  size_t offset = 0;
  std::string from{};  // ISO date, inclusive; "" for open
  std::string to{};    // ISO date, inclusive; "" for open
  SortOrder sort = SortOrder::kRelevance;
  size_t snippets = 2;  // snippets per hit; 0 for none
  // Count every match (default). When false (and relevance order), the top k is collected with
  // block-max pruning (exec/maxscore.hpp: whole postings blocks and documents that cannot enter
  // the top k are skipped) and `total` is a lower bound (SearchResult::total_exact says which).
  bool exact_total = true;
  // Every member has an initializer so that designated initializers may leave any out without
  // -Wmissing-field-initializers.
  ParseLimits limits{};
  // Bounds on fuzzy, prefix, sound and robust expansion.
  ExpansionLimits expansion{};
  // Budget (the server sets it; the CLI leaves it open): past `deadline` the search stops with
  // ErrorCode::kBudget instead of scanning on. Checked every few thousand matches and per segment.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

struct Hit {
  std::string id;
  std::string title;
  std::string date;
  std::string show;
  std::string source;
  double score = 0;
  // Text around the matches, HTML-escaped, each match wrapped in <mark>...</mark>.
  std::vector<std::string> snippets;
  // Words in the snippets that matched a query word approximately (a caption error found by
  // fuzzy, sound or robust matching): what was said, what it matched and how.
  std::vector<ApproximateMatch> approximate;
};

struct SearchResult {
  std::string query;
  uint64_t total = 0;  // number of matching documents (a lower bound when !total_exact)
  bool total_exact = true;
  double took_ms = 0;
  std::vector<Hit> hits;
};

class Searcher {
 public:
  explicit Searcher(std::shared_ptr<const index::Snapshot> snapshot);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  core::Result<SearchResult> search(const SearchRequest& request);
  const index::Snapshot& snapshot() const { return *m_snapshot; }

 private:
  struct State;
  std::shared_ptr<const index::Snapshot> m_snapshot;
  std::unique_ptr<State> m_state;
};

}  // namespace newsdex::query
