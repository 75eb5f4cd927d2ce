// The matching documents of a query, for aggregations (analytics/): every live document of a
// snapshot that the query matches, with its segment, local doc id and number of mentions, in
// segment order then doc-id order. Built on the same planner and iterators as Searcher, without
// scoring, ranking or reading stored text.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/parse/parser.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::query {

struct MatchOptions {
  std::string from{};  // ISO date, inclusive; "" for open
  std::string to{};    // ISO date, inclusive; "" for open
  ParseLimits limits{};
  // When set, fuzzy, prefix, sounds: and robust: clauses are expanded against its dictionaries
  // (plan/expand.hpp), as Searcher does; without it they match nothing.
  const index::Snapshot* snapshot = nullptr;
};

// Parses and plans `query` (errors carry the query column), adding the from/to date range.
core::Result<PlanNode> plan_matches(const std::string& query, analysis::Analyzer& analyzer,
                                    const MatchOptions& options = {});

struct Match {
  uint32_t segment = 0;  // index into Snapshot::segments()
  uint32_t doc = 0;      // local doc id in that segment
  // Occurrences of the plan's positive clauses (for_each_scoring_leaf) in the fields they
  // search: terms from the postings' frequencies, phrases from positions, word~N / prefix* /
  // sounds:word as the summed frequencies of their expanded alternatives, robust:"..." and
  // sounds:"..." as the chains that read the phrase in the body. 0 when not asked for or when
  // the query has no positive words (a filter-only query).
  uint32_t mentions = 0;
};

// Calls `fn` for every live document matching `plan`. With `count_mentions` false, positions and
// frequencies are not read and Match::mentions is 0.
void for_each_match(const index::Snapshot& snapshot, const PlanNode& plan, bool count_mentions,
                    const std::function<void(const Match&)>& fn);

}  // namespace newsdex::query
