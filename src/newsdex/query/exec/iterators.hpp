// Document iterators: the executable form of a plan on one segment. Every iterator follows the
// cursor contract — doc() is the current doc id or index::kEndDoc; next() and seek(target) never
// move backwards — and can score the current doc and bound the score of any doc it may match
// (max_score()), which is what MaxScore needs to skip documents that cannot enter the top k.
//
// One class per operator, as in Xapian's postlists: term, phrase, AND, OR, AND-NOT, column filter
// and match-all. Virtual at this seam; the codec loop inside each stays concrete.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/plan/plan.hpp"
#include "newsdex/query/score/bm25.hpp"

namespace newsdex::query {

// Whether a score bound cannot beat a top-k threshold. Bounds are compared with a little slack, so
// that rounding in sums of doubles (bounds and scores add up in different orders) never prunes a
// document that ties or beats the threshold.
inline constexpr double kBoundSlack = 1.0 + 1e-9;
inline bool cannot_beat(double bound, double threshold) {
  return bound * kBoundSlack <= threshold;
}

class DocIterator {
 public:
  virtual ~DocIterator() = default;
  virtual uint32_t doc() const = 0;
  virtual void next() = 0;
  virtual void seek(uint32_t target) = 0;  // first doc >= target
  virtual double score() = 0;              // of the current doc; 0 for non-scoring iterators
  virtual double max_score() const = 0;    // upper bound of score() over all docs
  virtual uint64_t cost() const = 0;       // estimated number of matches (to order work)

  // Block-max interface (block-max MaxScore / WAND, exec/maxscore.hpp). Neither call moves the
  // iterator. block_end(target): the last doc of the postings block(s) holding the first doc >=
  // target (index::kEndDoc for iterators without blocks); block_max(target): an upper bound of
  // score() over the docs in [target, block_end(target)] (0 when none can follow).
  virtual uint32_t block_end(uint32_t /*target*/) const { return index::kEndDoc; }
  virtual double block_max(uint32_t /*target*/) const { return max_score(); }
  // An upper bound of score() over the docs in [from, to], a window that may span several of the
  // iterator's blocks (a conjunction's window is its cheapest clause's block), asked while the
  // iterator stands at or before `from`, on the first match at or after the last target it was
  // sought to: by default the block bound when one block covers the window, else max_score(); a
  // term's postings take the largest bound of the blocks the window overlaps, and nothing for a
  // field whose postings stand past `to` (a word's title, in most windows).
  virtual double range_max(uint32_t from, uint32_t to) const {
    return block_end(from) >= to ? block_max(from) : max_score();
  }
  // Pruning hint from a top-k collector: docs in [doc(), upto] whose score() would be <= floor
  // cannot enter the top k, so the iterator may skip them without proving they match (a phrase
  // skips the position check). Valid until the next call; the default ignores it.
  virtual void set_floor(double /*floor*/, uint32_t /*upto*/) {}
  // A per-document refinement of that floor, given after set_floor() for the same window: the
  // other clauses of the sum, each with the bound the floor allowed for it. On a doc d the floor
  // rises by bound - (that clause's score on d, 0 when it does not match d), so a body phrase
  // whose floor left room for the title phrase's block bound is checked against the title phrase
  // of that very document before its positions. A companion the collector only probes
  // (`may_seek`) may be sought forward to the iterator's candidates — worth it when it is
  // cheaper than the iterator; any other is only looked at: on d, before d (its bound stands) or
  // past d (no match on d worth counting). The default ignores them.
  struct Companion {
    DocIterator* it = nullptr;
    double bound = 0;
    bool may_seek = false;
  };
  virtual void set_companions(std::span<const Companion> /*companions*/) {}
  // Bulk pruning for a top-k collector whose only essential clause is this iterator: passes the
  // docs up to `last` whose score() plus `others` (the bound of every other clause) cannot beat
  // `threshold` (cannot_beat, the collector's own test), stopping on the first doc that may;
  // returns how many docs were passed (each one matched). The default passes none.
  virtual uint64_t skip_uncompetitive(double /*others*/, double /*threshold*/, uint32_t /*last*/) {
    return 0;
  }
  // Column filters (date range, show, source) test a document's fixed-width column row: cheaper
  // to ask of the documents the other clauses of a conjunction produce than to walk on their own
  // (walking one scans rows). filter_only() says the iterator is such a filter and never scores;
  // accepts(doc) tests any doc without moving the iterator.
  virtual bool filter_only() const { return false; }
  virtual bool accepts(uint32_t /*doc*/) const { return true; }
};

using IteratorPtr = std::unique_ptr<DocIterator>;

// How a robust phrase walks each word's alternatives (exec/slot_cursor.hpp): the cheaper way per
// word (the default), or every word one way (tests pin the two against each other).
enum class SlotModes { kByCost, kSeek, kMerged };

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
  // The term's entry in `segment`'s dictionary (a cache: the searcher keeps the entries df()
  // looked up in every segment, so building a segment's iterators looks no word up a second
  // time); unset, `segment->lookup`.
  std::function<std::optional<index::TermInfo>(index::Field, const std::string&)> lookup;
  SlotModes slot_modes = SlotModes::kByCost;
};

// Builds the iterator tree for `plan` on one segment; nullptr when nothing can match.
// Deleted documents are not filtered here (the collector does it once).
IteratorPtr build_iterator(const PlanNode& plan, const ScoringContext& context,
                           bool scoring = true);

// The top-level clauses of `plan` for the top-k collector (exec/maxscore.hpp), whose sum of
// scores is the plan's score: for an AND without NOT, its children (`conjunctive` set); for an
// OR, a term or a phrase, its disjuncts flattened down to one iterator per term or phrase and field
// (so block bounds are per postings list); otherwise the plan's one iterator. Column filters of an
// AND go to `filters` (tested on the documents the clauses produce); an AND of one scoring child
// and filters is that child's disjuncts, flattened as above, with the filters. `clauses` is empty
// when nothing can match on this segment.
struct TopLevelClauses {
  std::vector<IteratorPtr> clauses;
  std::vector<IteratorPtr> filters;  // every one must accept a document
  bool conjunctive = false;          // every clause must match (else any clause)
};
TopLevelClauses build_top_level_clauses(const PlanNode& plan, const ScoringContext& context);

}  // namespace newsdex::query
