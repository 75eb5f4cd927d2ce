#include "newsdex/doc/readers/page_reader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "test_support.hpp"

namespace newsdex::doc {
namespace {

using testing::CollectingSink;
using testing::read_fixture;
using testing::read_text;
using testing::slice;

// What distinguishes one text of the seed's shape from another: both the committed fixture
// (written for Newsdex) and the original in /work/shared/seed (never committed) have one record
// dated 2018-03-21, four "Reporter:" turns, and a body ending in the anchor's sign-off.
struct SeedText {
  std::string_view title;
  std::string_view body_start;
  std::string_view first_turn_start;
};

// The committed fixture, tests/data/readers/seed-abc-2018-03-21.txt (a copy of the sample seed).
constexpr SeedText kOurSeed = {"Trump defends Putin call as leak angers White House",
                               "Good evening. We begin tonight with president trump",
                               "Reporter: No apology tonight for his conversation"};
// The original seed in /work/shared/seed, read where present and not redistributed.
constexpr SeedText kSharedSeed = {
    "Trump fights back against backlash over Putin congratulatory call",
    "Next this evening, president trump", "Reporter: Facing backlash over his phone call"};

void expect_seed(const CollectingSink& sink, const std::string& path, const SeedText& want) {
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_TRUE(sink.errors.empty());
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.date, "2018-03-21");
  EXPECT_EQ(t.title, want.title);
  EXPECT_EQ(t.source, "");  // not assumed: comes from flags or a sidecar
  EXPECT_EQ(t.origin, path + ":1");
  EXPECT_EQ(t.id.size(), 16u);
  EXPECT_TRUE(t.body.starts_with(want.body_start)) << t.body.substr(0, 80);
  EXPECT_TRUE(t.body.ends_with("Cecilia Vega, thank you."));
  ASSERT_EQ(t.turns.size(), 4u);
  ASSERT_EQ(t.markup.size(), 4u);
  for (size_t i = 0; i < t.turns.size(); ++i) {
    EXPECT_EQ(t.turns[i].role, Role::kReporter);
    EXPECT_EQ(t.turns[i].label, "Reporter:");
    EXPECT_EQ(slice(t, t.turns[i].start, t.turns[i].start + 9), "Reporter:");
    EXPECT_EQ(t.markup[i].kind, Markup::Kind::kSpeakerLabel);
    EXPECT_EQ(slice(t, t.markup[i].start, t.markup[i].end), "Reporter:");
    if (i > 0) {
      EXPECT_LE(t.turns[i - 1].end, t.turns[i].start);
    }
  }
  EXPECT_TRUE(slice(t, t.turns[0].start, t.turns[0].end).starts_with(want.first_turn_start));
  EXPECT_EQ(t.turns.back().end, t.body.size());
}

TEST(PageReader, ReadsSeedCopy) {
  expect_seed(read_fixture("seed-abc-2018-03-21.txt"), testing::fixture("seed-abc-2018-03-21.txt"),
              kOurSeed);
}

TEST(PageReader, ReadsSharedSeed) {
  // Beside the repository (/work/main -> /work/shared), or where NEWSDEX_SHARED_DIR says (a
  // worktree elsewhere).
  const char* shared = std::getenv("NEWSDEX_SHARED_DIR");
  const std::string path =
      (shared != nullptr && *shared != '\0' ? std::string(shared)
                                            : std::string(NEWSDEX_SOURCE_DIR) + "/../shared") +
      "/seed/abc-2018-03-21-putin-call.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared seed not present: " << path;
  CollectingSink sink;
  ASSERT_TRUE(read_path(path, {}, sink).has_value());
  expect_seed(sink, path, kSharedSeed);
  // The committed copy is ours, not the original: same shape, different text.
  const auto ours = read_fixture("seed-abc-2018-03-21.txt");
  ASSERT_EQ(ours.docs.size(), 1u);
  EXPECT_NE(ours.docs[0].body, sink.docs.at(0).body);
  EXPECT_NE(ours.docs[0].title, sink.docs.at(0).title);
}

TEST(PageReader, StripsClutterAndRepairsSwappedDate) {
  auto sink = read_fixture("page-clutter.txt", Format::kAuto, testing::defaults("ABC"));
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_TRUE(sink.errors.empty());
  const Transcript& first = sink.docs[0];
  EXPECT_EQ(first.date, "2018-03-12");
  EXPECT_EQ(first.source, "ABC");
  EXPECT_EQ(first.title, "Storm closes schools across the valley");
  EXPECT_EQ(first.body,
            "Good evening. A late-season storm shut schools across the valley today. Here's our "
            "correspondent Dana Holt. Reporter: The snow started before dawn.\n\nCrews worked "
            "through the night. Reporter: Officials expect the roads to reopen tomorrow.");
  ASSERT_EQ(sink.notes.size(), 1u);
  EXPECT_EQ(sink.notes[0].error.message,
            "header date 2018-12-03 disagrees with page date 03/12/18; using 2018-03-12");
  EXPECT_EQ(sink.notes[0].error.where.line, 5u);
  ASSERT_EQ(first.turns.size(), 2u);
  EXPECT_EQ(slice(first, first.turns[0].start, first.turns[0].end),
            "Reporter: The snow started before dawn.\n\nCrews worked through the night.");

  const Transcript& second = sink.docs[1];
  EXPECT_EQ(second.date, "2018-03-22");
  EXPECT_EQ(second.body, "The council postponed its bridge vote for a third time.");
  EXPECT_EQ(second.origin, testing::fixture("page-clutter.txt") + ":10");
  EXPECT_TRUE(second.turns.empty());
}

TEST(PageReader, KeepsHeaderDateWhenPageDateIsNotASwap) {
  auto sink =
      read_text(Format::kPage, "date 2018-03-21 Transcript for T\n\n2:00 | 03/25/18\nText.\n");
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].date, "2018-03-21");
  ASSERT_EQ(sink.notes.size(), 1u);
  EXPECT_NE(sink.notes[0].error.message.find("keeping 2018-03-21"), std::string::npos);
}

TEST(PageReader, SkipsRecordWithInvalidDateButKeepsNeighbours) {
  auto sink = read_fixture("page-bad-date.txt");
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[0].title, "First story");
  EXPECT_EQ(sink.docs[0].body, "The first story is fine.");
  EXPECT_EQ(sink.docs[1].title, "Third story");
  EXPECT_EQ(sink.docs[1].body, "The third story is fine too.");
  ASSERT_EQ(sink.errors.size(), 1u);
  const auto& e = sink.errors[0].error;
  EXPECT_EQ(e.code, core::ErrorCode::kParse);
  EXPECT_EQ(e.where.line, 5u);
  EXPECT_EQ(e.where.column, 6u);
  EXPECT_NE(e.message.find("expected a date YYYY-MM-DD"), std::string::npos);
}

TEST(PageReader, ReportsTextBeforeFirstHeaderOnce) {
  auto sink = read_text(Format::kPage,
                        "stray line\nanother\n\ndate 2018-03-21 Transcript for T\n\nBody.\n");
  ASSERT_EQ(sink.docs.size(), 1u);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].error.where.line, 1u);
  EXPECT_EQ(sink.errors[0].error.where.column, 1u);
}

TEST(PageReader, HeaderMatcher) {
  auto h = readers::match_page_header("  date 2018-03-21 Transcript for A title");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->date_text, "2018-03-21");
  EXPECT_EQ(h->date_column, 8u);
  EXPECT_EQ(h->title, "A title");
  EXPECT_FALSE(readers::match_page_header("update 2018-03-21 Transcript for A").has_value());
  EXPECT_FALSE(readers::match_page_header("date 2018-03-21 Story").has_value());
}

}  // namespace
}  // namespace newsdex::doc
