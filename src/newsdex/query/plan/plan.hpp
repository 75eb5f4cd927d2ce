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

// One way a query word may appear in the index: the term, how it was found and how much a match
// through it is worth (1 for the word itself; less for an edit or a sound-alike).
struct Alternative {
  std::string term;   // the indexed term
  double weight = 1;  // 0 < weight <= 1
  enum class How { kExact, kFuzzy, kSound, kPrefix } how = How::kExact;
  int edits = 0;  // kFuzzy: edit distance from the query word
};
const char* how_name(Alternative::How how);

struct PlanNode {
  // kFuzzy (word~N), kPrefix (capit*), kSounds (sounds:word) and kRobust (robust:"phrase",
  // sounds:"phrase") are expanded against the snapshot's dictionaries (plan/expand.hpp) into
  // `slots` before execution.
  enum class Kind {
    kTerm,
    kPhrase,
    kAnd,
    kOr,
    kNot,
    kFilter,
    kDateRange,
    kNone,
    kFuzzy,
    kPrefix,
    kSounds,
    kRobust
  };
  Kind kind = Kind::kNone;
  SourceSpan span;
  std::vector<index::Field> fields;  // kTerm/kPhrase: the fields searched (a match in any counts)
  std::vector<std::string> terms;    // kTerm: one analysed term; kPhrase: analysed terms in order
  // kPhrase: how far apart its terms may be (exec/proximity.hpp). slop 0 and ordered: adjacent,
  // in order (a plain phrase); "a b"~N: ordered, slop N; a NEAR/N b: not ordered, slop N.
  uint32_t slop = 0;
  bool ordered = true;
  // A kPhrase matched by window (exec/proximity.hpp) rather than by adjacency.
  bool proximity() const { return kind == Kind::kPhrase && (slop > 0 || !ordered); }
  std::string filter_field;    // kFilter: "show" or "source"
  std::string filter_value;    // kFilter: folded value
  bool filter_prefix = false;  // kFilter: values starting with filter_value (show:CNN*)
  // kFilter: whether a show or source value (as stored, not folded) passes the filter. One rule
  // for every place that reads the columns (search, timelines, co-mentions).
  bool accepts_value(std::string_view value) const;
  int32_t from = INT32_MIN;  // kDateRange: inclusive days since epoch
  int32_t to = INT32_MAX;
  std::vector<PlanNode> children;
  // kFuzzy/kPrefix/kSounds/kRobust: the words as typed (folded), one per slot; kFuzzy: max_edits.
  std::vector<std::string> words;
  int max_edits = 0;
  // kRobust: tolerate edits and inserted tokens (robust:) or only sound-alikes (sounds:"...").
  bool tolerant = true;
  // Filled by expand_plan: per word, the alternatives (the first is the exact term when indexed).
  std::vector<std::vector<Alternative>> slots;
};

// kNone is a clause that can match nothing (a word that analyses to no token, e.g. "--").
core::Result<PlanNode> plan_query(const Node& ast, analysis::Analyzer& analyzer);

// Adds a date range (from the request's from/to parameters) as an AND with the plan.
PlanNode with_date_range(PlanNode plan, int32_t from, int32_t to);

// The inclusive day range of a request's `from` / `to` parameters (ISO YYYY-MM-DD; "" for an open
// end): a `usage` error naming the parameter when one is not a date.
struct DayRange {
  int32_t from = INT32_MIN;
  int32_t to = INT32_MAX;
};
core::Result<DayRange> request_date_range(const std::string& from, const std::string& to);

// Visits the leaves that contribute to the score: terms and phrases not under a NOT.
void for_each_scoring_leaf(const PlanNode& node, const std::function<void(const PlanNode&)>& fn);

}  // namespace newsdex::query
