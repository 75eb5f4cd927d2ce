// The planner: turns a syntax tree into an executable plan by applying analysis (folding and
// stemming query words exactly as documents were analysed) and resolving fields and dates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/storage/segment_format.hpp"
#include "newsdex/query/parse/ast.hpp"

namespace newsdex::query {

struct PlanNode {
  enum class Kind { kTerm, kPhrase, kAnd, kOr, kNot, kFilter, kDateRange, kNone };
  Kind kind = Kind::kNone;
  SourceSpan span;
  std::vector<index::Field> fields;  // kTerm/kPhrase: the fields searched (a match in any counts)
  std::vector<std::string> terms;    // kTerm: one analysed term; kPhrase: analysed terms in order
  std::string filter_field;          // kFilter: "show" or "source"
  std::string filter_value;          // kFilter: folded value
  int32_t from = INT32_MIN;          // kDateRange: inclusive days since epoch
  int32_t to = INT32_MAX;
  std::vector<PlanNode> children;
};

// kNone is a clause that can match nothing (a word that analyses to no token, e.g. "--").
core::Result<PlanNode> plan_query(const Node& ast, analysis::Analyzer& analyzer);

// Adds a date range (from the request's from/to parameters) as an AND with the plan.
PlanNode with_date_range(PlanNode plan, int32_t from, int32_t to);

// Visits the leaves that contribute to the score: terms and phrases not under a NOT.
void for_each_scoring_leaf(const PlanNode& node, const std::function<void(const PlanNode&)>& fn);

}  // namespace newsdex::query
