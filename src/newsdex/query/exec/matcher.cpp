#include "newsdex/query/exec/matcher.hpp"

#include <algorithm>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/date.hpp"

namespace newsdex::query {

DocList intersect(const DocList& a, const DocList& b) {
  DocList out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
DocList unite(const DocList& a, const DocList& b) {
  DocList out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
DocList subtract(const DocList& a, const DocList& b) {
  DocList out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

DocList SegmentMatcher::all_live() const {
  DocList out;
  const uint32_t n = m_view.segment->doc_count();
  out.reserve(n);
  for (uint32_t d = 0; d < n; ++d)
    if (!m_view.is_deleted(d)) out.push_back(d);
  return out;
}

DocList SegmentMatcher::match(const PlanNode& node) {
  switch (node.kind) {
    case PlanNode::Kind::kNone:
      return {};
    case PlanNode::Kind::kTerm:
    case PlanNode::Kind::kPhrase:
      return match_words(node);
    case PlanNode::Kind::kFilter:
    case PlanNode::Kind::kDateRange:
      return match_columns(node);
    case PlanNode::Kind::kNot:
      return subtract(all_live(), node.children.empty() ? DocList{} : match(node.children[0]));
    case PlanNode::Kind::kOr: {
      DocList out;
      for (const auto& c : node.children) out = unite(out, match(c));
      return out;
    }
    case PlanNode::Kind::kAnd: {
      // Positive clauses first (cheapest to combine), then subtract the negated ones.
      std::vector<const PlanNode*> positive, negative;
      for (const auto& c : node.children)
        (c.kind == PlanNode::Kind::kNot ? negative : positive).push_back(&c);
      DocList out;
      if (positive.empty()) {
        out = all_live();
      } else {
        out = match(*positive[0]);
        for (size_t i = 1; i < positive.size() && !out.empty(); ++i) out = intersect(out, match(*positive[i]));
      }
      for (const auto* n : negative) {
        if (out.empty()) break;
        out = subtract(out, n->children.empty() ? DocList{} : match(n->children[0]));
      }
      return out;
    }
  }
  return {};
}

DocList SegmentMatcher::match_words(const PlanNode& node) {
  DocList out;
  for (index::Field field : node.fields) {
    DocList docs;
    if (node.kind == PlanNode::Kind::kTerm) {
      auto info = m_view.segment->lookup(field, node.terms[0]);
      if (!info) continue;
      auto& freq = m_freq[static_cast<size_t>(field)][&node];
      for (auto cur = m_view.segment->cursor(*info); cur.doc() != index::kEndDoc; cur.next()) {
        if (m_view.is_deleted(cur.doc())) continue;
        docs.push_back(cur.doc());
        freq[cur.doc()] = cur.freq();
      }
    } else {
      docs = match_phrase_in_field(node, field);
    }
    out = unite(out, docs);
  }
  return out;
}

DocList SegmentMatcher::match_phrase_in_field(const PlanNode& node, index::Field field) {
  const auto& seg = *m_view.segment;
  std::vector<index::PostingsCursor> cursors;
  for (const auto& term : node.terms) {
    auto info = seg.lookup(field, term);
    if (!info) return {};
    cursors.push_back(seg.cursor(*info));
  }
  // Drive by the rarest term; other cursors seek to each candidate.
  size_t lead = 0;
  for (size_t i = 1; i < cursors.size(); ++i)
    if (cursors[i].doc_count() < cursors[lead].doc_count()) lead = i;
  auto& freq = m_freq[static_cast<size_t>(field)][&node];
  DocList out;
  std::vector<uint32_t> candidates;
  for (; cursors[lead].doc() != index::kEndDoc; cursors[lead].next()) {
    const uint32_t doc = cursors[lead].doc();
    bool all = true;
    for (auto& c : cursors) {
      c.seek(doc);
      if (c.doc() != doc) {
        all = false;
        break;
      }
    }
    if (!all || m_view.is_deleted(doc)) continue;
    // Positions p of term 0 such that term i occurs at p + i.
    auto first = cursors[0].positions();
    candidates.assign(first.begin(), first.end());
    for (size_t i = 1; i < cursors.size() && !candidates.empty(); ++i) {
      auto pos = cursors[i].positions();
      std::vector<uint32_t> next;
      for (uint32_t p : candidates)
        if (std::binary_search(pos.begin(), pos.end(), p + static_cast<uint32_t>(i))) next.push_back(p);
      candidates.swap(next);
    }
    if (!candidates.empty()) {
      out.push_back(doc);
      freq[doc] = static_cast<uint32_t>(candidates.size());
    }
  }
  return out;
}

DocList SegmentMatcher::match_columns(const PlanNode& node) const {
  const auto& seg = *m_view.segment;
  DocList out;
  if (node.kind == PlanNode::Kind::kFilter) {
    std::vector<bool> wanted(seg.string_count(), false);
    bool any = false;
    for (uint32_t i = 0; i < seg.string_count(); ++i)
      if (analysis::Analyzer::fold(seg.string_at(i)) == node.filter_value) wanted[i] = any = true;
    if (!any) return out;
    const bool show = node.filter_field == "show";
    for (uint32_t d = 0; d < seg.doc_count(); ++d) {
      if (m_view.is_deleted(d)) continue;
      auto row = seg.columns(d);
      uint32_t v = show ? row.show : row.source;
      if (v < wanted.size() && wanted[v]) out.push_back(d);
    }
    return out;
  }
  for (uint32_t d = 0; d < seg.doc_count(); ++d) {
    if (m_view.is_deleted(d)) continue;
    int32_t date = seg.columns(d).date;
    if (date != core::kNoDate && date >= node.from && date <= node.to) out.push_back(d);
  }
  return out;
}

uint32_t SegmentMatcher::frequency(const PlanNode& leaf, index::Field field, uint32_t doc) {
  auto& by_leaf = m_freq[static_cast<size_t>(field)];
  auto it = by_leaf.find(&leaf);
  if (it == by_leaf.end()) return 0;
  auto f = it->second.find(doc);
  return f == it->second.end() ? 0 : f->second;
}

}  // namespace newsdex::query
