#include <gtest/gtest.h>

#include "test_support.hpp"

namespace newsdex::doc {
namespace {

using testing::read_fixture;
using testing::slice;

TEST(SrtReader, BuildsBodyTurnsAndCuesAndSkipsBadBlocks) {
  auto sink = read_fixture("captions.srt");
  ASSERT_EQ(sink.docs.size(), 1u);
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.body,
            "Good evening. We begin with the storm.\n"
            "THE RIVER ROSE OVERNIGHT.\n"
            "Is the bridge open?\n"
            "Not yet.");
  ASSERT_EQ(t.cues.size(), 3u);
  EXPECT_EQ(slice(t, t.cues[0].start, t.cues[0].end), "Good evening. We begin with the storm.");
  EXPECT_EQ(t.cues[1].start_ms, 3000);
  EXPECT_EQ(t.cues[1].end_ms, 5500);
  EXPECT_EQ(slice(t, t.cues[2].start, t.cues[2].end), "Is the bridge open?\nNot yet.");

  ASSERT_EQ(t.turns.size(), 3u);
  EXPECT_EQ(t.turns[0].label, ">>");
  EXPECT_EQ(slice(t, t.turns[0].start, t.turns[0].end), "THE RIVER ROSE OVERNIGHT.");
  EXPECT_EQ(t.turns[1].label, "-");
  EXPECT_EQ(slice(t, t.turns[1].start, t.turns[1].end), "Is the bridge open?");
  EXPECT_EQ(slice(t, t.turns[2].start, t.turns[2].end), "Not yet.");
  EXPECT_EQ(t.turns[2].time_ms, 8000);

  ASSERT_EQ(sink.errors.size(), 2u);
  EXPECT_EQ(sink.errors[0].error.where.line, 12u);
  EXPECT_EQ(sink.errors[0].error.where.column, 18u);
  EXPECT_EQ(sink.errors[1].error.where.line, 15u);
  EXPECT_EQ(sink.errors[1].error.where.column, 1u);
  EXPECT_EQ(sink.errors[1].error.message, "expected a cue number");
}

}  // namespace
}  // namespace newsdex::doc
