// The fuzzy expansion's split scan (plan/expand.cpp: a prefix scan of the term list and a suffix
// scan of the reversed list, each pruned by the pigeonhole filter, plus the swapped-halves word)
// must find exactly the terms a brute-force comparison with every term finds, with the same edit
// distances: checked on a dense dictionary of near-identical words over a five-letter alphabet,
// spread over two segments, for one and two edits.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace newsdex::query
