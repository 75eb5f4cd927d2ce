// split_words: fixed examples, and the optimised splitter checked against a straightforward
// character-by-character reference of the same rules on random text made of the tricky bytes
// (curly quotes, dashes, no-break spaces, possessives, initialisms, split ranges).
#include "newsdex/understand/text.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::understand {
namespace {

// The rules of text.hpp written plainly (the implementation before it was optimised).
size_t ref_punct_length(std::string_view text, size_t pos) {
  if (pos + 2 < text.size() && static_cast<unsigned char>(text[pos]) == 0xE2 &&
      static_cast<unsigned char>(text[pos + 1]) == 0x80)
    return 3;
  if (pos + 1 < text.size() && static_cast<unsigned char>(text[pos]) == 0xC2 &&
      static_cast<unsigned char>(text[pos + 1]) == 0xA0)
    return 2;
  return 0;
}
bool ref_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool ref_alpha(char c) {
  return ref_upper(c) || (c >= 'a' && c <= 'z');
}
bool ref_high(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}
bool ref_letter_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  const char c = text[pos];
  if (ref_alpha(c) || (c >= '0' && c <= '9')) return true;
  return ref_high(c) && ref_punct_length(text, pos) == 0;
}
bool ref_rsquo(std::string_view text, size_t pos) {
  return pos + 2 < text.size() && static_cast<unsigned char>(text[pos]) == 0xE2 &&
         static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
         static_cast<unsigned char>(text[pos + 2]) == 0x99;
}
char ref_fold(char c) {
  return ref_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

std::vector<Word> reference_split(std::string_view text, size_t from, size_t to) {
  std::vector<Word> out;
  size_t pos = from;
  const size_t end = std::min(to, text.size());
  while (pos < end) {
    if (!ref_letter_at(text, pos)) {
      const size_t p = ref_punct_length(text, pos);
      pos += p == 0 ? 1 : p;
      continue;
    }
    Word w;
    w.start = static_cast<uint32_t>(pos);
    std::string lower;
    size_t i = pos;
    if (i + 3 < end && ref_letter_at(text, i) && !ref_high(text[i]) && text[i + 1] == '.' &&
        ref_alpha(text[i + 2]) && text[i + 3] == '.' && !ref_letter_at(text, i + 4)) {
      while (i + 1 < end && ref_alpha(text[i]) && text[i + 1] == '.') {
        lower += ref_fold(text[i]);
        lower += '.';
        i += 2;
      }
    } else {
      while (i < end) {
        if (ref_letter_at(text, i)) {
          lower += ref_fold(text[i]);
          ++i;
        } else if ((text[i] == '\'' || text[i] == '-') && ref_letter_at(text, i + 1) && i > pos) {
          lower += text[i];
          ++i;
        } else if (ref_rsquo(text, i) && ref_letter_at(text, i + 3) && i > pos) {
          lower += '\'';
          i += 3;
        } else {
          break;
        }
      }
    }
    w.end = static_cast<uint32_t>(i);
    w.name_end = w.end;
    if (lower.size() > 2 && lower.ends_with("'s")) {
      lower.resize(lower.size() - 2);
      w.possessive = true;
      w.name_end = w.end - (text[w.end - 2] == '\'' ? 2 : 4);
    }
    w.capitalised = ref_upper(text[pos]);
    size_t letters = 0, uppers = 0;
    for (size_t k = pos; k < i; ++k) {
      if (ref_alpha(text[k])) ++letters;
      if (ref_upper(text[k])) ++uppers;
    }
    w.all_caps = letters >= 2 && uppers == letters;
    w.lower = std::move(lower);
    out.push_back(std::move(w));
    pos = i;
  }
  return out;
}

void expect_same(const std::vector<Word>& got, const std::vector<Word>& want,
                 const std::string& text) {
  ASSERT_EQ(got.size(), want.size()) << text;
  for (size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "word " << i << " of \"" << text << "\"");
    EXPECT_EQ(got[i].start, want[i].start);
    EXPECT_EQ(got[i].end, want[i].end);
    EXPECT_EQ(got[i].name_end, want[i].name_end);
    EXPECT_EQ(got[i].lower, want[i].lower);
    EXPECT_EQ(got[i].capitalised, want[i].capitalised);
    EXPECT_EQ(got[i].all_caps, want[i].all_caps);
    EXPECT_EQ(got[i].possessive, want[i].possessive);
  }
}

TEST(SplitWords, Examples) {
  const std::string text =
      "Putin\xE2\x80\x99s U.S. aide-de-camp don't \xE2\x80\x9CNATO\xE2\x80\x9D caf\xC3\xA9\xC2\xA0"
      "ABC's it\xE2\x80\x94was";
  const auto words = split_words(text);
  std::vector<std::string> lower;
  for (const auto& w : words) lower.push_back(w.lower);
  EXPECT_EQ(lower, (std::vector<std::string>{"putin", "u.s.", "aide-de-camp", "don't", "nato",
                                             "caf\xC3\xA9", "abc", "it", "was"}));
  EXPECT_TRUE(words[0].possessive);
  EXPECT_EQ(words[0].name_end, 5u);
  EXPECT_TRUE(words[4].all_caps);
  EXPECT_TRUE(words[6].possessive);
  expect_same(words, reference_split(text, 0, text.size()), text);
}

TEST(SplitWords, MatchesTheReferenceOnRandomText) {
  const std::vector<std::string> pieces = {"a",
                                           "B",
                                           "z",
                                           "Q",
                                           "7",
                                           " ",
                                           ".",
                                           "'",
                                           "-",
                                           "s",
                                           "S",
                                           "\n",
                                           "\"",
                                           "\xE2\x80\x99",
                                           "\xE2\x80\x98",
                                           "\xE2\x80\x94",
                                           "\xE2\x80",
                                           "\xE2",
                                           "\xC2\xA0",
                                           "\xC2",
                                           "\xC3\xA9",
                                           "\x80",
                                           "\x99",
                                           "\xE2\x81\x84",
                                           "U.S.",
                                           "'s",
                                           "\xE2\x80\x99s",
                                           "Mr.",
                                           "X"};
  std::mt19937 rng(42);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t n = rng() % 24;
    for (size_t i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    const size_t from = text.empty() ? 0 : rng() % (text.size() + 1);
    const size_t to = from + (text.size() - from == 0 ? 0 : rng() % (text.size() - from + 2));
    std::vector<Word> got;
    append_words(text, static_cast<uint32_t>(from), static_cast<uint32_t>(to), got);
    expect_same(got, reference_split(text, from, to), text);
    expect_same(split_words(text), reference_split(text, 0, text.size()), text);
    if (HasFailure()) return;
  }
}

TEST(SplitWords, CountWordsStopsAtTheLimitAndAgreesWithSplitWords) {
  const std::vector<std::string> pieces = {
      "a",        "Bc",   " ",   ".",        "'", "-", "\xE2\x80\x99", "\xE2\x80\x94",
      "\xC2\xA0", "U.S.", "x's", "\xC3\xA9", "7"};
  std::mt19937 rng(3);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (size_t i = 0, n = rng() % 12; i < n; ++i) text += pieces[rng() % pieces.size()];
    const size_t all = split_words(text).size();
    for (size_t limit = 0; limit <= 4; ++limit)
      EXPECT_EQ(count_words(text, limit), std::min(all, limit)) << text;
  }
  EXPECT_EQ(count_words("one two three", 2), 2u);
  EXPECT_EQ(count_words(" -- ", 2), 0u);
}

TEST(SplitSentences, MemoGivesTheSameSentencesAndOnlyForItsText) {
  const std::string body =
      "Mr. Smith went to Washington. He said: \"No!\" Then U.S. officials left.\nNew line here? "
      "Yes. Gen. Lee. A. B. Cole spoke.";
  std::mt19937 rng(5);
  std::vector<std::pair<uint32_t, uint32_t>> ranges = {{0, static_cast<uint32_t>(body.size())}};
  for (int i = 0; i < 200; ++i) {
    const auto from = static_cast<uint32_t>(rng() % (body.size() + 1));
    ranges.push_back({from, from + static_cast<uint32_t>(rng() % (body.size() + 2 - from))});
  }
  std::vector<std::vector<Span>> plain;
  for (auto [from, to] : ranges) plain.push_back(split_sentences(body, from, to));
  const std::string copy = body;  // same bytes elsewhere: not memoised, still right
  {
    const SentenceMemo memo(body);
    const SentenceMemo nested(copy);  // does nothing while `memo` is alive
    for (int pass = 0; pass < 2; ++pass)
      for (size_t i = 0; i < ranges.size(); ++i) {
        const auto got = split_sentences(body, ranges[i].first, ranges[i].second);
        const auto other = split_sentences(copy, ranges[i].first, ranges[i].second);
        ASSERT_EQ(got.size(), plain[i].size());
        ASSERT_EQ(other.size(), plain[i].size());
        for (size_t k = 0; k < got.size(); ++k) {
          EXPECT_EQ(got[k].start, plain[i][k].start);
          EXPECT_EQ(got[k].end, plain[i][k].end);
          EXPECT_EQ(other[k].start, plain[i][k].start);
        }
      }
  }
  EXPECT_FALSE(split_sentences(body, 0, static_cast<uint32_t>(body.size())).empty());
}

TEST(SplitSentences, ADottedInitialismBeforeALowerCaseWordIsMidSentence) {
  const std::string body =
      "The president says the U.S. is ready. He left for the U.S. Then he slept.";
  auto s = split_sentences(body, 0, static_cast<uint32_t>(body.size()));
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(body.substr(s[0].start, s[0].size()), "The president says the U.S. is ready.");
}

}  // namespace
}  // namespace newsdex::understand
