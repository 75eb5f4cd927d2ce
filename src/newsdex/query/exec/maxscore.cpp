#include "newsdex/query/exec/maxscore.hpp"

#include <algorithm>

namespace newsdex::query {
namespace {

using index::kEndDoc;

void push(TopK& top, double score, const index::SegmentView& view, size_t segment, uint32_t doc) {
  top.push(score, view.segment->columns(doc).date, segment, doc);
}

// Whether a doc the clauses produce counts: live, and accepted by every column filter.
struct Accept {
  const index::SegmentView& view;
  const std::vector<IteratorPtr>& filters;
  bool operator()(uint32_t doc) const {
    if (view.is_deleted(doc)) return false;
    for (const auto& f : filters)
      if (!f->accepts(doc)) return false;
    return true;
  }
};

uint64_t disjunction(std::vector<IteratorPtr>& clauses, const Accept& accept,
                     const index::SegmentView& view, size_t segment, TopK& top) {
  const size_t n = clauses.size();
  std::vector<double> bound(n), prefix(n);
  std::vector<size_t> order(n);
  std::vector<DocIterator::Companion> companions, own;
  uint64_t scored = 0;
  uint32_t target = 0;
  const bool bulk = accept.filters.empty() && view.deleted_count == 0;
  while (true) {
    // The window: from the first doc any clause may hold at or after `target` to the first end of
    // a clause's current block. A clause behind `target` has not been moved there (its blocks are
    // only looked up), so skipped windows decode nothing.
    uint32_t start = kEndDoc;
    for (const auto& c : clauses) start = std::min(start, std::max(c->doc(), target));
    if (start == kEndDoc) break;
    uint32_t end = kEndDoc;
    for (const auto& c : clauses)
      if (c->doc() != kEndDoc) end = std::min(end, c->block_end(start));
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t d = clauses[i]->doc();
      bound[i] = (d == kEndDoc || d > end) ? 0.0 : clauses[i]->block_max(start);
      total += bound[i];
    }
    double threshold = top.threshold();
    // Essential clauses: those not in the cheapest prefix whose bounds cannot beat the threshold.
    for (size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bound[a] < bound[b]; });
    double sum = 0;
    for (size_t i = 0; i < n; ++i) prefix[i] = sum += bound[order[i]];
    size_t split = 0;
    while (split < n && cannot_beat(prefix[split], threshold)) ++split;
    if (split < n && !cannot_beat(total, threshold)) {
      // Each essential clause may check a candidate against the other clauses before its own
      // costly test (a phrase's positions): the non-essential ones are only probed, so it may
      // seek them to its candidates — when it is the only essential clause, as it then produces
      // every doc the loop probes them for, in order; other essential clauses are only looked
      // at (they stand on the next doc they match competitively).
      companions.clear();
      for (size_t i = 0; i < n; ++i)
        if (bound[order[i]] > 0)
          companions.push_back(
              {clauses[order[i]].get(), bound[order[i]], split + 1 == n && i < split});
      for (size_t i = split; i < n; ++i) {
        auto& c = *clauses[order[i]];
        c.set_floor(threshold - (total - bound[order[i]]) * kBoundSlack, end);
        own.clear();
        for (const auto& o : companions)
          if (o.it != &c) own.push_back(o);
        if (!own.empty()) c.set_companions(own);
        if (c.doc() < start) c.seek(start);
      }
      // One essential clause and every doc it produces live and accepted: once the top k is
      // full, it passes the docs that cannot beat the threshold with every other clause's bound
      // added (the test below), in one loop over its block.
      DocIterator* sole = split + 1 == n && bulk ? clauses[order[split]].get() : nullptr;
      const double others = split > 0 ? prefix[split - 1] : 0.0;
      while (true) {
        if (sole != nullptr && top.full())
          scored += sole->skip_uncompetitive(others, threshold, end);
        uint32_t doc = kEndDoc;
        for (size_t i = split; i < n; ++i) doc = std::min(doc, clauses[order[i]]->doc());
        if (doc == kEndDoc || doc > end) break;
        if (!accept(doc)) {  // deleted or filtered out: nothing to score
          for (size_t i = split; i < n; ++i) {
            auto& c = *clauses[order[i]];
            if (c.doc() == doc) c.next();
          }
          continue;
        }
        double score = 0;
        for (size_t i = split; i < n; ++i) {
          auto& c = *clauses[order[i]];
          if (c.doc() == doc) score += c.score();
        }
        bool out = false;
        for (size_t i = split; i-- > 0;) {
          if (cannot_beat(score + prefix[i], threshold)) {
            out = true;  // cannot reach the top k any more
            break;
          }
          auto& c = *clauses[order[i]];
          if (c.doc() < doc) c.seek(doc);
          if (c.doc() == doc) score += c.score();
        }
        ++scored;  // an essential clause matched: the doc matches the disjunction
        if (!out && score > threshold) {
          push(top, score, view, segment, doc);
          threshold = top.threshold();
        }
        for (size_t i = split; i < n; ++i) {
          auto& c = *clauses[order[i]];
          if (c.doc() == doc) c.next();
        }
      }
    }
    if (end == kEndDoc) break;
    target = end + 1;
  }
  return scored;
}

uint64_t conjunction(std::vector<IteratorPtr>& clauses, const Accept& accept,
                     const index::SegmentView& view, size_t segment, TopK& top) {
  std::sort(clauses.begin(), clauses.end(),
            [](const auto& a, const auto& b) { return a->cost() < b->cost(); });
  const size_t n = clauses.size();
  std::vector<double> bound(n);
  uint64_t scored = 0;
  uint32_t target = 0;
  while (true) {
    uint32_t start = target;
    for (const auto& c : clauses) start = std::max(start, c->doc());
    if (start == kEndDoc) break;
    // The window is the cheapest clause's block (few, long windows: the leapfrog inside is what
    // costs); every other clause is bounded over the window (range_max: a term, by the largest
    // bound of its blocks the window overlaps).
    const uint32_t end = clauses[0]->block_end(start);
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      const auto& c = *clauses[i];
      bound[i] = i == 0 ? c.block_max(start) : c.range_max(start, end);
      total += bound[i];
    }
    double threshold = top.threshold();
    if (!cannot_beat(total, threshold)) {
      for (size_t i = 0; i < n; ++i)
        clauses[i]->set_floor(threshold - (total - bound[i]) * kBoundSlack, end);
      // Leapfrog from the cheapest clause, inside the window.
      uint32_t doc = start;
      while (doc != kEndDoc && doc <= end) {
        bool all = true;
        for (auto& c : clauses) {
          uint32_t at = c->doc();
          if (at < doc) {
            c->seek(doc);
            at = c->doc();
          }
          if (at != doc) {
            doc = at;
            all = false;
            break;
          }
        }
        if (!all) continue;
        if (accept(doc)) {
          ++scored;
          double score = 0;
          for (auto& c : clauses) score += c->score();
          if (score > threshold) {
            push(top, score, view, segment, doc);
            threshold = top.threshold();
          }
        }
        doc = doc + 1;
      }
    }
    if (end == kEndDoc) break;
    target = end + 1;
  }
  return scored;
}

}  // namespace

uint64_t collect_top_k(TopLevelClauses top_level, const index::SegmentView& view, size_t segment,
                       TopK& top) {
  auto& clauses = top_level.clauses;
  if (clauses.empty()) return 0;
  const Accept accept{view, top_level.filters};
  return top_level.conjunctive && clauses.size() > 1
             ? conjunction(clauses, accept, view, segment, top)
             : disjunction(clauses, accept, view, segment, top);
}

}  // namespace newsdex::query
