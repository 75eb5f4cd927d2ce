// Runs a parsed query against a snapshot: boolean matching, BM25 ranking, top-k, exact total
// counts and highlighted snippets. This is the v0.1 executor: it materialises each clause's
// matching documents per segment (correct and simple); the engine issue replaces it with
// skipping cursors and dynamic pruning behind the same Searcher interface.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/parse/parser.hpp"

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
  // Every member has an initializer so that designated initializers may leave any out without
  // -Wmissing-field-initializers.
  ParseLimits limits{};
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
};

struct SearchResult {
  std::string query;
  uint64_t total = 0;  // exact number of matching documents
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
