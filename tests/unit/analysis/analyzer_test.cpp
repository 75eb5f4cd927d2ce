// Unit tests for the analyzer: offsets, positions, skip ranges, folding, stemming, bad input.
#include "newsdex/analysis/analyzer.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace newsdex::analysis {
namespace {

std::vector<std::string> terms(Analyzer& analyzer, std::string_view text,
                               std::span<const SkipRange> skip = {}) {
  std::vector<std::string> out;
  for (const Token& t : analyzer.tokens(text, skip)) out.push_back(t.term);
  return out;
}

using Terms = std::vector<std::string>;

TEST(Analyzer, OffsetsPointAtTheWords) {
  Analyzer analyzer({.stem = false});
  const std::string text = "We begin tonight, with president trump";
  const auto tokens = analyzer.tokens(text);
  ASSERT_EQ(tokens.size(), 6u);
  const Terms words = {"We", "begin", "tonight", "with", "president", "trump"};
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(text.substr(tokens[i].start, tokens[i].end - tokens[i].start), words[i]);
    EXPECT_EQ(tokens[i].position, i);
  }
}

TEST(Analyzer, OffsetsAreBytesInUnicodeText) {
  Analyzer analyzer({.stem = false});
  const std::string text = "«Café» naïve “quote” Straße";
  const auto tokens = analyzer.tokens(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[0].start, tokens[0].end - tokens[0].start), "Café");
  EXPECT_EQ(tokens[0].term, "café");
  EXPECT_EQ(text.substr(tokens[1].start, tokens[1].end - tokens[1].start), "naïve");
  EXPECT_EQ(text.substr(tokens[2].start, tokens[2].end - tokens[2].start), "quote");
  EXPECT_EQ(text.substr(tokens[3].start, tokens[3].end - tokens[3].start), "Straße");
  EXPECT_EQ(tokens[3].term, "strasse");
}

TEST(Analyzer, SkipRangesConsumeNoPositions) {
  Analyzer analyzer({.stem = false});
  const std::string text = "DAVID MUIR: Good evening. CECILIA VEGA: Thank you.";
  const std::vector<SkipRange> skip = {{0, 11}, {26, 39}};
  const auto tokens = analyzer.tokens(text, skip);
  ASSERT_EQ(tokens.size(), 4u);
  const Terms expected = {"good", "evening", "thank", "you"};
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].term, expected[i]);
    EXPECT_EQ(tokens[i].position, i);
  }
  EXPECT_EQ(tokens[2].start, 40u);
}

TEST(Analyzer, SkipRangeSplitsAWord) {
  Analyzer analyzer({.stem = false});
  const std::vector<SkipRange> skip = {{3, 5}};
  EXPECT_EQ(terms(analyzer, "abcXYdef", skip), (Terms{"abc", "def"}));
  const std::vector<SkipRange> all = {{0, 100}};
  EXPECT_TRUE(analyzer.tokens("whole text skipped", all).empty());
}

// Words of every length from 1 to 40 bytes (ASCII letters and digits are scanned sixteen bytes at a
// time) ended by every kind of byte: separators, a non-ASCII letter (the word goes on), an
// invalid byte, the end of the text or of the text before a skipped range. The tokens are the
// maximal runs a byte-by-byte reading finds.
TEST(Analyzer, WordsOfEveryLengthEndWhereTheirRunEnds) {
  Analyzer analyzer({.stem = false});
  const std::string alnum = "aZ09mQ";
  const std::vector<std::string> enders = {" ", ",", "-", "\n", "\"",   "@",    "[",
                                           "`", "{", "/", ":",  "\x7f", "\x01", "\xff"};
  for (size_t n = 1; n <= 40; ++n) {
    std::string word;
    for (size_t i = 0; i < n; ++i) word += alnum[(i * 7 + n) % alnum.size()];
    std::string lower = word;
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (const std::string& end : enders) {
      const std::string text = "x " + word + end + "y";
      EXPECT_EQ(terms(analyzer, text), (Terms{"x", lower, "y"})) << n << " " << int(end[0]);
    }
    // A non-ASCII letter continues the word wherever it falls.
    for (size_t at = 0; at <= n; ++at) {
      const std::string text = word.substr(0, at) + "\xc3\xa9" + word.substr(at) + " z";
      const std::string term = lower.substr(0, at) + "\xc3\xa9" + lower.substr(at);
      EXPECT_EQ(terms(analyzer, text), (Terms{term, "z"})) << n << " " << at;
    }
    EXPECT_EQ(terms(analyzer, word), (Terms{lower}));  // ended by the text's end
    // Ended by a skipped range at every offset: the word stops there, what follows the range
    // is the next word.
    for (size_t cut = 1; cut < n; ++cut) {
      const std::vector<SkipRange> skip = {
          {static_cast<uint32_t>(cut), static_cast<uint32_t>(cut + 1)}};
      Terms expected = {lower.substr(0, cut)};
      if (cut + 1 < n) expected.push_back(lower.substr(cut + 1));
      EXPECT_EQ(terms(analyzer, word, skip), expected) << n << " " << cut;
    }
  }
}

TEST(Analyzer, StemsInflections) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.term("congratulated"), analyzer.term("congratulate"));
  EXPECT_EQ(analyzer.term("Congratulating"), analyzer.term("congratulate"));
  EXPECT_EQ(analyzer.term("leaders"), analyzer.term("leader"));
  EXPECT_EQ(analyzer.term("president's"), analyzer.term("president"));
  EXPECT_EQ(analyzer.term("president’s"), analyzer.term("president"));
  EXPECT_TRUE(analyzer.stems());
}

TEST(Analyzer, ApostrophesStayInsideWords) {
  Analyzer analyzer({.stem = false});
  EXPECT_EQ(terms(analyzer, "don't DON’T 'quoted' rock'n'roll"),
            (Terms{"don't", "don't", "quoted", "rock'n'roll"}));
  const std::string text = "didn’t";
  const auto tokens = analyzer.tokens(text);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].end, text.size());
}

TEST(Analyzer, AcronymsAndNumbers) {
  Analyzer analyzer({.stem = false});
  const std::string text = "The U.S. and U.K. at 10:30 p.m., up 3.5 percent. Mr.Smith";
  EXPECT_EQ(terms(analyzer, text), (Terms{"the", "us", "and", "uk", "at", "10", "30", "pm", "up",
                                          "3.5", "percent", "mr", "smith"}));
  const auto tokens = analyzer.tokens(text);
  EXPECT_EQ(text.substr(tokens[1].start, tokens[1].end - tokens[1].start), "U.S");
  EXPECT_EQ(analyzer.term("U.S.A."), "usa");
}

TEST(Analyzer, HyphensSplitWords) {
  Analyzer analyzer({.stem = false});
  EXPECT_EQ(terms(analyzer, "face-to-face e-mail"), (Terms{"face", "to", "face", "e", "mail"}));
}

TEST(Analyzer, UnicodeFolding) {
  Analyzer analyzer({.stem = false});
  EXPECT_EQ(terms(analyzer, "ＡＢＣ"), (Terms{"abc"}));
  EXPECT_EQ(terms(analyzer, "ÉLYSÉE"), (Terms{"élysée"}));
  EXPECT_EQ(terms(analyzer, "STRASSE Straße"), (Terms{"strasse", "strasse"}));
  EXPECT_EQ(terms(analyzer, "ﬁnance"), (Terms{"finance"}));
  // Decomposed e + combining acute composes to é.
  EXPECT_EQ(terms(analyzer, "Cafe\u0301"), (Terms{"café"}));
  // A soft hyphen inside a word is ignored.
  EXPECT_EQ(terms(analyzer, "co\u00ADoperate"), (Terms{"cooperate"}));
  EXPECT_EQ(terms(analyzer, "Путин говорит"), (Terms{"путин", "говорит"}));
}

TEST(Analyzer, FoldWholeStrings) {
  EXPECT_EQ(Analyzer::fold("World News Tonight"), "world news tonight");
  EXPECT_EQ(Analyzer::fold("  World   News\tTonight "), "world news tonight");
  EXPECT_EQ(Analyzer::fold("ＡＢＣ News"), "abc news");
  EXPECT_EQ(Analyzer::fold("Straße"), "strasse");
  EXPECT_EQ(Analyzer::fold("Today’s Show"), "today's show");
  EXPECT_EQ(Analyzer::fold("a\xff"
                           "b"),
            "ab");
  EXPECT_EQ(Analyzer::fold(""), "");
}

TEST(Analyzer, InvalidUtf8IsASeparator) {
  Analyzer analyzer({.stem = false});
  EXPECT_EQ(terms(analyzer,
                  "abc\xff\xfe"
                  "def"),
            (Terms{"abc", "def"}));
  EXPECT_EQ(terms(analyzer, "caf\xc3"), (Terms{"caf"}));            // truncated sequence
  EXPECT_EQ(terms(analyzer, "x\xed\xa0\x80y"), (Terms{"x", "y"}));  // encoded surrogate
  EXPECT_EQ(terms(analyzer,
                  "\xc0\xaf"
                  "ok"),
            (Terms{"ok"}));  // overlong
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 131 + 7) & 0xff));
  for (const Token& t : analyzer.tokens(noise)) {
    EXPECT_LT(t.start, t.end);
    EXPECT_LE(t.end, noise.size());
  }
}

TEST(Analyzer, TermOfQueryWords) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.term("Putin"), "putin");
  EXPECT_EQ(analyzer.term("  ...Calls!"), "call");
  EXPECT_EQ(analyzer.term("---"), "");
  EXPECT_EQ(analyzer.term(""), "");
}

TEST(Analyzer, SeedSentence) {
  Analyzer analyzer;
  const std::string text =
      "His briefing notes reportedly warned him, in camal letters, do not congratulate Putin. He "
      "congratulated him anyway. Here's ABC's Cecilia Vega.";
  EXPECT_EQ(terms(analyzer, text),
            (Terms{"his",       "brief",  "note",   "report", "warn",      "him",     "in",
                   "camal",     "letter", "do",     "not",    "congratul", "putin",   "he",
                   "congratul", "him",    "anyway", "here",   "abc",       "cecilia", "vega"}));
  const auto tokens = analyzer.tokens(text);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.back().position, tokens.size() - 1);
  EXPECT_EQ(text.substr(tokens[18].start, tokens[18].end - tokens[18].start), "ABC's");
}

TEST(Analyzer, CallbackAndUnknownLanguage) {
  Analyzer analyzer({.stem = true, .language = "no-such-language"});
  EXPECT_FALSE(analyzer.stems());
  size_t count = 0;
  analyzer.analyze("leaders congratulated", {}, [&](const Token& t) {
    EXPECT_EQ(t.position, count);
    ++count;
  });
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(analyzer.term("Leaders"), "leaders");
  Analyzer moved = std::move(analyzer);
  EXPECT_EQ(moved.term("X"), "x");
}

// The raw-word interface gives the same tokens as analyze() while a caller caches terms by the
// raw form: a word's raw form always makes the same term, and words known to the cache take
// their positions like any other. Covers the ASCII fast path's exits (apostrophes, acronyms,
// decimals, non-ASCII letters, joiners, invalid bytes, skip ranges cutting words).
class CachingSink final : public Analyzer::WordSink {
 public:
  bool cached(const Analyzer::Word& word) override {
    auto it = m_cache.find(std::string(word.raw));
    if (it == m_cache.end()) return false;
    tokens.push_back({it->second, word.start, word.end, word.position});
    ++hits;
    return true;
  }
  void add(const Analyzer::Word& word, std::string_view term) override {
    m_cache.emplace(std::string(word.raw), std::string(term));
    tokens.push_back({std::string(term), word.start, word.end, word.position});
  }
  std::vector<Token> tokens;
  size_t hits = 0;

 private:
  std::map<std::string, std::string> m_cache;
};

TEST(Analyzer, RawWordSinkMatchesAnalyzeWithACache) {
  const std::string text =
      "The U.S. and the u.s. don't, DON\xE2\x80\x99T; 3.5 and 3.5.7 A.B.C. a.bc x'y.z "
      "M\xC3\xBC"
      "nchen MUNCHEN co\xC2\xAD"
      "operate cooperate caf\xC3 \xE2\x80\x9Cquoted\xE2\x80\x9D "
      "e-mail e\xCC\x81t\xC3\xA9 2019's The the THE. the";
  const SkipRange skip[] = {{4, 6}, {60, 63}};
  for (const bool stem : {false, true}) {
    for (const std::span<const SkipRange> ranges :
         {std::span<const SkipRange>{}, std::span<const SkipRange>(skip)}) {
      Analyzer expected_analyzer({.stem = stem});
      const std::vector<Token> expected = expected_analyzer.tokens(text, ranges);
      Analyzer analyzer({.stem = stem});
      CachingSink sink;
      analyzer.analyze(text, ranges, sink);
      analyzer.analyze(text, ranges, sink);  // the second time every word is a cache hit
      ASSERT_EQ(sink.tokens.size(), 2 * expected.size());
      EXPECT_GE(sink.hits, expected.size());
      for (size_t i = 0; i < sink.tokens.size(); ++i) {
        const Token& want = expected[i % expected.size()];
        EXPECT_EQ(sink.tokens[i].term, want.term) << i;
        EXPECT_EQ(sink.tokens[i].start, want.start) << i;
        EXPECT_EQ(sink.tokens[i].end, want.end) << i;
        EXPECT_EQ(sink.tokens[i].position, want.position) << i;
      }
    }
  }
}

}  // namespace
}  // namespace newsdex::analysis
