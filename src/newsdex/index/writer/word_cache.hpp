// WordIdCache: the ingest hot path's map from a word's raw bytes (plus a one-byte tag, the
// field) to a dense term id, so a token costs one inline XXH3 hash and one probe instead of
// folding, building a key string and hashing it again. Open addressing with linear probing over
// a flat slot array; the bytes live in one arena. Bounded: when `max_entries` words or
// `max_bytes` of word bytes are held, the next insert starts over from empty (Zipfian text
// refills the common words at once). Not thread-safe: one per analysis thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::index {

class WordIdCache {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  explicit WordIdCache(size_t max_entries = size_t{1} << 18, size_t max_bytes = size_t{8} << 20);

  // The id stored for (tag, bytes), or kMissing.
  uint32_t find(uint8_t tag, std::string_view bytes) const;
  // Stores `id` (not kMissing) for (tag, bytes), which must not be in the cache.
  void insert(uint8_t tag, std::string_view bytes, uint32_t id);
  void clear();

  size_t size() const { return m_size; }
  size_t capacity() const { return m_slots.size(); }
  size_t clears() const { return m_clears; }  // how often the bounds emptied it
  size_t memory_bytes() const { return m_slots.capacity() * sizeof(Slot) + m_bytes.capacity(); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;  // in m_bytes
    uint32_t length = 0;
    uint32_t id = kMissing;  // kMissing: empty slot
    uint8_t tag = 0;
  };
  static uint64_t hash_of(uint8_t tag, std::string_view bytes);
  void grow();

  size_t m_max_entries;
  size_t m_max_bytes;
  std::vector<Slot> m_slots;  // a power of two, at most half full
  std::string m_bytes;
  size_t m_size = 0;
  size_t m_clears = 0;
};

}  // namespace newsdex::index
