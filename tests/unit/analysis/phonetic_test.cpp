#include "newsdex/analysis/phonetic.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace newsdex::analysis {
namespace {

TEST(Phonetic, DictionaryIsCompiledInAndLooksUpWords) {
  EXPECT_GT(pronunciation_count(), 100000u);
  auto capital = pronunciations("capital");
  ASSERT_EQ(capital.size(), 1u);
  EXPECT_EQ(describe_phonemes(capital[0]), "k ae p ah t ah l");
  EXPECT_EQ(describe_phonemes(pronunciations("raise").at(0)), "r ey z");
  EXPECT_TRUE(pronunciations("camal").empty());  // a caption error, not a word
  EXPECT_TRUE(pronunciations("").empty());
}

TEST(Phonetic, SoundAlikesShareKeys) {
  // Homophones get the same phoneme key.
  auto keys = [](std::string_view w) { return sound_keys(w); };
  auto shares = [&](std::string_view a, std::string_view b) {
    auto ka = keys(a), kb = keys(b);
    return std::any_of(ka.begin(), ka.end(), [&](const auto& k) {
      return std::find(kb.begin(), kb.end(), k) != kb.end();
    });
  };
  EXPECT_TRUE(shares("their", "there"));
  EXPECT_TRUE(shares("raise", "rays"));
  EXPECT_TRUE(shares("knight", "night"));
  EXPECT_FALSE(shares("capital", "letters"));
}

TEST(Phonetic, MetaphoneFollowsTheRules) {
  EXPECT_EQ(metaphone("capital"), "KPTL");
  EXPECT_EQ(metaphone("knight"), "NT");
  EXPECT_EQ(metaphone("phone"), "FN");
  EXPECT_EQ(metaphone("thomas"), "0MS");
  EXPECT_EQ(metaphone("school"), "SKL");
  EXPECT_EQ(metaphone("nation"), "NXN");
  EXPECT_EQ(metaphone("Xavier"), "SFR");
  EXPECT_EQ(metaphone("don't"), "TNT");
  EXPECT_EQ(metaphone("1234"), "");
  EXPECT_EQ(metaphone("camal"), "KML");
}

TEST(Phonetic, EditDistanceCountsTranspositionsAsOne) {
  EXPECT_EQ(edit_distance("capital", "capital", 2), 0);
  EXPECT_EQ(edit_distance("capital", "capitol", 2), 1);
  EXPECT_EQ(edit_distance("raise", "riase", 2), 1);  // transposition
  EXPECT_EQ(edit_distance("raise", "raids", 2), 2);
  EXPECT_EQ(edit_distance("capital", "camal", 2), 3);  // capped at max + 1
  EXPECT_EQ(edit_distance("", "abc", 5), 3);
}

TEST(Phonetic, ScannerMatchesDirectDistancesOverSortedCandidates) {
  std::vector<std::string> words = {"cap",     "capit",   "capital", "capitals", "capitol",
                                    "capitul", "captain", "card",    "carpet",   "zebra"};
  EditDistanceScanner scan("capitol", 2);
  for (const auto& w : words) EXPECT_EQ(scan.distance(w), edit_distance("capitol", w, 2)) << w;
  EditDistanceScanner hopeless("zzzz", 1);
  EXPECT_EQ(hopeless.distance("abcd"), 2);
  // "ab..." is two substitutions away whatever follows; "a..." alone is not yet hopeless.
  EXPECT_EQ(hopeless.hopeless_prefix(), 2u);
  EXPECT_EQ(hopeless.distance("zzza"), 1);
  EXPECT_EQ(hopeless.hopeless_prefix(), 0u);
  // Rows of a cut-short candidate are not reused wrongly by the next one.
  EditDistanceScanner again("capitol", 1);
  EXPECT_EQ(again.distance("xxxxxxx"), 2);
  EXPECT_EQ(again.distance("xapitol"), 1);
  EXPECT_EQ(again.distance("capitol"), 0);
}

// Optimal string alignment distance by the textbook full table, for checking the scanner.
int reference_osa(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

TEST(Phonetic, ScannerAgreesWithTheFullTableOnEveryShortWord) {
  // Every word of up to 5 letters over {a, b, c}, in dictionary order, as a term list is walked:
  // shared prefixes, cut-short candidates and the band limit all get exercised.
  std::vector<std::string> words = {""};
  for (size_t start = 0, len = 0; len < 5; ++len) {
    const size_t end = words.size();
    for (size_t k = start; k < end; ++k)
      for (char c : {'a', 'b', 'c'}) words.push_back(words[k] + c);
    start = end;
  }
  std::sort(words.begin(), words.end());
  for (const std::string query : {"abc", "cabba", "b", "acbca"}) {
    for (int max = 0; max <= 3; ++max) {
      EditDistanceScanner scan(query, max);
      for (const auto& w : words) {
        const int expected = std::min(reference_osa(query, w), max + 1);
        ASSERT_EQ(scan.distance(w), expected) << query << " vs " << w << " max " << max;
      }
    }
  }
}

// With a split (column a, limit s), a candidate counts only when, besides being within max, one
// of its prefixes is within s of the query's first a bytes; the rows shared between sorted
// candidates carry that condition along.
TEST(EditDistanceScanner, SplitKeepsOnlyCandidatesWithAPrefixNearTheFirstHalf) {
  std::vector<std::string> words = {""};
  size_t start = 0;
  for (int len = 1; len <= 6; ++len) {
    const size_t end = words.size();
    for (size_t k = start; k < end; ++k)
      for (char c : {'a', 'b', 'c'}) words.push_back(words[k] + c);
    start = end;
  }
  std::sort(words.begin(), words.end());
  size_t kept = 0, dropped = 0;
  for (const std::string query : {"abcab", "cabba", "ab", "acbcaa"}) {
    for (int max : {1, 2}) {
      const size_t a = query.size() / 2;
      const int s = max - 1;
      EditDistanceScanner scan(query, max, a, s);
      for (const auto& w : words) {
        const int d = reference_osa(query, w);
        bool prefix_near = false;
        for (size_t i = 0; i <= w.size() && !prefix_near; ++i)
          prefix_near = reference_osa(query.substr(0, a), w.substr(0, i)) <= s;
        const int expected = d <= max && prefix_near ? d : max + 1;
        ASSERT_EQ(scan.distance(w), expected) << query << " vs " << w << " max " << max;
        if (d <= max) (prefix_near ? kept : dropped) += 1;
      }
    }
  }
  EXPECT_GT(kept, 0u);
  EXPECT_GT(dropped, 0u);  // the split does filter
}

}  // namespace
}  // namespace newsdex::analysis
