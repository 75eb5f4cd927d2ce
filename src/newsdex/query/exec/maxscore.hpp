// MaxScore (Turtle & Flood 1995), as in Lucene's MaxScoreBulkScorer and PISA's maxscore_query:
// clauses are ordered by their score bound; those whose bounds together cannot beat the current
// top-k threshold are "non-essential" and are only probed (seek) for documents that the essential
// clauses produce, so most of their postings are never decoded.
#pragma once

#include <cstdint>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/exec/iterators.hpp"
#include "newsdex/query/exec/top_k.hpp"

namespace newsdex::query {

// Scores the disjunction of `clauses` on one segment into `top`; returns the number of live
// documents that were fully scored (a lower bound of the number of matches).
uint64_t collect_maxscore(std::vector<IteratorPtr> clauses, const index::SegmentView& view,
                          size_t segment, TopK& top);

}  // namespace newsdex::query
