// Analysis profiles (--analysis full|plain): a plain index answers body/title queries with
// folded, unstemmed words; queries that need what it lacks fail naming the column; the profile is
// fixed at creation and recorded in the manifest (absent key = full).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "newsdex/core/date.hpp"
#include "newsdex/core/file_io.hpp"
#include "test_index.hpp"

namespace newsdex::query {
namespace {

using testing::DocSpec;
using testing::TempIndex;

// Short transcripts in the style of the seed (speaker labels, soundbites, quotes, names).
std::vector<DocSpec> fixture() {
  return {
      {"Police raids in Denver", "ABC", "World News Tonight", "2018-03-21",
       "Good evening. Tonight, police raids across Denver. Reporter: Officers carried out three "
       "raids before dawn. >> We knocked on every door, said Chief Maria Lopez. The raids "
       "ended by noon."},
      {"A single raid", "CBS", "Evening News", "2018-04-02",
       "One raid in Houston this morning. Reporter: The raid lasted an hour. Senator Tom Garcia "
       "said \"this raid was a mistake\" and asked for answers."},
      {"Storm reaches the coast", "ABC", "World News Tonight", "2019-08-30",
       "The storm reached Houston tonight. >> Winds of ninety miles an hour. Reporter: Families "
       "raided the stores for water, and the storms are not over."},
      {"Raiding the budget", "NBC", "Nightly News", "2020-01-15",
       "Congress is raiding the budget again, critics say. Senator Tom Garcia: We will not "
       "let them raid the fund. The vote is on Friday."},
      {"Election night", "CBS", "Evening News", "2020-11-03",
       "Election night in Denver and Houston. Voters waited in long lines. >> I voted at seven. "
       "Reporter: Polls close at eight."},
  };
}

// The oracle: lower-case ASCII words of title + body, split at anything not a letter or digit
// (the fixture has no apostrophes, hyphens or acronyms, where tokenisers differ).
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  return out;
}

bool has_sequence(const std::vector<std::string>& words, const std::vector<std::string>& seq) {
  for (size_t i = 0; i + seq.size() <= words.size(); ++i)
    if (std::equal(seq.begin(), seq.end(), words.begin() + static_cast<std::ptrdiff_t>(i)))
      return true;
  return false;
}

// Titles of the fixture documents where `pred(body words, title words, doc)` holds.
template <class Pred>
std::set<std::string> expected(Pred pred) {
  std::set<std::string> out;
  for (const auto& d : fixture())
    if (pred(words_of(d.body), words_of(d.title), d)) out.insert(d.title);
  return out;
}

std::set<std::string> titles(Searcher& searcher, const std::string& query) {
  auto result = searcher.search({.query = query, .limit = 100, .snippets = 0});
  EXPECT_TRUE(result) << query << ": " << result.error().to_string();
  std::set<std::string> out;
  if (result)
    for (const auto& h : result->hits) out.insert(h.title);
  return out;
}

bool contains(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

TEST(AnalysisProfile, PlainIndexMatchesUnstemmedWords) {
  TempIndex idx("profile_plain_words");
  idx.add(fixture(), {.analysis = analysis::Profile::kPlain});
  auto searcher = idx.searcher();
  for (std::string word : {"raids", "raid", "raided", "raiding", "storm", "storms", "houston"}) {
    auto want = expected([&](const auto& body, const auto& title, const DocSpec&) {
      return contains(body, word) || contains(title, word);
    });
    EXPECT_FALSE(want.empty()) << word;
    EXPECT_EQ(titles(searcher, word), want) << word;
    // Capitals fold: the query word is lower-cased like the documents.
    std::string upper = word;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(titles(searcher, upper), want) << upper;
  }
  // "raids" must not reach the document that only says "raid" (it would with stemming).
  EXPECT_EQ(titles(searcher, "raids").count("A single raid"), 0u);
}

TEST(AnalysisProfile, FullIndexStillStems) {
  TempIndex idx("profile_full_words");
  idx.add(fixture());
  auto searcher = idx.searcher();
  // Stemmed: raid, raids, raided, raiding are one term.
  auto want = expected([&](const auto& body, const auto& title, const DocSpec&) {
    for (const char* w : {"raid", "raids", "raided", "raiding"})
      if (contains(body, w) || contains(title, w)) return true;
    return false;
  });
  EXPECT_EQ(titles(searcher, "raids"), want);
  EXPECT_EQ(titles(searcher, "raid"), want);
}

// One thread writing a full index and then a plain one (and back): the analysis threads keep a
// raw word -> term cache across documents, which must not carry one profile's terms into the
// other's index (it did: "raids" reached the plain index as the stem "raid").
TEST(AnalysisProfile, ProfilesDoNotShareTermsOnOneThread) {
  auto stemmed = expected([&](const auto& body, const auto& title, const DocSpec&) {
    for (const char* w : {"raid", "raids", "raided", "raiding"})
      if (contains(body, w) || contains(title, w)) return true;
    return false;
  });
  auto exact = [](const std::string& word) {
    return expected([&](const auto& body, const auto& title, const DocSpec&) {
      return contains(body, word) || contains(title, word);
    });
  };
  ASSERT_NE(stemmed, exact("raid"));  // the fixture tells the profiles apart
  for (int round = 0; round < 2; ++round) {
    TempIndex full("profile_alternate_full");
    full.add(fixture());
    TempIndex plain("profile_alternate_plain");
    plain.add(fixture(), {.analysis = analysis::Profile::kPlain});
    auto full_searcher = full.searcher();
    auto plain_searcher = plain.searcher();
    EXPECT_EQ(titles(full_searcher, "raids"), stemmed) << round;
    EXPECT_EQ(titles(full_searcher, "raided"), stemmed) << round;
    for (std::string word : {"raid", "raids", "raided"})
      EXPECT_EQ(titles(plain_searcher, word), exact(word)) << word << " " << round;
  }
}

TEST(AnalysisProfile, PlainIndexAnswersPhrasesBooleansAndFilters) {
  TempIndex idx("profile_plain_ops");
  idx.add(fixture(), {.analysis = analysis::Profile::kPlain});
  auto searcher = idx.searcher();
  auto any = [](const auto& body, const auto& title, const std::string& w) {
    return contains(body, w) || contains(title, w);
  };
  EXPECT_EQ(
      titles(searcher, "\"police raids\""),
      expected([](const auto& body, const auto& title, const DocSpec&) {
        return has_sequence(body, {"police", "raids"}) || has_sequence(title, {"police", "raids"});
      }));
  EXPECT_EQ(titles(searcher, "\"the raid lasted\""),
            expected([](const auto& body, const auto&, const DocSpec&) {
              return has_sequence(body, {"the", "raid", "lasted"});
            }));
  // Unstemmed phrase: "raid lasted" is there, "raids lasted" is not.
  EXPECT_TRUE(titles(searcher, "\"raids lasted\"").empty());
  EXPECT_EQ(titles(searcher, "houston raid"),
            expected([&](const auto& body, const auto& title, const DocSpec&) {
              return any(body, title, "houston") && any(body, title, "raid");
            }));
  EXPECT_EQ(titles(searcher, "raids OR raiding"),
            expected([&](const auto& body, const auto& title, const DocSpec&) {
              return any(body, title, "raids") || any(body, title, "raiding");
            }));
  EXPECT_EQ(titles(searcher, "houston -storm"),
            expected([&](const auto& body, const auto& title, const DocSpec&) {
              return any(body, title, "houston") && !any(body, title, "storm");
            }));
  EXPECT_EQ(titles(searcher, "denver show:\"world news tonight\""),
            expected([&](const auto& body, const auto& title, const DocSpec& d) {
              return any(body, title, "denver") && d.show == "World News Tonight";
            }));
  EXPECT_EQ(titles(searcher, "houston date:2019-01-01..2020-12-31"),
            expected([&](const auto& body, const auto& title, const DocSpec& d) {
              return any(body, title, "houston") && d.date >= "2019-01-01" &&
                     d.date <= "2020-12-31";
            }));
  EXPECT_EQ(titles(searcher, "title:raid"),
            expected([](const auto&, const auto& title, const DocSpec&) {
              return contains(title, "raid");
            }));
  // Prefix and fuzzy expand against the (unstemmed) term dictionary.
  EXPECT_EQ(titles(searcher, "raid*"),
            expected([](const auto& body, const auto& title, const DocSpec&) {
              for (const auto& w : body)
                if (w.rfind("raid", 0) == 0) return true;
              for (const auto& w : title)
                if (w.rfind("raid", 0) == 0) return true;
              return false;
            }));
}

TEST(AnalysisProfile, PlainIndexRefusesFieldsItLacks) {
  TempIndex idx("profile_plain_fields");
  idx.add(fixture(), {.analysis = analysis::Profile::kPlain});
  auto searcher = idx.searcher();
  for (std::string field : {"speaker", "quote", "entity", "role", "sounds", "robust"}) {
    const std::string query = "houston " + field + ":garcia";
    auto result = searcher.search({.query = query, .limit = 10});
    ASSERT_FALSE(result) << query;
    EXPECT_EQ(result.error().code, core::ErrorCode::kQuery) << query;
    const std::string message = result.error().to_string();
    EXPECT_NE(message.find("'" + field + ":'"), std::string::npos) << message;
    EXPECT_NE(message.find("column 9"), std::string::npos) << message;
    EXPECT_NE(message.find("--analysis plain"), std::string::npos) << message;
  }
  // The same queries plan on a full index.
  TempIndex full("profile_full_fields");
  full.add(fixture());
  auto full_searcher = full.searcher();
  for (std::string field : {"speaker", "quote", "entity", "sounds", "robust"}) {
    auto result = full_searcher.search({.query = "houston " + field + ":garcia", .limit = 10});
    EXPECT_TRUE(result) << field << ": " << result.error().to_string();
  }
}

TEST(AnalysisProfile, ProfileIsFixedAtCreationAndRecorded) {
  TempIndex idx("profile_fixed");
  const auto docs = fixture();
  idx.add({docs[0], docs[1]}, {.analysis = analysis::Profile::kPlain});
  auto manifest = core::read_file(idx.dir() / index::kManifestName);
  ASSERT_TRUE(manifest);
  EXPECT_NE(manifest->find("\"analysis\": \"plain\""), std::string::npos) << *manifest;

  // A different profile is refused, naming both.
  auto other = index::IndexWriter::open(idx.dir(), {.analysis = analysis::Profile::kFull});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, core::ErrorCode::kUsage);
  EXPECT_NE(other.error().message.find("--analysis plain"), std::string::npos);
  EXPECT_NE(other.error().message.find("--analysis full"), std::string::npos);

  // No profile asked for: the index's own is used, documents added unstemmed.
  idx.add({docs[2], docs[3], docs[4]});
  auto snap = index::Snapshot::open(idx.dir());
  ASSERT_TRUE(snap);
  EXPECT_EQ((*snap)->manifest().analysis, analysis::Profile::kPlain);
  EXPECT_EQ((*snap)->stats().analysis, "plain");
  EXPECT_EQ((*snap)->total_documents(), 5u);
  auto searcher = idx.searcher();
  EXPECT_EQ(titles(searcher, "raiding"), (std::set<std::string>{"Raiding the budget"}));

  // Merging keeps the profile.
  auto w = index::IndexWriter::open(idx.dir(), {.background_merges = false});
  ASSERT_TRUE(w);
  auto merged = (*w)->force_merge(1);
  ASSERT_TRUE(merged) << merged.error().to_string();
  auto after = index::read_manifest(idx.dir());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->segments.size(), 1u);
  EXPECT_EQ(after->analysis, analysis::Profile::kPlain);
}

TEST(AnalysisProfile, FullManifestHasNoProfileKeyAndOldManifestsReadAsFull) {
  TempIndex idx("profile_full_manifest");
  idx.add(fixture());
  auto manifest = core::read_file(idx.dir() / index::kManifestName);
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->find("analysis"), std::string::npos) << *manifest;
  auto read = index::read_manifest(idx.dir());
  ASSERT_TRUE(read);
  EXPECT_EQ(read->analysis, analysis::Profile::kFull);
  auto snap = index::Snapshot::open(idx.dir());
  ASSERT_TRUE(snap);
  EXPECT_EQ((*snap)->stats().analysis, "full");

  // An unknown profile name is a corrupt manifest, not silently full.
  std::string bad = *manifest;
  bad.insert(bad.find('{') + 1, "\"analysis\": \"stemless\",");
  ASSERT_TRUE(core::atomic_write(idx.dir() / index::kManifestName, bad));
  auto refused = index::read_manifest(idx.dir());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kCorrupt);
  EXPECT_NE(refused.error().message.find("stemless"), std::string::npos);
}

TEST(AnalysisProfile, PlainStoresDocumentsWithoutUnderstanding) {
  TempIndex idx("profile_plain_stored");
  const auto docs = fixture();
  idx.add({docs[1]}, {.analysis = analysis::Profile::kPlain});
  auto snap = index::Snapshot::open(idx.dir());
  ASSERT_TRUE(snap);
  const auto& seg = *(*snap)->segments()[0].segment;
  EXPECT_FALSE(seg.lookup(index::Field::kSpeaker, "garcia"));
  EXPECT_FALSE(seg.lookup(index::Field::kQuote, "mistake"));
  EXPECT_TRUE(seg.lookup(index::Field::kBody, "mistake"));
  auto t = seg.document(0);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->body, docs[1].body);
  EXPECT_TRUE(t->turns.empty());
  EXPECT_TRUE(t->quotes.empty());
  EXPECT_TRUE(t->entities.empty());
  // Snippets still come from the stored text.
  auto searcher = idx.searcher();
  auto result = searcher.search({.query = "mistake", .limit = 1, .snippets = 1});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->hits.size(), 1u);
  ASSERT_FALSE(result->hits[0].snippets.empty());
}

}  // namespace
}  // namespace newsdex::query
