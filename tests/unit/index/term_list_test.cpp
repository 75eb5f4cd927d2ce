#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "newsdex/index/storage/segment.hpp"

namespace newsdex::index {
namespace {

// The first index at or after `from` whose term does not start with `prefix` (a linear walk).
size_t linear_skip(const std::vector<std::string>& terms, std::string_view prefix, size_t from) {
  while (from < terms.size() && (terms[from].starts_with(prefix) || terms[from] < prefix)) ++from;
  return from;
}

TEST(TermList, SkipPrefixAgreesWithALinearWalkAtEveryTermAndPrefixLength) {
  // Caption-like vocabulary: shared stems, short words, words longer than the skip table.
  std::vector<std::string> terms = {"a",        "an",        "and",       "capit",    "capital",
                                    "capitals", "capitol",   "captain",   "car",      "card",
                                    "carpet",   "carpetbag", "president", "presiden", "presidents",
                                    "press",    "raid",      "raids",     "raise",    "rays",
                                    "victo",    "victor",    "victory",   "zebra",    "zz"};
  std::sort(terms.begin(), terms.end());
  TermList list;
  for (const auto& t : terms) list.add(t, 1);
  list.finish();
  ASSERT_EQ(list.size(), terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    EXPECT_EQ(list.term(i), terms[i]);
    for (size_t len = 1; len <= terms[i].size(); ++len) {
      const std::string prefix = terms[i].substr(0, len);
      EXPECT_EQ(list.skip_prefix(prefix, i), linear_skip(terms, prefix, i))
          << "prefix " << prefix << " from " << i;
      EXPECT_EQ(list.skip_prefix(prefix), linear_skip(terms, prefix, 0)) << "prefix " << prefix;
    }
  }
  // A prefix no term has: the position it would take.
  EXPECT_EQ(list.skip_prefix("cb"), linear_skip(terms, "cb", 0));
  EXPECT_EQ(list.skip_prefix("zzz"), terms.size());
}

}  // namespace
}  // namespace newsdex::index
