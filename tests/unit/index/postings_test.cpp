// Property tests for the postings codec: random lists round-trip, seek never moves backwards,
// and truncated blobs end the cursor with corrupt() instead of reading out of bounds.
#include <gtest/gtest.h>

#include <random>

#include "newsdex/index/codec/postings.hpp"

namespace newsdex::index {
namespace {

struct Posting {
  uint32_t doc;
  std::vector<uint32_t> positions;
};

std::vector<Posting> random_postings(std::mt19937& rng_engine, size_t n) {
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  std::vector<Posting> out;
  uint32_t doc = 0;
  for (size_t i = 0; i < n; ++i) {
    doc += 1 + rng() % 50;
    if (i == 0) doc = rng() % 3;
    Posting p{doc, {}};
    uint32_t pos = rng() % 10;
    for (uint32_t k = 0, f = 1 + rng() % 5; k < f; ++k, pos += 1 + rng() % 20) p.positions.push_back(pos);
    out.push_back(p);
  }
  return out;
}

std::string encode(const std::vector<Posting>& postings) {
  PostingsEncoder enc;
  for (const auto& p : postings) enc.add(p.doc, p.positions);
  std::string blob;
  enc.append_to(blob);
  return blob;
}

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(Postings, RandomListsRoundTrip) {
  std::mt19937 rng_engine(7);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  for (int round = 0; round < 200; ++round) {
    auto postings = random_postings(rng_engine, 1 + rng() % 300);
    auto blob = encode(postings);
    PostingsCursor cur(as_bytes(blob));
    ASSERT_EQ(cur.doc_count(), postings.size());
    for (const auto& p : postings) {
      ASSERT_EQ(cur.doc(), p.doc);
      ASSERT_EQ(cur.freq(), p.positions.size());
      if (rng() % 2) {
        EXPECT_EQ(cur.positions(), p.positions);  // positions decoded only sometimes
      }
      cur.next();
    }
    EXPECT_EQ(cur.doc(), kEndDoc);
    EXPECT_FALSE(cur.corrupt());
  }
}

TEST(Postings, SeekNeverMovesBackwards) {
  std::mt19937 rng_engine(11);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  auto postings = random_postings(rng_engine, 500);
  auto blob = encode(postings);
  PostingsCursor cur(as_bytes(blob));
  size_t i = 0;
  for (uint32_t target = 0; target < postings.back().doc + 10; target += 1 + rng() % 40) {
    cur.seek(target);
    while (i < postings.size() && postings[i].doc < target) ++i;
    if (i == postings.size()) {
      EXPECT_EQ(cur.doc(), kEndDoc);
      break;
    }
    ASSERT_EQ(cur.doc(), postings[i].doc);
    EXPECT_EQ(cur.positions(), postings[i].positions);
    cur.seek(0);  // a smaller target is a no-op
    EXPECT_EQ(cur.doc(), postings[i].doc);
  }
}

TEST(Postings, TruncatedBlobsAreDetected) {
  std::mt19937 rng_engine(3);
  auto postings = random_postings(rng_engine, 50);
  auto blob = encode(postings);
  for (size_t cut = 0; cut < blob.size(); cut += 3) {
    std::string truncated = blob.substr(0, cut);
    PostingsCursor cur(as_bytes(truncated));
    size_t steps = 0;
    while (cur.doc() != kEndDoc && steps < postings.size() + 1) {
      cur.positions();
      cur.next();
      ++steps;
    }
    EXPECT_TRUE(cur.corrupt()) << "cut at " << cut;
  }
}

TEST(Postings, EmptyList) {
  std::string blob = encode({});
  PostingsCursor cur(as_bytes(blob));
  EXPECT_EQ(cur.doc(), kEndDoc);
  EXPECT_FALSE(cur.corrupt());
}

}  // namespace
}  // namespace newsdex::index
