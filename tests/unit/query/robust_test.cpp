// Error-tolerant search: the phrase aligner (robust_match), fuzzy `word~N`, prefix `capit*`,
// phonetic `sounds:word`, and robust:"phrase" over transcripts with the caption errors the seed
// transcript shows ("raids the issue", "in camal letters", "victo victory"), written for this test.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "newsdex/query/exec/robust_match.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "test_index.hpp"

namespace newsdex::query {
namespace {

using namespace newsdex::query::testing;

std::vector<SlotHit> at(std::initializer_list<uint32_t> positions, double weight = 1.0) {
  std::vector<SlotHit> out;
  for (uint32_t p : positions) out.push_back({p, 0, weight});
  return out;
}

TEST(AlignPhrase, ExactChainIsExact) {
  auto chains = align_phrase({at({4}), at({5}), at({6})}, robust_align_options(3, true));
  ASSERT_EQ(chains.size(), 1u);
  EXPECT_TRUE(chains[0].exact);
  EXPECT_DOUBLE_EQ(chains[0].quality, 3.0);
  EXPECT_EQ(chains[0].first, 4u);
  EXPECT_EQ(chains[0].last, 6u);
}

TEST(AlignPhrase, ToleratesAStutterBetweenWords) {
  // "electoral victo victory": one inserted token between the two words.
  auto chains = align_phrase({at({10}), at({12})}, robust_align_options(2, true));
  ASSERT_EQ(chains.size(), 1u);
  EXPECT_FALSE(chains[0].exact);
  EXPECT_DOUBLE_EQ(chains[0].quality, 2.0 - 0.25);
  // sounds:"..." is not tolerant: no insert allowed.
  EXPECT_TRUE(align_phrase({at({10}), at({12})}, robust_align_options(2, false)).empty());
}

TEST(AlignPhrase, OneGarbledWordInALongerPhrase) {
  // "in camal letters": the middle word matches nothing.
  auto chains = align_phrase({at({3}), {}, at({5})}, robust_align_options(3, true));
  ASSERT_EQ(chains.size(), 1u);
  EXPECT_FALSE(chains[0].matched[1]);
  EXPECT_DOUBLE_EQ(chains[0].quality, 2.0);
  // Two of three missing is too many.
  EXPECT_TRUE(align_phrase({at({3}), {}, {}}, robust_align_options(3, true)).empty());
  // Words out of order do not chain.
  EXPECT_TRUE(align_phrase({at({9}), at({2}), at({1})}, robust_align_options(3, true)).empty());
}

TEST(AlignPhrase, PrefersExactOverApproximateAndKeepsChainsApart) {
  std::vector<std::vector<SlotHit>> slots = {at({1, 20}), {{2, 1, 0.6}, {21, 0, 1.0}}, at({3, 22})};
  auto chains = align_phrase(slots, robust_align_options(3, true));
  ASSERT_EQ(chains.size(), 2u);
  EXPECT_TRUE(chains[0].exact);
  EXPECT_EQ(chains[0].first, 20u);
  EXPECT_FALSE(chains[1].exact);
  EXPECT_DOUBLE_EQ(chains[1].quality, 2.6);
}

// A document for ChainFilter: per word, its alternatives' positions and whether each is the word
// as typed.
struct FilterDoc {
  struct List {
    std::vector<uint32_t> positions;
    bool exact;
  };
  std::vector<std::vector<List>> lists_of;
  size_t words() const { return lists_of.size(); }
  void freqs(size_t word, uint32_t& any, uint32_t& exact) const {
    any = exact = 0;
    for (const auto& l : lists_of[word]) {
      any += static_cast<uint32_t>(l.positions.size());
      if (l.exact) exact += static_cast<uint32_t>(l.positions.size());
    }
  }
  template <class Fn>
  void lists(size_t word, Fn&& fn) {
    for (const auto& l : lists_of[word])
      if (!l.positions.empty()) fn(std::span<const uint32_t>(l.positions), l.exact);
  }
  // The aligner's input: per word, one hit per position, the best alternative there.
  std::vector<std::vector<SlotHit>> hits() const {
    std::vector<std::vector<SlotHit>> out(words());
    for (size_t w = 0; w < words(); ++w) {
      for (uint32_t a = 0; a < lists_of[w].size(); ++a)
        for (uint32_t p : lists_of[w][a].positions)
          out[w].push_back({p, a, lists_of[w][a].exact ? 1.0 : 0.8});
      std::sort(out[w].begin(), out[w].end(), [](const SlotHit& x, const SlotHit& y) {
        return x.position != y.position ? x.position < y.position : x.weight > y.weight;
      });
      out[w].erase(
          std::unique(out[w].begin(), out[w].end(),
                      [](const SlotHit& x, const SlotHit& y) { return x.position == y.position; }),
          out[w].end());
    }
    return out;
  }
};

size_t needed_words(const AlignOptions& options, size_t n) {
  return std::max<size_t>(options.min_matched, n - static_cast<size_t>(options.max_misses));
}

TEST(ChainFilter, PassesEveryDocumentWhereTheAlignerFindsAChain) {
  // Random documents of 2-9 word phrases: scattered occurrences of each word's alternatives,
  // and in half of them the phrase itself, garbled (a word replaced by another alternative, a
  // word missing in zero to two tokens, an inserted token). Whenever align_phrase() finds a
  // chain, the filter must let the document through; it should turn most of the others away.
  std::mt19937 rng(20261127);
  const auto below = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  int with_chain = 0, turned_away = 0, without_chain = 0;
  ChainFilter filter;
  for (int trial = 0; trial < 4000; ++trial) {
    const size_t n = 2 + below(8);
    const bool tolerant = trial % 5 != 0;
    const AlignOptions options = robust_align_options(n, tolerant);
    FilterDoc doc;
    doc.lists_of.resize(n);
    for (auto& word : doc.lists_of) {
      const uint32_t alternatives = 1 + below(3);
      for (uint32_t a = 0; a < alternatives; ++a) word.push_back({{}, a == 0});
      for (uint32_t k = below(5); k > 0; --k)
        word[below(alternatives)].positions.push_back(below(120));
    }
    if (trial % 2 == 0) {
      uint32_t p = below(100);
      for (size_t w = 0; w < n; ++w) {
        const uint32_t fate = below(10);
        if (fate == 0) continue;  // missing, no token
        if (fate == 1) {          // missing: one or two tokens in its place
          p += 1 + below(2);
          continue;
        }
        if (fate == 2) ++p;  // an inserted token before it
        auto& word = doc.lists_of[w];
        // As typed, or (fate 3) any of its alternatives.
        word[fate == 3 ? below(static_cast<uint32_t>(word.size())) : 0].positions.push_back(p++);
      }
    }
    for (auto& word : doc.lists_of)
      for (auto& list : word) {
        std::sort(list.positions.begin(), list.positions.end());
        list.positions.erase(std::unique(list.positions.begin(), list.positions.end()),
                             list.positions.end());
      }
    const bool chain = !align_phrase(doc.hits(), options).empty();
    const bool passed = filter.possible(doc, options, needed_words(options, n));
    if (chain) {
      ++with_chain;
      EXPECT_TRUE(passed) << "trial " << trial << ": a document with a chain was turned away";
    } else {
      ++without_chain;
      turned_away += !passed;
    }
  }
  EXPECT_GT(with_chain, 500);
  EXPECT_GT(turned_away, without_chain / 2);
}

TEST(ChainFilter, NeedsTheWordsAtOffsetsAChainAllows) {
  // "did the president not raise the issue" (7 words: one may be missing, 4 as typed).
  const AlignOptions options = robust_align_options(7, true);
  const auto doc_with = [](std::vector<std::vector<uint32_t>> positions) {
    FilterDoc doc;
    for (auto& p : positions) doc.lists_of.push_back({{std::move(p), true}});
    return doc;
  };
  ChainFilter filter;
  // In order with a stutter and a missing word: passes.
  auto garbled = doc_with({{10}, {11}, {13}, {14}, {}, {16}, {17}});
  EXPECT_FALSE(align_phrase(garbled.hits(), options).empty());
  EXPECT_TRUE(filter.possible(garbled, options, needed_words(options, 7)));
  // Every word close to the others, but the phrase read backwards: no chain, turned away.
  auto backwards = doc_with({{16}, {15}, {14}, {13}, {12}, {11}, {10}});
  EXPECT_TRUE(align_phrase(backwards.hits(), options).empty());
  EXPECT_FALSE(filter.possible(backwards, options, needed_words(options, 7)));
  // Spread over the document, each word within 12 tokens of the next: turned away.
  auto spread = doc_with({{10}, {20}, {30}, {40}, {50}, {60}, {70}});
  EXPECT_FALSE(filter.possible(spread, options, needed_words(options, 7)));
  // Two words missing: too many.
  auto two_missing = doc_with({{10}, {11}, {}, {13}, {}, {15}, {16}});
  EXPECT_FALSE(filter.possible(two_missing, options, needed_words(options, 7)));
  // A word counts once however many of its alternatives are in range: three of the second word's
  // next to the first do not stand in for the last word, far away (with the third missing, two
  // words are).
  auto repeated = doc_with({{10}, {11}, {}, {13}, {14}, {15}, {100}});
  repeated.lists_of[1].push_back({{12}, false});
  repeated.lists_of[1].push_back({{12}, false});
  EXPECT_TRUE(align_phrase(repeated.hits(), options).empty());
  EXPECT_FALSE(filter.possible(repeated, options, needed_words(options, 7)));
}

const std::vector<DocSpec> kCaptions = {
    {"Exact wording", "ABC", "WNT", "2018-03-21",
     "Reporter: did the president not raise the issue of the election with Putin? The White "
     "House would not say."},
    {"Garbled wording", "ABC", "GMA", "2018-03-22",
     "Reporter: and so did the president not raids the issue with Vladimir Putin on the call, "
     "critics asked today."},
    {"Stutter", "CBS", "Evening News", "2018-03-20",
     "He congratulated him on his electoral victo victory in a phone call from the White House."},
    {"Capital letters", "ABC", "WNT", "2018-03-21",
     "They wrote in camal letters do not congratulate, and he did it anyway."},
    {"Capitol", "NBC", "Nightly", "2018-03-23",
     "Lawmakers on capitol hill said there should be consequences."},
    {"Unrelated", "NBC", "Nightly", "2018-03-24",
     "The storm moved up the coast overnight and the issue tonight is the flooding in their town."},
};

class RobustSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_index = new TempIndex("robust");
    s_index->add(kCaptions);
  }
  static void TearDownTestSuite() {
    delete s_index;
    s_index = nullptr;
  }
  void SetUp() override { m_searcher = std::make_unique<Searcher>(s_index->searcher()); }
  static TempIndex* s_index;
  std::unique_ptr<Searcher> m_searcher;
};
TempIndex* RobustSearchTest::s_index = nullptr;

TEST_F(RobustSearchTest, ExactPhraseMissesTheGarbledBroadcast) {
  EXPECT_EQ(titles(run(*m_searcher, "\"did the president not raise the issue\"")),
            std::vector<std::string>{"Exact wording"});
}

TEST_F(RobustSearchTest, RobustPhraseFindsItAndRanksTheExactOneFirst) {
  auto result = run(*m_searcher, "robust:\"did the president not raise the issue\"");
  ASSERT_EQ(titles(result), (std::vector<std::string>{"Exact wording", "Garbled wording"}));
  EXPECT_GT(result.hits[0].score, result.hits[1].score);
  // The garbled word is marked and says what it matched.
  const auto& garbled = result.hits[1];
  ASSERT_FALSE(garbled.approximate.empty());
  EXPECT_EQ(garbled.approximate[0].text, "raids");
  EXPECT_EQ(garbled.approximate[0].word, "raise");
  bool marked = false;
  for (const auto& s : garbled.snippets)
    marked = marked || s.find("<mark class=\"approx\" title=\"raise (") != std::string::npos;
  EXPECT_TRUE(marked) << garbled.snippets.at(0);
  EXPECT_TRUE(result.hits[0].approximate.empty());
}

TEST_F(RobustSearchTest, RobustPhraseSurvivesStuttersAndAGarbledWord) {
  EXPECT_EQ(titles(run(*m_searcher, "robust:\"electoral victory\"")),
            std::vector<std::string>{"Stutter"});
  EXPECT_TRUE(run(*m_searcher, "\"electoral victory\"").hits.empty());
  EXPECT_EQ(titles(run(*m_searcher, "robust:\"in capital letters\"")),
            std::vector<std::string>{"Capital letters"});
}

TEST_F(RobustSearchTest, RobustPhraseNeedsTheWordsInOrderAndClose) {
  // "the issue tonight is the flooding in their town": an inserted word and one word out of place
  // (counted as missing) are tolerated...
  EXPECT_EQ(title_set(run(*m_searcher, "robust:\"the issue is their flooding\"")),
            Titles{"Unrelated"});
  // ...words far apart or in another order are not.
  EXPECT_TRUE(run(*m_searcher, "robust:\"flooding the president issue\"").hits.empty());
}

TEST_F(RobustSearchTest, FuzzyWordsExpandByEditDistance) {
  EXPECT_EQ(title_set(run(*m_searcher, "capitol~1")), (Titles{"Capitol"}));
  // "capital" stems to "capit" (in one title); "capitol" is two edits from it, "camal" three.
  EXPECT_EQ(title_set(run(*m_searcher, "capital~2")), (Titles{"Capitol", "Capital letters"}));
  EXPECT_EQ(title_set(run(*m_searcher, "capital~1")), (Titles{"Capital letters"}));
  EXPECT_EQ(title_set(run(*m_searcher, "raise~1")), (Titles{"Exact wording", "Garbled wording"}));
  EXPECT_EQ(title_set(run(*m_searcher, "raise~0")), (Titles{"Exact wording"}));
}

TEST_F(RobustSearchTest, PrefixMatchesEveryTermStartingWithIt) {
  EXPECT_EQ(title_set(run(*m_searcher, "capit*")), (Titles{"Capitol", "Capital letters"}));
  EXPECT_EQ(title_set(run(*m_searcher, "congrat*")), (Titles{"Stutter", "Capital letters"}));
}

TEST_F(RobustSearchTest, SoundsMatchesHomophones) {
  // "there" and "their" share a pronunciation in CMUdict.
  EXPECT_EQ(title_set(run(*m_searcher, "sounds:there")), (Titles{"Capitol", "Unrelated"}));
  auto r = run(*m_searcher, "sounds:there");
  for (const auto& h : r.hits)
    if (h.title == "Unrelated") {
      ASSERT_EQ(h.approximate.size(), 1u);
      EXPECT_EQ(h.approximate[0].how, "sound");
    }
}

TEST_F(RobustSearchTest, ExpansionBudgetIsEnforced) {
  SearchRequest request{.query = "robust:\"did the president not raise the issue\""};
  request.expansion.per_query = 3;
  auto result = m_searcher->search(request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::kLimit);
  EXPECT_NE(result.error().message.find("expands to"), std::string::npos);
}

}  // namespace
}  // namespace newsdex::query
