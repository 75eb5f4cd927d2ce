// The evaluation set: every annotation resolves against its transcript, and the scores on the
// development part stay at the level reported in the README.
#include "newsdex/understand/eval.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "newsdex/doc/reader.hpp"

namespace newsdex::understand {
namespace {

class Collect final : public doc::DocumentSink {
 public:
  void document(doc::Transcript&& t) override { docs.push_back(std::move(t)); }
  void diagnostic(doc::Diagnostic&&) override { ++errors; }
  std::vector<doc::Transcript> docs;
  size_t errors = 0;
};

EvalScores run_set(const std::string& set, size_t* files) {
  EvalScores total;
  auto list = find_eval_files(std::string(NEWSDEX_SOURCE_DIR "/tests/data/understand/") + set);
  *files = list.size();
  for (const auto& f : list) {
    Collect sink;
    EXPECT_TRUE(doc::read_path(f.transcript, {}, sink).has_value());
    EXPECT_EQ(sink.errors, 0u) << f.transcript;
    EXPECT_EQ(sink.docs.size(), 1u) << f.transcript;
    if (sink.docs.size() != 1) continue;
    std::ifstream in(f.gold);
    auto gold = nlohmann::json::parse(in, nullptr, false);
    EXPECT_FALSE(gold.is_discarded()) << f.gold;
    auto analysis = analyze(sink.docs[0], builtin_gazetteer());
    auto scores = score_document(sink.docs[0], analysis, gold, nullptr);
    EXPECT_TRUE(scores.has_value()) << (scores ? "" : scores.error().to_string());
    if (scores) total += *scores;
  }
  return total;
}

TEST(EvalSet, AtLeastFortyAnnotatedTranscriptsInTwoParts) {
  size_t dev = 0, test = 0;
  run_set("dev", &dev);
  run_set("test", &test);
  EXPECT_GE(dev + test, 40u);
  EXPECT_GE(test, 12u);
}

TEST(EvalSet, DevScoresDoNotRegress) {
  size_t files = 0;
  auto s = run_set("dev", &files);
  EXPECT_GE(s.speakers.f1(), 0.85);
  EXPECT_GE(s.quotes.f1(), 0.75);
  EXPECT_GE(s.entities.f1(), 0.88);
}

TEST(Score, CountsBothDirections) {
  Score s;
  s.correct_predicted = 3;
  s.predicted = 4;
  s.correct_gold = 3;
  s.gold = 6;
  EXPECT_DOUBLE_EQ(s.precision(), 0.75);
  EXPECT_DOUBLE_EQ(s.recall(), 0.5);
  EXPECT_DOUBLE_EQ(s.f1(), 0.6);
}

}  // namespace
}  // namespace newsdex::understand
