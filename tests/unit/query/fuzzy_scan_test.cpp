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
std::vector<DocSpec> near_words(uint32_t seed, int docs, int bases = 300, size_t min_len = 2) {
  std::mt19937 rng(seed);
  std::vector<std::string> base;
  for (int i = 0; i < bases; ++i) base.push_back(random_word(rng, min_len, 10));
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

// A robust phrase keeps per_word alternatives per word; expansion skips the two-edit scan when
// enough terms already weigh more than a two-edit match. The alternatives kept (term, weight, way,
// edits, in order) must be the first per_word of an unbounded expansion, which always scans.
TEST(FuzzyScan, RobustWordsKeepTheBestOfAnUnboundedExpansion) {
  // Few base words, so the frequent ones have many close variants.
  TempIndex index("robust_expand");
  index.add(near_words(3, 40, 12, 6));
  index.add(near_words(4, 40, 300));
  auto snap = index::Snapshot::open(index.dir());
  ASSERT_TRUE(snap);
  // Query words: the most frequent terms (the base words) and random ones.
  std::vector<std::pair<uint32_t, std::string>> by_df;
  const auto& terms = (*snap)->segments().at(0).segment->terms(index::Field::kBody);
  for (size_t i = 0; i < terms.size(); ++i) by_df.emplace_back(terms.df(i), terms.term(i));
  std::sort(by_df.rbegin(), by_df.rend());
  by_df.resize(std::min<size_t>(by_df.size(), 24));
  analysis::Analyzer analyzer;
  const ExpansionLimits bounded{};
  const ExpansionLimits unbounded{
      .per_word = 1u << 20, .per_clause = 1u << 20, .per_query = 1u << 20};
  const MatchWeights weights{};
  std::mt19937 rng(11);
  size_t skipped = 0, scanned = 0;
  for (int q = 0; q < 60; ++q) {
    std::string text;
    for (int k = 0; k < 3; ++k)
      text += (k ? " " : "") +
              (rng() % 2 ? by_df[rng() % by_df.size()].second : random_word(rng, 4, 10));
    auto ast = parse_query("robust:\"" + text + "\"");
    ASSERT_TRUE(ast) << text;
    auto small = plan_query(**ast, analyzer);
    auto all = plan_query(**ast, analyzer);
    ASSERT_TRUE(small && all) << text;
    ASSERT_EQ(small->kind, PlanNode::Kind::kRobust);
    ASSERT_TRUE(expand_plan(*small, **snap, bounded, weights));
    ASSERT_TRUE(expand_plan(*all, **snap, unbounded, weights));
    ASSERT_EQ(small->slots.size(), all->slots.size());
    for (size_t w = 0; w < all->slots.size(); ++w) {
      const auto& got = small->slots[w];
      const auto& full = all->slots[w];
      ASSERT_EQ(got.size(), std::min(full.size(), bounded.per_word)) << text << " word " << w;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].term, full[i].term) << text << " word " << w << " alt " << i;
        EXPECT_EQ(got[i].weight, full[i].weight) << got[i].term;
        EXPECT_EQ(got[i].how, full[i].how) << got[i].term;
        EXPECT_EQ(got[i].edits, full[i].edits) << got[i].term;
      }
      if (robust_max_edits(small->terms[w].size()) < 2) continue;
      size_t above = 0;
      for (const auto& alt : full) above += alt.weight > weights.fuzzy2;
      (above >= bounded.per_word ? skipped : scanned) += 1;
    }
  }
  // Both paths ran: words with enough close alternatives, and words that needed the scan.
  EXPECT_GT(skipped, 0u);
  EXPECT_GT(scanned, 0u);
}

}  // namespace
}  // namespace newsdex::query
