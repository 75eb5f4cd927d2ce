// stored_doc_json writes the stored document directly; its bytes must be exactly nlohmann's dump
// of transcript_to_json (segments are compared byte for byte across versions), for random
// transcripts full of escapes, non-ASCII text, invalid UTF-8, odd doubles and optional fields.
#include "newsdex/index/storage/stored_doc.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace newsdex::index {
namespace {

std::string nlohmann_dump(const doc::Transcript& t) {
  return transcript_to_json(t).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class RandomTranscript {
 public:
  explicit RandomTranscript(uint32_t seed) : m_rng(seed) {}

  doc::Transcript make(bool allow_invalid) {
    m_invalid = allow_invalid;
    doc::Transcript t;
    t.id = text(8);
    t.source = text(6);
    t.show = text(6);
    t.date = pick(2) ? "2020-01-02" : "";
    t.time = text(3);
    t.title = text(12);
    t.url = text(5);
    t.language = pick(4) ? "en" : text(2);
    t.body = text(60);
    for (size_t i = 0, n = count(); i < n; ++i) {
      doc::Turn turn;
      turn.start = number();
      turn.end = number();
      turn.speaker = pick(2) ? "" : text(4);
      turn.label = text(3);
      turn.role = static_cast<doc::Role>(m_rng() % 7);
      if (pick(2)) turn.time_ms = static_cast<int64_t>(m_rng()) - (1LL << 31);
      turn.confidence = pick(2) ? 0.0 : real();
      turn.evidence = pick(2) ? "" : text(5);
      t.turns.push_back(std::move(turn));
    }
    for (size_t i = 0, n = count(); i < n; ++i)
      t.cues.push_back({number(), number(), static_cast<int64_t>(m_rng()) - 5'000'000'000LL,
                        static_cast<int64_t>(m_rng()) * 3});
    for (size_t i = 0, n = count(); i < n; ++i)
      t.markup.push_back({number(), number(), static_cast<doc::Markup::Kind>(m_rng() % 3)});
    for (size_t i = 0, n = count(); i < n; ++i) t.meta[text(4)] = text(6);
    for (size_t i = 0, n = count(); i < n; ++i) {
      doc::Quote q;
      q.start = number();
      q.end = number();
      q.text = text(10);
      q.speaker = pick(2) ? "" : text(4);
      q.medium = pick(2) ? "" : text(4);
      q.kind = pick(2) ? doc::Quote::Kind::kQuoted : doc::Quote::Kind::kSoundbite;
      q.confidence = real();
      q.evidence = text(4);
      t.quotes.push_back(std::move(q));
    }
    for (size_t i = 0, n = count(); i < n; ++i) {
      doc::Entity e;
      e.name = text(5);
      e.type = static_cast<doc::Entity::Type>(m_rng() % 3);
      for (size_t a = 0, k = count(); a < k; ++a) e.aliases.push_back(text(4));
      for (size_t m = 0, k = count(); m < k; ++m) e.mentions.push_back({number(), number()});
      t.entities.push_back(std::move(e));
    }
    return t;
  }

 private:
  bool pick(uint32_t n) { return m_rng() % n == 0; }
  size_t count() { return m_rng() % 4; }
  uint32_t number() { return static_cast<uint32_t>(pick(3) ? m_rng() : m_rng() % 1000); }
  double real() {
    static const double kValues[] = {
        0.0,  -0.0, 1.0,  0.5, 0.1,  1.0 / 3, 0.95,
        1e-7, 1e21, -2.5, 0.7, 1e-5, 123.0,   std::numeric_limits<double>::quiet_NaN()};
    if (pick(2)) return kValues[m_rng() % std::size(kValues)];
    return std::uniform_real_distribution<double>(-1, 2)(m_rng);
  }
  std::string text(size_t max_pieces) {
    static const char* const kValid[] = {"a",
                                         "Z",
                                         " ",
                                         "\"",
                                         "\\",
                                         "\n",
                                         "\t",
                                         "\r",
                                         "\b",
                                         "\f",
                                         "/",
                                         "\x01",
                                         "\x1f",
                                         "\x7f",
                                         "caf\xC3\xA9",
                                         "\xE2\x80\x99",
                                         "\xE2\x80\x94",
                                         "\xF0\x9F\x98\x80",
                                         "\xEF\xBF\xBD",
                                         "\xED\x9F\xBF",
                                         "\xF4\x8F\xBF\xBF",
                                         "'s",
                                         "U.S."};
    static const char* const kInvalid[] = {"\xC3",     "\x80",         "\xE2\x80",
                                           "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                           "\xFF",     "\xF0\x9F"};
    std::string out;
    const size_t n = m_rng() % (max_pieces + 1);
    for (size_t i = 0; i < n; ++i) {
      if (m_invalid && pick(12))
        out += kInvalid[m_rng() % std::size(kInvalid)];
      else
        out += kValid[m_rng() % std::size(kValid)];
    }
    return out;
  }

  std::mt19937 m_rng;  // 32-bit values
  bool m_invalid = false;
};

TEST(StoredDocJson, SameBytesAsNlohmann) {
  RandomTranscript random(7);
  for (int i = 0; i < 3000; ++i) {
    const doc::Transcript t = random.make(/*allow_invalid=*/i % 3 == 0);
    const std::string want = nlohmann_dump(t);
    ASSERT_EQ(stored_doc_json(t), want) << "transcript " << i;
  }
}

TEST(StoredDocJson, EmptyTranscriptAndRoundTrip) {
  doc::Transcript t;
  EXPECT_EQ(stored_doc_json(t), nlohmann_dump(t));
  t.body = "He said \"no\".\n";
  doc::Turn turn;
  turn.end = 5;
  turn.speaker = "ANNA";
  turn.confidence = 0.75;
  t.turns.push_back(turn);
  const auto back = decode_stored_doc(encode_stored_doc(t));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->body, t.body);
  ASSERT_EQ(back->turns.size(), 1u);
  EXPECT_EQ(back->turns[0].speaker, "ANNA");
  EXPECT_DOUBLE_EQ(back->turns[0].confidence, 0.75);
}

}  // namespace
}  // namespace newsdex::index
