// DeletionIndex (storage/deletion_index.hpp) against a brute-force comparison: for one and two
// edits, the candidates of a word hold every term within that distance (optimal string
// alignment, analysis::edit_distance), on a dense dictionary of near-identical words over a
// three-letter alphabet where runs of a repeated letter are common; and for_each_deletion yields
// every distinct string that deleting up to two bytes leaves, and no other.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "newsdex/analysis/phonetic.hpp"
#include "newsdex/index/storage/segment.hpp"

namespace newsdex::index {
namespace {

std::string random_word(std::mt19937& rng, size_t min_len, size_t max_len) {
  const size_t len = min_len + rng() % (max_len - min_len + 1);
  std::string w;
  for (size_t i = 0; i < len; ++i) w += static_cast<char>('a' + rng() % 3);
  return w;
}

TEST(DeletionIndex, DeletionsAreEveryStringLeftByDeletingUpToTwoBytes) {
  std::mt19937 rng(5);
  for (int q = 0; q < 300; ++q) {
    const std::string word = random_word(rng, 0, 9);
    for (int max : {0, 1, 2}) {
      std::set<std::string> want{word};
      for (size_t i = 0; max >= 1 && i < word.size(); ++i) {
        std::string one = word;
        one.erase(i, 1);
        want.insert(one);
        for (size_t j = 0; max >= 2 && j < one.size(); ++j) {
          std::string two = one;
          two.erase(j, 1);
          want.insert(two);
        }
      }
      std::vector<std::string> got;
      for_each_deletion(word, max, [&](std::string_view s) { got.emplace_back(s); });
      const std::set<std::string> distinct(got.begin(), got.end());
      EXPECT_EQ(distinct, want) << word << " max " << max;
    }
  }
}

// The index files and looks up keys made from prefix hashes (for_each_deletion_key), not the
// strings: they must be the keys of exactly the strings for_each_deletion yields, in its order,
// runs of a repeated byte, the empty word and a word too long to enumerate included.
TEST(DeletionIndex, DeletionKeysAreTheKeysOfTheDeletedStrings) {
  std::mt19937 rng(11);
  std::vector<std::string> words{"",
                                 "a",
                                 "aa",
                                 "aaa",
                                 "abba",
                                 std::string(65, 'x'),
                                 std::string(64, 'y'),
                                 "\xc3\xa9t\xc3\xa9"};
  for (int q = 0; q < 300; ++q) words.push_back(random_word(rng, 0, 20));
  for (const auto& word : words) {
    for (int max : {0, 1, 2}) {
      std::vector<uint32_t> want;
      for_each_deletion(word, max, [&](std::string_view s) { want.push_back(deletion_key(s)); });
      std::vector<uint32_t> got;
      for_each_deletion_key(word, max, [&](uint32_t key) { got.push_back(key); });
      EXPECT_EQ(got, want) << word << " max " << max;
    }
  }
}

// Keys are 32 bits, so distinct strings may share one (harmless: candidates are checked), but a
// weak key would make every lookup return many: among 100,000 distinct strings of one to six
// letters, a good 32-bit hash collides about once.
TEST(DeletionIndex, DistinctStringsSeldomShareAKey) {
  std::mt19937 rng(13);
  std::set<std::string> strings;
  while (strings.size() < 100000) {
    std::string s;
    const size_t len = 1 + rng() % 6;
    for (size_t i = 0; i < len; ++i) s += static_cast<char>('a' + rng() % 26);
    strings.insert(s);
  }
  std::vector<uint32_t> keys;
  for (const auto& s : strings) keys.push_back(deletion_key(s));
  std::sort(keys.begin(), keys.end());
  size_t shared = 0;
  for (size_t i = 1; i < keys.size(); ++i) shared += keys[i] == keys[i - 1];
  EXPECT_LT(shared, 20u);
}

TEST(DeletionIndex, CandidatesHoldEveryTermWithinTheDistance) {
  std::mt19937 rng(7);
  std::set<std::string> vocabulary;
  while (vocabulary.size() < 3000) vocabulary.insert(random_word(rng, 1, 12));
  vocabulary.insert(std::string(DeletionIndex::kMaxTermLength + 1, 'a'));  // too long to file
  TermList list;
  for (const auto& t : vocabulary) list.add(t, 1);
  list.finish();
  const DeletionIndex index(list);
  EXPECT_GT(index.entry_count(), vocabulary.size());
  std::vector<uint32_t> got;
  size_t within = 0;
  for (int q = 0; q < 400; ++q) {
    const std::string word = random_word(rng, 1, 12);
    for (int max : {1, 2}) {
      ASSERT_TRUE(DeletionIndex::covers(word.size(), max));
      index.candidates(word, max, got);
      EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
      EXPECT_EQ(std::adjacent_find(got.begin(), got.end()), got.end());
      const std::set<uint32_t> found(got.begin(), got.end());
      for (size_t i = 0; i < list.size(); ++i) {
        if (list.term(i).size() > DeletionIndex::kMaxTermLength) continue;
        if (analysis::edit_distance(word, list.term(i), max) > max) continue;
        ++within;
        EXPECT_TRUE(found.contains(static_cast<uint32_t>(i)))
            << "word " << word << " max " << max << " misses " << list.term(i);
      }
    }
  }
  EXPECT_GT(within, 5000u);  // dense: most words have many neighbours
  EXPECT_FALSE(DeletionIndex::covers(DeletionIndex::kMaxTermLength, 1));
  EXPECT_FALSE(DeletionIndex::covers(4, 3));
}

}  // namespace
}  // namespace newsdex::index
