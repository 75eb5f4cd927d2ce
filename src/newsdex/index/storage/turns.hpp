// The turn table (section kTurns, docs/format/segment.md "Turns"): for each document, its turns as
// ranges of body word positions, and for each turn the entity-field positions of the canonical
// names of the entities mentioned in it. Co-mentions within a turn count from it and the postings'
// positions, without reading stored text.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/index/storage/segment_file_writer.hpp"

namespace newsdex::index {

// Layout byte at the start of the section.
inline constexpr uint8_t kTurnsLayout = 1;

struct TurnRange {
  uint32_t begin = 0;  // body positions [begin, end): the words whose first byte lies in the turn
  uint32_t end = 0;
  // Entity-field positions of the first word of the canonical names of the entities with a mention
  // inside the turn; ascending, distinct.
  std::vector<uint32_t> entities{};
};

// One document's record. Turns must be sorted by `begin`.
void encode_turns(std::span<const TurnRange> turns, std::string& out);
// false when the record does not decode (truncated, over-long, or trailing bytes).
bool decode_turns(std::span<const uint8_t> record, std::vector<TurnRange>& out);

// The whole section: records in doc-id order.
class TurnsWriter {
 public:
  void add(std::string_view record);
  void write(SegmentFileWriter& out) const;
  size_t memory_bytes() const { return m_records.capacity() + m_offsets.capacity() * 8; }

 private:
  std::string m_records;
  std::vector<uint64_t> m_offsets{0};
};

}  // namespace newsdex::index
