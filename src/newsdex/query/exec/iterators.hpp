// Document iterators: the executable form of a plan on one segment. Every iterator follows the
// cursor contract — doc() is the current doc id or index::kEndDoc; next() and seek(target) never
// move backwards — and can score the current doc and bound the score of any doc it may match
// (max_score()), which is what MaxScore needs to skip documents that cannot enter the top k.
//
// One class per operator, as in Xapian's postlists: term, phrase, AND, OR, AND-NOT, column filter
// and match-all. Virtual at this seam; the codec loop inside each stays concrete.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/plan/plan.hpp"
#include "newsdex/query/score/bm25.hpp"

namespace newsdex::query {

class DocIterator {
 public:
  virtual ~DocIterator() = default;
  virtual uint32_t doc() const = 0;
  virtual void next() = 0;
  virtual void seek(uint32_t target) = 0;  // first doc >= target
  virtual double score() = 0;              // of the current doc; 0 for non-scoring iterators
  virtual double max_score() const = 0;    // upper bound of score() over all docs
  virtual uint64_t cost() const = 0;       // estimated number of matches (to order work)
};

using IteratorPtr = std::unique_ptr<DocIterator>;

// What iterators need to score: collection statistics of the whole snapshot.
struct ScoringContext {
  const index::Segment* segment = nullptr;
  uint64_t documents = 1;
  double avg_len[index::kFieldCount] = {1, 1, 1, 1, 1, 1};
  // body, title, speaker, quote, entity, role
  double field_boost[index::kFieldCount] = {1.0, 2.0, 1.0, 1.0, 1.0, 0.5};
  Bm25 bm25;
  // Document frequency of a term over the snapshot.
  std::function<uint64_t(index::Field, const std::string&)> df;
};

// Builds the iterator tree for `plan` on one segment; nullptr when nothing can match.
// Deleted documents are not filtered here (the collector does it once).
IteratorPtr build_iterator(const PlanNode& plan, const ScoringContext& context, bool scoring = true);

}  // namespace newsdex::query
