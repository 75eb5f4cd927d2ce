#include <gtest/gtest.h>

#include "test_support.hpp"

namespace newsdex::doc {
namespace {

using testing::fixture;
using testing::read_fixture;

TEST(DetectFormat, ByContent) {
  EXPECT_EQ(detect_format("a.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n"), Format::kVtt);
  EXPECT_EQ(detect_format("a.txt", "\xEF\xBB\xBFWEBVTT\n"), Format::kVtt);
  EXPECT_EQ(detect_format("a.txt", "\n1\n00:00:01,000 --> 00:00:02,000\nHi\n"), Format::kSrt);
  EXPECT_EQ(detect_format("a.txt", " date 2018-03-21 Transcript for X\n\nBody\n"), Format::kPage);
  EXPECT_EQ(detect_format("a.txt", "{\"body\": \"x\"}\n"), Format::kJsonl);
  EXPECT_EQ(detect_format("a.txt", "CNN\nAired March 21, 2018 - 17:00   ET\n"), Format::kCable);
  EXPECT_EQ(detect_format("a.txt", "THIS IS A RUSH TRANSCRIPT.\n"), Format::kCable);
  EXPECT_EQ(detect_format("a.txt", "JAKE TAPPER, CNN ANCHOR: Hello.\n"), Format::kCable);
  EXPECT_EQ(detect_format("a.txt", "Speaker 1: (00:00)\nHello.\n"), Format::kCable);
  EXPECT_EQ(detect_format("a.txt", "HOST: Hi.\nGUEST: Hello.\nHOST: Bye.\n"), Format::kCable);
  EXPECT_EQ(detect_format("a.txt", "Four score and seven years ago.\n"), Format::kPlain);
}

TEST(DetectFormat, ByExtensionWhenContentIsUnclear) {
  EXPECT_EQ(detect_format("feed.jsonl", ""), Format::kJsonl);
  EXPECT_EQ(detect_format("feed.NDJSON", "\n"), Format::kJsonl);
  EXPECT_EQ(detect_format("clip.vtt", "garbage"), Format::kVtt);
  EXPECT_EQ(detect_format("clip.srt", "garbage"), Format::kSrt);
}

TEST(DetectFormat, ArchiveDialogueWithDatedNameIsPlain) {
  const std::string head =
      "President: X\n\nTHE PRESIDENT: Hi.\n\nQ: Sir?\n\nTHE PRESIDENT: Yes.\n\n"
      "SECRETARY DOE: Indeed.\n";
  EXPECT_EQ(detect_format("2020-08-08-press-conference", head), Format::kPlain);
  EXPECT_EQ(detect_format("briefing.txt", head), Format::kCable);
}

TEST(DetectFormat, FixturesAreRecognised) {
  EXPECT_EQ(detect_format(fixture("cable-cnn.txt"),
                          "THE EVENING DESK WITH JANE MORROW\n"
                          "Aired March 21, 2018 - 17:00   ET\n"),
            Format::kCable);
  EXPECT_EQ(detect_format("1966-12-31-press-conference.txt",
                          "President: Lyndon B. Johnson\n\nTHE PRESIDENT. Good morning.\n"),
            Format::kPlain);
}

TEST(FormatNames, RoundTrip) {
  for (Format f : {Format::kAuto, Format::kPage, Format::kJsonl, Format::kVtt, Format::kSrt,
                   Format::kCable, Format::kPlain}) {
    EXPECT_EQ(format_from_name(format_name(f)), f);
    if (f != Format::kAuto) {
      ASSERT_NE(make_reader(f), nullptr);
      EXPECT_EQ(make_reader(f)->format(), f);
    }
  }
  EXPECT_FALSE(format_from_name("pdf").has_value());
  EXPECT_EQ(make_reader(Format::kAuto), nullptr);
}

TEST(ReadPath, SidecarOverridesDefaults) {
  auto sink =
      read_fixture("sidecar-page.txt", Format::kAuto, testing::defaults("FLAG", "Flag Show"));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_TRUE(sink.errors.empty());
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.source, "ABC");
  EXPECT_EQ(t.show, "World News Tonight");
  EXPECT_EQ(t.url, "https://example.org/wnt");
  EXPECT_EQ(t.meta.at("market"), "national");
  EXPECT_EQ(t.title, "Sidecar story");
}

TEST(ReadPath, MalformedSidecarIsReportedAndDefaultsUsed) {
  testing::CollectingSink sink;
  auto summary =
      read_path(fixture("bad-sidecar.txt"), testing::options(Format::kAuto, "FLAG"), sink);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->documents, 1u);
  EXPECT_EQ(summary->errors, 1u);
  EXPECT_EQ(summary->notes, 0u);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0].error.where.file, fixture("bad-sidecar.txt.meta.json"));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].source, "FLAG");
}

TEST(ReadPath, SummaryCountsAndForcedFormat) {
  testing::CollectingSink sink;
  auto summary = read_path(fixture("page-clutter.txt"), {}, sink);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->documents, 2u);
  EXPECT_EQ(summary->notes, 1u);
  testing::CollectingSink forced;
  auto plain = read_path(fixture("page-clutter.txt"), testing::options(Format::kPlain), forced);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->documents, 1u);
}

TEST(ReadPath, MissingFileIsAnIoError) {
  testing::CollectingSink sink;
  auto summary = read_path(fixture("no-such-file.txt"), {}, sink);
  ASSERT_FALSE(summary.has_value());
  EXPECT_EQ(summary.error().code, core::ErrorCode::kIo);
  EXPECT_EQ(summary.error().where.file, fixture("no-such-file.txt"));
}

}  // namespace
}  // namespace newsdex::doc
