// The seed transcript end to end: turns, quotes, entities and caption repair.
#include <gtest/gtest.h>

#include <algorithm>

#include "newsdex/doc/reader.hpp"
#include "newsdex/understand/analyze.hpp"

namespace newsdex::understand {
namespace {

class Collect final : public doc::DocumentSink {
 public:
  void document(doc::Transcript&& t) override { docs.push_back(std::move(t)); }
  void diagnostic(doc::Diagnostic&&) override {}
  std::vector<doc::Transcript> docs;
};

doc::Transcript read_seed() {
  Collect sink;
  auto r = doc::read_path(NEWSDEX_SOURCE_DIR "/data/sample/seed/abc-2018-03-21-putin-call.txt", {},
                          sink);
  EXPECT_TRUE(r.has_value());
  EXPECT_EQ(sink.docs.size(), 1u);
  return sink.docs.at(0);
}

class SeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t = read_seed();
    a = analyze(t, builtin_gazetteer());
  }
  const doc::Turn* turn_with(std::string_view words) const {
    const auto at = t.body.find(words);
    for (const auto& turn : a.turns)
      if (at != std::string::npos && turn.start <= at && at < turn.end) return &turn;
    return nullptr;
  }
  const doc::Entity* entity(std::string_view name) const {
    for (const auto& e : a.entities)
      if (e.name == name) return &e;
    return nullptr;
  }
  doc::Transcript t;
  Analysis a;
};

TEST_F(SeedTest, UnlabelledSoundbiteIsTrumpWithEvidence) {
  const doc::Turn* bite = turn_with("I had a call with president Putin");
  ASSERT_NE(bite, nullptr);
  EXPECT_EQ(bite->role, doc::Role::kSoundbite);
  EXPECT_EQ(bite->speaker, "Donald Trump");
  EXPECT_GT(bite->confidence, 0.0);
  EXPECT_FALSE(bite->evidence.empty());
  EXPECT_EQ(t.body.substr(bite->start, 9), "I had a c");
}

TEST_F(SeedTest, ReporterTurnsAreCeciliaVegaFromTheHandOff) {
  size_t reporter_turns = 0;
  for (const auto& turn : a.turns) {
    if (turn.role != doc::Role::kReporter) continue;
    ++reporter_turns;
    EXPECT_EQ(turn.speaker, "Cecilia Vega");
  }
  EXPECT_EQ(reporter_turns, 4u);
  const doc::Turn* first = turn_with("No apology tonight");
  ASSERT_NE(first, nullptr);
  EXPECT_NE(first->evidence.find("Here's ABC's Cecilia Vega"), std::string::npos);
  const doc::Turn* thanks = turn_with("Cecilia Vega, thank you");
  ASSERT_NE(thanks, nullptr);
  EXPECT_EQ(thanks->role, doc::Role::kAnchor);
}

TEST_F(SeedTest, TweetQuoteIsTrumpOnTwitterAndThePostIsNoQuote) {
  bool tweet = false;
  for (const auto& q : a.quotes) {
    EXPECT_EQ(q.text.find("Washington post"), std::string::npos);
    EXPECT_NE(q.text, "The post,");
    if (q.text.starts_with("The fake news media is crazed")) {
      tweet = true;
      EXPECT_EQ(q.speaker, "Donald Trump");
      EXPECT_EQ(q.medium, "Twitter");
      EXPECT_EQ(q.kind, doc::Quote::Kind::kQuoted);
      EXPECT_EQ(t.body.substr(q.start, q.end - q.start), q.text);
    }
  }
  EXPECT_TRUE(tweet);
}

TEST_F(SeedTest, SoundbiteIsAlsoAQuote) {
  auto it = std::find_if(a.quotes.begin(), a.quotes.end(), [](const doc::Quote& q) {
    return q.kind == doc::Quote::Kind::kSoundbite && q.text.starts_with("I had a call");
  });
  ASSERT_NE(it, a.quotes.end());
  EXPECT_EQ(it->speaker, "Donald Trump");
}

TEST_F(SeedTest, Entities) {
  const doc::Entity* trump = entity("Donald Trump");
  ASSERT_NE(trump, nullptr);
  EXPECT_EQ(trump->type, doc::Entity::Type::kPerson);
  EXPECT_NE(std::find(trump->aliases.begin(), trump->aliases.end(), "president trump"),
            trump->aliases.end());
  const doc::Entity* post = entity("The Washington Post");
  ASSERT_NE(post, nullptr);
  EXPECT_EQ(post->type, doc::Entity::Type::kOrganization);
  EXPECT_NE(std::find(post->aliases.begin(), post->aliases.end(), "The post"), post->aliases.end());
  for (auto name : {"Vladimir Putin", "John Kelly", "Mike Pompeo"}) {
    ASSERT_NE(entity(name), nullptr) << name;
    EXPECT_EQ(entity(name)->type, doc::Entity::Type::kPerson);
  }
  ASSERT_NE(entity("Kremlin"), nullptr);
  for (auto name : {"Moscow", "London", "United Kingdom", "Russia"}) {
    ASSERT_NE(entity(name), nullptr) << name;
    EXPECT_EQ(entity(name)->type, doc::Entity::Type::kPlace);
  }
  for (const auto& e : a.entities)
    for (const auto& m : e.mentions) EXPECT_LE(m.end, t.body.size());
}

TEST_F(SeedTest, RepairKeepsTheOriginal) {
  EXPECT_NE(a.clean.text.find("his electoral victory."), std::string::npos);
  EXPECT_EQ(a.clean.text.find("victo victory"), std::string::npos);
  EXPECT_NE(t.body.find("victo victory"), std::string::npos);  // the original is untouched
  const auto clean_at = static_cast<uint32_t>(a.clean.text.find("victory."));
  const uint32_t original_at = a.clean.map.to_original(clean_at);
  EXPECT_EQ(t.body.substr(original_at, 8), "victory.");
}

}  // namespace
}  // namespace newsdex::understand
