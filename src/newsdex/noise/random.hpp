// Deterministic random numbers for the noise model: core::Xoshiro256 seeded from (seed, stream),
// so the same seed and stream give the same errors on every machine and standard library.
#pragma once

#include <cstdint>

#include "newsdex/core/random.hpp"

namespace newsdex::noise {

class Random : public core::Xoshiro256 {
 public:
  Random(uint64_t seed, uint64_t stream)
      : core::Xoshiro256(seed ^ (stream * 0xd1b54a32d192ed03ULL + 0x8cb92ba72f3d8dd7ULL)) {}
  // Uniform in [lo, hi], inclusive; lo <= hi.
  uint64_t between(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }
};

}  // namespace newsdex::noise
