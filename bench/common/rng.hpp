// Deterministic random numbers for the benchmark: the same seed gives the same corpus and queries
// on every machine and standard library (std:: distributions are implementation-defined, so the
// helpers below do their own arithmetic on core::Xoshiro256, the generator the noise model uses).
#pragma once

#include <cmath>
#include <cstdint>

#include "newsdex/core/random.hpp"

namespace bench {

using newsdex::core::derive_seed;

class Rng : public newsdex::core::Xoshiro256 {
 public:
  explicit Rng(uint64_t seed) : Xoshiro256(seed) {}
  // Uniform in [lo, hi], inclusive.
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // Standard normal (Box-Muller; one value per call, the second is dropped for simplicity).
  double normal() {
    double u1 = unit();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * unit());
  }
  // Skewed pick in [0, n): small indexes are much more likely (popular people and places).
  uint64_t skewed(uint64_t n, double power = 2.5) {
    return static_cast<uint64_t>(std::pow(unit(), power) * static_cast<double>(n)) % n;
  }
};

}  // namespace bench
