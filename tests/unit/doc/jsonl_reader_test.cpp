#include "newsdex/doc/readers/jsonl_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "newsdex/doc/readers/common.hpp"
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

// The flat-object fast path must read every line it accepts exactly as the general (nlohmann)
// path does, and leave everything else to it. Random lines mix the cases where they could differ:
// escapes, \u escapes and surrogate pairs, raw and invalid UTF-8, control bytes, null values,
// duplicate and unknown keys, nested values, dates with zones, bad dates, odd white space.
TEST(JsonlReader, FlatFastPathReadsLinesLikeTheGeneralPath) {
  std::mt19937 rng(7);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const std::vector<std::string> pieces = {"Tonight",
                                           " the ",
                                           "president",
                                           "\\\"",
                                           "\\\\",
                                           "\\/",
                                           "\\n",
                                           "\\t",
                                           "\\r",
                                           "\\b",
                                           "\\f",
                                           "\\u00e9",
                                           "\\u0041",
                                           "\\u2019",
                                           "\\ud83d\\ude00",
                                           "\\ud800",
                                           "\\udc00",
                                           "\\u12",
                                           "\\x",
                                           "\xc3\xa9",
                                           "\xe2\x80\x99",
                                           "\xf0\x9f\x98\x80",
                                           "\xff",
                                           "\xc0\xaf",
                                           "\xed\xa0\x80",
                                           "\xe2\x80",
                                           "\x01",
                                           "\t",
                                           "\x7f",
                                           ">>",
                                           "Reporter:",
                                           " ",
                                           "'"};
  auto random_string = [&] {
    std::string out;
    const size_t n = pick(6);
    for (size_t k = 0; k < n; ++k) out += pieces[pick(pieces.size())];
    return out;
  };
  const std::vector<std::string> dates = {
      "2018-03-21", "2018-03-21T23:30:00-04:00", "2018-03-21T10:00Z", "2018-3-21", "", "yesterday"};
  const std::vector<std::string> keys = {"id",       "source", "show", "title", "url",
                                         "language", "date",   "time", "extra", "bo\\u0064y"};
  size_t accepted = 0;
  const size_t kLines = 4000;
  for (size_t line_no = 0; line_no < kLines; ++line_no) {
    std::vector<std::string> members;
    const bool clean = pick(3) == 0;  // plain values only: the fast path must take these
    members.push_back("\"body\": \"" +
                      (clean ? std::string("The storm reached Houston.") : random_string()) + "\"");
    const size_t extra = pick(6);
    for (size_t k = 0; k < extra; ++k) {
      const std::string key = keys[pick(keys.size())];
      if (clean && key.find('\\') != std::string::npos) continue;  // an escaped "body": a duplicate
      std::string value;
      if (key == "date")
        value = "\"" + dates[pick(clean ? 3 : dates.size())] + "\"";
      else if (key == "time")
        value = clean ? "\"10:30\"" : (pick(2) ? "\"10:30\"" : "\"25:99\"");
      else if (!clean && pick(8) == 0)
        value = pick(2) ? "null" : (pick(2) ? "42" : "{\"a\": \"b\"}");
      else
        value = "\"" + (clean ? std::string("ABC news") : random_string()) + "\"";
      if (clean && std::any_of(members.begin(), members.end(), [&](const std::string& m) {
            return m.rfind("\"" + key + "\"", 0) == 0;
          }))
        continue;  // no duplicates in clean lines
      members.push_back("\"" + key + "\"" + (pick(2) ? ": " : ":") + value);
    }
    if (!clean && pick(10) == 0)
      members.push_back("\"meta\": " + std::string(pick(2) ? "null" : "\"x\""));
    std::shuffle(members.begin(), members.end(), rng);
    std::string line = pick(4) == 0 ? " {" : "{";
    for (size_t k = 0; k < members.size(); ++k)
      line += (k ? (pick(3) ? ", " : " ,\t") : "") + members[k];
    line += pick(4) == 0 ? "} \r" : "}";

    auto fast = readers::read_flat_record(line);
    if (clean) {
      EXPECT_TRUE(fast.has_value()) << line;
    }
    if (!fast) continue;
    ++accepted;
    auto general = readers::read_record_general(line);
    ASSERT_TRUE(general.has_value())
        << "fast path accepted what the general path refuses: " << line;
    EXPECT_EQ(fast->body, general->body) << line;
    EXPECT_EQ(fast->id, general->id) << line;
    EXPECT_EQ(fast->source, general->source) << line;
    EXPECT_EQ(fast->show, general->show) << line;
    EXPECT_EQ(fast->title, general->title) << line;
    EXPECT_EQ(fast->url, general->url) << line;
    EXPECT_EQ(fast->language, general->language) << line;
    EXPECT_EQ(fast->date, general->date) << line;
    EXPECT_EQ(fast->time, general->time) << line;
    EXPECT_EQ(fast->meta, general->meta) << line;
    EXPECT_EQ(fast->turns.size(), general->turns.size()) << line;
  }
  EXPECT_GT(accepted, kLines / 3);
  // Lines the fast path leaves alone: nested values, a missing body, invalid UTF-8, bad dates.
  EXPECT_FALSE(readers::read_flat_record(R"({"body": "x", "meta": {"a": "b"}})"));
  EXPECT_FALSE(readers::read_flat_record(R"({"title": "x"})"));
  EXPECT_FALSE(readers::read_flat_record("{\"body\": \"\xff\"}"));
  EXPECT_FALSE(readers::read_flat_record(R"({"body": "x", "date": "2018-13-45"})"));
  EXPECT_FALSE(readers::read_flat_record(R"({"body": "x", "body": "y"})"));
}

// The fast path reads plain text eight bytes at a time: a byte that needs care (a quote, an
// escape, a control byte, a UTF-8 sequence, valid or not) is found at every offset of a word and
// of the string, and the line reads as the general path reads it (or is left to it).
TEST(JsonlReader, FlatFastPathFindsSpecialBytesAtEveryOffset) {
  const std::vector<std::string> specials = {
      "\\\"", "\\\\", "\\n",  "\\u00e9", "\xc3\xa9", "\xe2\x80\x99",  "\xff",
      "\x01", "\x1f", "\x7f", " ",       "~",        "\\ud83d\\ude00"};
  for (const auto& special : specials) {
    for (size_t before = 0; before < 20; ++before) {
      for (size_t after : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{13}}) {
        const std::string body = std::string(before, 'a') + special + std::string(after, 'b');
        const std::string line = "{\"body\": \"" + body + "\", \"title\": \"" + body + "\"}";
        auto general = readers::read_record_general(line);
        auto fast = readers::read_flat_record(line);
        if (!fast) {
          EXPECT_FALSE(special == " " || special == "~") << line;  // plain bytes must be taken
          continue;
        }
        ASSERT_TRUE(general.has_value()) << line;
        EXPECT_EQ(fast->body, general->body) << line;
        EXPECT_EQ(fast->title, general->title) << line;
      }
    }
  }
  // An unterminated string whose last run is a whole number of words is refused, not read past.
  EXPECT_FALSE(readers::read_flat_record("{\"body\": \"abcdefghabcdefgh"));
  EXPECT_FALSE(readers::read_flat_record("{\"body\": \"abcdefghabcdefg"));
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

// replace_invalid_utf8 skips ASCII eight bytes at a time: the result is what a byte-by-byte
// check gives (each invalid byte becomes '?', valid sequences are kept), whatever the alignment
// of multi-byte, truncated or overlong sequences within and across the eight-byte words.
std::string replace_invalid_reference(std::string text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<uint8_t>(text[i]);
    const size_t len = c < 0x80         ? 1
                       : (c >> 5) == 6  ? 2
                       : (c >> 4) == 14 ? 3
                       : (c >> 3) == 30 ? 4
                                        : 0;
    bool ok = len > 0 && len <= text.size() - i;
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<uint8_t>(text[i + k]) & 0xC0) == 0x80;
    if (ok && len > 1) {
      uint32_t cp = c & (0x7Fu >> len);
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<uint8_t>(text[i + k]) & 0x3Fu);
      const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= min[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (!ok) {
      text[i++] = '?';
      continue;
    }
    i += len;
  }
  return text;
}

TEST(ReplaceInvalidUtf8, WordAtATimeMatchesByteByByte) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {
      "a",    "plain ascii text ", "\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x98\x80",
      "\xC3", "\xE2\x80",          "\x80",     "\xC0\xAF",     "\xED\xA0\x80",
      "\xFF", "0123456789abcdef"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    std::string got = text;
    readers::replace_invalid_utf8(got);
    EXPECT_EQ(got, replace_invalid_reference(text)) << round;
  }
}

}  // namespace
}  // namespace newsdex::doc
