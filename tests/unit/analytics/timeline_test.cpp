// Timelines on a generated archive: counts, mentions and shares per bucket against the generator's
// record; bucket arithmetic; zero-filled ranges; smoothing; several queries; errors; speakers.
#include "newsdex/analytics/timeline.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <set>

#include "generated_corpus.hpp"
#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::analytics {
namespace {

using testing::generate_corpus;

class TimelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_docs = new std::vector<testing::PlantedDoc>(generate_corpus(600, 366));
    std::vector<doc::Transcript> ts;
    for (const auto& d : *s_docs) ts.push_back(d.transcript);
    // Two commits, so matches span two segments.
    const auto dir = testing::temp_dir("timeline");
    testing::write_index(dir, std::vector<doc::Transcript>(ts.begin(), ts.begin() + 300));
    auto writer = index::IndexWriter::open(dir);
    ASSERT_TRUE(writer);
    for (size_t i = 300; i < ts.size(); ++i) ASSERT_TRUE((*writer)->add(ts[i]));
    ASSERT_TRUE((*writer)->commit());
    auto snap = index::Snapshot::open(dir);
    ASSERT_TRUE(snap) << snap.error().to_string();
    ASSERT_EQ((*snap)->segments().size(), 2u);
    s_snap = new std::shared_ptr<const index::Snapshot>(*snap);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(testing::temp_dir("timeline"));
    delete s_snap;
    delete s_docs;
  }
  static std::vector<testing::PlantedDoc>* s_docs;
  static std::shared_ptr<const index::Snapshot>* s_snap;
};
std::vector<testing::PlantedDoc>* TimelineTest::s_docs = nullptr;
std::shared_ptr<const index::Snapshot>* TimelineTest::s_snap = nullptr;

TEST(Buckets, StartsAndNext) {
  const int32_t d = core::days_from_ymd(2020, 1, 1);  // a Wednesday
  EXPECT_EQ(core::format_iso_date(bucket_start(d, Interval::kWeek)), "2019-12-30");
  EXPECT_EQ(core::format_iso_date(bucket_start(core::days_from_ymd(2020, 1, 6), Interval::kWeek)),
            "2020-01-06");
  EXPECT_EQ(core::format_iso_date(bucket_start(core::days_from_ymd(2020, 2, 29), Interval::kMonth)),
            "2020-02-01");
  EXPECT_EQ(core::format_iso_date(bucket_start(core::days_from_ymd(2020, 7, 4), Interval::kYear)),
            "2020-01-01");
  EXPECT_EQ(core::format_iso_date(next_bucket(core::days_from_ymd(2020, 12, 1), Interval::kMonth)),
            "2021-01-01");
  EXPECT_EQ(core::format_iso_date(next_bucket(core::days_from_ymd(2019, 12, 30), Interval::kWeek)),
            "2020-01-06");
  EXPECT_EQ(core::format_iso_date(bucket_start(core::days_from_ymd(1969, 12, 31), Interval::kWeek)),
            "1969-12-29");
  EXPECT_EQ(bucket_start(d, Interval::kDay), d);
}

TEST_F(TimelineTest, MonthlyCountsMentionsAndSharesByShow) {
  auto t = compute_timeline(
      **s_snap, {.queries = {"zebra"}, .interval = Interval::kMonth, .by = SplitBy::kShow});
  ASSERT_TRUE(t) << t.error().to_string();
  // Expected from the generator.
  std::map<std::pair<std::string, int32_t>, std::array<uint64_t, 3>>
      expect;  // count, mentions, all docs
  for (const auto& d : *s_docs) {
    auto& e = expect[{d.transcript.show, bucket_start(d.day, Interval::kMonth)}];
    e[2] += 1;
    if (d.zebra > 0) {
      e[0] += 1;
      e[1] += d.zebra;
    }
  }
  ASSERT_EQ(t->series.size(), 3u);
  ASSERT_EQ(t->starts.size(), 12u);
  EXPECT_EQ(core::format_iso_date(t->starts.front()), "2020-01-01");
  EXPECT_EQ(core::format_iso_date(t->starts.back()), "2020-12-01");
  ASSERT_EQ(t->buckets.size(), 36u);
  uint64_t total = 0;
  for (const auto& b : t->buckets) {
    const std::string show = t->series[b.series].substr(std::string("zebra / ").size());
    const auto& e = expect[{show, b.start}];
    EXPECT_EQ(b.count, e[0]) << show << " " << core::format_iso_date(b.start);
    EXPECT_EQ(b.mentions, e[1]) << show << " " << core::format_iso_date(b.start);
    EXPECT_NEAR(b.share, e[2] ? static_cast<double>(e[0]) / static_cast<double>(e[2]) : 0.0, 1e-6);
    total += b.count;
  }
  uint64_t with_zebra = 0;
  for (const auto& d : *s_docs) with_zebra += d.zebra > 0 ? 1 : 0;
  EXPECT_EQ(total, with_zebra);
  // Series are ordered by matching documents, most first.
  auto json = to_json(*t);
  EXPECT_EQ(json["interval"], "month");
  EXPECT_EQ(json["by"], "show");
  EXPECT_EQ(json["buckets"].size(), 36u);
  EXPECT_EQ(json["buckets"][0]["series"], t->series[0]);
}

TEST_F(TimelineTest, PhraseMentionsWordsShareAndRange) {
  auto t = compute_timeline(**s_snap, {.queries = {"\"red panda\""},
                                       .interval = Interval::kWeek,
                                       .normalize = Normalize::kWords,
                                       .from = "2020-03-01",
                                       .to = "2020-04-30"});
  ASSERT_TRUE(t) << t.error().to_string();
  std::map<int32_t, std::array<uint64_t, 3>> expect;  // count, mentions, words of all docs
  const int32_t from = core::days_from_ymd(2020, 3, 1), to = core::days_from_ymd(2020, 4, 30);
  for (const auto& d : *s_docs) {
    if (d.day < from || d.day > to) continue;
    auto& e = expect[bucket_start(d.day, Interval::kWeek)];
    e[2] += d.words;
    if (d.red_panda) {
      e[0] += 1;
      e[1] += d.red_panda;
    }
  }
  // Zero-filled from the week of March 1st to the week of April 30th.
  EXPECT_EQ(core::format_iso_date(t->starts.front()), "2020-02-24");
  EXPECT_EQ(core::format_iso_date(t->starts.back()), "2020-04-27");
  EXPECT_EQ(t->starts.size(), 10u);
  for (const auto& b : t->buckets) {
    const auto& e = expect[b.start];
    EXPECT_EQ(b.count, e[0]);
    EXPECT_EQ(b.mentions, e[1]);
    EXPECT_NEAR(b.share, e[2] ? static_cast<double>(e[1]) / static_cast<double>(e[2]) : 0.0, 1e-6);
  }
}

TEST_F(TimelineTest, SmoothingIsATrailingMeanOfShare) {
  auto raw = compute_timeline(**s_snap, {.queries = {"zebra", "panda"}});
  auto smooth = compute_timeline(**s_snap, {.queries = {"zebra", "panda"}, .smooth = 3});
  ASSERT_TRUE(raw && smooth);
  ASSERT_EQ(raw->series, (std::vector<std::string>{"zebra", "panda"}));
  ASSERT_EQ(raw->buckets.size(), smooth->buckets.size());
  const size_t n = raw->starts.size();
  for (size_t s = 0; s < 2; ++s)
    for (size_t b = 0; b < n; ++b) {
      double sum = 0;
      size_t k = 0;
      for (size_t j = b + 1 >= 3 ? b + 1 - 3 : 0; j <= b; ++j, ++k)
        sum += raw->buckets[s * n + j].share;
      EXPECT_NEAR(smooth->buckets[s * n + b].share, sum / static_cast<double>(k), 1e-5);
      EXPECT_EQ(smooth->buckets[s * n + b].count, raw->buckets[s * n + b].count);
    }
}

TEST_F(TimelineTest, ErrorsNameTheQueryAndColumn) {
  auto bad = compute_timeline(**s_snap, {.queries = {"zebra", "panda AND ("}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kQuery);
  EXPECT_GT(bad.error().where.column, 0u);
  EXPECT_NE(bad.error().message.find("query 2"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(compute_timeline(**s_snap, {.queries = {"zebra"}, .from = "2020-13-01"}));
  EXPECT_FALSE(parse_interval("fortnight"));
  EXPECT_FALSE(parse_split("channel"));
  EXPECT_FALSE(parse_normalize("minutes"));
}

TEST_F(TimelineTest, CsvTableAndSvg) {
  auto t = compute_timeline(**s_snap, {.queries = {"zebra"}, .interval = Interval::kYear});
  ASSERT_TRUE(t);
  uint64_t count = 0, mentions = 0;
  for (const auto& d : *s_docs) {
    count += d.zebra > 0 ? 1 : 0;
    mentions += d.zebra;
  }
  const std::string row =
      "zebra,2020-01-01," + std::to_string(count) + "," + std::to_string(mentions) + ",";
  EXPECT_EQ(to_csv(*t).rfind("series,start,count,mentions,share\n" + row, 0), 0u) << to_csv(*t);
  EXPECT_NE(to_table(*t).find("2020-01-01"), std::string::npos);
  const auto svg = to_svg(*t);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
}

// Speakers come from the speaker field's postings; they must agree with the stored turns, and
// series carry the names as labelled ("Lisa Crandall", not the indexed "lisa crandal").
TEST(TimelineSpeakers, AgreeWithStoredTurns) {
  std::vector<doc::Transcript> docs;
  const std::vector<std::string> anchors = {"Lisa Crandall", "Terry Moran", "Cecilia Vega"};
  for (int i = 0; i < 12; ++i) {
    doc::Transcript t;
    t.source = "ABC";
    t.show = "WNT";
    t.date = core::format_iso_date(core::days_from_ymd(2021, 1 + i % 3, 5));
    t.title = "Storm " + std::to_string(i);
    t.body = "Good evening. I'm " + anchors[static_cast<size_t>(i) % anchors.size()] +
             ". The storm is moving east tonight and the flooding is getting worse.";
    doc::assign_id(t);
    docs.push_back(t);
  }
  const auto dir = testing::temp_dir("speakers");
  testing::write_index(dir, docs);
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  auto t = compute_timeline(**snap, {.queries = {"storm"}, .by = SplitBy::kSpeaker});
  ASSERT_TRUE(t) << t.error().to_string();
  // Expected: for each stored document, its turn and quote speakers as indexed.
  analysis::Analyzer analyzer;
  std::map<std::string, uint64_t> expect;
  for (const auto& d : docs) {
    auto stored = (*snap)->find_document(d.id);
    ASSERT_TRUE(stored && stored->has_value());
    std::map<std::string, std::string> names;  // indexed form -> the name as labelled
    auto add = [&](const std::string& name) {
      std::string v;
      for (const auto& tok : analyzer.tokens(name)) v += (v.empty() ? "" : " ") + tok.term;
      if (!v.empty()) names.try_emplace(v, name);
    };
    for (const auto& turn : (*stored)->turns) add(turn.speaker);
    for (const auto& q : (*stored)->quotes) add(q.speaker);
    for (const auto& [indexed, name] : names) {
      EXPECT_NE(indexed, name) << "the display name should differ from the stemmed, folded one";
      ++expect["storm / " + name];
    }
  }
  ASSERT_FALSE(expect.empty()) << "the generated documents should name their anchors";
  std::map<std::string, uint64_t> got;
  for (const auto& b : t->buckets) got[t->series[b.series]] += b.count;
  EXPECT_EQ(got, expect);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace newsdex::analytics
