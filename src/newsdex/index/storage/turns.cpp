#include "newsdex/index/storage/turns.hpp"

#include "newsdex/core/varint.hpp"

namespace newsdex::index {

void encode_turns(std::span<const TurnRange> turns, std::string& out) {
  core::put_varint(out, turns.size());
  uint32_t previous = 0;
  for (const auto& t : turns) {
    core::put_varint(out, t.begin - previous);
    core::put_varint(out, t.end - t.begin);
    previous = t.begin;
    core::put_varint(out, t.entities.size());
    uint32_t last = 0;
    for (uint32_t e : t.entities) {
      core::put_varint(out, e - last);
      last = e;
    }
  }
}

bool decode_turns(std::span<const uint8_t> record, std::vector<TurnRange>& out) {
  out.clear();
  const uint8_t* p = record.data();
  const uint8_t* end = p + record.size();
  uint64_t count = 0;
  if (!core::get_varint(&p, end, &count) || count > record.size()) return false;
  out.resize(count);
  uint64_t previous = 0;
  for (auto& t : out) {
    uint64_t gap = 0, length = 0, entities = 0;
    if (!core::get_varint(&p, end, &gap) || !core::get_varint(&p, end, &length) ||
        !core::get_varint(&p, end, &entities) || entities > static_cast<uint64_t>(end - p))
      return false;
    const uint64_t begin = previous + gap;
    if (begin + length > UINT32_MAX) return false;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(begin + length);
    previous = begin;
    uint64_t last = 0;
    t.entities.resize(entities);
    for (auto& e : t.entities) {
      uint64_t delta = 0;
      if (!core::get_varint(&p, end, &delta) || last + delta > UINT32_MAX) return false;
      last += delta;
      e = static_cast<uint32_t>(last);
    }
  }
  return p == end;
}

void TurnsWriter::add(std::string_view record) {
  m_records.append(record);
  m_offsets.push_back(m_records.size());
}

void TurnsWriter::write(SegmentFileWriter& out) const {
  std::string head;
  head.push_back(static_cast<char>(kTurnsLayout));
  for (uint64_t off : m_offsets) core::put_fixed64(head, off);
  out.begin_section(Section::kTurns);
  out.append(head);
  out.append(m_records);
  out.end_section();
}

}  // namespace newsdex::index
