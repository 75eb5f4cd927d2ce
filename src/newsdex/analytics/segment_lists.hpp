// Per-segment lists for co-mentions, each cached for as long as its segment is open. Forward lists
// of entity values: for each document, the entity names and aliases it was indexed with (the entity
// field's values, as analysed term sequences such as "vladimir putin"), rebuilt once from the
// entity field's postings and positions (values are kept apart by kValuePositionGap,
// docs/format/segment.md) and cached for as long as the segment is open. Co-mentions count entities
// per foreground document from it without reading stored text. Memory: 4 bytes per (document,
// value) plus the distinct values' text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/index/storage/segment.hpp"

namespace newsdex::analytics {

class SegmentEntities {
 public:
  explicit SegmentEntities(const index::Segment& segment);

  // Distinct values of the segment, by value id.
  size_t value_count() const { return m_values.size(); }
  const std::string& value(uint32_t id) const { return m_values[id]; }
  // Documents of the segment (deleted ones included) holding the value.
  uint32_t df(uint32_t id) const { return m_df[id]; }
  // The value ids of a document, ascending, each once.
  std::span<const uint32_t> of_doc(uint32_t doc) const {
    if (doc + 1 >= m_offsets.size()) return {};
    return std::span<const uint32_t>(m_ids).subspan(m_offsets[doc],
                                                    m_offsets[doc + 1] - m_offsets[doc]);
  }
  // The value of a document that starts at entity-field `position` (what the turn table records
  // for the entities mentioned in a turn); nullopt when none starts there.
  std::optional<uint32_t> value_at(uint32_t doc, uint32_t position) const;
  bool corrupt() const { return m_corrupt; }

 private:
  struct Start {
    uint32_t position, value;
  };
  std::vector<std::string> m_values;
  std::vector<Start> m_starts;            // each document's values by first position, ascending
  std::vector<uint32_t> m_start_offsets;  // doc_count + 1 entries into m_starts
  std::vector<uint32_t> m_df;
  std::vector<uint32_t> m_offsets;  // doc_count + 1 entries into m_ids
  std::vector<uint32_t> m_ids;
  bool m_corrupt = false;
};

// The entity lists of `segment`, from a process-wide cache keyed by the open segment (entries of
// closed segments are dropped on the next call).
std::shared_ptr<const SegmentEntities> entities_for(
    const std::shared_ptr<const index::Segment>& segment);

// The postings of every body term of a segment, by index into Segment::terms(kBody): one walk of
// the dictionary, cached with the segment, so counting many terms needs no dictionary lookups.
// Memory: 16 bytes per body term.
class SegmentBodyPostings {
 public:
  explicit SegmentBodyPostings(const index::Segment& segment);
  std::span<const uint8_t> postings(size_t term) const { return m_postings[term]; }
  // The dictionary's body keys did not agree with the term list (nothing is listed then).
  bool corrupt() const { return m_corrupt; }

 private:
  std::vector<std::span<const uint8_t>> m_postings;
  bool m_corrupt = false;
};
std::shared_ptr<const SegmentBodyPostings> body_postings_for(
    const std::shared_ptr<const index::Segment>& segment);

// Forward lists of the body: for each document, the indexes (into Segment::terms(kBody)) of the
// distinct terms of its body, rebuilt from the body postings (two walks of every list, about what
// one query through the postings costs) and cached with the segment. Counting the terms of a
// foreground then costs its documents' lengths, not the archive's postings. Memory: 4 bytes per
// posting + 8 per document (~35 MB for the 100M benchmark index), within a process-wide budget of
// kForwardBudgetBytes: a segment that would exceed it gets none (available() is false) and
// co-mentions walk its postings instead.
inline constexpr uint64_t kForwardBudgetBytes = uint64_t{1} << 30;
class SegmentBodyForward {
 public:
  explicit SegmentBodyForward(const index::Segment& segment);
  ~SegmentBodyForward();
  SegmentBodyForward(const SegmentBodyForward&) = delete;
  SegmentBodyForward& operator=(const SegmentBodyForward&) = delete;
  bool available() const { return m_available; }
  std::span<const uint32_t> of_doc(uint32_t doc) const {
    if (doc + 1 >= m_offsets.size()) return {};
    return std::span<const uint32_t>(m_terms).subspan(m_offsets[doc],
                                                      m_offsets[doc + 1] - m_offsets[doc]);
  }

 private:
  bool m_available = false;
  uint64_t m_reserved = 0;          // bytes counted against the budget
  std::vector<uint64_t> m_offsets;  // doc_count + 1 entries into m_terms
  std::vector<uint32_t> m_terms;
};
// kOnSecondUse: nullptr on the first request for a segment (one query is cheaper from postings
// than building the lists: a one-shot CLI process never builds them), built on the second (a
// server from then on counts from them). kBuild: built now.
enum class ForwardPolicy { kOnSecondUse, kBuild };
std::shared_ptr<const SegmentBodyForward> body_forward_for(
    const std::shared_ptr<const index::Segment>& segment,
    ForwardPolicy policy = ForwardPolicy::kOnSecondUse);

// The value an entity name is indexed as: its analysed terms joined by single spaces.
std::string entity_value_key(std::string_view name, analysis::Analyzer& analyzer);

}  // namespace newsdex::analytics
