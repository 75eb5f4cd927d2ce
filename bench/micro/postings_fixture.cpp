#include "postings_fixture.hpp"

#include <random>

#include "newsdex/index/codec/postings.hpp"

namespace newsdex::bench {

std::vector<uint32_t> make_doc_ids(size_t count, double density, uint32_t seed) {
  std::mt19937 rng(seed);
  std::geometric_distribution<uint32_t> gap(density);
  std::vector<uint32_t> docs;
  docs.reserve(count);
  uint32_t doc = 0;
  for (size_t i = 0; i < count; ++i) {
    doc += (i == 0 ? 0 : 1) + gap(rng);
    docs.push_back(doc);
  }
  return docs;
}

std::string encode_postings(std::span<const uint32_t> docs, uint32_t positions_per_doc) {
  index::PostingsEncoder enc;
  std::vector<uint32_t> positions(positions_per_doc);
  for (uint32_t i = 0; i < positions_per_doc; ++i) positions[i] = i * 3;
  for (uint32_t d : docs) enc.add(d, positions, 100);
  std::string blob;
  enc.append_to(blob);
  blob.append(index::kPostingsPadding, '\0');
  return blob;
}

}  // namespace newsdex::bench
