// Expansion of fuzzy, prefix, sound and error-tolerant clauses over a snapshot's dictionaries:
// `capital~1` becomes the indexed terms within one edit of "capit" (the stem), `capit*` the terms
// starting with it, `sounds:capital` the terms whose words share a sound key with it (the segment's
// sound dictionary: a lookup, not a scan), and each word of `robust:"..."` the union of the three
// (exact first). Every clause is bounded: the closest and most frequent alternatives are kept, so a
// query never explodes (ExpansionLimits), and the whole query has a budget.
#pragma once

#include <cstddef>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::query {

struct ExpansionLimits {
  size_t per_word = 16;     // alternatives kept per word of a robust phrase (exact included)
  size_t per_clause = 64;   // terms kept for one `word~`, `prefix*` or `sounds:word`
  size_t per_query = 1024;  // over the whole query; more is a kLimit error
};

// Weights of the ways a word may match (exact = 1).
struct MatchWeights {
  double fuzzy1 = 0.8;         // one edit
  double fuzzy2 = 0.6;         // two edits
  double sound = 0.75;         // same pronunciation (CMUdict phonemes)
  double metaphone = 0.6;      // same Double Metaphone primary (or, in segments written before
                               // Double Metaphone, the same Metaphone skeleton) only
  double metaphone_alt = 0.5;  // a Double Metaphone alternate meets the other's primary or
                               // alternate ("Schmidt" XMT/SMT and "smith" SM0/XMT)
  double prefix = 0.7;
};

// The edit distance a robust phrase allows for a word of `length` bytes (its stem): 0 up to 3,
// 1 up to 6, then 2.
int robust_max_edits(size_t length);

// Fills `slots` of every kFuzzy/kPrefix/kSounds/kRobust node; returns the number of terms.
core::Result<size_t> expand_plan(PlanNode& plan, const index::Snapshot& snapshot,
                                 const ExpansionLimits& limits = {},
                                 const MatchWeights& weights = {});

}  // namespace newsdex::query
