// The fuzzy expansion's split scan (plan/expand.cpp: a prefix scan of the term list and a suffix
// scan of the reversed list, each pruned by the pigeonhole filter, plus the swapped-halves word)
// must find exactly the terms a brute-force comparison with every term finds, with the same edit
// distances: checked on a dense dictionary of near-identical words over a five-letter alphabet,
// spread over two segments, for one and two edits.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analysis/phonetic.hpp"
#include "newsdex/query/parse/parser.hpp"
#include "newsdex/query/plan/expand.hpp"
#include "test_index.hpp"

namespace newsdex::query {
namespace {

using testing::DocSpec;
using testing::TempIndex;

std::string random_word(std::mt19937& rng, size_t min_len, size_t max_len) {
  const size_t len = min_len + rng() % (max_len - min_len + 1);
  std::string w;
  for (size_t i = 0; i < len; ++i) w += static_cast<char>('a' + rng() % 5);
  return w;
}

// Documents of words that are near one another: base words and their one- and two-edit variants.
std::vector<DocSpec> near_words(uint32_t seed, int docs) {
  std::mt19937 rng(seed);
  std::vector<std::string> base;
  for (int i = 0; i < 300; ++i) base.push_back(random_word(rng, 2, 10));
  std::vector<DocSpec> out;
  for (int d = 0; d < docs; ++d) {
    std::string body;
    for (int k = 0; k < 60; ++k) {
      std::string w = base[rng() % base.size()];
      for (auto e = rng() % 3; e > 0 && w.size() > 1; --e) {
        const size_t at = rng() % (w.size() - 1);
        switch (rng() % 4) {
          case 0:
            w[at] = static_cast<char>('a' + rng() % 5);
            break;
          case 1:
            w.erase(at, 1);
            break;
          case 2:
            w.insert(at, 1, static_cast<char>('a' + rng() % 5));
            break;
          default:
            std::swap(w[at], w[at + 1]);
            break;
        }
      }
      body += w + " ";
    }
    out.push_back({"t", "S", "Show", "2020-01-01", body});
  }
  return out;
}

TEST(FuzzyScan, SplitScanFindsWhatABruteForceComparisonFinds) {
  TempIndex index("fuzzy_scan");
  index.add(near_words(1, 40));
  index.add(near_words(2, 40));  // a second segment
  auto snap = index::Snapshot::open(index.dir());
  ASSERT_TRUE(snap);
  ASSERT_EQ((*snap)->segments().size(), 2u);
  analysis::Analyzer analyzer;
  const ExpansionLimits unbounded{
      .per_word = 1u << 20, .per_clause = 1u << 20, .per_query = 1u << 20};
  std::mt19937 rng(9);
  size_t compared = 0, found = 0;
  for (int q = 0; q < 150; ++q) {
    const std::string word = random_word(rng, 1, 11);
    for (int max : {1, 2}) {
      auto ast = parse_query(word + "~" + std::to_string(max));
      ASSERT_TRUE(ast) << word;
      auto plan = plan_query(**ast, analyzer);
      ASSERT_TRUE(plan) << word;
      ASSERT_EQ(plan->kind, PlanNode::Kind::kFuzzy);
      ASSERT_TRUE(expand_plan(*plan, **snap, unbounded));
      std::map<std::string, int> got;
      for (const auto& alt : plan->slots.at(0)) got[alt.term] = alt.edits;
      const std::string& typed = plan->words.at(0);
      std::map<std::string, int> want;
      for (const auto& view : (*snap)->segments()) {
        for (index::Field field : plan->fields) {
          const auto& terms = view.segment->terms(field);
          for (size_t i = 0; i < terms.size(); ++i) {
            const std::string term(terms.term(i));
            const int d = analysis::edit_distance(typed, term, max);
            if (d <= max) want[term] = d;
          }
        }
      }
      EXPECT_EQ(got, want) << "word " << typed << " max " << max;
      ++compared;
      found += want.size();
    }
  }
  EXPECT_EQ(compared, 300u);
  EXPECT_GT(found, 1000u);  // the dictionary is dense: most queries have neighbours
}

// A robust word keeps the best per_word of its candidates — the word itself first, then by weight,
// document frequency and term — although the expansion looks frequencies up only for the weight
// classes that can reach the cut: checked against the same phrase expanded without a limit and
// ranked here with every frequency. A word the phrase repeats gets the same alternatives.
TEST(RobustExpansion, KeepsTheBestAlternativesOfAllItsCandidates) {
  TempIndex index("robust_expansion");
  index.add(near_words(3, 40));
  index.add(near_words(4, 40));
  auto snap = index::Snapshot::open(index.dir());
  ASSERT_TRUE(snap);
  analysis::Analyzer analyzer;
  const ExpansionLimits unbounded{
      .per_word = 1u << 20, .per_clause = 1u << 20, .per_query = 1u << 20};
  const auto df = [&](const std::string& term) {
    uint64_t total = 0;
    for (const auto& view : (*snap)->segments())
      if (auto info = view.segment->lookup(index::Field::kBody, term)) total += info->df;
    return total;
  };
  std::mt19937 rng(5);
  size_t cut = 0;
  for (int q = 0; q < 60; ++q) {
    std::vector<std::string> words;
    for (int i = 0; i < 4; ++i) words.push_back(random_word(rng, 4, 9));
    words.push_back(words[1]);  // repeated
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    auto ast = parse_query("robust:\"" + text + "\"");
    ASSERT_TRUE(ast) << text;
    auto all = plan_query(**ast, analyzer);
    auto kept = plan_query(**ast, analyzer);
    ASSERT_TRUE(all && kept);
    ASSERT_EQ(all->kind, PlanNode::Kind::kRobust);
    ASSERT_TRUE(expand_plan(*all, **snap, unbounded));
    for (size_t limit : {1u, 3u, 6u}) {
      auto bounded = *kept;
      ASSERT_TRUE(expand_plan(bounded, **snap, {.per_word = limit}));
      ASSERT_EQ(bounded.slots.size(), words.size());
      for (size_t i = 0; i < words.size(); ++i) {
        auto want = all->slots[i];
        std::stable_sort(want.begin(), want.end(), [&](const Alternative& a, const Alternative& b) {
          const bool ea = a.how == Alternative::How::kExact, eb = b.how == Alternative::How::kExact;
          if (ea != eb) return ea;
          if (a.weight != b.weight) return a.weight > b.weight;
          if (df(a.term) != df(b.term)) return df(a.term) > df(b.term);
          return a.term < b.term;
        });
        cut += want.size() > limit;
        if (want.size() > limit) want.resize(limit);
        const auto& got = bounded.slots[i];
        ASSERT_EQ(got.size(), want.size()) << text << " word " << i;
        for (size_t k = 0; k < got.size(); ++k) {
          EXPECT_EQ(got[k].term, want[k].term) << text << " word " << i << " limit " << limit;
          EXPECT_EQ(got[k].weight, want[k].weight);
          EXPECT_EQ(got[k].how, want[k].how);
          EXPECT_EQ(got[k].edits, want[k].edits);
        }
      }
      ASSERT_EQ(bounded.slots[4].size(), bounded.slots[1].size());
      for (size_t k = 0; k < bounded.slots[1].size(); ++k)
        EXPECT_EQ(bounded.slots[4][k].term, bounded.slots[1][k].term);
    }
  }
  EXPECT_GT(cut, 100u);  // most words have more candidates than the limits keep
}

}  // namespace
}  // namespace newsdex::query
