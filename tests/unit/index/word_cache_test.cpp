// WordIdCache (the ingest word -> term id cache) and the builder's use of term ids: lookups by
// exact bytes and tag, long and non-ASCII words, growth and probing past many neighbours, the
// bounds that empty it; documents from several term spaces (analysis threads) and from none land
// in the right postings, also across a flush (a new builder).
#include "newsdex/index/writer/word_cache.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/index/codec/postings.hpp"
#include "newsdex/index/storage/segment.hpp"
#include "newsdex/index/writer/segment_builder.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::index {
namespace {

TEST(WordIdCache, FindsExactlyTheBytesAndTagInserted) {
  WordIdCache cache;
  EXPECT_EQ(cache.find(1, "the"), WordIdCache::kMissing);
  cache.insert(1, "the", 7);
  cache.insert(1, "The", 8);  // raw forms are case-sensitive: two entries, maybe one term
  cache.insert(2, "the", 9);  // another field
  cache.insert(1, "", 10);
  EXPECT_EQ(cache.find(1, "the"), 7u);
  EXPECT_EQ(cache.find(1, "The"), 8u);
  EXPECT_EQ(cache.find(2, "the"), 9u);
  EXPECT_EQ(cache.find(1, ""), 10u);
  EXPECT_EQ(cache.find(1, "th"), WordIdCache::kMissing);
  EXPECT_EQ(cache.find(1, "thee"), WordIdCache::kMissing);
  EXPECT_EQ(cache.find(3, "the"), WordIdCache::kMissing);
  EXPECT_EQ(cache.size(), 4u);
}

TEST(WordIdCache, EveryByteOfAWordCounts) {
  // Words of every length up to 40 against the same word with one byte changed, at each place:
  // the short-word comparison (overlapping fixed-size loads) must see every byte.
  WordIdCache cache;
  for (size_t n = 1; n <= 40; ++n) cache.insert(0, std::string(n, 'a'), static_cast<uint32_t>(n));
  for (size_t n = 1; n <= 40; ++n) {
    const std::string word(n, 'a');
    EXPECT_EQ(cache.find(0, word), n);
    for (size_t at = 0; at < n; ++at) {
      std::string other = word;
      other[at] = 'b';
      EXPECT_EQ(cache.find(0, other), WordIdCache::kMissing) << n << " " << at;
    }
  }
}

TEST(WordIdCache, LongAndNonAsciiWords) {
  WordIdCache cache;
  const std::string long_word(100000, 'x');
  std::string other = long_word;
  other.back() = 'y';
  const std::string umlaut = "M\xC3\xBCnchen";       // München
  const std::string decomposed = "Mu\xCC\x88nchen";  // u + combining diaeresis
  const std::string invalid = "caf\xC3";             // truncated sequence
  cache.insert(1, long_word, 1);
  cache.insert(1, umlaut, 2);
  cache.insert(1, decomposed, 3);
  cache.insert(1, invalid, 4);
  EXPECT_EQ(cache.find(1, long_word), 1u);
  EXPECT_EQ(cache.find(1, other), WordIdCache::kMissing);
  EXPECT_EQ(cache.find(1, umlaut), 2u);
  EXPECT_EQ(cache.find(1, decomposed), 3u);
  EXPECT_EQ(cache.find(1, invalid), 4u);
  EXPECT_EQ(cache.find(1, "caf"), WordIdCache::kMissing);
}

TEST(WordIdCache, GrowsAndProbesPastManyNeighbours) {
  WordIdCache cache;
  // Keys that differ in one byte or are prefixes of each other, many more than the first table
  // holds: every one is found after the table has grown several times, and none is confused.
  std::vector<std::string> words;
  for (int i = 0; i < 20000; ++i) {
    words.push_back("w" + std::to_string(i));
    words.push_back(std::string(static_cast<size_t>(i % 50) + 1, 'a') + std::to_string(i / 50));
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (cache.find(0, words[i]) == WordIdCache::kMissing)
      cache.insert(0, words[i], static_cast<uint32_t>(i));
  }
  EXPECT_GT(cache.capacity(), 2 * cache.size() - 1);
  std::map<std::string, uint32_t> first;
  for (size_t i = 0; i < words.size(); ++i) first.try_emplace(words[i], static_cast<uint32_t>(i));
  for (const auto& [word, id] : first) EXPECT_EQ(cache.find(0, word), id) << word;
  EXPECT_EQ(cache.size(), first.size());
  EXPECT_EQ(cache.clears(), 0u);
}

TEST(WordIdCache, BoundsEmptyItAndItRefills) {
  WordIdCache by_count(4, 1 << 20);
  for (uint32_t i = 0; i < 4; ++i) by_count.insert(0, "w" + std::to_string(i), i);
  EXPECT_EQ(by_count.size(), 4u);
  by_count.insert(0, "w4", 4);  // the fifth word: starts over
  EXPECT_EQ(by_count.clears(), 1u);
  EXPECT_EQ(by_count.size(), 1u);
  EXPECT_EQ(by_count.find(0, "w0"), WordIdCache::kMissing);
  EXPECT_EQ(by_count.find(0, "w4"), 4u);
  by_count.insert(0, "w0", 0);
  EXPECT_EQ(by_count.find(0, "w0"), 0u);

  WordIdCache by_bytes(1000, 10);
  by_bytes.insert(0, "abcdef", 1);
  by_bytes.insert(0, "ghijkl", 2);  // 12 bytes > 10: starts over
  EXPECT_EQ(by_bytes.clears(), 1u);
  EXPECT_EQ(by_bytes.find(0, "abcdef"), WordIdCache::kMissing);
  EXPECT_EQ(by_bytes.find(0, "ghijkl"), 2u);
  by_bytes.insert(0, "a-word-longer-than-the-bound", 3);  // never fits: not cached, kept the rest
  EXPECT_EQ(by_bytes.find(0, "a-word-longer-than-the-bound"), WordIdCache::kMissing);
  EXPECT_EQ(by_bytes.find(0, "ghijkl"), 2u);
}

// Documents whose terms carry ids from two term spaces (two analysis threads) that reuse the same
// ids for different keys, and one without ids: every posting lands under its key.
AnalyzedDoc doc_with(const std::string& id, uint64_t space,
                     const std::vector<std::pair<std::string, uint32_t>>& terms) {
  AnalyzedDoc d;
  d.transcript.id = id;
  d.transcript.body = "x";
  d.body_len = 1;
  d.terms.space = space;
  uint32_t position = 0;
  for (const auto& [term, term_id] : terms) {
    const std::string key = std::string(1, static_cast<char>(Field::kBody)) + term;
    const uint32_t positions[] = {position++};
    d.terms.add(key, positions);
    if (space != 0) d.terms.ids.push_back(term_id);
  }
  return d;
}

std::map<std::string, std::vector<uint32_t>> postings_of(const std::filesystem::path& path) {
  auto seg = Segment::open(path);
  EXPECT_TRUE(seg) << seg.error().to_string();
  std::map<std::string, std::vector<uint32_t>> out;
  if (!seg) return out;
  auto dict = (*seg)->dict_cursor();
  while (dict.next()) {
    auto& docs = out[std::string(dict.key().substr(1))];
    for (PostingsCursor cur(dict.postings()); cur.doc() != kEndDoc; cur.next())
      docs.push_back(cur.doc());
  }
  return out;
}

// The hot front of the word cache: a find returns the id last put for exactly that tag and those
// bytes, or kMissing (a slot taken by another word) — never another word's id. Every word of
// 1..3 letters over a small alphabet and words of 4..16 bytes that differ in one byte (where the
// overlapping loads meet) stay apart; words over 16 bytes are not held; clear() forgets all.
TEST(HotWordCache, ReturnsOnlyTheIdPutForThoseBytesAndTag) {
  HotWordCache hot;
  std::map<std::pair<uint8_t, std::string>, uint32_t> truth;
  std::vector<std::pair<uint8_t, std::string>> words;
  const std::string alphabet = "ab\xc3z";
  for (size_t n = 1; n <= 3; ++n) {
    std::string w(n, 'a');
    size_t total = 1;
    for (size_t k = 0; k < n; ++k) total *= alphabet.size();
    for (size_t code = 0; code < total; ++code) {
      size_t c = code;
      for (size_t k = 0; k < n; ++k, c /= alphabet.size()) w[k] = alphabet[c % alphabet.size()];
      for (uint8_t tag : {uint8_t{0}, uint8_t{1}}) words.emplace_back(tag, w);
    }
  }
  for (size_t n = 4; n <= 20; ++n)
    for (size_t at = 0; at < n; ++at) {
      std::string w(n, 'm');
      words.emplace_back(0, w);
      w[at] = 'q';
      words.emplace_back(0, w);
    }
  for (const auto& w : words) truth.emplace(w, static_cast<uint32_t>(truth.size()));
  size_t found = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& w : words) hot.put(w.first, w.second, truth.at(w));
    for (const auto& w : words) {
      const uint32_t id = hot.find(w.first, w.second);
      if (w.second.size() > HotWordCache::kMaxLength) {
        EXPECT_EQ(id, HotWordCache::kMissing) << w.second;
        continue;
      }
      if (id == HotWordCache::kMissing) continue;
      EXPECT_EQ(id, truth.at(w)) << w.second;
      ++found;
    }
  }
  EXPECT_GT(found, words.size());  // most words keep their slot
  hot.put(0, "storm", 7);
  EXPECT_EQ(hot.find(0, "storm"), 7u);  // the last put wins
  EXPECT_EQ(hot.find(1, "storm"), HotWordCache::kMissing);
  EXPECT_EQ(hot.find(0, "storms"), HotWordCache::kMissing);
  EXPECT_EQ(hot.find(0, ""), HotWordCache::kMissing);
  hot.clear();
  for (const auto& w : words) EXPECT_EQ(hot.find(w.first, w.second), HotWordCache::kMissing);
}

// Two words whose (tag, bytes) map to the same set are both held (a direct-mapped front kept only
// the last one put); a third replaces the one used less recently, and a find that hits the
// second slot makes it the more recent.
TEST(HotWordCache, HoldsTwoWordsPerSetAndReplacesTheLeastRecentlyUsed) {
  std::map<size_t, std::vector<std::string>> by_set;
  std::vector<std::string> same;
  for (uint32_t i = 0; same.empty(); ++i) {
    std::string w = "w" + std::to_string(i);
    auto& list = by_set[HotWordCache::set_index(0, w)];
    list.push_back(w);
    if (list.size() == 3) same = list;
  }
  ASSERT_LT(HotWordCache::set_index(0, same[0]), HotWordCache::kSets);
  HotWordCache hot;
  hot.put(0, same[0], 10);
  hot.put(0, same[1], 11);
  EXPECT_EQ(hot.find(0, same[0]), 10u);  // both held; same[0] is now the more recent
  EXPECT_EQ(hot.find(0, same[1]), 11u);  // ... and now same[1]
  EXPECT_EQ(hot.find(0, same[0]), 10u);  // ... and same[0] again
  hot.put(0, same[2], 12);               // replaces same[1], the less recently used
  EXPECT_EQ(hot.find(0, same[2]), 12u);
  EXPECT_EQ(hot.find(0, same[0]), 10u);
  EXPECT_EQ(hot.find(0, same[1]), HotWordCache::kMissing);
  hot.put(0, same[0], 20);  // a word put again keeps one slot, with the new id
  hot.put(0, same[2], 22);
  EXPECT_EQ(hot.find(0, same[0]), 20u);
  EXPECT_EQ(hot.find(0, same[2]), 22u);
  EXPECT_EQ(HotWordCache::set_index(0, std::string(HotWordCache::kMaxLength + 1, 'x')),
            HotWordCache::kSets);
}

TEST(SegmentBuilderTermIds, SpacesAreKeptApartAndKeysServeDocumentsWithoutIds) {
  const auto dir = newsdex::testing::scratch_dir("builder_term_ids");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  using Postings = std::map<std::string, std::vector<uint32_t>>;
  // Two builders in a row, as across a flush: the second must not use the first one's encoders.
  for (int round = 0; round < 2; ++round) {
    SegmentBuilder builder;
    builder.add(doc_with("a", 1, {{"alpha", 0}, {"beta", 1}}));
    builder.add(doc_with("b", 2, {{"beta", 0}, {"gamma", 1}}));  // space 2 reuses ids 0 and 1
    builder.add(doc_with("c", 0, {{"alpha", 0}}));               // no ids: by key
    builder.add(doc_with("d", 1, {{"beta", 1}, {"delta", 5}}));  // back to space 1, a new id
    builder.add(doc_with("e", 2, {{"gamma", 1}, {"alpha", 2}}));
    const auto path = dir / ("seg" + std::to_string(round));
    auto written = builder.write(path);
    ASSERT_TRUE(written) << written.error().to_string();
    EXPECT_EQ(
        postings_of(path),
        (Postings{{"alpha", {0, 2, 4}}, {"beta", {0, 1, 3}}, {"delta", {3}}, {"gamma", {1, 4}}}));
  }
  std::filesystem::remove_all(dir);
}

// A document's terms point to its analysis thread's interned keys. The thread's term table starts
// over (a new key map) once it holds more than 2^20 keys; documents analysed before still point
// into the old map, which they keep alive, so added after the reset their postings are intact.
TEST(SegmentBuilderTermIds, DocumentsKeepTheirKeysAcrossATermTableReset) {
  analysis::Analyzer analyzer(analysis::analyzer_options(analysis::Profile::kPlain));
  auto word = [](uint32_t i) {  // distinct lower-case words: "q" + i in base 26
    std::string w = "q";
    do {
      w += static_cast<char>('a' + i % 26);
      i /= 26;
    } while (i > 0);
    return w;
  };
  constexpr uint32_t kWords = (uint32_t{1} << 20) + 1000;
  doc::Transcript big;
  big.id = "big";
  for (uint32_t i = 0; i < kWords; ++i) big.body += word(i) + ' ';
  doc::Transcript small;
  small.id = "small";
  small.body = word(0) + " " + word(kWords - 1) + " fresh";
  AnalyzedDoc first = analyze_document(big, analyzer, analysis::Profile::kPlain);
  AnalyzedDoc second = analyze_document(small, analyzer, analysis::Profile::kPlain);  // a reset
  ASSERT_NE(first.terms.space, second.terms.space);
  SegmentBuilder builder(nullptr, /*train=*/false);
  builder.add(first);
  builder.add(second);
  const auto dir = newsdex::testing::scratch_dir("builder_key_reset");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(builder.write(dir / "seg"));
  const auto postings = postings_of(dir / "seg");
  EXPECT_EQ(postings.size(), size_t{kWords} + 1);
  const std::vector<uint32_t> both{0, 1}, only_first{0};
  for (uint32_t i : {0u, 1u, 25u, 26u, 700u, kWords / 2, kWords - 2})
    EXPECT_EQ(postings.at(word(i)), i == 0 ? both : only_first) << word(i);
  EXPECT_EQ(postings.at(word(kWords - 1)), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(postings.at("fresh"), (std::vector<uint32_t>{1}));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace newsdex::index
