// PostingsPool: many interleaved lists read back exactly as added (across slices and blocks), the
// blobs made from them are PostingsEncoder's, and the flush estimate is the four-vector model.
#include "newsdex/index/writer/postings_pool.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "newsdex/index/codec/postings.hpp"

namespace newsdex::index {
namespace {

// mt19937's draws as uint32_t (its result_type is wider).
struct Rng {
  explicit Rng(uint32_t seed) : engine(seed) {}
  uint32_t operator()() { return static_cast<uint32_t>(engine()); }
  std::mt19937 engine;
};

struct Expected {
  std::vector<uint32_t> docs, freqs, gaps;
};

struct Read {
  std::vector<uint32_t> docs, freqs, gaps;
};

Read read_back(const PostingsPool& pool, const PostingsPool::List& list) {
  Read r;
  r.docs.resize(list.count);
  r.freqs.resize(list.count);
  r.gaps.resize(list.positions);
  pool.read(list, r.docs.data(), r.freqs.data(), r.gaps.data());
  return r;
}

TEST(PostingsPool, InterleavedListsReadBackAsAdded) {
  Rng rng(7);
  constexpr size_t kTerms = 500;
  PostingsPool pool;
  std::vector<PostingsPool::List> lists(kTerms);
  std::vector<Expected> expected(kTerms);
  std::vector<uint32_t> positions;
  // Documents in order; each holds a random subset of the terms (term t with probability falling
  // with t, so a few lists grow long and many stay short), with 1..N positions, N sometimes large.
  for (uint32_t doc = 0; doc < 3000; ++doc) {
    for (size_t t = 0; t < kTerms; ++t) {
      if (rng() % (t + 2) != 0) continue;
      positions.clear();
      const uint32_t freq = rng() % 50 == 0 ? 1 + rng() % 3000 : 1 + rng() % 3;
      uint32_t pos = rng() % 5;
      for (uint32_t k = 0; k < freq; ++k, pos += 1 + rng() % 9) positions.push_back(pos);
      pool.add(lists[t], doc, positions);
      expected[t].docs.push_back(doc);
      expected[t].freqs.push_back(freq);
      uint32_t last = 0;
      for (uint32_t p : positions) {
        expected[t].gaps.push_back(p - last);
        last = p;
      }
    }
  }
  ASSERT_GT(pool.memory_bytes(),
            size_t{2} * PostingsPool::kBlockValues * 4);  // three blocks or more
  for (size_t t = 0; t < kTerms; ++t) {
    SCOPED_TRACE(t);
    ASSERT_EQ(lists[t].count, expected[t].docs.size());
    ASSERT_EQ(lists[t].positions, expected[t].gaps.size());
    const Read r = read_back(pool, lists[t]);
    EXPECT_EQ(r.docs, expected[t].docs);
    EXPECT_EQ(r.freqs, expected[t].freqs);
    EXPECT_EQ(r.gaps, expected[t].gaps);
  }
}

TEST(PostingsPool, ListFillingSlicesExactly) {
  // Postings of 6 values (doc, freq, 4 gaps): the first slice (7 values) leaves one free, so the
  // next posting goes through the slow path and links a slice; every size class is passed.
  PostingsPool pool;
  PostingsPool::List list;
  const std::vector<uint32_t> positions{0, 1, 2, 3};
  for (uint32_t doc = 0; doc < 2000; ++doc) pool.add(list, doc, positions);
  const Read r = read_back(pool, list);
  for (uint32_t doc = 0; doc < 2000; ++doc) {
    ASSERT_EQ(r.docs[doc], doc);
    ASSERT_EQ(r.freqs[doc], 4u);
    for (uint32_t k = 0; k < 4; ++k) ASSERT_EQ(r.gaps[4 * doc + k], k == 0 ? 0u : 1u);
  }
}

TEST(PostingsPool, EstimateIsTheFourVectorEncoder) {
  // The builder's flush estimate must stay what PostingsEncoder's four vectors hold, or segments
  // would be cut elsewhere than before the pool.
  Rng rng(11);
  PostingsEncoder enc;
  uint32_t count = 0, total = 0;
  std::vector<uint32_t> positions;
  EXPECT_EQ(PostingsPool::estimated_bytes(0, 0), enc.memory_bytes());
  for (uint32_t doc = 0; doc < 5000; ++doc) {
    positions.clear();
    const uint32_t freq = rng() % 20 == 0 ? 1 + rng() % 200 : 1 + rng() % 3;
    for (uint32_t k = 0; k < freq; ++k) positions.push_back(k * 2);
    enc.add(doc, positions);
    ++count;
    total += freq;
    ASSERT_EQ(PostingsPool::estimated_bytes(count, total), enc.memory_bytes()) << doc;
  }
}

TEST(PostingsPool, BlobsAreTheEncoders) {
  Rng rng(3);
  PostingsPool pool;
  PostingsPool::List list;
  PostingsEncoder enc;
  std::vector<uint32_t> positions, lengths;
  uint32_t doc = 0;
  for (int i = 0; i < 1000; ++i) {
    doc += 1 + rng() % 40;
    positions.clear();
    uint32_t pos = rng() % 100;
    // Gaps of every magnitude, so the packed positions take every width up to 32 bits.
    for (uint32_t k = 0, f = 1 + rng() % 6; k < f; ++k) {
      positions.push_back(pos);
      const uint32_t width = rng() % 31;
      const uint32_t step = 1 + (rng() & ((uint32_t{1} << width) - 1)) / 8;
      if (pos > UINT32_MAX - step) break;
      pos += step;
    }
    const uint32_t length = 5 + rng() % 1000;
    lengths.push_back(length);
    enc.add(doc, positions, length);
    pool.add(list, doc, positions);
  }
  std::string expected;
  enc.append_to(expected);
  const Read r = read_back(pool, list);
  std::string blob;
  append_postings(blob, list.count, r.docs.data(), r.freqs.data(), lengths.data(), r.gaps.data());
  EXPECT_EQ(blob, expected);
}

}  // namespace
}  // namespace newsdex::index
