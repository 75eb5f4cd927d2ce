#include "newsdex/index/writer/word_cache.hpp"

namespace newsdex::index {
namespace {

constexpr size_t kInitialSlots = 1024;

}  // namespace

WordIdCache::WordIdCache(size_t max_entries, size_t max_bytes)
    : m_max_entries(max_entries < 1 ? 1 : max_entries),
      m_max_bytes(max_bytes),
      m_slots(kInitialSlots) {}

void WordIdCache::insert(uint8_t tag, std::string_view bytes, uint32_t id) {
  if (id == kMissing) return;
  // Too long to ever fit, or past a 32-bit offset: not cached (the caller's slow path stays).
  if (bytes.size() > m_max_bytes || bytes.size() > UINT32_MAX / 2) return;
  if (m_size >= m_max_entries || m_bytes.size() + bytes.size() > m_max_bytes) {
    clear();
    ++m_clears;
  }
  if ((m_size + 1) * 2 > m_slots.size()) grow();
  const uint64_t h = hash_of(tag, bytes);
  const size_t mask = m_slots.size() - 1;
  size_t i = static_cast<size_t>(h) & mask;
  while (m_slots[i].id != kMissing) i = (i + 1) & mask;
  Slot& s = m_slots[i];
  s.hash = h;
  s.offset = static_cast<uint32_t>(m_bytes.size());
  s.length = static_cast<uint32_t>(bytes.size());
  s.id = id;
  s.tag = tag;
  m_bytes.append(bytes);
  ++m_size;
}

void WordIdCache::clear() {
  for (Slot& s : m_slots) s = Slot{};
  m_bytes.clear();
  m_size = 0;
}

void WordIdCache::grow() {
  std::vector<Slot> old(m_slots.size() * 2);
  old.swap(m_slots);
  const size_t mask = m_slots.size() - 1;
  for (const Slot& s : old) {
    if (s.id == kMissing) continue;
    size_t i = static_cast<size_t>(s.hash) & mask;
    while (m_slots[i].id != kMissing) i = (i + 1) & mask;
    m_slots[i] = s;
  }
}

}  // namespace newsdex::index
