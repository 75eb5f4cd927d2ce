// Stable hashes: document ids and file checksums (xxHash XXH3, stable across platforms).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace newsdex::core {

uint64_t hash64(std::string_view bytes);
uint64_t checksum(std::span<const uint8_t> bytes);

// Incremental checksum over several pieces; equal to checksum() over their concatenation.
class Checksummer {
 public:
  Checksummer();
  ~Checksummer();
  Checksummer(const Checksummer&) = delete;
  Checksummer& operator=(const Checksummer&) = delete;
  void update(std::span<const uint8_t> bytes);
  void update(std::string_view bytes);
  uint64_t digest() const;

 private:
  void* m_state;
};

// 16 lower-case hex digits.
std::string hex64(uint64_t value);

}  // namespace newsdex::core
