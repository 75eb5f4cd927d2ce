// KWIC lines, co-mentions and significant terms on generated archives with planted answers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <random>

#include "generated_corpus.hpp"
#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/association.hpp"
#include "newsdex/analytics/kwic.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::analytics {
namespace {

TEST(Kwic, EveryOccurrenceInContextNewestFirst) {
  const auto docs = testing::generate_corpus(120, 90, 7);
  std::vector<doc::Transcript> ts;
  size_t zebras = 0, pandas = 0;
  for (const auto& d : docs) {
    ts.push_back(d.transcript);
    zebras += d.zebra;
    pandas += d.red_panda;
  }
  const auto dir = testing::temp_dir("kwic");
  testing::write_index(dir, ts);
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  auto k = compute_kwic(**snap, {.query = "zebra", .width = 20, .limit = 100000});
  ASSERT_TRUE(k) << k.error().to_string();
  EXPECT_EQ(k->lines.size(), zebras);
  for (size_t i = 0; i < k->lines.size(); ++i) {
    const auto& l = k->lines[i];
    EXPECT_EQ(l.match, "zebra");
    EXPECT_LE(l.left.size(), 20u);
    EXPECT_LE(l.right.size(), 20u);
    if (i > 0) {
      EXPECT_GE(k->lines[i - 1].date, l.date);
    }
  }
  auto phrase = compute_kwic(**snap, {.query = "\"red panda\" OR nothingatall", .limit = 100000});
  ASSERT_TRUE(phrase);
  EXPECT_EQ(phrase->lines.size(), pandas);
  for (const auto& l : phrase->lines) EXPECT_EQ(l.match, "red panda");
  auto limited = compute_kwic(**snap, {.query = "zebra", .limit = 5});
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->lines.size(), 5u);
  EXPECT_EQ(to_json(*limited)["lines"].size(), 5u);
  EXPECT_EQ(to_csv(*limited).rfind("id,date,show,offset,left,match,right,approximate\n", 0), 0u);
  for (const auto& l : k->lines) EXPECT_TRUE(l.approximate.empty()) << "exact matches only";
  auto bad = compute_kwic(**snap, {.query = "zebra AND"});
  ASSERT_FALSE(bad);
  EXPECT_GT(bad.error().where.column, 0u);
  std::filesystem::remove_all(dir);
}

// Documents with caption errors planted at known places: "zebra" exact, misspelled "zebre" (one
// edit), "raise the issue" exact and as "raids the issue" and "raise the the issue". Fuzzy, prefix,
// sounds: and robust: queries list those occurrences too, each line naming the approximate words.
TEST(Kwic, ApproximateOccurrencesSayWhatTheyMatched) {
  std::mt19937 rng(3);
  const auto& words = testing::filler_words();
  std::vector<doc::Transcript> ts;
  size_t zebra = 0, zebre = 0, raise = 0, raids = 0, stutter = 0, missing = 0;
  for (int i = 0; i < 90; ++i) {
    std::string body;
    for (int w = 0; w < 30; ++w) {
      body += words[rng() % words.size()] + " ";
      switch ((i + w) % 37) {
        case 3:
          body += "zebra ";
          ++zebra;
          break;
        case 11:
          if (i % 2) {
            body += "zebre ";
            ++zebre;
          }
          break;
        case 17:
          body += "we raise the issue ";
          ++raise;
          break;
        case 23:
          if (i % 3 == 0) {
            body += "we raids the issue ";
            ++raids;
          }
          break;
        case 29:
          if (i % 5 == 0) {
            body += "we raise the the issue ";
            ++stutter;
          }
          break;
        case 33:
          if (i % 4 == 0) {
            body += "and the issue ";
            ++missing;
          }
          break;
      }
    }
    doc::Transcript t;
    t.source = "ABC";
    t.show = "WNT";
    t.date = "2021-03-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1);
    t.title = "Item " + std::to_string(i);
    t.body = body + ".";
    doc::assign_id(t);
    ts.push_back(std::move(t));
  }
  const auto dir = testing::temp_dir("kwic_approx");
  testing::write_index(dir, ts);
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  auto run = [&](const std::string& q) {
    auto k = compute_kwic(**snap, {.query = q, .width = 20, .limit = 100000});
    EXPECT_TRUE(k) << q << ": " << k.error().to_string();
    return k ? *k : Kwic{};
  };
  // Lines by matched text, and the approximate notes of each line.
  auto check = [&](const std::string& q, const std::map<std::string, size_t>& expected_lines,
                   const std::map<std::string, std::string>& notes) {
    const auto k = run(q);
    std::map<std::string, size_t> lines;
    for (const auto& l : k.lines) {
      ++lines[l.match];
      std::string note;
      for (const auto& m : l.approximate) note += m.text + "=" + m.word + " (" + m.how + ")";
      const auto it = notes.find(l.match);
      EXPECT_EQ(note, it == notes.end() ? "" : it->second) << q << ": " << l.match;
    }
    EXPECT_EQ(lines, expected_lines) << q;
    return k;
  };
  const auto fuzzy =
      check("zebra~1", {{"zebra", zebra}, {"zebre", zebre}}, {{"zebre", "zebre=zebra (fuzzy)"}});
  check("sounds:zebra", {{"zebra", zebra}, {"zebre", zebre}}, {{"zebre", "zebre=zebra (sound)"}});
  check("zeb*", {{"zebra", zebra}, {"zebre", zebre}},
        {{"zebra", "zebra=zeb* (prefix)"}, {"zebre", "zebre=zeb* (prefix)"}});
  // The stutter is read through (the chain skips the second "the"), so no word is approximate;
  // "the issue" reads the phrase without "raise", which the line names as missing.
  check("robust:\"raise the issue\"",
        {{"raise the issue", raise},
         {"raids the issue", raids},
         {"raise the the issue", stutter},
         {"the issue", missing}},
        {{"raids the issue", "raids=raise (fuzzy)"}, {"the issue", "=raise (missing)"}});
  // Exact queries keep their exact lines only.
  check("zebra", {{"zebra", zebra}}, {});
  // Every output format says what matched.
  const auto json = to_json(fuzzy);
  size_t noted = 0;
  for (const auto& l : json["lines"]) {
    ASSERT_TRUE(l.contains("approximate"));
    if (l["approximate"].empty()) continue;
    ++noted;
    EXPECT_EQ(l["approximate"][0]["text"], "zebre");
    EXPECT_EQ(l["approximate"][0]["matches"], "zebra");
    EXPECT_EQ(l["approximate"][0]["how"], "fuzzy");
  }
  EXPECT_EQ(noted, zebre);
  const auto csv = to_csv(fuzzy);
  EXPECT_NE(csv.find(",zebre,"), std::string::npos);
  EXPECT_NE(csv.find(",zebre=zebra (fuzzy)\n"), std::string::npos);
  EXPECT_NE(to_table(fuzzy).find("[zebre]"), std::string::npos);
  EXPECT_NE(to_table(fuzzy).find("~ zebre=zebra (fuzzy)"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// 300 documents; "zebra" in 60, "savanna" planted in 50 of those and 10 others, Vladimir Putin
// named in 40 of the zebra documents and 5 others; "lighthouse" planted in NIGHTLINE documents.
class AssociationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(11);
    const auto& words = testing::filler_words();
    for (int i = 0; i < 300; ++i) {
      std::string body;
      for (int w = 0; w < 40; ++w) body += words[rng() % words.size()] + " ";
      const bool zebra = i < 60;
      const bool savanna = (zebra && i < 50) || (i >= 100 && i < 110);
      const bool putin = (zebra && i >= 20) || (i >= 200 && i < 205);
      const bool nightline = i % 4 == 3;
      if (zebra) body += "zebra ";
      if (savanna) body += "savanna ";
      if (putin) body += "President Vladimir Putin spoke today. ";
      if (nightline && rng() % 2 == 0) {
        body += "lighthouse ";
        ++m_lighthouse;
      }
      if (nightline) ++m_nightline;
      doc::Transcript t;
      t.source = "ABC";
      t.show = nightline ? "NIGHTLINE" : "WNT";
      t.date = "2022-05-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1);
      t.title = "Item " + std::to_string(i);
      t.body = body;
      doc::assign_id(t);
      m_docs.push_back(t);
    }
    m_dir = testing::temp_dir("assoc");
    testing::write_index(m_dir, m_docs);
    auto snap = index::Snapshot::open(m_dir);
    ASSERT_TRUE(snap);
    m_snap = *snap;
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::vector<doc::Transcript> m_docs;
  std::filesystem::path m_dir;
  std::shared_ptr<const index::Snapshot> m_snap;
  uint64_t m_lighthouse = 0, m_nightline = 0;
};

TEST_F(AssociationTest, PlantedCoMentionsRankFirst) {
  auto a = compute_comentions(*m_snap, {.query = "zebra"});
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_EQ(a->foreground, 60u);
  EXPECT_EQ(a->background, 300u);
  ASSERT_FALSE(a->terms.empty());
  EXPECT_EQ(a->terms[0].name, "savanna");
  EXPECT_EQ(a->terms[0].count, 50u);
  EXPECT_EQ(a->terms[0].df, 60u);
  EXPECT_GT(a->terms[0].g2, 0);
  for (const auto& t : a->terms)
    EXPECT_NE(t.name, "zebra") << "query terms are not their own co-mentions";
  ASSERT_FALSE(a->entities.empty());
  EXPECT_EQ(a->entities[0].name, "Vladimir Putin");
  EXPECT_EQ(a->entities[0].count, 40u);
  EXPECT_EQ(a->entities[0].df, 45u);
  EXPECT_EQ(a->entities[0].type, "person");
  // Counts from the index are exact; the stored-text reference reads a sample of the foreground
  // and scales its counts to estimates of the same order.
  EXPECT_TRUE(a->exact);
  EXPECT_EQ(a->sampled, 60u);
  auto sampled = compute_comentions_reference(*m_snap, {.query = "zebra", .sample = 30});
  ASSERT_TRUE(sampled);
  EXPECT_EQ(sampled->sampled, 30u);
  ASSERT_FALSE(sampled->terms.empty());
  EXPECT_EQ(sampled->terms[0].name, "savanna");
  // PMI ranking with a floor above every count leaves nothing.
  auto floor =
      compute_comentions(*m_snap, {.query = "zebra", .min_count = 61, .measure = Measure::kPmi});
  ASSERT_TRUE(floor);
  EXPECT_TRUE(floor->terms.empty());
  EXPECT_TRUE(floor->entities.empty());
  const auto json = to_json(*a);
  EXPECT_EQ(json["terms"][0]["term"], "savanna");
  EXPECT_EQ(json["entities"][0]["name"], "Vladimir Putin");
}

TEST_F(AssociationTest, WithinTurnCountsTurnsWithAMatch) {
  auto a = compute_comentions(*m_snap, {.query = "zebra", .within = Within::kTurn});
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_GE(a->units, 60u);
  EXPECT_FALSE(compute_comentions(*m_snap, {.query = "show:WNT", .within = Within::kTurn}));
}

TEST_F(AssociationTest, SignificantTermsOfAShow) {
  auto t = compute_significant_terms(*m_snap, {.show = "nightline"});
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(t->foreground, m_nightline);
  ASSERT_FALSE(t->terms.empty());
  analysis::Analyzer analyzer;
  EXPECT_EQ(t->terms[0].name, analyzer.term("lighthouse"));  // as indexed
  EXPECT_EQ(t->terms[0].count, m_lighthouse);
  EXPECT_EQ(t->terms[0].df, m_lighthouse);
  // A trailing '*' names every show starting with it (here only NIGHTLINE), as show:NIGHT* does.
  auto prefix = compute_significant_terms(*m_snap, {.show = "night*"});
  ASSERT_TRUE(prefix) << prefix.error().to_string();
  EXPECT_EQ(prefix->foreground, m_nightline);
  ASSERT_FALSE(prefix->terms.empty());
  EXPECT_EQ(prefix->terms[0].name, t->terms[0].name);
  auto both = compute_significant_terms(*m_snap, {.show = "*"});
  ASSERT_FALSE(both);
  EXPECT_NE(both.error().message.find("'show'"), std::string::npos) << both.error().to_string();
  EXPECT_FALSE(compute_significant_terms(*m_snap, {.source = "AB**"}));
  EXPECT_FALSE(compute_significant_terms(*m_snap, {}));  // no foreground named
  auto period = compute_significant_terms(*m_snap, {.from = "2022-05-01", .to = "2022-05-03"});
  ASSERT_TRUE(period) << period.error().to_string();
  EXPECT_GT(period->foreground, 0u);
  EXPECT_LT(period->foreground, 300u);
}

TEST(LogLikelihood, KnownTable) {
  // Dunning's G² is 0 for independent counts and grows with the deviation.
  EXPECT_NEAR(log_likelihood(10, 100, 100, 1000), 0.0, 1e-9);
  EXPECT_GT(log_likelihood(50, 100, 10, 1000), log_likelihood(20, 100, 10, 1000));
  EXPECT_LT(log_likelihood(1, 100, 500, 1000), 0.0);
}

}  // namespace
}  // namespace newsdex::analytics
