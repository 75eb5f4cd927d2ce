// Synthetic postings for the micro-suite: sorted doc ids with a given density, encoded with the
// engine's codec (codec/postings.hpp). Deterministic (fixed seeds).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace newsdex::bench {

// `count` increasing doc ids whose gaps average 1/density (density in (0, 1]).
std::vector<uint32_t> make_doc_ids(size_t count, double density, uint32_t seed);

// A postings blob (plus the SIMD padding) for `docs`, each with `positions_per_doc` positions.
std::string encode_postings(std::span<const uint32_t> docs, uint32_t positions_per_doc = 1);

}  // namespace newsdex::bench
