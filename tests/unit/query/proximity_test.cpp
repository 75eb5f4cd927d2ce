// The proximity rule of "..."~N and NEAR/N (exec/proximity.hpp): hand-made position lists, then
// random lists against a brute force that tries every assignment of positions to words.
#include "newsdex/query/exec/proximity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/query/exec/occurrences.hpp"
#include "newsdex/query/parse/parser.hpp"

namespace newsdex::query {
namespace {

using Lists = std::vector<std::vector<uint32_t>>;

std::vector<std::span<const uint32_t>> spans(const Lists& lists) {
  return {lists.begin(), lists.end()};
}

uint32_t ordered(const Lists& lists, uint32_t slop, std::vector<ProximityMatch>* m = nullptr) {
  return count_ordered(spans(lists), slop, m);
}

uint32_t unordered(const Lists& lists, std::vector<uint32_t> need, uint32_t slop,
                   std::vector<ProximityMatch>* m = nullptr) {
  return count_unordered(spans(lists), need, slop, m);
}

TEST(Proximity, OrderedSlopZeroIsTheAdjacentPhrase) {
  EXPECT_EQ(ordered({{1, 5, 9}, {2, 6, 12}}, 0), 2u);
  EXPECT_EQ(ordered({{1, 5, 9}, {3, 7, 11}}, 0), 0u);
  EXPECT_EQ(ordered({{1, 5, 9}, {3, 7, 11}}, 1), 3u);
}

TEST(Proximity, OrderedCountsTheOtherWordsBetweenFirstAndLast) {
  // "phone call with vladimir putin": phone at 1, putin at 5, three words between.
  EXPECT_EQ(ordered({{1}, {5}}, 3), 1u);
  EXPECT_EQ(ordered({{1}, {5}}, 2), 0u);
  // Three words: the gaps add up (1 -> 3 -> 6: one word, then two).
  EXPECT_EQ(ordered({{1}, {3}, {6}}, 3), 1u);
  EXPECT_EQ(ordered({{1}, {3}, {6}}, 2), 0u);
}

TEST(Proximity, OrderedKeepsTheOrder) {
  EXPECT_EQ(ordered({{5}, {1}}, 10), 0u);
  // The later start makes the shorter match: a at 1 and 5, b at 6.
  std::vector<ProximityMatch> m;
  EXPECT_EQ(ordered({{1, 5}, {6}}, 0, &m), 1u);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], (ProximityMatch{5, 6}));
}

TEST(Proximity, OrderedMatchesDoNotOverlapAndARepeatedWordNeedsTwoOccurrences) {
  // "a a"~0 over a a a: one match (1,2); 3 has no partner left.
  EXPECT_EQ(ordered({{1, 2, 3}, {1, 2, 3}}, 0), 1u);
  EXPECT_EQ(ordered({{1}, {1}}, 5), 0u);
  std::vector<ProximityMatch> m;
  EXPECT_EQ(ordered({{1, 4}, {2, 5}}, 0, &m), 2u);
  EXPECT_EQ(m, (std::vector<ProximityMatch>{{1, 2}, {4, 5}}));
}

TEST(Proximity, UnorderedTakesEitherOrder) {
  EXPECT_EQ(unordered({{10}, {7}}, {1, 1}, 2), 1u);
  EXPECT_EQ(unordered({{10}, {7}}, {1, 1}, 1), 0u);
  EXPECT_EQ(unordered({{7}, {10}}, {1, 1}, 2), 1u);
}

TEST(Proximity, UnorderedReportsTheShortestWindowEndingFirst) {
  // a b a c: the window for {a, b, c} that ends first is b a c.
  std::vector<ProximityMatch> m;
  EXPECT_EQ(unordered({{1, 3}, {2}, {4}}, {1, 1, 1}, 0, &m), 1u);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], (ProximityMatch{2, 3, 4}));
  m.clear();
  EXPECT_EQ(unordered({{1, 4}, {2, 5}}, {1, 1}, 0, &m), 2u);
  EXPECT_EQ(m, (std::vector<ProximityMatch>{{1, 2}, {4, 5}}));
}

TEST(Proximity, UnorderedRepeatedWordNeedsItsCount) {
  EXPECT_EQ(unordered({{1, 3}, {2}}, {2, 1}, 0), 1u);
  EXPECT_EQ(unordered({{1}, {2}}, {2, 1}, 50), 0u);
  EXPECT_EQ(unordered({{1, 9}, {2}}, {2, 1}, 5), 0u);
  EXPECT_EQ(unordered({{1, 9}, {2}}, {2, 1}, 6), 1u);
}

TEST(Proximity, EmptyListsMatchNothing) {
  EXPECT_EQ(ordered({{1, 2}, {}}, 5), 0u);
  EXPECT_EQ(unordered({{}, {1}}, {1, 1}, 5), 0u);
  EXPECT_EQ(ordered({}, 5), 0u);
}

// Whether any assignment of positions satisfies the rule, by trying them all.
bool brute_ordered(const Lists& lists, uint32_t slop) {
  std::vector<uint32_t> chosen;
  auto go = [&](auto&& self, size_t i) -> bool {
    if (i == lists.size())
      return !chosen.empty() && chosen.back() - chosen.front() - (lists.size() - 1) <= slop;
    for (uint32_t p : lists[i]) {
      if (i > 0 && p <= chosen.back()) continue;
      chosen.push_back(p);
      if (self(self, i + 1)) return true;
      chosen.pop_back();
    }
    return false;
  };
  return go(go, 0);
}

bool brute_unordered(const Lists& words, uint32_t slop) {
  // words[i] may repeat a list (a word named twice); positions must be distinct.
  std::vector<uint32_t> chosen;
  auto go = [&](auto&& self, size_t i) -> bool {
    if (i == words.size()) {
      const auto [lo, hi] = std::minmax_element(chosen.begin(), chosen.end());
      return *hi - *lo - (words.size() - 1) <= slop;
    }
    for (uint32_t p : words[i]) {
      if (std::find(chosen.begin(), chosen.end(), p) != chosen.end()) continue;
      chosen.push_back(p);
      if (self(self, i + 1)) return true;
      chosen.pop_back();
    }
    return false;
  };
  return go(go, 0);
}

TEST(Proximity, AgreesWithBruteForceOnRandomDocuments) {
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    // A document of 24 positions over a vocabulary of 4 words; a query of 2-3 of them.
    std::vector<uint32_t> doc(24);
    for (auto& w : doc) w = static_cast<uint32_t>(rng() % 4);
    const size_t k = 2 + rng() % 2;
    std::vector<uint32_t> query(k);
    for (auto& w : query) w = static_cast<uint32_t>(rng() % 4);
    const auto slop = static_cast<uint32_t>(rng() % 5);
    Lists per_word(k);
    for (size_t i = 0; i < k; ++i)
      for (uint32_t p = 0; p < doc.size(); ++p)
        if (doc[p] == query[i]) per_word[i].push_back(p);
    // Ordered: each query word its own list (repeats included).
    const uint32_t o = ordered(per_word, slop);
    EXPECT_EQ(o > 0, brute_ordered(per_word, slop)) << "round " << round;
    // Unordered: distinct words with counts, as phrase_cursor_terms gives them.
    Lists distinct;
    std::vector<uint32_t> need;
    std::vector<uint32_t> seen;
    for (size_t i = 0; i < k; ++i) {
      auto at = std::find(seen.begin(), seen.end(), query[i]);
      if (at == seen.end()) {
        seen.push_back(query[i]);
        distinct.push_back(per_word[i]);
        need.push_back(1);
      } else {
        ++need[static_cast<size_t>(at - seen.begin())];
      }
    }
    std::vector<ProximityMatch> matches;
    const uint32_t u = unordered(distinct, need, slop, &matches);
    EXPECT_EQ(u > 0, brute_unordered(per_word, slop)) << "round " << round;
    // Counts never exceed what the block-max bound assumes: the rarest word's frequency.
    size_t rarest = SIZE_MAX;
    for (const auto& l : per_word) rarest = std::min(rarest, l.size());
    EXPECT_LE(o, rarest);
    EXPECT_LE(u, rarest);
    // Reported matches are ascending, do not overlap, and fit the window.
    uint32_t after = 0;
    bool first = true;
    for (const auto& m : matches) {
      ASSERT_FALSE(m.empty());
      EXPECT_TRUE(std::is_sorted(m.begin(), m.end()));
      if (!first) {
        EXPECT_GT(m.front(), after);
      }
      EXPECT_LE(m.back() - m.front() + 1 - k, slop);
      after = m.back();
      first = false;
    }
  }
}

// Two words named once each take count_unordered's merge walk; it must give the general sliding
// window's counts and windows exactly (scores and snippets depend on both).
TEST(Proximity, TwoWordWalkEqualsTheGeneralWindow) {
  std::mt19937 rng(11);
  size_t matched = 0;
  for (int round = 0; round < 5000; ++round) {
    const auto length = static_cast<uint32_t>(2 + rng() % 60);
    Lists lists(2);
    for (uint32_t p = 0; p < length; ++p) {
      const auto r = rng() % 5;  // word 0, word 1, or another word
      if (r < 2) lists[r].push_back(p);
    }
    const auto slop = static_cast<uint32_t>(rng() % 8);
    const std::vector<uint32_t> need = {1, 1};
    std::vector<ProximityMatch> fast, general;
    const uint32_t a = count_unordered(spans(lists), need, slop, &fast);
    const uint32_t b = count_unordered_windows(spans(lists), need, slop, &general);
    ASSERT_EQ(a, b) << "round " << round;
    ASSERT_EQ(fast, general) << "round " << round;
    EXPECT_EQ(count_unordered(spans(lists), need, slop), a);
    matched += a > 0 ? 1 : 0;
  }
  EXPECT_GT(matched, 1000u);  // the rounds exercise matches, not only empty lists
}

TEST(Proximity, PhraseCursorTermsGroupsRepeatedNearWords) {
  PlanNode node;
  node.kind = PlanNode::Kind::kPhrase;
  node.terms = {"putin", "trump", "putin"};
  node.slop = 4;
  node.ordered = false;
  PhraseShape shape;
  EXPECT_EQ(phrase_cursor_terms(node, &shape), (std::vector<std::string>{"putin", "trump"}));
  EXPECT_EQ(shape.need, (std::vector<uint32_t>{2, 1}));
  EXPECT_EQ(shape.slop, 4u);
  node.ordered = true;
  EXPECT_EQ(phrase_cursor_terms(node, &shape), node.terms);
  EXPECT_TRUE(shape.need.empty());
}

// Snippets and the concordance mark the windows the iterator counted, not every occurrence of the
// words: "rain" outside a window stays unmarked.
TEST(Proximity, OccurrencesAreTheMatchedWindows) {
  const std::string body =
      "The storm surge and the rain pushed the bayous over their banks. Officials say the rain "
      "will not stop. Another storm is coming, and rain with it.";
  analysis::Analyzer analyzer;
  const auto tokens = analyzer.tokens(body);
  auto words = [&](const Occurrence& o) {
    std::vector<std::string> out;
    for (const auto& t : o.tokens)
      out.emplace_back(
          body.substr(tokens[t.token].start, tokens[t.token].end - tokens[t.token].start));
    return out;
  };
  auto occurrences = [&](const std::string& query) {
    auto ast = parse_query(query);
    EXPECT_TRUE(ast) << query;
    auto plan = plan_query(**ast, analyzer);
    EXPECT_TRUE(plan) << query;
    return find_occurrences(body, tokens, *plan);
  };
  // NEAR/3: "storm surge and the rain" and "storm is coming, and rain" (three words between each).
  const auto near = occurrences("storm NEAR/3 rain");
  ASSERT_EQ(near.size(), 2u);
  EXPECT_EQ(words(near[0]), (std::vector<std::string>{"storm", "rain"}));
  EXPECT_EQ(near[0].first() + 4, near[0].last());
  EXPECT_EQ(words(near[1]), (std::vector<std::string>{"storm", "rain"}));
  // In order with two words between at most: neither window.
  EXPECT_TRUE(occurrences("\"storm rain\"~2").empty());
  // Reversed order needs NEAR: "rain pushed ... storm" is too far; "rain ... Another storm" too.
  EXPECT_TRUE(occurrences("\"rain storm\"~3").empty());
}

}  // namespace
}  // namespace newsdex::query
