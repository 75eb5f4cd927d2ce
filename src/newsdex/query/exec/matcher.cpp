#include "newsdex/query/exec/matcher.hpp"

#include <algorithm>
#include <vector>

#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/iterators.hpp"
#include "newsdex/query/plan/expand.hpp"

namespace newsdex::query {

namespace {

// Counts one leaf's occurrences in one field of one segment: a cursor per term of the leaf.
class LeafCounter {
 public:
  LeafCounter(const index::Segment& segment, index::Field field,
              const std::vector<std::string>& terms) {
    for (const auto& t : terms) {
      auto info = segment.lookup(field, t);
      if (!info) {
        m_cursors.clear();
        return;
      }
      m_cursors.push_back(segment.cursor(*info));
    }
  }

  uint32_t count(uint32_t doc) {
    if (m_cursors.empty()) return 0;
    for (auto& c : m_cursors) {
      c.seek(doc);
      if (c.doc() != doc) return 0;
    }
    if (m_cursors.size() == 1) return m_cursors[0].freq();
    // A phrase: starts p of the first term with term k at p + k.
    const auto first = m_cursors[0].positions();
    std::vector<uint32_t> starts(first.begin(), first.end());
    for (size_t k = 1; k < m_cursors.size() && !starts.empty(); ++k) {
      const auto pos = m_cursors[k].positions();
      std::vector<uint32_t> kept;
      for (uint32_t p : starts)
        if (std::binary_search(pos.begin(), pos.end(), p + static_cast<uint32_t>(k)))
          kept.push_back(p);
      starts = std::move(kept);
    }
    return static_cast<uint32_t>(starts.size());
  }

 private:
  std::vector<index::PostingsCursor> m_cursors;
};

}  // namespace

core::Result<PlanNode> plan_matches(const std::string& query, analysis::Analyzer& analyzer,
                                    const MatchOptions& options) {
  auto ast = parse_query(query, options.limits);
  if (!ast) return tl::unexpected(ast.error());
  auto planned = plan_query(**ast, analyzer);
  if (!planned) return tl::unexpected(planned.error());
  if (options.snapshot)
    if (auto expanded = expand_plan(*planned, *options.snapshot); !expanded)
      return tl::unexpected(expanded.error());
  if (options.from.empty() && options.to.empty()) return planned;
  auto range = request_date_range(options.from, options.to);
  if (!range) return tl::unexpected(range.error());
  return with_date_range(std::move(*planned), range->from, range->to);
}

void for_each_match(const index::Snapshot& snapshot, const PlanNode& plan, bool count_mentions,
                    const std::function<void(const Match&)>& fn) {
  ScoringContext ctx;
  ctx.df = [](index::Field, const std::string&) { return uint64_t{1}; };
  std::vector<const PlanNode*> leaves;
  if (count_mentions)
    for_each_scoring_leaf(plan, [&](const PlanNode& leaf) { leaves.push_back(&leaf); });
  for (size_t s = 0; s < snapshot.segments().size(); ++s) {
    const auto& view = snapshot.segments()[s];
    ctx.segment = view.segment.get();
    auto it = build_iterator(plan, ctx, false);
    if (!it) continue;
    std::vector<LeafCounter> counters;
    for (const auto* leaf : leaves)
      for (auto field : leaf->fields) counters.emplace_back(*view.segment, field, leaf->terms);
    for (; it->doc() != index::kEndDoc; it->next()) {
      const uint32_t doc = it->doc();
      if (view.is_deleted(doc)) continue;
      Match m{.segment = static_cast<uint32_t>(s), .doc = doc, .mentions = 0};
      for (auto& c : counters) m.mentions += c.count(doc);
      fn(m);
    }
  }
}

}  // namespace newsdex::query
