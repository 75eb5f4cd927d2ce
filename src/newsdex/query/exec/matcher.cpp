#include "newsdex/query/exec/matcher.hpp"

#include <algorithm>
#include <vector>

#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/iterators.hpp"
#include "newsdex/query/exec/proximity.hpp"
#include "newsdex/query/exec/robust_match.hpp"
#include "newsdex/query/plan/expand.hpp"

namespace newsdex::query {

namespace {

// Counts one leaf's occurrences in one field of one segment. A term: its frequency. A phrase:
// starts p of the first term with term k at p + k ("..."~N and NEAR/N: their non-overlapping
// matches, exec/proximity.hpp). word~N, prefix*, sounds:word: the summed
// frequencies of the alternatives the plan was expanded to (distinct terms, so no position is
// counted twice). robust:"..." / sounds:"...": the non-overlapping chains that read the phrase
// (exec/robust_match.hpp, the alignment the iterator matched with), over the body field.
class LeafCounter {
 public:
  LeafCounter(const index::Segment& segment, index::Field field, const PlanNode& leaf) {
    using Kind = PlanNode::Kind;
    if (leaf.kind == Kind::kTerm || leaf.kind == Kind::kPhrase) {
      m_mode = leaf.kind == Kind::kTerm ? Mode::kTerm : Mode::kPhrase;
      const auto terms =
          leaf.kind == Kind::kTerm ? leaf.terms : phrase_cursor_terms(leaf, &m_shape);
      for (const auto& t : terms) {
        auto info = segment.lookup(field, t);
        if (!info) {
          m_cursors.clear();
          return;
        }
        m_cursors.push_back(segment.cursor(*info));
      }
    } else if (leaf.kind == Kind::kRobust) {
      if (field != index::Field::kBody) return;
      m_mode = Mode::kRobust;
      m_options = robust_align_options(leaf.slots.size(), leaf.tolerant);
      for (size_t i = 0; i < leaf.slots.size(); ++i)
        for (uint32_t a = 0; a < leaf.slots[i].size(); ++a)
          if (auto info = segment.lookup(field, leaf.slots[i][a].term)) {
            m_cursors.push_back(segment.cursor(*info));
            m_alts.push_back({i, a, leaf.slots[i][a].weight});
          }
      m_hits.resize(leaf.slots.size());
    } else if (!leaf.slots.empty()) {  // kFuzzy, kPrefix, kSounds
      m_mode = Mode::kAlternatives;
      for (const auto& alt : leaf.slots[0])
        if (auto info = segment.lookup(field, alt.term)) m_cursors.push_back(segment.cursor(*info));
    }
  }

  uint32_t count(uint32_t doc) {
    if (m_cursors.empty()) return 0;
    switch (m_mode) {
      case Mode::kTerm: {
        auto& c = m_cursors[0];
        c.seek(doc);
        return c.doc() == doc ? c.freq() : 0;
      }
      case Mode::kAlternatives: {
        uint32_t n = 0;
        for (auto& c : m_cursors) {
          c.seek(doc);
          if (c.doc() == doc) n += c.freq();
        }
        return n;
      }
      case Mode::kPhrase:
        return phrase(doc);
      case Mode::kRobust:
        return robust(doc);
    }
    return 0;
  }

 private:
  enum class Mode { kTerm, kPhrase, kAlternatives, kRobust };
  struct Alt {
    size_t slot;
    uint32_t index;
    double weight;
  };

  uint32_t phrase(uint32_t doc) {
    for (auto& c : m_cursors) {
      c.seek(doc);
      if (c.doc() != doc) return 0;
    }
    if (!m_shape.adjacent()) {
      m_lists.clear();
      for (auto& c : m_cursors) m_lists.push_back(c.positions());
      return count_shape(m_lists, m_shape);
    }
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

  uint32_t robust(uint32_t doc) {
    for (auto& h : m_hits) h.clear();
    for (size_t i = 0; i < m_cursors.size(); ++i) {
      auto& c = m_cursors[i];
      c.seek(doc);
      if (c.doc() != doc) continue;
      for (uint32_t p : c.positions())
        m_hits[m_alts[i].slot].push_back({p, m_alts[i].index, m_alts[i].weight});
    }
    // Per slot: sorted by position, one hit per position (the best alternative there).
    for (auto& h : m_hits) keep_best_per_position(h);
    return static_cast<uint32_t>(align_phrase(m_hits, m_options).size());
  }

  Mode m_mode = Mode::kTerm;
  PhraseShape m_shape{};                           // kPhrase: plain, "..."~N or NEAR/N
  std::vector<std::span<const uint32_t>> m_lists;  // kPhrase by window: positions per word
  std::vector<index::PostingsCursor> m_cursors;
  std::vector<Alt> m_alts;  // kRobust: per cursor, its slot and alternative
  AlignOptions m_options{};
  std::vector<std::vector<SlotHit>> m_hits;
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
      for (auto field : leaf->fields) counters.emplace_back(*view.segment, field, *leaf);
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
