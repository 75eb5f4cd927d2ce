// compute_timeline (per-segment calendars; single terms counted straight from postings) must give
// exactly what compute_timeline_reference (document by document through the general matcher)
// gives: every count, mention, share and bucket, for many queries, filters, intervals, splits and
// date ranges, over three segments with undated documents and replaced (deleted) documents. One
// known answer per path from the generator's record.
#include <gtest/gtest.h>
#include <unistd.h>

#include "generated_corpus.hpp"
#include "newsdex/analytics/timeline.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::analytics {
namespace {

using testing::generate_corpus;

class TimelinePaths : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_docs = new std::vector<testing::PlantedDoc>(generate_corpus(500, 800, 7));
    std::vector<doc::Transcript> ts;
    for (const auto& d : *s_docs) ts.push_back(d.transcript);
    // Every 25th document undated.
    for (size_t i = 0; i < ts.size(); i += 25) ts[i].date.clear();
    const auto dir = testing::temp_dir("timeline_paths");
    // Three segments: 200 documents, 200, then the rest with new versions of every 9th earlier
    // document (the old ones become deletions in the first two segments).
    testing::write_three_segments(dir, ts, 200, 400, 4, 9, " zebra zebra replaced");
    auto snap = index::Snapshot::open(dir);
    ASSERT_TRUE(snap) << snap.error().to_string();
    ASSERT_EQ((*snap)->segments().size(), 3u);
    s_snap = new std::shared_ptr<const index::Snapshot>(*snap);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(testing::temp_dir("timeline_paths"));
    delete s_snap;
    delete s_docs;
  }
  static std::vector<testing::PlantedDoc>* s_docs;
  static std::shared_ptr<const index::Snapshot>* s_snap;
};
std::vector<testing::PlantedDoc>* TimelinePaths::s_docs = nullptr;
std::shared_ptr<const index::Snapshot>* TimelinePaths::s_snap = nullptr;

TEST_F(TimelinePaths, DeletionsArePresent) {
  uint64_t deleted = 0;
  for (const auto& v : (*s_snap)->segments()) deleted += v.deleted_count;
  EXPECT_GT(deleted, 0u);
}

TEST_F(TimelinePaths, CalendarPathEqualsReference) {
  const std::vector<std::string> queries = {"zebra",
                                            "panda",
                                            "\"red panda\"",
                                            "zebra panda",
                                            "zebra OR panda",
                                            "zebra show:WNT",
                                            "zebra source:ABC",
                                            "zebra show:GMA source:CBS",
                                            "-zebra panda",
                                            "nosuchword",
                                            "title:report",
                                            "zebra date:2020-03-01..2020-09-30",
                                            "replaced",
                                            "weather",
                                            "show:NIGHTLINE",
                                            "zebra show:NOSUCHSHOW",
                                            "zebra show:n*",
                                            "zebra source:C*",
                                            "\"red panda\" show:\"nightl\"*"};
  const std::vector<std::pair<std::string, std::string>> ranges = {
      {"", ""}, {"2020-02-10", "2020-11-20"}, {"2021-01-01", ""}, {"", "2020-06-15"}};
  size_t compared = 0, nonempty = 0;
  for (const auto& q : queries)
    for (auto interval : {Interval::kDay, Interval::kWeek, Interval::kMonth, Interval::kYear})
      for (auto by : {SplitBy::kNone, SplitBy::kShow, SplitBy::kSource})
        for (const auto& [from, to] : ranges) {
          const TimelineRequest request{
              .queries = {q},
              .interval = interval,
              .by = by,
              .normalize = by == SplitBy::kShow ? Normalize::kWords : Normalize::kDocs,
              .smooth = interval == Interval::kWeek ? 3u : 1u,
              .from = from,
              .to = to,
              .top = 2};
          auto fast = compute_timeline(**s_snap, request);
          auto ref = compute_timeline_reference(**s_snap, request);
          ASSERT_TRUE(fast && ref) << q;
          const auto label = q + " " + std::string(interval_name(interval)) + " by " +
                             std::string(split_name(by)) + " " + from + ".." + to;
          ASSERT_EQ(to_json(*fast).dump(), to_json(*ref).dump()) << label;
          ++compared;
          for (const auto& b : fast->buckets) nonempty += b.count > 0 ? 1 : 0;
        }
  // Several queries on one timeline, too.
  const TimelineRequest several{.queries = {"zebra", "\"red panda\"", "weather show:WNT"},
                                .interval = Interval::kMonth,
                                .smooth = 2};
  EXPECT_EQ(to_json(*compute_timeline(**s_snap, several)).dump(),
            to_json(*compute_timeline_reference(**s_snap, several)).dump());
  EXPECT_EQ(compared, queries.size() * 4 * 3 * ranges.size());
  EXPECT_GT(nonempty, 1000u);
}

// show:NIGHT* names the one show that starts with it, so both paths count what show:NIGHTLINE
// counts; show:N* and show:W* together count what -show:GMA counts.
TEST_F(TimelinePaths, ShowPrefixCountsTheShowsItNames) {
  auto counts = [&](const std::string& q) {
    const TimelineRequest request{.queries = {q}, .interval = Interval::kMonth};
    auto fast = compute_timeline(**s_snap, request);
    auto ref = compute_timeline_reference(**s_snap, request);
    EXPECT_TRUE(fast && ref) << q;
    std::vector<std::pair<uint64_t, uint64_t>> out, out_ref;
    if (!fast || !ref) return out;
    for (const auto& b : fast->buckets) out.emplace_back(b.count, b.mentions);
    for (const auto& b : ref->buckets) out_ref.emplace_back(b.count, b.mentions);
    EXPECT_EQ(out, out_ref) << q;
    return out;
  };
  const auto whole = counts("zebra show:NIGHTLINE");
  uint64_t total = 0;
  for (const auto& [docs, mentions] : whole) total += docs;
  EXPECT_GT(total, 0u);
  EXPECT_EQ(counts("zebra show:NIGHT*"), whole);
  EXPECT_EQ(counts("zebra show:\"nightline\"*"), whole);
  EXPECT_EQ(counts("zebra (show:N* OR show:W*)"), counts("zebra -show:GMA"));
  // A prefix that is longer than every value names no show.
  for (const auto& [docs, mentions] : counts("zebra show:NIGHTLINES*")) EXPECT_EQ(docs, 0u);
}

// Known answers from the generator's record: documents and mentions of "zebra" per month (the
// term path) and of "red panda" (the phrase, general path), live versions only.
TEST_F(TimelinePaths, KnownAnswers) {
  std::map<int32_t, std::pair<uint64_t, uint64_t>> zebra, panda;
  uint64_t zebra_undated = 0;
  for (size_t i = 0; i < s_docs->size(); ++i) {
    const auto& d = (*s_docs)[i];
    const bool replaced = i < 400 && i >= 4 && (i - 4) % 9 == 0;
    const uint64_t z = d.zebra + (replaced ? 2 : 0);
    if (i % 25 == 0) {
      zebra_undated += z > 0 ? 1 : 0;
      continue;
    }
    const int32_t month = bucket_start(d.day, Interval::kMonth);
    if (z > 0) {
      zebra[month].first += 1;
      zebra[month].second += z;
    }
    if (d.red_panda > 0) {
      panda[month].first += 1;
      panda[month].second += d.red_panda;
    }
  }
  for (const auto& [query, expect] :
       {std::pair{std::string("zebra"), zebra}, std::pair{std::string("\"red panda\""), panda}}) {
    auto t = compute_timeline(**s_snap, {.queries = {query}});
    ASSERT_TRUE(t);
    std::map<int32_t, std::pair<uint64_t, uint64_t>> got;
    for (const auto& b : t->buckets)
      if (b.count > 0) got[b.start] = {b.count, b.mentions};
    EXPECT_EQ(got, expect) << query;
    if (query == "zebra") {
      EXPECT_EQ(t->undated, zebra_undated);
    }
  }
}

// word~N, sounds:word and robust:"..." count mentions through their expanded alternatives: on this
// noise-free archive (no filler word within one edit or a sound of "zebra"), exactly what the
// word or the exact phrase counts, bucket by bucket.
TEST_F(TimelinePaths, ExpandedClausesCountMentions) {
  auto mentions = [&](const std::string& q) {
    auto t = compute_timeline(**s_snap, {.queries = {q}, .interval = Interval::kMonth});
    EXPECT_TRUE(t) << q;
    std::map<int32_t, std::pair<uint64_t, uint64_t>> out;
    if (t)
      for (const auto& b : t->buckets) out[b.start] = {b.count, b.mentions};
    return out;
  };
  const auto zebra = mentions("zebra");
  const auto panda = mentions("\"red panda\"");
  uint64_t total = 0;
  for (const auto& [start, c] : zebra) total += c.second;
  ASSERT_GT(total, 100u);
  EXPECT_EQ(mentions("zebr~1"), zebra);
  EXPECT_EQ(mentions("zebra~1"), zebra);
  EXPECT_EQ(mentions("zebr*"), zebra);
  EXPECT_EQ(mentions("sounds:zebra"), zebra);
  EXPECT_EQ(mentions("robust:zebra"), zebra);
  EXPECT_EQ(mentions("robust:\"red panda\""), panda);
  EXPECT_EQ(mentions("sounds:\"red panda\""), panda);
}

}  // namespace
}  // namespace newsdex::analytics
