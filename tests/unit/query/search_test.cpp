// Searcher tests over small hand-written transcripts indexed with IndexWriter: boolean semantics,
// fields, filters and dates, exact totals and paging, BM25 ranking sanity, stemming, deleted and
// replaced documents, highlighted snippets and query errors. The data-driven cases in
// tests/data/search/cases.txt run against the same fixture collection (kFixture below).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixture_collection.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "search_cases.hpp"
#include "test_index.hpp"

namespace newsdex::query {
namespace {

using namespace newsdex::query::testing;

class SearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_index = new TempIndex("fixture");
    s_index->add(kFixture);
  }
  static void TearDownTestSuite() {
    delete s_index;
    s_index = nullptr;
  }
  void SetUp() override { m_searcher = std::make_unique<Searcher>(s_index->searcher()); }

  Titles matching(const std::string& query) {
    const auto result = run(*m_searcher, query);
    EXPECT_EQ(result.total, result.hits.size()) << query;
    return title_set(result);
  }

  // gtest's suite-level fixtures are static; the suite owns this one (deleted in teardown).
  static TempIndex* s_index;
  std::unique_ptr<Searcher> m_searcher;
};

TempIndex* SearchTest::s_index = nullptr;

TEST_F(SearchTest, ImplicitAndRequiresEveryWord) {
  EXPECT_EQ(matching("putin"),
            (Titles{"Putin call draws backlash", "Kremlin readout of the conversation",
                    "Putin wins another term"}));
  EXPECT_EQ(matching("putin congratulate"), (Titles{"Putin call draws backlash"}));
  EXPECT_EQ(matching("putin AND congratulate"), (Titles{"Putin call draws backlash"}));
  EXPECT_EQ(matching("putin kremlin summit"), (Titles{"Kremlin readout of the conversation"}));
  EXPECT_EQ(matching("putin florence"), Titles{});
  // Upper-case "and"/"or"/"not" only are operators; lower-case they are words.
  EXPECT_EQ(matching("putin and congratulate"), Titles{});
  EXPECT_EQ(matching("Putin PUTIN putin"), matching("putin"));
}

TEST_F(SearchTest, OrNotMinusAndParentheses) {
  EXPECT_EQ(matching("hurricane OR houston"),
            (Titles{"Storm surge floods Houston", "Hurricane Florence makes landfall"}));
  EXPECT_EQ(matching("storm -houston"), (Titles{"Hurricane Florence makes landfall"}));
  EXPECT_EQ(matching("storm NOT houston"), (Titles{"Hurricane Florence makes landfall"}));
  EXPECT_EQ(matching("storm -houston -florence"), Titles{});
  // AND binds tighter than OR: `a b OR c` is `(a b) OR c`.
  EXPECT_EQ(matching("summit trump OR chico"),
            (Titles{"Singapore summit handshake", "Paradise fire death toll rises"}));
  EXPECT_EQ(matching("summit (trump OR chico)"), (Titles{"Singapore summit handshake"}));
  EXPECT_EQ(matching("(storm OR summit) -(houston OR kim)"),
            (Titles{"Hurricane Florence makes landfall", "Kremlin readout of the conversation"}));
  EXPECT_EQ(matching("putin -(phone call)"), (Titles{"Putin wins another term"}));
  EXPECT_EQ(matching("putin -\"phone call\""),
            (Titles{"Kremlin readout of the conversation", "Putin wins another term"}));
}

TEST_F(SearchTest, PhrasesNeedAdjacentWordsInOrder) {
  EXPECT_EQ(matching("\"phone call\""), (Titles{"Putin call draws backlash"}));
  // The readout has "phone line ... the call": both words, never adjacent.
  EXPECT_EQ(matching("phone call"),
            (Titles{"Putin call draws backlash", "Kremlin readout of the conversation"}));
  EXPECT_EQ(matching("\"call phone\""), Titles{});
  EXPECT_EQ(matching("\"do not congratulate\""), (Titles{"Putin call draws backlash"}));
  EXPECT_EQ(matching("\"do congratulate\""), Titles{});
  // Curly quotes work as straight ones; analysis applies inside phrases (stemming, case).
  EXPECT_EQ(matching("\xE2\x80\x9CPhone Calls\xE2\x80\x9D"), (Titles{"Putin call draws backlash"}));
  // Phrases cross punctuation but match positions, not characters.
  EXPECT_EQ(matching("\"paradise california\""), (Titles{"Paradise fire death toll rises"}));
  EXPECT_EQ(matching("\"phone call\" OR \"phone line\""),
            (Titles{"Putin call draws backlash", "Kremlin readout of the conversation"}));
}

TEST_F(SearchTest, TitleFieldSearchesOnlyTitles) {
  EXPECT_EQ(matching("title:putin"),
            (Titles{"Putin call draws backlash", "Putin wins another term"}));
  EXPECT_EQ(matching("kremlin"),
            (Titles{"Kremlin readout of the conversation", "Putin wins another term"}));
  EXPECT_EQ(matching("title:kremlin"), (Titles{"Kremlin readout of the conversation"}));
  EXPECT_EQ(matching("title:\"another term\""), (Titles{"Putin wins another term"}));
  EXPECT_EQ(matching("title:congratulate"), Titles{});
  EXPECT_EQ(matching("TITLE:Putin -title:call"), (Titles{"Putin wins another term"}));
  // An unscoped word matches titles too: "landfall" is only in a title.
  EXPECT_EQ(matching("landfall"), (Titles{"Hurricane Florence makes landfall"}));
}

TEST_F(SearchTest, ShowAndSourceFiltersIgnoreCase) {
  const Titles wnt{"Putin call draws backlash", "Singapore summit handshake"};
  EXPECT_EQ(matching("show:WNT"), wnt);
  EXPECT_EQ(matching("show:wnt"), wnt);
  EXPECT_EQ(matching("SHOW:Wnt"), wnt);
  EXPECT_EQ(matching("show:\"all things considered\""), (Titles{"Paradise fire death toll rises"}));
  EXPECT_EQ(matching("source:cnn"),
            (Titles{"Kremlin readout of the conversation", "Storm surge floods Houston",
                    "Putin wins another term"}));
  EXPECT_EQ(matching("putin source:CNN"),
            (Titles{"Kremlin readout of the conversation", "Putin wins another term"}));
  EXPECT_EQ(matching("putin -source:cnn"), (Titles{"Putin call draws backlash"}));
  EXPECT_EQ(matching("show:WNT OR show:GMA"),
            (Titles{"Putin call draws backlash", "Singapore summit handshake",
                    "Hurricane Florence makes landfall"}));
  // Filters match whole values, not words within them.
  EXPECT_EQ(matching("show:things"), Titles{});
  EXPECT_EQ(matching("show:nightline"), Titles{});
}

TEST_F(SearchTest, DateRangesIncludeBothEndsAndAllowOpenEnds) {
  EXPECT_EQ(matching("date:2018-03-21"), (Titles{"Putin call draws backlash"}));
  EXPECT_EQ(matching("putin date:2018-03-21..2018-03-22"),
            (Titles{"Putin call draws backlash", "Kremlin readout of the conversation"}));
  EXPECT_EQ(matching("putin date:2018-03"),
            (Titles{"Putin call draws backlash", "Kremlin readout of the conversation",
                    "Putin wins another term"}));
  EXPECT_EQ(matching("date:..2018-03-18"),
            (Titles{"Storm surge floods Houston", "Putin wins another term"}));
  EXPECT_EQ(matching("date:2018-09-14.."),
            (Titles{"Hurricane Florence makes landfall", "Markets tumble as virus spreads",
                    "Paradise fire death toll rises"}));
  EXPECT_EQ(matching("rain date:2018"), (Titles{"Hurricane Florence makes landfall"}));
  // The undated flood watch is in no date range, however wide.
  EXPECT_EQ(matching("rain"),
            (Titles{"Storm surge floods Houston", "Hurricane Florence makes landfall",
                    "Flood watch for the coast"}));
  EXPECT_EQ(matching("rain date:1900..2100"),
            (Titles{"Storm surge floods Houston", "Hurricane Florence makes landfall"}));
  EXPECT_EQ(matching("rain -date:2018"),
            (Titles{"Storm surge floods Houston", "Flood watch for the coast"}));
}

TEST_F(SearchTest, RequestFromAndToParameters) {
  auto with_dates = [&](const std::string& query, std::string from, std::string to) {
    return title_set(run(
        *m_searcher,
        SearchRequest{.query = query, .limit = 100, .from = std::move(from), .to = std::move(to)}));
  };
  EXPECT_EQ(with_dates("putin", "2018-03-21", "2018-03-22"),
            (Titles{"Putin call draws backlash", "Kremlin readout of the conversation"}));
  EXPECT_EQ(with_dates("putin", "2018-03-22", ""), (Titles{"Kremlin readout of the conversation"}));
  EXPECT_EQ(with_dates("putin", "", "2018-03-18"), (Titles{"Putin wins another term"}));
  // Combined with a date: clause, both apply.
  EXPECT_EQ(with_dates("putin date:2018-03-19..", "", "2018-03-21"),
            (Titles{"Putin call draws backlash"}));
  // An OR query gets the range around the whole of it.
  EXPECT_EQ(with_dates("putin OR storm", "2018-03-19", "2018-12-31"),
            (Titles{"Putin call draws backlash", "Kremlin readout of the conversation",
                    "Hurricane Florence makes landfall"}));
  auto bad = m_searcher->search({.query = "putin", .from = "2018-3-1"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kUsage);
  EXPECT_NE(bad.error().message.find("from"), std::string::npos) << bad.error().message;
  auto bad_to = m_searcher->search({.query = "putin", .to = "yesterday"});
  ASSERT_FALSE(bad_to);
  EXPECT_NE(bad_to.error().message.find("'to'"), std::string::npos) << bad_to.error().message;
}

TEST_F(SearchTest, TotalsAreExactAndPagesWalkTheRanking) {
  // "the" is in every dated story and the flood watch: 9 documents.
  const auto all = run(*m_searcher, "the", 100);
  ASSERT_EQ(all.total, 9u);
  ASSERT_EQ(all.hits.size(), 9u);
  for (size_t i = 1; i < all.hits.size(); ++i)
    EXPECT_GE(all.hits[i - 1].score, all.hits[i].score) << i;

  std::vector<std::string> paged;
  for (size_t offset = 0; offset < 12; offset += 4) {
    const auto page = run(*m_searcher, SearchRequest{.query = "the", .limit = 4, .offset = offset});
    EXPECT_EQ(page.total, 9u) << offset;  // the total never depends on the page
    EXPECT_EQ(page.hits.size(), std::min<size_t>(4, 9 - offset)) << offset;
    for (const auto& h : page.hits) paged.push_back(h.id);
  }
  std::vector<std::string> ids;
  for (const auto& h : all.hits) ids.push_back(h.id);
  EXPECT_EQ(paged, ids);

  const auto beyond = run(*m_searcher, SearchRequest{.query = "the", .limit = 5, .offset = 50});
  EXPECT_EQ(beyond.total, 9u);
  EXPECT_TRUE(beyond.hits.empty());
  const auto count_only = run(*m_searcher, SearchRequest{.query = "putin", .limit = 0});
  EXPECT_EQ(count_only.total, 3u);
  EXPECT_TRUE(count_only.hits.empty());
  EXPECT_EQ(count_only.query, "putin");
}

TEST_F(SearchTest, SortByDate) {
  const auto desc = run(*m_searcher, SearchRequest{.query = "putin OR storm OR summit",
                                                   .limit = 100,
                                                   .sort = SortOrder::kDateDesc});
  EXPECT_EQ(titles(desc), (std::vector<std::string>{
                              "Hurricane Florence makes landfall", "Singapore summit handshake",
                              "Kremlin readout of the conversation", "Putin call draws backlash",
                              "Putin wins another term", "Storm surge floods Houston"}));
  const auto asc = run(*m_searcher, SearchRequest{.query = "putin OR storm OR summit",
                                                  .limit = 2,
                                                  .offset = 1,
                                                  .sort = SortOrder::kDateAsc});
  EXPECT_EQ(asc.total, 6u);
  EXPECT_EQ(titles(asc),
            (std::vector<std::string>{"Putin wins another term", "Putin call draws backlash"}));
}

TEST_F(SearchTest, StemmingMatchesInflections) {
  const Titles backlash{"Putin call draws backlash"};
  // The story has "congratulate" and "congratulated".
  EXPECT_EQ(matching("congratulate"), backlash);
  EXPECT_EQ(matching("congratulated"), backlash);
  EXPECT_EQ(matching("congratulating"), backlash);
  EXPECT_EQ(matching("congratulations"), backlash);
  EXPECT_EQ(matching("flooding"),
            (Titles{"Storm surge floods Houston", "Flood watch for the coast"}));
  EXPECT_EQ(matching("spreading virus"), (Titles{"Markets tumble as virus spreads"}));
  EXPECT_EQ(matching("\"pulls families\""), (Titles{"Storm surge floods Houston"}));
}

TEST_F(SearchTest, HitsCarryStoredMetadata) {
  const auto result = run(*m_searcher, "handshake");
  ASSERT_EQ(result.hits.size(), 1u);
  const Hit& hit = result.hits[0];
  EXPECT_EQ(hit.title, "Singapore summit handshake");
  EXPECT_EQ(hit.date, "2018-06-12");
  EXPECT_EQ(hit.show, "WNT");
  EXPECT_EQ(hit.source, "ABC");
  EXPECT_EQ(hit.id, make_transcript(kFixture[4]).id);
  EXPECT_EQ(hit.id.size(), 16u);
  EXPECT_GT(hit.score, 0.0);
}

TEST_F(SearchTest, SnippetsMarkTheMatchedWords) {
  const auto result = run(*m_searcher, "congratulate putin");
  ASSERT_EQ(result.hits.size(), 1u);
  const auto& snippets = result.hits[0].snippets;
  ASSERT_FALSE(snippets.empty());
  ASSERT_LE(snippets.size(), 2u);
  std::string all;
  for (const auto& s : snippets) all += s + "\n";
  // The original words, case and inflection kept, each in its own mark.
  EXPECT_NE(all.find("<mark>Putin</mark>"), std::string::npos) << all;
  EXPECT_NE(all.find("<mark>congratulate</mark>"), std::string::npos) << all;
  EXPECT_NE(all.find("<mark>congratulated</mark>"), std::string::npos) << all;
  EXPECT_EQ(all.find("<mark>phone"), std::string::npos) << all;
  // Marks are balanced and never nested.
  size_t open = 0;
  for (size_t p = 0; (p = all.find('<', p)) != std::string::npos; ++p) {
    if (all.compare(p, 6, "<mark>") == 0) {
      EXPECT_EQ(open, 0u) << all;
      ++open;
    } else if (all.compare(p, 7, "</mark>") == 0) {
      EXPECT_EQ(open, 1u) << all;
      --open;
    } else {
      ADD_FAILURE() << "unescaped '<' in " << all;
    }
  }
  EXPECT_EQ(open, 0u);
}

TEST_F(SearchTest, NearMarksTheWordsOfTheWindowsThatMatched) {
  const auto result = run(*m_searcher, "storm NEAR/3 rain");
  ASSERT_EQ(result.hits.size(), 1u);
  std::string all;
  for (const auto& s : result.hits[0].snippets) all += s + "\n";
  // "The storm surge and the rain pushed": both words marked, each on its own.
  EXPECT_NE(all.find("<mark>storm</mark> surge and the <mark>rain</mark>"), std::string::npos)
      << all;
  size_t marks = 0;
  for (size_t p = 0; (p = all.find("<mark>", p)) != std::string::npos; ++p) ++marks;
  EXPECT_EQ(marks, 2u) << all;
}

TEST_F(SearchTest, PhraseIsHighlightedAsOneMark) {
  const auto result = run(*m_searcher, "\"phone call\" putin");
  ASSERT_EQ(result.hits.size(), 1u);
  std::string all;
  for (const auto& s : result.hits[0].snippets) all += s + "\n";
  EXPECT_NE(all.find("<mark>phone call</mark>"), std::string::npos) << all;
  EXPECT_EQ(all.find("<mark>phone</mark>"), std::string::npos) << all;
  // Words of the phrase are not marked on their own: "the call was cordial" stays plain.
  EXPECT_EQ(all.find("<mark>call</mark>"), std::string::npos) << all;

  // Unquoted, the readout's "phone line" and "call" are marked separately.
  const auto loose = run(*m_searcher, "phone call title:kremlin");
  ASSERT_EQ(loose.hits.size(), 1u);
  std::string text;
  for (const auto& s : loose.hits[0].snippets) text += s + "\n";
  EXPECT_NE(text.find("<mark>phone</mark> line"), std::string::npos) << text;
  EXPECT_NE(text.find("<mark>call</mark>"), std::string::npos) << text;
}

TEST_F(SearchTest, SnippetsAreHtmlEscaped) {
  const auto result = run(*m_searcher, "trader");
  ASSERT_EQ(result.hits.size(), 1u);
  std::string all;
  for (const auto& s : result.hits[0].snippets) all += s;
  EXPECT_NE(all.find("S&amp;P 500"), std::string::npos) << all;
  EXPECT_NE(all.find("&quot;worst day since 1987&quot;"), std::string::npos) << all;
  EXPECT_NE(all.find("<mark>trader</mark>"), std::string::npos) << all;
  EXPECT_EQ(all.find("S&P"), std::string::npos) << all;
  EXPECT_EQ(all.find('"'), std::string::npos) << all;
}

TEST_F(SearchTest, SnippetOptions) {
  auto none = run(*m_searcher, SearchRequest{.query = "putin", .snippets = 0});
  ASSERT_FALSE(none.hits.empty());
  for (const auto& h : none.hits) EXPECT_TRUE(h.snippets.empty()) << h.title;
  // A match only in the title or a filter still shows the start of the body, without marks.
  auto title_only = run(*m_searcher, "landfall");
  ASSERT_EQ(title_only.hits.size(), 1u);
  ASSERT_EQ(title_only.hits[0].snippets.size(), 1u);
  EXPECT_EQ(title_only.hits[0].snippets[0].rfind("Good morning.", 0), 0u)
      << title_only.hits[0].snippets[0];
  EXPECT_EQ(title_only.hits[0].snippets[0].find("<mark>"), std::string::npos);
  // A title-scoped word is not highlighted in the body.
  auto scoped = run(*m_searcher, "title:putin vote");
  ASSERT_EQ(scoped.hits.size(), 1u);
  std::string text;
  for (const auto& s : scoped.hits[0].snippets) text += s;
  EXPECT_NE(text.find("<mark>vote</mark>"), std::string::npos) << text;
  EXPECT_EQ(text.find("<mark>Putin"), std::string::npos) << text;
}

TEST_F(SearchTest, QueryErrorsCarryTheColumn) {
  struct Bad {
    std::string query;
    uint32_t column;
    std::string text;
  };
  const std::vector<Bad> bad = {
      {"congratulate \"phone call", 14, "unclosed quote"},
      {"putin (summit OR kim", 7, "unclosed parenthesis"},
      {"putin nope:x", 7, "unknown field"},
      {"putin date:2018-02-30", 12, "bad date"},
      {"-putin", 1, ""},
      // A planner error is located too: a fuzzy word must analyse to one word.
      {"summit e-mail~1", 8, "must be one word"},
  };
  for (const auto& b : bad) {
    auto result = m_searcher->search({.query = b.query});
    ASSERT_FALSE(result) << b.query;
    EXPECT_EQ(result.error().code, core::ErrorCode::kQuery) << b.query;
    EXPECT_EQ(result.error().where.column, b.column) << b.query << ": " << result.error().message;
    EXPECT_NE(result.error().message.find("column " + std::to_string(b.column)), std::string::npos)
        << result.error().message;
    EXPECT_NE(result.error().message.find(b.text), std::string::npos) << result.error().message;
  }
  auto too_long = m_searcher->search({.query = std::string(5000, 'a')});
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, core::ErrorCode::kLimit);
}

TEST_F(SearchTest, WordsWithoutTokensMatchNothing) {
  // "&&" is a word to the parser but holds no token: it can match nothing.
  EXPECT_EQ(matching("putin &&"), Titles{});
  EXPECT_EQ(matching("putin OR &&"), matching("putin"));
}

TEST_F(SearchTest, ScoresDoNotDependOnSegmentation) {
  // The same collection, one segment per document: collection statistics are snapshot-wide, so
  // every score and the order are the same.
  TempIndex split("split");
  // No background merge: it could join the segments before the snapshot below is opened.
  split.add(kFixture, {.flush_bytes = 1, .background_merges = false});
  auto split_searcher = split.searcher();
  ASSERT_GT(split_searcher.snapshot().segments().size(), 5u);
  for (const std::string q :
       {"the", "putin OR storm", "\"phone call\" OR kremlin", "rain -date:2018"}) {
    const auto a = run(*m_searcher, q);
    const auto b = run(split_searcher, q);
    ASSERT_EQ(a.total, b.total) << q;
    ASSERT_EQ(a.hits.size(), b.hits.size()) << q;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].id, b.hits[i].id) << q << " #" << i;
      EXPECT_DOUBLE_EQ(a.hits[i].score, b.hits[i].score) << q << " #" << i;
    }
  }
}

// ---- Ranking sanity on purpose-built collections -------------------------------------------

// `words` filler words that no query uses, so lengths can be set exactly.
std::string filler(size_t words, const std::string& stem = "lorem") {
  std::string out;
  for (size_t i = 0; i < words; ++i) out += stem + std::to_string(i) + " ";
  return out;
}

TEST(SearchRanking, MoreOccurrencesRankHigher) {
  TempIndex idx("tf");
  idx.add({
      {"one", "ABC", "WNT", "2019-05-13", "tariff " + filler(11), ""},
      {"three", "ABC", "WNT", "2019-05-13", "tariff tariff tariff " + filler(9), ""},
      {"two", "ABC", "WNT", "2019-05-13", "tariff " + filler(10) + "tariff", ""},
      {"none", "ABC", "WNT", "2019-05-13", filler(12), ""},
  });
  auto searcher = idx.searcher();
  const auto result = run(searcher, "tariffs");
  EXPECT_EQ(titles(result), (std::vector<std::string>{"three", "two", "one"}));
  EXPECT_GT(result.hits[0].score, result.hits[1].score);
  EXPECT_GT(result.hits[1].score, result.hits[2].score);
}

TEST(SearchRanking, PhraseOccurrencesCountNotWordOccurrences) {
  // Both bodies hold "phone" twice and "call" twice; only one holds the phrase twice.
  TempIndex idx("phrase_tf");
  idx.add({
      {"once", "ABC", "WNT", "2018-03-21",
       "phone call " + filler(6) + "call phone " + filler(6, "y"), ""},
      {"twice", "ABC", "WNT", "2018-03-21",
       "phone call " + filler(6, "x") + "phone call " + filler(6, "z"), ""},
  });
  auto searcher = idx.searcher();
  EXPECT_EQ(titles(run(searcher, "\"phone call\"")), (std::vector<std::string>{"twice", "once"}));
  // As separate words the two are equal.
  const auto words = run(searcher, "phone call");
  ASSERT_EQ(words.hits.size(), 2u);
  EXPECT_DOUBLE_EQ(words.hits[0].score, words.hits[1].score);
}

TEST(SearchRanking, ShorterDocumentRanksHigher) {
  TempIndex idx("length");
  idx.add({
      {"long", "ABC", "WNT", "2019-05-13", filler(40) + "soybeans " + filler(40, "ipsum"), ""},
      {"short", "ABC", "WNT", "2019-05-13", filler(4) + "soybeans", ""},
      {"medium", "ABC", "WNT", "2019-05-13", "soybeans " + filler(15), ""},
  });
  auto searcher = idx.searcher();
  const auto result = run(searcher, "soybeans");
  EXPECT_EQ(titles(result), (std::vector<std::string>{"short", "medium", "long"}));
  EXPECT_GT(result.hits[0].score, result.hits[1].score);
  EXPECT_GT(result.hits[1].score, result.hits[2].score);
}

TEST(SearchRanking, RareWordOutweighsCommonWord) {
  std::vector<DocSpec> docs;
  for (int i = 0; i < 8; ++i)
    docs.push_back({"story " + std::to_string(i), "ABC", "WNT", "2019-05-13",
                    "the president " + filler(8, "w" + std::to_string(i) + "x"), ""});
  // Same length and one occurrence each; only the rarity of the word differs.
  docs.push_back({"rare", "ABC", "WNT", "2019-05-13", "the kremlin " + filler(8, "r"), ""});
  docs.push_back({"common", "ABC", "WNT", "2019-05-13", "the president " + filler(8, "c"), ""});
  TempIndex idx("idf");
  idx.add(docs);
  auto searcher = idx.searcher();
  const auto result = run(searcher, "president OR kremlin");
  EXPECT_EQ(result.total, 10u);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].title, "rare");
  EXPECT_GT(result.hits[0].score, 2 * result.hits[1].score);
  // Both words in one document beat either alone.
  TempIndex both("idf_both");
  docs.push_back({"both", "ABC", "WNT", "2019-05-13", "president kremlin " + filler(8, "b"), ""});
  both.add(docs);
  auto both_searcher = both.searcher();
  const auto ranked = run(both_searcher, "president OR kremlin");
  ASSERT_GE(ranked.hits.size(), 2u);
  EXPECT_EQ(ranked.hits[0].title, "both");
  EXPECT_EQ(ranked.hits[1].title, "rare");
}

TEST(SearchRanking, TitleMatchIsBoosted) {
  TempIndex idx("title");
  idx.add({
      {"Talks end early", "ABC", "WNT", "2019-02-28", "the summit in hanoi " + filler(12), ""},
      {"Hanoi summit collapses", "ABC", "WNT", "2019-02-28",
       "the summit in hanoi " + filler(12, "x"), ""},
      {"Another story", "ABC", "WNT", "2019-02-28", "nothing relevant " + filler(14, "y"), ""},
  });
  auto searcher = idx.searcher();
  const auto result = run(searcher, "hanoi");
  EXPECT_EQ(titles(result),
            (std::vector<std::string>{"Hanoi summit collapses", "Talks end early"}));
  ASSERT_EQ(result.hits.size(), 2u);
  EXPECT_GT(result.hits[0].score, result.hits[1].score);
  // title: searches only the title, so the body-only story drops out.
  EXPECT_EQ(titles(run(searcher, "title:hanoi")),
            (std::vector<std::string>{"Hanoi summit collapses"}));
}

TEST(SearchRanking, TiesKeepIndexOrderAndScoresAreStable) {
  TempIndex idx("ties");
  idx.add({
      {"first", "ABC", "WNT", "2019-01-01", "pelosi gavel " + filler(6), ""},
      {"second", "ABC", "WNT", "2019-01-02", "pelosi gavel " + filler(6, "z"), ""},
  });
  auto searcher = idx.searcher();
  const auto result = run(searcher, "pelosi");
  ASSERT_EQ(result.hits.size(), 2u);
  EXPECT_DOUBLE_EQ(result.hits[0].score, result.hits[1].score);
  EXPECT_EQ(titles(result), (std::vector<std::string>{"first", "second"}));
  // Sorting by date breaks the tie the other way round.
  const auto by_date =
      run(searcher, SearchRequest{.query = "pelosi", .sort = SortOrder::kDateDesc});
  EXPECT_EQ(titles(by_date), (std::vector<std::string>{"second", "first"}));
}

// ---- Deleted and replaced documents --------------------------------------------------------

TEST(SearchDeletes, ReplacedVersionsAreNeverReturned) {
  TempIndex idx("replace");
  const DocSpec v1{"Detainees come home",
                   "ABC",
                   "WNT",
                   "2018-05-09",
                   "Three Americans held in North Korea are flying home tonight with Pompeo.",
                   "wnt-2018-05-09-detainees"};
  const DocSpec other{"Pompeo in Pyongyang",
                      "ABC",
                      "WNT",
                      "2018-05-08",
                      "Pompeo landed in Pyongyang for a second visit.",
                      ""};
  // flush after every document, so the old version lives in a committed segment of its own.
  idx.add({v1, other}, {.flush_bytes = 1});
  {
    auto searcher = idx.searcher();
    EXPECT_EQ(run(searcher, "pompeo").total, 2u);
    EXPECT_EQ(run(searcher, "americans").total, 1u);
  }
  DocSpec v2 = v1;
  v2.body = "Three detainees released by North Korea landed at Andrews with secretary Pompeo.";
  {
    auto writer = index::IndexWriter::open(idx.dir(), {.flush_bytes = 1});
    ASSERT_TRUE(writer);
    ASSERT_EQ(*(*writer)->add(make_transcript(v2)), index::AddOutcome::kReplaced);
    ASSERT_TRUE((*writer)->commit());
  }
  auto searcher = idx.searcher();
  EXPECT_EQ(run(searcher, "americans").total, 0u);
  EXPECT_EQ(run(searcher, "\"flying home\"").total, 0u);
  EXPECT_EQ(run(searcher, "andrews").total, 1u);
  const auto pompeo = run(searcher, "pompeo");
  EXPECT_EQ(pompeo.total, 2u);  // the new version and the other story, not the old version
  ASSERT_EQ(pompeo.hits.size(), 2u);
  for (const auto& h : pompeo.hits)
    for (const auto& s : h.snippets) EXPECT_EQ(s.find("flying"), std::string::npos) << s;
  // Negations and filters only ever produce live documents.
  EXPECT_EQ(run(searcher, "pompeo -pyongyang").total, 1u);
  EXPECT_EQ(run(searcher, "show:wnt").total, 2u);
  EXPECT_EQ(run(searcher, "date:2018-05-09").total, 1u);
  EXPECT_EQ(run(searcher, "korea -andrews").total, 0u);
}

TEST(SearchDeletes, ReplacedWithinOneBatchAndAcrossCommits) {
  TempIndex idx("replace_batch");
  DocSpec doc{"Summit ends", "ABC", "WNT", "2019-02-28", "The Hanoi summit ended early.", "wnt-1"};
  {
    auto writer = index::IndexWriter::open(idx.dir());
    ASSERT_TRUE(writer);
    ASSERT_EQ(*(*writer)->add(make_transcript(doc)), index::AddOutcome::kAdded);
    doc.body = "The Hanoi summit ended without a deal.";
    ASSERT_EQ(*(*writer)->add(make_transcript(doc)), index::AddOutcome::kReplaced);
    ASSERT_TRUE((*writer)->commit());
  }
  {
    auto searcher = idx.searcher();
    EXPECT_EQ(run(searcher, "hanoi").total, 1u);
    EXPECT_EQ(run(searcher, "early").total, 0u);
    EXPECT_EQ(run(searcher, "deal").total, 1u);
  }
  doc.body = "Talks in Hanoi collapsed over sanctions.";
  {
    auto writer = index::IndexWriter::open(idx.dir());
    ASSERT_TRUE(writer);
    ASSERT_EQ(*(*writer)->add(make_transcript(doc)), index::AddOutcome::kReplaced);
    ASSERT_TRUE((*writer)->commit());
  }
  auto searcher = idx.searcher();
  EXPECT_EQ(run(searcher, "hanoi").total, 1u);
  EXPECT_EQ(run(searcher, "deal OR early").total, 0u);
  EXPECT_EQ(run(searcher, "title:summit").total, 1u);
  const auto hits = run(searcher, "sanctions");
  ASSERT_EQ(hits.hits.size(), 1u);
  EXPECT_EQ(hits.hits[0].id, "wnt-1");
}

// ---- Data-driven cases (tests/data/search/cases.txt, read by search_cases.hpp) ---------------

TEST_F(SearchTest, DataDrivenCases) {
  const auto cases = load_cases();
  ASSERT_GE(cases.size(), 30u);
  std::set<std::string> known;
  for (const auto& d : kFixture) known.insert(d.title);
  for (const auto& c : cases) {
    SCOPED_TRACE("cases.txt:" + std::to_string(c.line) + ": [" + c.query + "]");
    for (const auto& g : c.groups)
      for (const auto& t : g) EXPECT_TRUE(known.count(t)) << "no fixture titled '" << t << "'";
    const auto result = run(*m_searcher, c.request);
    size_t expected_total = 0;
    for (const auto& g : c.groups) expected_total += g.size();
    EXPECT_EQ(result.total, expected_total) << ::testing::PrintToString(titles(result));
    ASSERT_EQ(result.hits.size(), result.total);
    size_t rank = 0;
    for (size_t g = 0; g < c.groups.size(); ++g) {
      std::set<std::string> got;
      for (size_t k = 0; k < c.groups[g].size() && rank < result.hits.size(); ++k)
        got.insert(result.hits[rank++].title);
      EXPECT_EQ(got, c.groups[g]) << "rank group " << g + 1 << " of "
                                  << ::testing::PrintToString(titles(result));
    }
  }
}

}  // namespace
}  // namespace newsdex::query
