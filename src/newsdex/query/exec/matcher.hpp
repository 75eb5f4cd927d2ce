// Evaluates a plan against one segment: the sorted live doc ids that match, and for each scoring
// leaf the within-document frequency of each matching doc (term frequency, or phrase frequency).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::query {

using DocList = std::vector<uint32_t>;  // sorted, unique local doc ids

class SegmentMatcher {
 public:
  explicit SegmentMatcher(const index::SegmentView& view) : m_view(view) {}

  DocList match(const PlanNode& node);
  // Frequency of `leaf` (a term or phrase) in `field` of `doc`; 0 when absent. Valid for docs of
  // the last match() and leaves of its plan.
  uint32_t frequency(const PlanNode& leaf, index::Field field, uint32_t doc);

 private:
  DocList all_live() const;
  DocList match_words(const PlanNode& node);
  DocList match_phrase_in_field(const PlanNode& node, index::Field field);
  DocList match_columns(const PlanNode& node) const;

  const index::SegmentView& m_view;
  // (leaf, field) -> doc -> frequency
  std::unordered_map<const PlanNode*, std::unordered_map<uint32_t, uint32_t>> m_freq[index::kFieldCount];
};

DocList intersect(const DocList& a, const DocList& b);
DocList unite(const DocList& a, const DocList& b);
DocList subtract(const DocList& a, const DocList& b);

}  // namespace newsdex::query
