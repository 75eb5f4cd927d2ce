// WordIdCache: the ingest hot path's map from a word's raw bytes (plus a one-byte tag, the
// field) to a dense term id, so a token costs one inline XXH3 hash and one probe instead of
// folding, building a key string and hashing it again. Open addressing with linear probing over
// a flat slot array; the bytes live in one arena. Bounded: when `max_entries` words or
// `max_bytes` of word bytes are held, the next insert starts over from empty (Zipfian text
// refills the common words at once). Not thread-safe: one per analysis thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
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

// A small two-way set-associative front for WordIdCache, sized to stay in a core's L2 cache:
// (tag, word of 1..16 bytes) -> id, the word held inline, so the common words of a text (most of
// its tokens) cost neither the XXH3 hash nor the cache misses of the big table's slots and byte
// arena, which outgrow the cache with a large vocabulary. A set is one 64-byte cache line of two
// slots, the one used last first: a find that hits the second slot swaps them, a put replaces the
// second. (Direct-mapped, 8,192 slots, ~13% of the 100M corpus's body tokens missed — words
// colliding in a slot evict each other; two ways of 8,192 sets miss ~5%, for one cache line per
// lookup as before.) A miss just falls through to the big table. It must be cleared whenever
// the ids it holds stop being valid.
class HotWordCache {
 public:
  static constexpr uint32_t kMissing = WordIdCache::kMissing;
  static constexpr size_t kSetBits = 13;
  static constexpr size_t kSets = size_t{1} << kSetBits;  // 8192 x 64 bytes = 512 KiB
  static constexpr size_t kMaxLength = 16;

  HotWordCache() : m_sets(kSets) {}
  // The id last put for (tag, bytes) when its set still holds it, else kMissing.
  uint32_t find(uint8_t tag, std::string_view bytes) {
    Key k;
    if (!key_of(bytes, k)) return kMissing;
    Set& set = m_sets[set_of(tag, k)];
    if (set.way[0].holds(tag, k)) return set.way[0].id;
    if (set.way[1].holds(tag, k)) {
      std::swap(set.way[0], set.way[1]);  // the most recently used first
      return set.way[0].id;
    }
    return kMissing;
  }
  // Remembers `id` for (tag, bytes) as the set's most recently used word, in place of its other
  // word unless it already holds these bytes (words over 16 bytes: nothing).
  void put(uint8_t tag, std::string_view bytes, uint32_t id) {
    Key k;
    if (!key_of(bytes, k)) return;
    Set& set = m_sets[set_of(tag, k)];
    if (set.way[1].holds(tag, k))
      std::swap(set.way[0], set.way[1]);
    else if (!set.way[0].holds(tag, k))
      set.way[1] = set.way[0];
    Slot& s = set.way[0];
    s.a = k.a;
    s.b = k.b;
    s.id = id;
    s.length = k.length;
    s.tag = tag;
  }
  void clear() { std::fill(m_sets.begin(), m_sets.end(), Set{}); }
  // The set (tag, bytes) maps to, or kSets for words the cache never holds (tests).
  static size_t set_index(uint8_t tag, std::string_view bytes) {
    Key k;
    return key_of(bytes, k) ? set_of(tag, k) : kSets;
  }

 private:
  struct Key {
    uint64_t a = 0, b = 0;
    uint8_t length = 0;
  };
  struct Slot {
    uint64_t a = 0, b = 0;
    uint32_t id = kMissing;
    uint8_t length = 0;  // 0: empty
    uint8_t tag = 0;
    bool holds(uint8_t t, const Key& k) const {
      return length == k.length && tag == t && a == k.a && b == k.b;
    }
  };
  struct alignas(64) Set {
    Slot way[2];
  };
  static_assert(sizeof(Set) == 64);
  // Words of 1..16 bytes as two numbers that, with the length, determine every byte: overlapping
  // loads that never read outside the word.
  static bool key_of(std::string_view bytes, Key& k) {
    const size_t n = bytes.size();
    if (n == 0 || n > kMaxLength) return false;
    const char* p = bytes.data();
    k.length = static_cast<uint8_t>(n);
    if (n >= 8) {
      std::memcpy(&k.a, p, 8);
      std::memcpy(&k.b, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo = 0, hi = 0;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      k.a = uint64_t{lo} | uint64_t{hi} << 32;
      k.b = 0;
    } else {
      k.a = uint64_t{static_cast<uint8_t>(p[0])} | uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 |
            uint64_t{static_cast<uint8_t>(p[n - 1])} << 16;
      k.b = 0;
    }
    return true;
  }
  static size_t set_of(uint8_t tag, const Key& k) {
    const uint64_t h = (k.a * 0x9E3779B97F4A7C15ull) ^ (k.b * 0xC2B2AE3D27D4EB4Full) ^
                       (uint64_t{k.length} << 8 | tag) * 0x165667B19E3779F9ull;
    return static_cast<size_t>((h ^ (h >> 29)) >> (64 - kSetBits));
  }
  std::vector<Set> m_sets;
};

}  // namespace newsdex::index
