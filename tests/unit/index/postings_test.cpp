// Property tests for the postings codec: random lists round-trip, seek never moves backwards,
// and truncated blobs end the cursor with corrupt() instead of reading out of bounds.
#include "newsdex/index/codec/postings.hpp"

#include <gtest/gtest.h>
#include <streamvbyte.h>
#include <streamvbytedelta.h>

#include <algorithm>
#include <memory>
#include <random>

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
    for (uint32_t k = 0, f = 1 + rng() % 5; k < f; ++k, pos += 1 + rng() % 20)
      p.positions.push_back(pos);
    out.push_back(p);
  }
  return out;
}

// Document length of a posting in these tests: derived from the doc id so bounds are checkable.
uint32_t length_of(uint32_t doc) {
  return 10 + doc % 17;
}

std::string encode(const std::vector<Posting>& postings) {
  PostingsEncoder enc;
  for (const auto& p : postings) enc.add(p.doc, p.positions, length_of(p.doc));
  std::string blob;
  enc.append_to(blob);
  return blob;
}

// A view of the first `size` bytes of `s`; the buffer keeps the padding a segment provides.
struct Padded {
  std::string buffer;
  size_t size;
  std::span<const uint8_t> span() const {
    return {reinterpret_cast<const uint8_t*>(buffer.data()), size};
  }
};
Padded padded(const std::string& s, size_t size = std::string::npos) {
  Padded p{s, std::min(size, s.size())};
  p.buffer.resize(p.size);
  p.buffer.append(kPostingsPadding, '\0');
  return p;
}

TEST(Postings, RandomListsRoundTrip) {
  std::mt19937 rng_engine(7);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  for (int round = 0; round < 200; ++round) {
    auto postings = random_postings(rng_engine, 1 + rng() % 700);
    auto blob = padded(encode(postings));
    PostingsCursor cur(blob.span());
    ASSERT_EQ(cur.doc_count(), postings.size());
    for (const auto& p : postings) {
      ASSERT_EQ(cur.doc(), p.doc);
      ASSERT_EQ(cur.freq(), p.positions.size());
      if (rng() % 2) {
        auto pos = cur.positions();  // positions decoded only sometimes
        EXPECT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), p.positions);
      }
      cur.next();
    }
    EXPECT_EQ(cur.doc(), kEndDoc);
    EXPECT_FALSE(cur.corrupt());
  }
}

// With whole-block decoding off (set_bulk_positions(false)), positions of consecutive documents,
// and of documents picked here and there, are the same as with it on.
TEST(Postings, PerDocumentPositionsEqualBulkPositions) {
  std::mt19937 rng_engine(11);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  for (int round = 0; round < 100; ++round) {
    auto postings = random_postings(rng_engine, 1 + rng() % 700);
    auto blob = padded(encode(postings));
    for (bool bulk : {true, false}) {
      PostingsCursor cur(blob.span());
      cur.set_bulk_positions(bulk);
      for (const auto& p : postings) {
        ASSERT_EQ(cur.doc(), p.doc);
        if (rng() % 4 != 0) {  // mostly consecutive documents
          auto pos = cur.positions();
          ASSERT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), p.positions) << bulk;
        }
        cur.next();
      }
      EXPECT_FALSE(cur.corrupt());
    }
  }
}

// positions_upto(limit) is a prefix of positions() that holds every position <= limit, whether
// the doc was decoded before (with a smaller or larger limit) or not, with whole-block decoding
// on and off; per document it stops early (a phrase's common word past its last candidate).
TEST(Postings, PositionsUptoIsAPrefixHoldingTheLimit) {
  std::mt19937 rng_engine(23);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  size_t shorter = 0;
  for (int round = 0; round < 100; ++round) {
    // Long documents, some gaps wide enough to be PFOR exceptions.
    std::vector<Posting> postings;
    uint32_t doc = rng() % 3;
    for (size_t i = 0, n = 1 + rng() % 400; i < n; ++i, doc += 1 + rng() % 9) {
      Posting p{doc, {}};
      uint32_t pos = rng() % 10;
      for (uint32_t k = 0, f = 1 + rng() % 60; k < f; ++k)
        p.positions.push_back(pos), pos += 1 + (rng() % 16 == 0 ? rng() % 5000 : rng() % 12);
      postings.push_back(p);
    }
    auto blob = padded(encode(postings));
    for (bool bulk : {true, false}) {
      PostingsCursor cur(blob.span());
      cur.set_bulk_positions(bulk);
      for (const auto& p : postings) {
        ASSERT_EQ(cur.doc(), p.doc);
        if (rng() % 5 != 0) {
          for (int ask = 0, asks = 1 + static_cast<int>(rng() % 3); ask < asks; ++ask) {
            const uint32_t limit = rng() % 8 == 0 ? UINT32_MAX : rng() % (p.positions.back() + 2);
            auto pos = cur.positions_upto(limit);
            ASSERT_LE(pos.size(), p.positions.size());
            ASSERT_TRUE(std::equal(pos.begin(), pos.end(), p.positions.begin()));
            const auto needed = static_cast<size_t>(
                std::upper_bound(p.positions.begin(), p.positions.end(), limit) -
                p.positions.begin());
            ASSERT_GE(pos.size(), needed) << "limit " << limit;
            shorter += pos.size() < p.positions.size();
          }
          auto all = cur.positions();
          ASSERT_EQ(std::vector<uint32_t>(all.begin(), all.end()), p.positions);
        }
        cur.next();
      }
      EXPECT_FALSE(cur.corrupt());
    }
  }
  EXPECT_GT(shorter, 0u);
}

// Block by block (block_docs/block_freqs/next_block), also after a seek into a block's middle,
// reads exactly the docs and frequencies next() reads.
TEST(Postings, BlockWalkEqualsNext) {
  std::mt19937 rng_engine(19);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  for (int round = 0; round < 50; ++round) {
    auto postings = random_postings(rng_engine, 1 + rng() % 900);
    auto blob = padded(encode(postings));
    PostingsCursor cur(blob.span());
    const uint32_t start = round % 2 ? postings[postings.size() / 3].doc : 0;
    cur.seek(start);
    std::vector<std::pair<uint32_t, uint32_t>> got, expect;
    for (const auto& p : postings)
      if (p.doc >= start) expect.emplace_back(p.doc, static_cast<uint32_t>(p.positions.size()));
    for (; cur.doc() != kEndDoc; cur.next_block()) {
      const auto docs = cur.block_docs();
      const auto freqs = cur.block_freqs();
      ASSERT_EQ(docs.size(), freqs.size());
      ASSERT_FALSE(docs.empty());
      EXPECT_EQ(docs[0], cur.doc());
      for (size_t i = 0; i < docs.size(); ++i) got.emplace_back(docs[i], freqs[i]);
    }
    EXPECT_EQ(got, expect);
    EXPECT_TRUE(cur.block_docs().empty());
    EXPECT_FALSE(cur.corrupt());
  }
}

// skip_while passes exactly the docs a walk with next() passes while the test holds, up to the
// limit, and leaves the cursor where that walk stops (inside a block, at a block's end, at the
// end).
TEST(Postings, SkipWhileStopsWhereAWalkWithNextStops) {
  std::mt19937 rng_engine(23);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  for (int round = 0; round < 60; ++round) {
    auto postings = random_postings(rng_engine, 1 + rng() % 900);
    auto blob = padded(encode(postings));
    PostingsCursor walk(blob.span()), bulk(blob.span());
    const uint32_t min_freq = 1 + rng() % 5;
    const uint32_t mod = 2 + rng() % 40;
    auto skip = [&](uint32_t doc, uint32_t freq) { return freq < min_freq || doc % mod != 0; };
    while (walk.doc() != kEndDoc) {
      const uint32_t last = rng() % 4 == 0 ? kEndDoc : walk.doc() + rng() % 600;
      uint64_t expect = 0;
      while (walk.doc() != kEndDoc && walk.doc() <= last && skip(walk.doc(), walk.freq())) {
        walk.next();
        ++expect;
      }
      ASSERT_EQ(bulk.skip_while(last, skip), expect);
      ASSERT_EQ(bulk.doc(), walk.doc());
      ASSERT_EQ(bulk.freq(), walk.freq());
      walk.next();
      bulk.next();
    }
    EXPECT_EQ(bulk.doc(), kEndDoc);
    EXPECT_FALSE(bulk.corrupt());
  }
}

TEST(Postings, SeekNeverMovesBackwards) {
  std::mt19937 rng_engine(11);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  auto postings = random_postings(rng_engine, 1500);
  auto blob = padded(encode(postings));
  PostingsCursor cur(blob.span());
  size_t i = 0;
  for (uint32_t target = 0; target < postings.back().doc + 10; target += 1 + rng() % 40) {
    cur.seek(target);
    while (i < postings.size() && postings[i].doc < target) ++i;
    if (i == postings.size()) {
      EXPECT_EQ(cur.doc(), kEndDoc);
      break;
    }
    ASSERT_EQ(cur.doc(), postings[i].doc);
    auto pos = cur.positions();
    EXPECT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), postings[i].positions);
    // The block bound covers the current doc.
    EXPECT_GE(cur.block_bound().last_doc, cur.doc());
    EXPECT_GE(cur.block_bound().max_freq, cur.freq());
    EXPECT_LE(cur.block_bound().min_len, length_of(cur.doc()));
    cur.seek(0);  // a smaller target is a no-op
    EXPECT_EQ(cur.doc(), postings[i].doc);
  }
}

TEST(Postings, TruncatedBlobsAreDetected) {
  std::mt19937 rng_engine(3);
  auto postings = random_postings(rng_engine, 50);
  auto blob = encode(postings);
  for (size_t cut = 0; cut < blob.size(); cut += 3) {
    auto truncated = padded(blob, cut);
    PostingsCursor cur(truncated.span());
    size_t steps = 0;
    while (cur.doc() != kEndDoc && steps < postings.size() + 1) {
      cur.positions();
      cur.next();
      ++steps;
    }
    EXPECT_TRUE(cur.corrupt()) << "cut at " << cut;
  }
}

// Frequencies are bit-packed at each block's width (codec v3): blocks whose frequencies are all
// 1 store none, and widths from 1 to 17 bits round-trip; a block of small frequencies costs far
// less than the Stream VByte byte per value of codec v2.
TEST(Postings, FrequencyWidthsRoundTrip) {
  for (uint32_t max_freq : {1u, 2u, 3u, 4u, 5u, 9u, 17u, 33u, 255u, 256u, 257u, 1000u, 70000u}) {
    std::vector<Posting> postings;
    for (uint32_t i = 0; i < 300; ++i) {
      const uint32_t f = i % 7 == 3 ? max_freq : 1 + i % std::min(max_freq, 3u);
      Posting p{i * 2 + 1, {}};
      for (uint32_t k = 0; k < f; ++k) p.positions.push_back(k * 2);
      postings.push_back(p);
    }
    auto blob = padded(encode(postings));
    PostingsCursor cur(blob.span());
    for (const auto& p : postings) {
      ASSERT_EQ(cur.doc(), p.doc) << max_freq;
      ASSERT_EQ(cur.freq(), p.positions.size()) << max_freq;
      auto pos = cur.positions();
      ASSERT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), p.positions) << max_freq;
      cur.next();
    }
    EXPECT_EQ(cur.doc(), kEndDoc);
    EXPECT_FALSE(cur.corrupt()) << max_freq;
    auto sizes = postings_bytes(blob.span());
    ASSERT_TRUE(sizes.has_value());
    if (max_freq == 1) {
      EXPECT_EQ(sizes->freqs, 0u);
    }
    if (max_freq <= 3) {
      EXPECT_LE(sizes->freqs, 300u * 2 / 8 + 3) << "two bits per frequency";
    }
  }
}

// A blob written by codec v2 (segment formats 4 and 5: no leading 0, Stream VByte frequencies),
// captured from that encoder for 150 documents 1, 4, 7, ... with frequencies 3 (every 4th), 2
// (every 9th otherwise) or 1 and positions i % 5 + 7k: still read, and postings_bytes() sizes it.
TEST(Postings, ReadsCodecV2Blobs) {
  const std::string hex =
      "960102fe02a001a001fe01030a421c1c2c030a000000000000000000000000000000000000000000000000000000"
      "0000"
      "00000001030303030303030303030303030303030303030303030303030303030303030303030303030303030303"
      "0303"
      "03030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303"
      "0303"
      "03030303030303030303030303030303030303030303030303030303030303030303030000000000000000000000"
      "0000"
      "00000000000000000000000000000000000000030101010301010103020101030101010301020103010101030101"
      "0203"
      "01010103010101030101010301010103020101030101010301020103010101030101020301010103010101030101"
      "0103"
      "01010103020101030101010301020103010101030101020301010103010101030101010301010103020101030101"
      "0103"
      "01020100000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
      "0000"
      "00000000000000070701020304070700010203070704070001020707030400010707020307040007070102030407"
      "0700"
      "01020703070704000102070703040001070702030400070701020304070700070102030707040001020707030407"
      "0001"
      "07070203040007070102030704070700010203070704000102070703040001070702030400070701070203040707"
      "0001"
      "02030707040007010207070304000107070203040700070701020304070700010203070704000102070703040001"
      "0707"
      "02070304000707010203040707000107020000000000000303030303030303030303030303030303030303030300"
      "0000"
      "00000003010101030101020301010103010101030101010301000000000000000000030707040001020707030400"
      "0701"
      "070702030400070701020304070700010203070704";
  std::string blob;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    blob.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  ASSERT_NE(blob[0], 0) << "a v2 blob starts with its doc count";
  auto p = padded(blob);
  PostingsCursor cur(p.span());
  ASSERT_EQ(cur.doc_count(), 150u);
  for (uint32_t i = 0; i < 150; ++i) {
    const uint32_t f = i % 4 == 0 ? 3 : (i % 9 == 0 ? 2 : 1);
    ASSERT_EQ(cur.doc(), i * 3 + 1);
    ASSERT_EQ(cur.freq(), f);
    std::vector<uint32_t> expected;
    for (uint32_t k = 0; k < f; ++k) expected.push_back(i % 5 + k * 7);
    auto pos = cur.positions();
    ASSERT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), expected) << i;
    cur.next();
  }
  EXPECT_EQ(cur.doc(), kEndDoc);
  EXPECT_FALSE(cur.corrupt());
  auto sizes = postings_bytes(p.span());
  ASSERT_TRUE(sizes.has_value());
  EXPECT_EQ(sizes->skips + sizes->docs + sizes->freqs + sizes->positions, blob.size());
  EXPECT_GE(sizes->freqs, 150u) << "Stream VByte: at least a byte per frequency";
}

// A blob written by codec v3 (segment format 6: a single leading 0, bit-packed frequencies,
// Stream VByte positions), captured from that encoder for 150 documents 1, 4, 7, ... with
// frequencies 3 (every 4th), 2 (every 9th otherwise) or 1 and positions i * 37 % 700 + 300k
// (one- and two-byte Stream VByte values): still read per document and in bulk, and sized.
TEST(Postings, ReadsCodecV3Blobs) {
  const std::string hex =
      "00960102fe02a001209803030a421c0648030a000000000000000000000000000000000000000000000000000000"
      "00000000000103030303030303030303030303030303030303030303030303030303030303030303030303030303"
      "03030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303"
      "03030303030303030303030303030303030303030303030303030303030303030303030303030303030202060212"
      "02420202020206021202420202020206021202420202020206021214404155555555151440515555555501055055"
      "5555555500055455555555144011555555551514104555555555014540555515002c012c01254a6f942c012c01b9"
      "de030128012c012c014d012c0172019701bc012c012c01e10106022b0250022c012c0175029a022c0103282c012c"
      "014d7297bc2c012c01e106012b012c0150012c012c0175019a01bf01e4012c012c0109022e02530278022c012c01"
      "9d02062b502c012c01759abfe42c012c0109012c012e01530178012c012c019d01c201e7010c022c012c01310256"
      "022c017b02a0022c012c01092e53782c012c019dc2e72c010c012c012c01310156017b01a0012c012c01c501ea01"
      "0f0234022c012c0159027e02a3020c2c012c0131567ba02c012c01c52c01ea0f0134012c012c0159017e01a301c8"
      "012c012c01ed0112022c0137025c022c012c018102a6020f342c012c01597ea32c01c82c012c01ed120137015c01"
      "2c012c018101a601cb01f0012c012c0115023a025f0284022c012c01a90212375c2c012c01812c01a6cbf02c012c"
      "0115013a015f0184012c012c01a901ce012c01f30100000000000003030303030303030303030303030303030303"
      "03030302420202020255550151405555551518022c012c013d0262028702ac022c012c01153a5f2c01842c012c01"
      "a9cef318012c012c013d0162018701ac012c012c01d101f6011b0240022c012c016502";
  std::string blob;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    blob.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  ASSERT_EQ(blob[0], 0) << "a v3 blob starts with 0";
  ASSERT_NE(blob[1], 0) << "then its doc count (a v4 blob has a second 0)";
  auto p = padded(blob);
  for (bool bulk : {true, false}) {
    PostingsCursor cur(p.span());
    cur.set_bulk_positions(bulk);
    ASSERT_EQ(cur.doc_count(), 150u);
    for (uint32_t i = 0; i < 150; ++i) {
      const uint32_t f = i % 4 == 0 ? 3 : (i % 9 == 0 ? 2 : 1);
      ASSERT_EQ(cur.doc(), i * 3 + 1);
      ASSERT_EQ(cur.freq(), f);
      std::vector<uint32_t> expected;
      for (uint32_t k = 0; k < f; ++k) expected.push_back(i * 37 % 700 + k * 300);
      auto pos = cur.positions();
      ASSERT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), expected) << i;
      cur.next();
    }
    EXPECT_EQ(cur.doc(), kEndDoc);
    EXPECT_FALSE(cur.corrupt());
  }
  auto sizes = postings_bytes(p.span());
  ASSERT_TRUE(sizes.has_value());
  EXPECT_EQ(sizes->skips + sizes->docs + sizes->freqs + sizes->positions, blob.size());
  // The same postings written by codec v4 (PFOR positions) take fewer position bytes.
  PostingsEncoder enc;
  for (uint32_t i = 0; i < 150; ++i) {
    const uint32_t f = i % 4 == 0 ? 3 : (i % 9 == 0 ? 2 : 1);
    std::vector<uint32_t> pos;
    for (uint32_t k = 0; k < f; ++k) pos.push_back(i * 37 % 700 + k * 300);
    enc.add(i * 3 + 1, pos, 10 + i % 17);
  }
  std::string v4;
  enc.append_to(v4);
  auto v4_sizes = postings_bytes(padded(v4).span());
  ASSERT_TRUE(v4_sizes.has_value());
  EXPECT_LT(v4_sizes->positions, sizes->positions);
}

// Positions bit-packed in PFOR chunks (codec v4): every width from 0 to 32 bits, chunks with
// and without exceptions (a few large values among small gaps), chunk boundaries inside a
// document, and documents of a block read one by one and in bulk.
TEST(Postings, PforPositionsRoundTrip) {
  std::mt19937 rng_engine(23);
  auto rng = [&] { return static_cast<uint32_t>(rng_engine()); };
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    for (uint32_t outliers : {0u, 1u, 5u, 9u}) {
      std::vector<Posting> postings;
      for (uint32_t i = 0; i < 260; ++i) {
        Posting p{i * 2 + 1, {}};
        const uint32_t f = 1 + rng() % (i % 50 == 0 ? 300 : 6);
        uint64_t pos = 0;
        const uint64_t budget = UINT32_MAX;  // positions must stay below 2^32 within a document
        for (uint32_t k = 0; k < f; ++k) {
          uint32_t gap = bits == 0 ? 0 : static_cast<uint32_t>(rng() & ((uint64_t{1} << bits) - 1));
          if (outliers > 0 && rng() % 64 < outliers) gap = rng() >> (rng() % 32);
          gap = static_cast<uint32_t>(std::min<uint64_t>(gap, budget / (f + 1)));
          if (k > 0 && gap == 0) gap = 1;
          pos += gap;
          p.positions.push_back(static_cast<uint32_t>(pos));
        }
        postings.push_back(p);
      }
      auto blob = padded(encode(postings));
      for (bool bulk : {true, false}) {
        PostingsCursor cur(blob.span());
        cur.set_bulk_positions(bulk);
        for (const auto& p : postings) {
          ASSERT_EQ(cur.doc(), p.doc);
          auto pos = cur.positions();
          ASSERT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), p.positions)
              << bits << " bits, outliers " << outliers << ", bulk " << bulk;
          cur.next();
        }
        EXPECT_FALSE(cur.corrupt());
      }
    }
  }
}

TEST(Postings, EmptyList) {
  auto blob = padded(encode({}));
  PostingsCursor cur(blob.span());
  EXPECT_EQ(cur.doc(), kEndDoc);
  EXPECT_FALSE(cur.corrupt());
}

TEST(Postings, ListBoundsCoverEveryPosting) {
  std::mt19937 rng_engine(5);
  auto postings = random_postings(rng_engine, 1000);
  auto blob = padded(encode(postings));
  PostingsCursor cur(blob.span());
  uint32_t max_freq = 0, min_len = UINT32_MAX;
  for (const auto& p : postings) {
    max_freq = std::max<uint32_t>(max_freq, static_cast<uint32_t>(p.positions.size()));
    min_len = std::min(min_len, length_of(p.doc));
  }
  EXPECT_EQ(cur.max_freq(), max_freq);
  EXPECT_EQ(cur.min_len(), min_len);
  // bound_for() looks ahead without moving the cursor.
  const uint32_t before = cur.doc();
  const auto* b = cur.bound_for(postings[600].doc);
  ASSERT_NE(b, nullptr);
  EXPECT_GE(b->last_doc, postings[600].doc);
  EXPECT_EQ(cur.doc(), before);
  EXPECT_EQ(cur.bound_for(postings.back().doc + 1), nullptr);
}

TEST(Postings, CorruptSkipTableIsDetected) {
  std::mt19937 rng_engine(9);
  auto blob = encode(random_postings(rng_engine, 400));
  std::mt19937 flips(1);
  for (int round = 0; round < 300; ++round) {
    std::string bad = blob;
    bad[flips() % bad.size()] ^= static_cast<char>(1 + flips() % 255);
    auto p = padded(bad);
    PostingsCursor cur(p.span());
    uint32_t last = 0;
    bool ordered = true, first = true;
    for (size_t steps = 0; cur.doc() != kEndDoc && steps < 1000; ++steps) {
      ordered = ordered && (first || cur.doc() > last);
      first = false;
      last = cur.doc();
      cur.positions();
      cur.next();
    }
    // Whatever the flip hit, the cursor never yields decreasing doc ids or reads out of bounds
    // (ASan checks the latter).
    EXPECT_TRUE(ordered);
  }
}

// A plain Stream VByte encoder, written from the format (2-bit length codes, four per control
// byte, little-endian data), as the oracle for svb_decode.
std::vector<uint8_t> reference_svb(const std::vector<uint32_t>& values, bool delta, uint32_t prev) {
  std::vector<uint8_t> control((values.size() + 3) / 4, 0), data;
  for (size_t i = 0; i < values.size(); ++i) {
    const uint32_t v = delta ? values[i] - prev : values[i];
    prev = values[i];
    const uint32_t len = v < (1u << 8) ? 1 : v < (1u << 16) ? 2 : v < (1u << 24) ? 3 : 4;
    control[i / 4] = static_cast<uint8_t>(control[i / 4] | ((len - 1) << (2 * (i % 4))));
    for (uint32_t b = 0; b < len; ++b) data.push_back(static_cast<uint8_t>(v >> (8 * b)));
  }
  control.insert(control.end(), data.begin(), data.end());
  return control;
}

// `count` values for a Stream VByte test, mostly of `width` bytes with some single bytes and zeros
// mixed in; with `delta`, the running sums from `prev` of such gaps (4-byte gaps cut to 20 bits
// unless `wrap`, so that the sums stay inside 32 bits).
std::vector<uint32_t> stream_values(std::mt19937& rng, uint32_t count, uint32_t width, bool delta,
                                    uint32_t prev, bool wrap) {
  const uint64_t limit = width == 4 ? (1ull << 32) : (1ull << (8 * width));
  std::vector<uint32_t> values(count);
  uint32_t acc = prev;
  for (auto& v : values) {
    const uint32_t pick = static_cast<uint32_t>(rng() % 8);
    uint32_t x = pick == 0   ? 0
                 : pick == 1 ? static_cast<uint32_t>(rng() % 256)
                             : static_cast<uint32_t>(rng() % limit);
    if (delta) {
      if (width == 4 && !wrap) x %= 1u << 20;
      acc += x;
      v = acc;
    } else {
      v = x;
    }
  }
  return values;
}

// Every count around the groups of four, every byte width, plain and delta: the SIMD groups and
// the byte-by-byte tail decode what was encoded, and nothing past the stream is needed (the
// stream is copied into an exactly sized buffer, so ASan would see an over-read).
TEST(Postings, StreamVByteDecodeMatchesTheFormat) {
  std::mt19937 rng_engine(11);
  for (bool delta : {false, true}) {
    for (uint32_t count = 0; count < 300; count += (count < 40 ? 1 : 37)) {
      for (uint32_t width = 1; width <= 4; ++width) {
        const uint32_t prev = delta ? static_cast<uint32_t>(rng_engine() % 1000) : 0;
        // Delta: keep the running sum inside 32 bits.
        const auto values = stream_values(rng_engine, count, width, delta, prev, false);
        const auto stream = reference_svb(values, delta, prev);
        ASSERT_EQ(svb_stream_size(stream.data(), count, stream.size()), stream.size());
        auto exact = std::make_unique<uint8_t[]>(stream.size() + 1);
        std::copy(stream.begin(), stream.end(), exact.get());
        std::vector<uint32_t> out(count + 1, 0xDEADBEEF);
        svb_decode(exact.get(), stream.size(), count, out.data(), delta, prev);
        for (uint32_t i = 0; i < count; ++i)
          ASSERT_EQ(out[i], values[i])
              << "delta " << delta << " count " << count << " width " << width << " at " << i;
        EXPECT_EQ(out[count], 0xDEADBEEF) << "wrote past the values";
      }
    }
  }
}

// The codec's own Stream VByte encoder writes the bytes libstreamvbyte writes (which wrote every
// segment before it), plain and delta, at every count around the groups of four and every byte
// width, and never past the size the library allows for.
TEST(Postings, StreamVByteEncodeMatchesLibstreamvbyte) {
  std::mt19937 rng_engine(12);
  for (bool delta : {false, true}) {
    for (uint32_t count = 0; count < 300; count += (count < 40 ? 1 : 37)) {
      for (uint32_t width = 1; width <= 4; ++width) {
        const uint32_t prev = delta ? static_cast<uint32_t>(rng_engine() % 1000) : 0;
        // Delta: gaps wrap around 2^32 alike in both encoders.
        const auto values = stream_values(rng_engine, count, width, delta, prev, true);
        const size_t bound = streamvbyte_max_compressedbytes(count);
        std::vector<uint8_t> expected(bound + 1, 0xAB), got(bound + 1, 0xAB);
        const size_t n = delta
                             ? streamvbyte_delta_encode(values.data(), count, expected.data(), prev)
                             : streamvbyte_encode(values.data(), count, expected.data());
        const size_t m = svb_encode(values.data(), count, got.data(), delta, prev);
        ASSERT_EQ(m, n) << "delta " << delta << " count " << count << " width " << width;
        EXPECT_TRUE(
            std::equal(got.begin(), got.begin() + static_cast<ptrdiff_t>(n), expected.begin()))
            << "delta " << delta << " count " << count << " width " << width;
        EXPECT_EQ(got[bound], 0xAB) << "wrote past the bound";
        EXPECT_EQ(std::vector<uint8_t>(got.begin(), got.begin() + static_cast<ptrdiff_t>(n)),
                  reference_svb(values, delta, prev));
      }
    }
  }
}

// Frequencies are read one document at a time for the first few documents of a block (by
// arithmetic on the block's bit width) and unpacked as a block after that: any mix of seeks,
// nexts and position reads gives the written frequencies, at every width and block offset.
TEST(Postings, FrequenciesReadSinglyOrByBlockAgree) {
  for (uint32_t max_freq : {1u, 2u, 3u, 7u, 100u, 70000u}) {
    std::vector<Posting> postings;
    for (uint32_t i = 0; i < 700; ++i) {
      const uint32_t f = i % 11 == 4 ? max_freq : 1 + (i * 7) % std::min(max_freq, 9u);
      Posting p{i * 3 + 1, {}};
      for (uint32_t k = 0; k < f; ++k) p.positions.push_back(k * 2);
      postings.push_back(p);
    }
    auto blob = padded(encode(postings));
    for (uint32_t stride : {1u, 2u, 5u, 13u, 40u, 127u, 129u}) {
      PostingsCursor cur(blob.span());
      for (uint32_t i = 0; i < postings.size(); i += stride) {
        cur.seek(postings[i].doc);
        ASSERT_EQ(cur.doc(), postings[i].doc);
        ASSERT_EQ(cur.freq(), postings[i].positions.size()) << max_freq << " " << stride;
        if (i % 3 == 0) {  // positions need the whole block's frequencies
          auto pos = cur.positions();
          ASSERT_EQ(pos.size(), postings[i].positions.size());
        }
        ASSERT_EQ(cur.freq(), postings[i].positions.size()) << max_freq << " " << stride;
      }
      EXPECT_FALSE(cur.corrupt());
    }
  }
}

// A bit-packed frequency above its block's max_freq, read on its own (no position or block
// read), marks the cursor corrupt and reads clamped, as it does when the block is unpacked.
TEST(Postings, CorruptFrequencyReadSinglyIsCaught) {
  std::vector<Posting> postings;
  for (uint32_t i = 0; i < 128; ++i) {
    Posting p{i, {}};
    for (uint32_t k = 0; k < i % 3 + 1; ++k) p.positions.push_back(k);  // max_freq 3: 2 bits
    postings.push_back(p);
  }
  std::string blob = encode(postings);
  // Header "0 0 count blocks", one skip entry, the doc stream: the frequency stream follows.
  const auto* p = reinterpret_cast<const uint8_t*>(blob.data());
  const auto* stop = p + blob.size();
  auto varint = [&] {
    uint32_t v = 0;
    for (int shift = 0; p < stop; shift += 7) {
      const uint8_t b = *p++;
      v |= uint32_t{b & 0x7Fu} << shift;
      if ((b & 0x80) == 0) break;
    }
    return v;
  };
  for (int k = 0; k < 4; ++k) varint();  // 0, 0, count, blocks
  varint();                              // last doc gap
  const uint32_t doc_bytes = varint();
  const uint32_t freq_bytes = varint();
  varint();  // pos_bytes
  ASSERT_EQ(varint(), 3u) << "max_freq";
  varint();  // min_len
  ASSERT_EQ(freq_bytes, 32u);
  const size_t freqs_at =
      static_cast<size_t>(p - reinterpret_cast<const uint8_t*>(blob.data())) + doc_bytes;
  blob[freqs_at + 1] = static_cast<char>(blob[freqs_at + 1] | 0x0C);  // doc 5: 3 + 1 = 4 > 3
  auto padded_blob = padded(blob);
  PostingsCursor cur(padded_blob.span());
  cur.seek(4);
  EXPECT_EQ(cur.freq(), 2u);
  EXPECT_FALSE(cur.corrupt());
  cur.next();
  EXPECT_EQ(cur.freq(), 3u) << "clamped to the block's max_freq";
  EXPECT_TRUE(cur.corrupt());
}

}  // namespace
}  // namespace newsdex::index
