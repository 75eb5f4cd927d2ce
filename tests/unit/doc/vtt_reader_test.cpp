#include <gtest/gtest.h>

#include "newsdex/doc/readers/caption_builder.hpp"
#include "test_support.hpp"

namespace newsdex::doc {
namespace {

using testing::read_fixture;
using testing::read_text;
using testing::slice;

TEST(VttReader, BuildsBodyTurnsAndCues) {
  auto sink = read_fixture("captions.vtt", Format::kAuto, testing::defaults("WXYZ"));
  ASSERT_EQ(sink.docs.size(), 1u);
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.body,
            "Good evening, I'm Dana Holt. Tonight: storms & floods.\n"
            "THANKS, DANA. THE RIVER ROSE OVERNIGHT.\n"
            "Water reached <the> bridge.");
  EXPECT_EQ(t.source, "WXYZ");
  EXPECT_EQ(t.language, "en");
  EXPECT_EQ(t.origin, testing::fixture("captions.vtt") + ":1");

  ASSERT_EQ(t.turns.size(), 3u);
  EXPECT_EQ(t.turns[0].speaker, "Dana Holt");
  EXPECT_EQ(t.turns[0].label, "<v Dana Holt>");
  EXPECT_EQ(t.turns[0].time_ms, 1000);
  EXPECT_EQ(slice(t, t.turns[0].start, t.turns[0].end),
            "Good evening, I'm Dana Holt. Tonight: storms & floods.");
  EXPECT_EQ(t.turns[1].speaker, "");
  EXPECT_EQ(t.turns[1].label, ">>");
  EXPECT_EQ(slice(t, t.turns[1].start, t.turns[1].end), "THANKS, DANA. THE RIVER ROSE OVERNIGHT.");
  EXPECT_EQ(t.turns[2].speaker, "Sam Ortiz");
  EXPECT_EQ(t.turns[2].time_ms, 10000);

  ASSERT_EQ(t.cues.size(), 4u);
  EXPECT_EQ(slice(t, t.cues[0].start, t.cues[0].end), "Good evening, I'm Dana Holt.");
  EXPECT_EQ(t.cues[0].start_ms, 1000);
  EXPECT_EQ(t.cues[0].end_ms, 3500);
  EXPECT_EQ(slice(t, t.cues[1].start, t.cues[1].end), "Tonight: storms & floods.");
  EXPECT_EQ(slice(t, t.cues[2].start, t.cues[2].end), "THANKS, DANA. THE RIVER ROSE OVERNIGHT.");
  EXPECT_EQ(t.cues[2].start_ms, 6000);
  EXPECT_EQ(t.cues[2].end_ms, 8250);
  EXPECT_EQ(slice(t, t.cues[3].start, t.cues[3].end), "Water reached <the> bridge.");

  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].error.where.line, 23u);
  EXPECT_EQ(sink.errors[0].error.where.column, 1u);
  EXPECT_NE(sink.errors[0].error.message.find("cue timing"), std::string::npos);
}

TEST(VttReader, ReportsMissingHeaderAndBadEndTime) {
  auto sink = read_text(Format::kVtt,
                        "00:01.000 --> 00:02.000\nHello there.\n\n"
                        "00:02.000 --> 00:0x.000\nLost cue.\n\n"
                        "00:03.000 --> 00:04.000\nStill here.\n");
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].body, "Hello there. Still here.");
  ASSERT_EQ(sink.errors.size(), 2u);
  EXPECT_EQ(sink.errors[0].error.where.line, 1u);
  EXPECT_NE(sink.errors[0].error.message.find("WEBVTT"), std::string::npos);
  EXPECT_EQ(sink.errors[1].error.where.line, 4u);
  EXPECT_EQ(sink.errors[1].error.where.column, 15u);
}

TEST(VttReader, EmptyFileIsAnError) {
  auto sink = read_text(Format::kVtt, "WEBVTT\n");
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.errors.size(), 1u);
}

TEST(CaptionTime, ParsesBothForms) {
  using readers::parse_caption_time;
  EXPECT_EQ(parse_caption_time("00:00:01.000"), 1000);
  EXPECT_EQ(parse_caption_time("01:02:03,456"), 3723456);
  EXPECT_EQ(parse_caption_time("02:03.456"), 123456);
  EXPECT_EQ(parse_caption_time("100:00:00.000"), 360000000);
  EXPECT_FALSE(parse_caption_time("1:2:3.000").has_value());
  EXPECT_FALSE(parse_caption_time("00:61.000").has_value());
  EXPECT_FALSE(parse_caption_time("00:01.00").has_value());
  EXPECT_FALSE(parse_caption_time("00:01").has_value());
}

}  // namespace
}  // namespace newsdex::doc
