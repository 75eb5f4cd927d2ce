#include "newsdex/query/exec/maxscore.hpp"

#include <algorithm>

namespace newsdex::query {

uint64_t collect_maxscore(std::vector<IteratorPtr> clauses, const index::SegmentView& view,
                          size_t segment, TopK& top) {
  if (clauses.empty()) return 0;
  std::sort(clauses.begin(), clauses.end(),
            [](const auto& a, const auto& b) { return a->max_score() < b->max_score(); });
  const size_t n = clauses.size();
  std::vector<double> prefix(n);  // prefix[i] = sum of bounds of clauses[0..i]
  double sum = 0;
  for (size_t i = 0; i < n; ++i) prefix[i] = sum += clauses[i]->max_score();
  // clauses[0, split) are non-essential: together they cannot beat the threshold.
  auto split_for = [&](double threshold) {
    size_t s = 0;
    while (s < n && prefix[s] <= threshold) ++s;
    return s;
  };
  size_t split = split_for(top.threshold());
  uint64_t scored = 0;
  while (split < n) {
    uint32_t doc = index::kEndDoc;
    for (size_t i = split; i < n; ++i) doc = std::min(doc, clauses[i]->doc());
    if (doc == index::kEndDoc) break;
    double score = 0;
    for (size_t i = split; i < n; ++i)
      if (clauses[i]->doc() == doc) score += clauses[i]->score();
    const double threshold = top.threshold();
    for (size_t i = split; i-- > 0;) {
      if (score + prefix[i] <= threshold) break;  // cannot reach the top k any more
      clauses[i]->seek(doc);
      if (clauses[i]->doc() == doc) score += clauses[i]->score();
    }
    if (!view.is_deleted(doc)) {
      ++scored;
      if (score > threshold) {
        top.push(score, view.segment->columns(doc).date, segment, doc);
        split = split_for(top.threshold());
      }
    }
    for (size_t i = split; i < n; ++i)
      if (clauses[i]->doc() == doc) clauses[i]->next();
  }
  return scored;
}

}  // namespace newsdex::query
