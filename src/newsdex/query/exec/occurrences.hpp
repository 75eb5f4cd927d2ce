// Where a query matches inside a document's body: every occurrence of the plan's body-searching
// positive clauses over the analysed tokens, each with the tokens that matched and, for the ones
// that matched a query word other than exactly (word~N, prefix*, sounds:, robust:"..."), what they
// stand for. One matcher for snippets (highlighting) and for the concordance (analytics/kwic).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::query {

// A word of the document that matched a query word other than exactly.
struct ApproximateMatch {
  std::string text;  // as in the document ("raids")
  std::string word;  // the query word it stands for ("raise")
  std::string how;   // "fuzzy", "sound" or "prefix"
  bool operator==(const ApproximateMatch&) const = default;
};

struct OccurrenceToken {
  size_t token = 0;                               // index into the tokens
  std::optional<ApproximateMatch> approximate{};  // nullopt when matched exactly
};

// One occurrence: a term (one token), a phrase (consecutive tokens) or a chain that reads a
// robust:/sounds: phrase (the matched tokens, which may skip a stutter or a garbled word).
struct Occurrence {
  std::vector<OccurrenceToken> tokens;  // ascending, never empty
  std::vector<std::string> missing{};   // a robust chain: the query words it reads without
  size_t first() const { return tokens.front().token; }
  size_t last() const { return tokens.back().token; }  // inclusive
};

// Occurrences of `plan`'s scoring leaves that search the body (for_each_scoring_leaf order, body
// order within a leaf; occurrences of different leaves may overlap). `tokens` are the body's
// tokens as analysed for indexing (markup skipped); `body` is the text they index into.
// robust:"..." is aligned over the tokens exactly as the iterator aligns it over positions.
std::vector<Occurrence> find_occurrences(std::string_view body,
                                         std::span<const analysis::Token> tokens,
                                         const PlanNode& plan);

}  // namespace newsdex::query
