// Deterministic random numbers (SplitMix64-seeded xoshiro256**): the same seed gives the same
// stream on every machine and standard library, which std:: distributions do not promise. The
// caption-noise model (noise::Random) and the benchmark's corpus generator (bench::Rng) build on
// it, so a corpus or a corrupted text is reproducible from its seed alone.
#pragma once

#include <cstdint>

namespace newsdex::core {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Mixes a seed with a stream number (a file index, a document index) into an independent seed.
inline uint64_t derive_seed(uint64_t seed, uint64_t stream) {
  uint64_t s = seed ^ (stream * 0xd1b54a32d192ed03ULL + 0x8cb92ba72f3d8dd7ULL);
  return splitmix64(s);
}

// xoshiro256** (Blackman and Vigna), its state filled by SplitMix64 from `seed_state`.
class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed_state) {
    for (auto& word : m_s) word = splitmix64(seed_state);
  }
  uint64_t next() {
    const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }
  // Uniform in [0, n); n > 0. Lemire's multiply-shift (bias below 2^-32 for the n we draw).
  uint64_t below(uint64_t n) {
    __extension__ using u128 = unsigned __int128;
    return static_cast<uint64_t>((static_cast<u128>(next()) * n) >> 64);
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t m_s[4];
};

}  // namespace newsdex::core
