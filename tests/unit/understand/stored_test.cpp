// Understanding at ingest: analyze_document() stores turns (with confidence and evidence), quotes
// and entities in the stored document, and they survive the stored-JSON round trip.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "newsdex/doc/reader.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/index/writer/segment_builder.hpp"

namespace newsdex::index {
namespace {

class Collect final : public doc::DocumentSink {
 public:
  void document(doc::Transcript&& t) override { docs.push_back(std::move(t)); }
  void diagnostic(doc::Diagnostic&&) override {}
  std::vector<doc::Transcript> docs;
};

TEST(StoredUnderstanding, IngestAnalysesAndStores) {
  Collect sink;
  ASSERT_TRUE(doc::read_path(NEWSDEX_SOURCE_DIR "/data/sample/seed/abc-2018-03-21-putin-call.txt",
                             {}, sink));
  ASSERT_EQ(sink.docs.size(), 1u);
  analysis::Analyzer analyzer;
  AnalyzedDoc analyzed = analyze_document(sink.docs[0], analyzer);
  const doc::Transcript& t = analyzed.transcript;
  ASSERT_FALSE(t.quotes.empty());
  ASSERT_FALSE(t.entities.empty());
  auto decoded = decode_stored_doc(encode_stored_doc(t));
  ASSERT_TRUE(decoded.has_value());
  ASSERT_EQ(decoded->quotes.size(), t.quotes.size());
  ASSERT_EQ(decoded->entities.size(), t.entities.size());
  ASSERT_EQ(decoded->turns.size(), t.turns.size());
  bool tweet = false;
  for (const auto& q : decoded->quotes)
    if (q.text.starts_with("The fake news media")) {
      tweet = true;
      EXPECT_EQ(q.speaker, "Donald Trump");
      EXPECT_EQ(q.medium, "Twitter");
    }
  EXPECT_TRUE(tweet);
  bool soundbite = false;
  for (const auto& turn : decoded->turns)
    if (turn.role == doc::Role::kSoundbite && turn.speaker == "Donald Trump") {
      soundbite = true;
      EXPECT_GT(turn.confidence, 0.0);
      EXPECT_FALSE(turn.evidence.empty());
    }
  EXPECT_TRUE(soundbite);
  const auto json = transcript_to_json(*decoded);
  EXPECT_TRUE(json.contains("quotes"));
  EXPECT_TRUE(json.contains("entities"));
  EXPECT_EQ(json["entities"][0]["name"], t.entities[0].name);
}

}  // namespace
}  // namespace newsdex::index
