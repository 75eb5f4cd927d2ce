#include "newsdex/core/hash.hpp"

#include <fmt/format.h>
#include <xxhash.h>

namespace newsdex::core {

uint64_t hash64(std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size());
}

uint64_t checksum(std::span<const uint8_t> bytes) {
  return XXH3_64bits(bytes.data(), bytes.size());
}

Checksummer::Checksummer() : m_state(XXH3_createState()) {
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(m_state));
}
Checksummer::~Checksummer() {
  XXH3_freeState(static_cast<XXH3_state_t*>(m_state));
}
void Checksummer::update(std::span<const uint8_t> bytes) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(m_state), bytes.data(), bytes.size());
}
void Checksummer::update(std::string_view bytes) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(m_state), bytes.data(), bytes.size());
}
uint64_t Checksummer::digest() const {
  return XXH3_64bits_digest(static_cast<const XXH3_state_t*>(m_state));
}

std::string hex64(uint64_t value) {
  return fmt::format("{:016x}", value);
}

}  // namespace newsdex::core
