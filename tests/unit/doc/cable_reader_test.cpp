#include "newsdex/doc/readers/cable_reader.hpp"

#include <gtest/gtest.h>

#include "newsdex/core/date.hpp"
#include "newsdex/doc/readers/eastern_time.hpp"
#include "newsdex/doc/readers/speaker_label.hpp"
#include "test_support.hpp"

namespace newsdex::doc {
namespace {

using testing::markup_well_formed;
using testing::read_fixture;
using testing::read_text;
using testing::slice;

std::vector<std::string_view> markup_texts(const Transcript& t, Markup::Kind kind) {
  std::vector<std::string_view> out;
  for (const Markup& m : t.markup)
    if (m.kind == kind) out.push_back(slice(t, m.start, m.end));
  return out;
}

TEST(CableReader, ReadsCnnStyleTranscript) {
  auto sink = read_fixture("cable-cnn.txt", Format::kAuto, testing::defaults("CNN"));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_TRUE(sink.errors.empty());
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.source, "CNN");
  EXPECT_EQ(t.show, "THE EVENING DESK WITH JANE MORROW");
  EXPECT_EQ(t.title, "Storm Hits Valley; Bridge Vote Delayed. Aired 5-6p ET");
  EXPECT_EQ(t.date, "2018-03-21");
  EXPECT_EQ(t.time, "21:00");  // 17:00 EDT
  EXPECT_EQ(t.meta.at("aired"), "2018-03-21 17:00 ET");
  EXPECT_TRUE(t.body.starts_with("[17:00:05] JANE MORROW, CNN ANCHOR: Good evening."));
  EXPECT_EQ(t.body.find("RUSH"), std::string::npos);
  EXPECT_TRUE(t.body.ends_with("(LAUGHTER)"));

  ASSERT_EQ(t.turns.size(), 6u);
  const std::vector<std::pair<std::string, Role>> expected = {
      {"JANE MORROW", Role::kAnchor}, {"", Role::kUnknown},
      {"JANE MORROW", Role::kAnchor}, {"PETE ALVAREZ", Role::kReporter},
      {"JANE MORROW", Role::kAnchor}, {"SEN. RUTH KLINE", Role::kGuest}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(t.turns[i].speaker, expected[i].first) << i;
    EXPECT_EQ(t.turns[i].role, expected[i].second) << i;
  }
  EXPECT_EQ(t.turns[2].label, "MORROW:");
  EXPECT_EQ(slice(t, t.turns[2].start, t.turns[2].end),
            "MORROW: Our correspondent has more. He said: the water is still rising.");
  EXPECT_EQ(slice(t, t.turns[1].start, t.turns[1].end),
            "UNIDENTIFIED MALE: It came up so fast.\n\n(END VIDEO CLIP)");

  EXPECT_TRUE(markup_well_formed(t));
  EXPECT_EQ(markup_texts(t, Markup::Kind::kSpeakerLabel),
            (std::vector<std::string_view>{
                "JANE MORROW, CNN ANCHOR:", "UNIDENTIFIED MALE:", "MORROW:",
                "PETE ALVAREZ, CNN CORRESPONDENT:", "MORROW:", "SEN. RUTH KLINE (D), OREGON:"}));
  EXPECT_EQ(markup_texts(t, Markup::Kind::kDirection),
            (std::vector<std::string_view>{"(BEGIN VIDEO CLIP)", "(END VIDEO CLIP)", "(CROSSTALK)",
                                           "(LAUGHTER)"}));
  EXPECT_EQ(markup_texts(t, Markup::Kind::kTimestamp),
            (std::vector<std::string_view>{"[17:00:05]"}));
}

TEST(CableReader, ReadsNprStyleTranscript) {
  auto sink = read_fixture("cable-npr.txt", Format::kCable);
  ASSERT_EQ(sink.docs.size(), 1u);
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.show, "Weekend Morning");
  EXPECT_EQ(t.source, "NPR");
  EXPECT_EQ(t.date, "2018-03-24");
  EXPECT_EQ(t.time, "");
  EXPECT_TRUE(t.body.starts_with("SCOTT SIMON, HOST:\n\nThe valley"));
  ASSERT_EQ(t.turns.size(), 4u);
  EXPECT_EQ(t.turns[0].speaker, "SCOTT SIMON");
  EXPECT_EQ(t.turns[0].role, Role::kHost);
  EXPECT_EQ(t.turns[1].speaker, "SCOTT SIMON");
  EXPECT_EQ(t.turns[1].label, "SIMON:");
  EXPECT_EQ(t.turns[2].speaker, "NORA PIKE");
  EXPECT_EQ(t.turns[2].role, Role::kReporter);
  EXPECT_EQ(t.turns[3].speaker, "");
  EXPECT_EQ(t.turns[3].role, Role::kHost);
  EXPECT_EQ(slice(t, t.turns[3].start, t.turns[3].end), "host: Thanks, Nora.");
  EXPECT_EQ(markup_texts(t, Markup::Kind::kDirection),
            (std::vector<std::string_view>{"(SOUNDBITE OF ARCHIVED BROADCAST)"}));
  EXPECT_TRUE(markup_well_formed(t));
}

TEST(CableReader, ReadsTimedSpeakerLabels) {
  auto sink = read_fixture("cable-rev.txt");
  ASSERT_EQ(sink.docs.size(), 1u);
  const Transcript& t = sink.docs[0];
  ASSERT_EQ(t.turns.size(), 3u);
  EXPECT_EQ(t.turns[0].speaker, "Speaker 1");
  EXPECT_EQ(t.turns[0].time_ms, 0);
  EXPECT_EQ(t.turns[1].time_ms, 65000);
  EXPECT_EQ(t.turns[2].speaker, "Dana Holt");
  EXPECT_EQ(t.turns[2].time_ms, 3723000);
  EXPECT_EQ(markup_texts(t, Markup::Kind::kSpeakerLabel),
            (std::vector<std::string_view>{"Speaker 1: (00:00)", "Speaker 2: (01:05)",
                                           "Dana Holt: (1:02:03)"}));
}

TEST(CableReader, OrdinaryColonsAreNotLabels) {
  using readers::match_speaker_label;
  EXPECT_FALSE(match_speaker_label("He said: no").has_value());
  EXPECT_FALSE(match_speaker_label("The score: 3 to 1").has_value());
  EXPECT_FALSE(match_speaker_label("At 10:30 the bridge closed").has_value());
  EXPECT_FALSE(match_speaker_label("Donald Trump: hello").has_value());
  EXPECT_TRUE(match_speaker_label("TAPPER (voice-over): The storm.").has_value());
  EXPECT_EQ(match_speaker_label("TAPPER (voice-over): The storm.")->name, "TAPPER");
  EXPECT_TRUE(match_speaker_label("SEN. JOHN McCAIN (R), ARIZONA: No.").has_value());
  EXPECT_TRUE(match_speaker_label("guest: I agree.").has_value());

  auto sink = read_text(Format::kCable, "ANNA LEE, HOST: Hi.\nShe wrote: come home.\nLEE: Bye.\n");
  ASSERT_EQ(sink.docs.size(), 1u);
  ASSERT_EQ(sink.docs[0].turns.size(), 2u);
  EXPECT_EQ(sink.docs[0].turns[1].speaker, "ANNA LEE");
}

TEST(CableReader, BadAiredLineIsANoteAndEmptyFileAnError) {
  auto sink = read_text(Format::kCable, "Aired sometime - 25:00 ET\n\nHOST: Hello.\n");
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].date, "");
  ASSERT_EQ(sink.notes.size(), 1u);
  EXPECT_EQ(sink.notes[0].error.where.line, 1u);
  auto empty = read_text(Format::kCable, "\n\n");
  EXPECT_TRUE(empty.docs.empty());
  EXPECT_EQ(empty.errors.size(), 1u);
}

TEST(EasternTime, AppliesUsDaylightSavingRules) {
  using readers::DayTime;
  using readers::eastern_to_utc;
  auto utc = [](int y, int m, int d, int h, int min) {
    const DayTime r = eastern_to_utc({core::days_from_ymd(y, m, d), h * 3600 + min * 60});
    return core::format_iso_date(r.days) + " " + std::to_string(r.seconds / 3600) + ":" +
           std::to_string(r.seconds / 60 % 60);
  };
  EXPECT_EQ(utc(2018, 3, 21, 17, 0), "2018-03-21 21:0");
  EXPECT_EQ(utc(2018, 3, 21, 22, 30), "2018-03-22 2:30");
  EXPECT_EQ(utc(2018, 1, 15, 17, 0), "2018-01-15 22:0");
  EXPECT_EQ(utc(2018, 3, 11, 1, 30), "2018-03-11 6:30");  // before spring-forward
  EXPECT_EQ(utc(2018, 3, 11, 3, 0), "2018-03-11 7:0");    // after
  EXPECT_EQ(utc(2018, 11, 4, 1, 30), "2018-11-04 5:30");  // still daylight
  EXPECT_EQ(utc(2018, 11, 4, 2, 30), "2018-11-04 7:30");  // standard again
  EXPECT_EQ(utc(2005, 4, 3, 12, 0), "2005-04-03 16:0");   // 1987-2006 rule
  EXPECT_EQ(utc(2005, 3, 20, 12, 0), "2005-03-20 17:0");
}

TEST(EasternTime, ParsesAiredLines) {
  auto aired = readers::parse_aired_line("Aired March 4, 2018 - 9:00   ET");
  ASSERT_TRUE(aired.has_value());
  EXPECT_EQ(aired->date, "2018-03-04");
  EXPECT_EQ(aired->time, "14:00");
  EXPECT_FALSE(readers::parse_aired_line("Aired 4-5p ET").has_value());
  EXPECT_EQ(readers::parse_month_day_year("Feb. 29, 2020"), core::days_from_ymd(2020, 2, 29));
  EXPECT_FALSE(readers::parse_month_day_year("Feb 30, 2020").has_value());
}

}  // namespace
}  // namespace newsdex::doc
