#include "newsdex/doc/readers/jsonl_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace newsdex::doc {
namespace {

using testing::read_fixture;
using testing::read_text;
using testing::slice;

TEST(JsonlReader, DeliversGoodLinesAndReportsBadOnes) {
  auto sink =
      read_fixture("jsonl-mixed.jsonl", Format::kAuto, testing::defaults("", "Default Show"));
  ASSERT_EQ(sink.docs.size(), 3u);

  const Transcript& first = sink.docs[0];
  EXPECT_EQ(first.id, "wnt-1");  // an explicit id is kept
  EXPECT_EQ(first.source, "ABC");
  EXPECT_EQ(first.show, "WNT");
  EXPECT_EQ(first.date, "2018-03-21");
  EXPECT_EQ(first.title, "Putin call");
  EXPECT_EQ(first.body, "The president called.");
  EXPECT_EQ(first.language, "en");
  EXPECT_EQ(first.meta.at("segment"), "A1");
  ASSERT_EQ(first.turns.size(), 1u);
  EXPECT_EQ(slice(first, first.turns[0].start, first.turns[0].end), "president");
  EXPECT_EQ(first.turns[0].role, Role::kAnchor);
  EXPECT_EQ(first.turns[0].speaker, "Anchor");
  EXPECT_EQ(first.origin, testing::fixture("jsonl-mixed.jsonl") + ":1");

  const Transcript& late = sink.docs[1];
  EXPECT_EQ(late.date, "2018-03-22");  // 23:30 at UTC-4 is 03:30 UTC the next day
  EXPECT_EQ(late.time, "03:30");
  EXPECT_EQ(late.show, "Default Show");
  EXPECT_EQ(late.id.size(), 16u);
  EXPECT_TRUE(late.meta.empty());  // unknown fields are ignored

  EXPECT_EQ(sink.docs[2].body, "Last good line.");
  EXPECT_EQ(sink.docs[2].time, "18:30");
  EXPECT_EQ(sink.docs[2].origin, testing::fixture("jsonl-mixed.jsonl") + ":8");

  ASSERT_EQ(sink.errors.size(), 4u);
  const auto& syntax = sink.errors[0].error;
  EXPECT_EQ(syntax.where.line, 2u);
  EXPECT_EQ(syntax.where.column, 25u);
  EXPECT_NE(syntax.message.find("expected a JSON object"), std::string::npos);
  EXPECT_EQ(sink.errors[1].error.where.line, 4u);
  EXPECT_EQ(sink.errors[1].error.message, "expected \"body\" as a string");
  EXPECT_EQ(sink.errors[2].error.where.line, 6u);
  EXPECT_EQ(sink.errors[2].error.where.column, 2u);  // the "date" key
  EXPECT_NE(sink.errors[2].error.message.find("21/03/2018"), std::string::npos);
  EXPECT_EQ(sink.errors[3].error.where.line, 7u);
  EXPECT_EQ(sink.errors[3].error.where.column, 1u);
}

TEST(JsonlReader, RejectsWrongTypesAndTurnsOutsideBody) {
  auto sink = read_text(Format::kJsonl,
                        "{\"body\": 5}\n"
                        "{\"body\": \"x\", \"title\": 3}\n"
                        "{\"body\": \"abc\", \"turns\": [{\"start\": 1, \"end\": 9}]}\n"
                        "{\"body\": \"abc\", \"meta\": [1]}\n"
                        "{\"body\": \"ok\", \"meta\": {\"n\": 3}}\n");
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].meta.at("n"), "3");
  ASSERT_EQ(sink.errors.size(), 4u);
  EXPECT_EQ(sink.errors[0].error.where.column, 2u);
  EXPECT_EQ(sink.errors[1].error.where.column, 15u);
  EXPECT_EQ(sink.errors[1].error.message, "expected a string for \"title\"");
  EXPECT_EQ(sink.errors[2].error.where.line, 3u);
  EXPECT_EQ(sink.errors[3].error.where.line, 4u);
}

TEST(JsonlReader, ParsesIsoDateTimes) {
  using readers::parse_iso_datetime;
  auto z = parse_iso_datetime("2018-03-21T23:00:00Z");
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(z->date, "2018-03-21");
  EXPECT_EQ(z->time, "23:00");
  auto secs = parse_iso_datetime("2018-03-21T23:00:15.250Z");
  ASSERT_TRUE(secs.has_value());
  EXPECT_EQ(secs->time, "23:00:15");
  auto east = parse_iso_datetime("2018-01-01T02:00+05:00");
  ASSERT_TRUE(east.has_value());
  EXPECT_EQ(east->date, "2017-12-31");
  EXPECT_EQ(east->time, "21:00");
  auto date_only = parse_iso_datetime("2018-03-21");
  ASSERT_TRUE(date_only.has_value());
  EXPECT_EQ(date_only->time, "");
  EXPECT_FALSE(parse_iso_datetime("2018-03-21T25:00Z").has_value());
  EXPECT_FALSE(parse_iso_datetime("2018-03-21 later").has_value());
  EXPECT_FALSE(parse_iso_datetime("March 21").has_value());
}

}  // namespace
}  // namespace newsdex::doc
