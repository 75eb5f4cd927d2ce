// Top-k collection with dynamic pruning, used when an exact total is not asked for (relevance
// order). Block-max MaxScore over windows, as in Lucene's MaxScoreBulkScorer and PISA's
// block_max_maxscore, and a block-max conjunction (Lucene's BlockMaxConjunctionScorer):
//
// The doc-id space is cut into windows that end where the first of the clauses' current postings
// blocks ends, so within a window every clause's score is bounded by its block's bound
// (DocIterator::block_max, from the skip table: max frequency, min length). Then
//  - if the bounds together cannot beat the top-k threshold, the whole window is skipped without
//    decoding a block (a single-term query skips most of its blocks once the heap is full);
//  - disjunction: clauses are ordered by window bound; those whose bounds together cannot beat the
//    threshold are non-essential and only probed (seek) for the documents the essential clauses
//    produce, and only while the partial score plus their remaining bounds can still win;
//  - conjunction: leapfrog from the cheapest clause inside the window.
// Essential clauses get a floor (DocIterator::set_floor) so a phrase skips the position check on
// documents whose term frequencies already rule them out.
// A lone essential clause (a word's body postings once its title's bound no longer decides) passes
// the documents that cannot enter the top k itself, in one loop over its decoded block
// (DocIterator::skip_uncompetitive: the same test, no call per document).
#pragma once

#include <cstdint>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/exec/iterators.hpp"
#include "newsdex/query/exec/top_k.hpp"

namespace newsdex::query {

// Scores the sum of the clauses (a conjunction when `conjunctive`, else a disjunction), on the
// documents every filter accepts, on one segment into `top`; returns the number of live documents
// that were fully scored (a lower bound of the number of matches). `top` must rank by relevance.
uint64_t collect_top_k(TopLevelClauses clauses, const index::SegmentView& view, size_t segment,
                       TopK& top);

}  // namespace newsdex::query
