// WordIdCache: the ingest hot path's map from a word's raw bytes (plus a one-byte tag, the
// field) to a dense term id, so a token costs one inline XXH3 hash and one probe instead of
// folding, building a key string and hashing it again. Open addressing with linear probing over
// a flat slot array; the bytes live in one arena. Bounded: when `max_entries` words or
// `max_bytes` of word bytes are held, the next insert starts over from empty (Zipfian text
// refills the common words at once). Not thread-safe: one per analysis thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL  // the hash is inlined where the cache is used: it runs once per token
#endif
#include <xxhash.h>

namespace newsdex::index {

class WordIdCache {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  explicit WordIdCache(size_t max_entries = size_t{1} << 18, size_t max_bytes = size_t{8} << 20);

  // The id stored for (tag, bytes), or kMissing.
  uint32_t find(uint8_t tag, std::string_view bytes) const {
    const uint64_t h = hash_of(tag, bytes);
    const size_t mask = m_slots.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      const Slot& s = m_slots[i];
      if (s.id == kMissing) return kMissing;
      if (s.hash == h && s.tag == tag && s.length == bytes.size() &&
          same_bytes(m_bytes.data() + s.offset, bytes.data(), bytes.size()))
        return s.id;
    }
  }
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
  static uint64_t hash_of(uint8_t tag, std::string_view bytes) {
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), tag);
  }
  // memcmp(a, b, n) == 0 for the short words of text without a library call: fixed-size loads,
  // overlapping at the end, never outside [a, a + n) and [b, b + n).
  static bool same_bytes(const char* a, const char* b, size_t n) {
    if (n >= 8) {
      size_t i = 0;
      for (; i + 8 <= n; i += 8)
        if (load<uint64_t>(a + i) != load<uint64_t>(b + i)) return false;
      return i == n || load<uint64_t>(a + n - 8) == load<uint64_t>(b + n - 8);
    }
    if (n >= 4)
      return load<uint32_t>(a) == load<uint32_t>(b) &&
             load<uint32_t>(a + n - 4) == load<uint32_t>(b + n - 4);
    for (size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  template <class T>
  static T load(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
  }
  void grow();

  size_t m_max_entries;
  size_t m_max_bytes;
  std::vector<Slot> m_slots;  // a power of two, at most half full
  std::string m_bytes;
  size_t m_size = 0;
  size_t m_clears = 0;
};

}  // namespace newsdex::index
