// Co-mentions and significant terms from the index (exact counts from postings and the entity
// lists) must equal the stored-text reference path reading every foreground document: every listed
// term and entity with its count, df, G² and PMI, for many queries, measures, floors and limits,
// (through forward lists, through postings, and from a small foreground's stored text)
// over three segments with replaced (deleted) documents, a Zipf-like filler vocabulary (so the
// bound-ordered counting stops early) and planted co-mentions whose counts the generator records.
#include <gtest/gtest.h>

#include <random>

#include "generated_corpus.hpp"
#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/association.hpp"
#include "newsdex/analytics/segment_lists.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::analytics {
namespace {

struct Planted {
  std::vector<doc::Transcript> docs;
  uint64_t zebra = 0, savanna_with_zebra = 0, savanna = 0;
  uint64_t putin_with_zebra = 0, putin = 0, macron_with_zebra = 0;
};

// 600 documents. "zebra" in every 4th; "savanna" in most zebra documents and a few others;
// "acacia" in some of both; Vladimir Putin named in half the zebra documents and some others;
// Angela Merkel and Paris independently of zebra; Emmanuel Macron introduced with his full name
// and then named by his surname (an alias value in the index).
Planted plant(uint32_t seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> vocab = testing::syllable_words(300);
  Planted p;
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < 600; ++i) {
    std::string body;
    for (int w = 0; w < 60; ++w) {
      const double x = u(rng);
      body += vocab[static_cast<size_t>(static_cast<double>(vocab.size()) * x * x * x)] + " ";
    }
    const bool zebra = i % 4 == 0;
    const bool savanna = zebra ? u(rng) < 0.8 : u(rng) < 0.03;
    const bool acacia = zebra ? u(rng) < 0.4 : u(rng) < 0.1;
    const bool putin = zebra ? u(rng) < 0.5 : u(rng) < 0.05;
    const bool macron = zebra ? u(rng) < 0.3 : u(rng) < 0.02;
    if (zebra) body += "zebra ";
    if (savanna) body += "savanna ";
    if (acacia) body += "acacia ";
    if (putin) body += "President Vladimir Putin spoke today. ";
    if (u(rng) < 0.2) body += "Chancellor Angela Merkel answered. ";
    if (u(rng) < 0.25) body += "We are in Paris tonight. ";
    if (macron) body += "President Emmanuel Macron arrived. Later Macron said nothing. ";
    p.zebra += zebra;
    p.savanna += savanna;
    p.savanna_with_zebra += zebra && savanna;
    p.putin += putin;
    p.putin_with_zebra += zebra && putin;
    p.macron_with_zebra += zebra && macron;
    doc::Transcript t;
    t.source = i % 3 ? "ABC" : "CBS";
    t.show = i % 5 == 1 ? "NIGHTLINE" : (i % 2 ? "WNT" : "GMA");
    t.date = core::format_iso_date(core::days_from_ymd(2021, 1, 1) + i % 200);
    t.title = "Item " + std::to_string(i);
    t.body = body;
    doc::assign_id(t);
    p.docs.push_back(std::move(t));
  }
  return p;
}

class ComentionsPaths : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_planted = new Planted(plant(5));
    const auto& ts = s_planted->docs;
    const auto dir = testing::temp_dir("comentions_paths");
    // Three segments: 250 documents, 200, then the rest with a new version of every 7th earlier
    // document (the old copies become deletions).
    testing::write_three_segments(dir, ts, 250, 450, 3, 7, " replaced");
    auto snap = index::Snapshot::open(dir);
    ASSERT_TRUE(snap) << snap.error().to_string();
    ASSERT_EQ((*snap)->segments().size(), 3u);
    s_snap = new std::shared_ptr<const index::Snapshot>(*snap);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(testing::temp_dir("comentions_paths"));
    delete s_snap;
    delete s_planted;
  }
  static Planted* s_planted;
  static std::shared_ptr<const index::Snapshot>* s_snap;
};
Planted* ComentionsPaths::s_planted = nullptr;
std::shared_ptr<const index::Snapshot>* ComentionsPaths::s_snap = nullptr;

using testing::comparable;

TEST_F(ComentionsPaths, IndexPathEqualsReference) {
  const auto& snap = **s_snap;
  uint64_t deleted = 0;
  for (const auto& v : snap.segments()) deleted += v.deleted_count;
  ASSERT_GT(deleted, 0u);
  const std::vector<std::string> queries = {
      "zebra",      "savanna",        "acacia", "zebra -savanna",  "zebra OR acacia",
      "show:WNT",   "zebra show:GMA", "paris",  "entity:putin",    "replaced",
      "nosuchword", "title:item",     "merkel", "zebra source:CBS"};
  size_t compared = 0, listed = 0;
  for (const auto& q : queries)
    for (auto measure : {Measure::kG2, Measure::kPmi})
      for (size_t min_count : {1, 12})
        for (size_t limit : {3, 100000}) {
          AssociationRequest r{.query = q,
                               .limit = limit,
                               .min_count = min_count,
                               .sample = 1000000,
                               .measure = measure};
          auto ref = compute_comentions_reference(snap, r);
          ASSERT_TRUE(ref) << q << ": " << ref.error().to_string();
          // Forward lists; postings with bound pruning; the stored text of every segment's small
          // foreground; of the segments' foregrounds under 30 documents, the others by postings.
          for (int mode : {0, 1, 2, 3}) {
            const bool forward = mode == 0;
            r.forward_lists = forward;
            r.build_forward_now = forward;
            r.stored_count_max = mode == 2 ? 1000000 : mode == 3 ? 30 : 0;
            auto fast = compute_comentions(snap, r);
            ASSERT_TRUE(fast) << q << ": " << fast.error().to_string();
            EXPECT_TRUE(fast->exact);
            EXPECT_EQ(fast->sampled, fast->foreground);
            EXPECT_EQ(comparable(*fast).dump(1), comparable(*ref).dump(1))
                << q << " measure " << static_cast<int>(measure) << " min_count " << min_count
                << " limit " << limit << " mode " << mode;
            listed += fast->terms.size() + fast->entities.size();
            ++compared;
          }
        }
  for (const auto& show : {"nightline", "wnt"})
    for (size_t limit : {5, 100000}) {
      AssociationRequest r{.show = show, .limit = limit, .sample = 1000000};
      auto ref = compute_significant_terms_reference(snap, r);
      ASSERT_TRUE(ref);
      for (int mode : {0, 1, 2, 3}) {
        const bool forward = mode == 0;
        r.forward_lists = forward;
        r.build_forward_now = forward;
        r.stored_count_max = mode == 2 ? 1000000 : mode == 3 ? 30 : 0;
        auto fast = compute_significant_terms(snap, r);
        ASSERT_TRUE(fast);
        EXPECT_EQ(comparable(*fast).dump(1), comparable(*ref).dump(1)) << show << " " << mode;
        ++compared;
      }
    }
  EXPECT_GT(listed, compared);  // the comparisons are not of empty lists
}

TEST_F(ComentionsPaths, PlantedCountsAreExact) {
  // One copy of each document is live, so the generator's record is the expected answer.
  auto a = compute_comentions(**s_snap, {.query = "zebra", .limit = 100000, .min_count = 1});
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_EQ(a->foreground, s_planted->zebra);
  EXPECT_EQ(a->background, s_planted->docs.size());
  analysis::Analyzer analyzer;
  const auto savanna = std::find_if(a->terms.begin(), a->terms.end(), [&](const Associated& t) {
    return t.name == analyzer.term("savanna");
  });
  ASSERT_NE(savanna, a->terms.end());
  EXPECT_EQ(savanna->count, s_planted->savanna_with_zebra);
  EXPECT_EQ(a->terms.front().name, savanna->name);
  ASSERT_FALSE(a->entities.empty());
  EXPECT_EQ(a->entities.front().name, "Vladimir Putin");
  EXPECT_EQ(a->entities.front().type, "person");
  EXPECT_EQ(a->entities.front().count, s_planted->putin_with_zebra);
  EXPECT_EQ(a->entities.front().df, s_planted->putin);
  // The surname alone is an alias value: listed under the canonical name, once.
  size_t macrons = 0;
  for (const auto& e : a->entities) {
    EXPECT_NE(e.name, "Macron");
    if (e.name == "Emmanuel Macron") {
      ++macrons;
      EXPECT_EQ(e.count, s_planted->macron_with_zebra);
    }
  }
  EXPECT_EQ(macrons, 1u);
}

TEST_F(ComentionsPaths, ForwardListsAreBuiltOnASegmentsSecondQuery) {
  // A fresh open: segments no query has used yet.
  auto snap = index::Snapshot::open(testing::temp_dir("comentions_paths"));
  ASSERT_TRUE(snap);
  const auto& segment = (*snap)->segments()[0].segment;
  EXPECT_EQ(body_forward_for(segment), nullptr);
  auto built = body_forward_for(segment);
  ASSERT_NE(built, nullptr);
  EXPECT_TRUE(built->available());
  EXPECT_EQ(body_forward_for(segment).get(), built.get());
  // Each document's list holds exactly the body terms whose postings hold the document.
  const auto& terms = segment->terms(index::Field::kBody);
  uint64_t listed = 0, posted = 0;
  for (uint32_t d = 0; d < segment->doc_count(); ++d) listed += built->of_doc(d).size();
  for (size_t i = 0; i < terms.size(); ++i) posted += terms.df(i);
  EXPECT_EQ(listed, posted);
  const auto savanna = terms.lower_bound(analysis::Analyzer().term("savanna"));
  ASSERT_LT(savanna, terms.size());
  uint64_t with = 0;
  for (uint32_t d = 0; d < segment->doc_count(); ++d) {
    const auto list = built->of_doc(d);
    with += std::find(list.begin(), list.end(), savanna) != list.end();
  }
  EXPECT_EQ(with, terms.df(savanna));
}

TEST_F(ComentionsPaths, EntityListsHoldEachDocumentsValues) {
  analysis::Analyzer analyzer;
  const auto key = entity_value_key("Vladimir Putin", analyzer);
  uint64_t docs = 0;
  for (const auto& view : (*s_snap)->segments()) {
    auto ents = entities_for(view.segment);
    ASSERT_FALSE(ents->corrupt());
    EXPECT_EQ(ents.get(), entities_for(view.segment).get());  // cached
    for (uint32_t d = 0; d < view.segment->doc_count(); ++d) {
      if (view.is_deleted(d)) continue;
      for (uint32_t id : ents->of_doc(d)) docs += ents->value(id) == key;
    }
  }
  EXPECT_EQ(docs, s_planted->putin);
}

}  // namespace
}  // namespace newsdex::analytics
