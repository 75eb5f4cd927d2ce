// The learned quote-attribution model: its file format (errors name the file and line), scoring
// (a dot product, the first candidate on a tie), the candidates and features a quote gets, and
// the model arbitrating among them inside analyze().
#include "newsdex/understand/attribution.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "newsdex/understand/analyze.hpp"

namespace newsdex::understand {
namespace {

using F = AttributionFeature;

std::string parse_error(std::string_view text) {
  auto m = AttributionModel::parse(text, "model.tsv");
  return m ? std::string() : m.error().to_string();
}

TEST(AttributionModel, ParseErrorsNameFileAndLine) {
  EXPECT_NE(
      parse_error("# weights\nrule\t1.5\nbogus\t2\n").find("model.tsv:3: unknown feature 'bogus'"),
      std::string::npos);
  EXPECT_NE(parse_error("rule 1.5\n").find("model.tsv:1: expected 'feature<TAB>weight'"),
            std::string::npos);
  EXPECT_NE(parse_error("\n\nrule\tabc\n").find("model.tsv:3: weight of 'rule' is not a number"),
            std::string::npos);
  EXPECT_NE(parse_error("rule\t1\nrule\t2\n").find("model.tsv:2: feature 'rule' given twice"),
            std::string::npos);
  EXPECT_NE(parse_error("rule\tnan\n").find("model.tsv:1:"), std::string::npos);
  auto empty = AttributionModel::parse("# nothing\n\n", "model.tsv");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

TEST(AttributionModel, ScoresAreDotProductsAndTiesKeepTheFirst) {
  auto m = AttributionModel::parse("rule\t2\nsubject_verb_pre\t1.5\nnobody\t-1\nin_pre\t0.25\n",
                                   "model.tsv");
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_FALSE(m->empty());
  EXPECT_DOUBLE_EQ(m->score({{F::kRule, 1.0F}, {F::kInPre, 2.0F}}), 2.5);
  EXPECT_DOUBLE_EQ(m->score({{F::kPerson, 1.0F}}), 0.0);  // not in the file: weight 0
  std::vector<AttributionCandidate> cands = {
      {"", {{F::kNobody, 1.0F}}},                             // -1
      {"Jane Holt", {{F::kSubjectVerbPre, 1.0F}}},            // 1.5
      {"Lee Park", {{F::kRule, 1.0F}, {F::kNobody, 0.5F}}}};  // 1.5
  EXPECT_EQ(m->best(cands), 1u);                              // a tie: the first
  std::swap(cands[1], cands[2]);
  EXPECT_EQ(m->best(cands), 1u);
  EXPECT_EQ(cands[m->best(cands)].name, "Lee Park");
}

TEST(AttributionModel, BuiltinModelParsesAndIsTrained) {
  EXPECT_FALSE(builtin_attribution_model().empty());
  for (size_t i = 0; i < size_t(F::kCount); ++i)
    EXPECT_FALSE(attribution_feature_name(static_cast<F>(i)).empty());
}

doc::Transcript fixture() {
  doc::Transcript t;
  t.title = "fixture";
  t.body =
      "Senator Jane Holt spoke to reporters on Tuesday. \"We will not back down,\" Holt said. "
      "An aide to the governor called the plan \"dead on arrival.\"";
  return t;
}

const AttributionCandidate* candidate(const AttributionCase& c, std::string_view name) {
  for (const auto& a : c.candidates)
    if (a.name == name) return &a;
  return nullptr;
}

float value(const AttributionCandidate& a, F f) {
  for (const auto& [k, v] : a.features)
    if (k == f) return v;
  return 0.0F;
}

// The attribution cases `analyze` records for a transcript of `body` (an empty model: the rules
// decide).
std::vector<AttributionCase> cases_of(const std::string& body) {
  const AttributionModel none;
  std::vector<AttributionCase> trace;
  doc::Transcript t;
  t.title = "cases";
  t.body = body;
  analyze(t, builtin_gazetteer(), {&none, &trace});
  return trace;
}

TEST(AttributionCandidates, QuotesGetNamedCandidatesAndNobody) {
  const AttributionModel none;
  std::vector<AttributionCase> trace;
  auto a = analyze(fixture(), builtin_gazetteer(), {&none, &trace});
  ASSERT_EQ(trace.size(), 2u);
  // ""...," Holt said.": Holt is the rules' choice, named right after the quote before a verb.
  const auto* holt = candidate(trace[0], "Jane Holt");
  ASSERT_NE(holt, nullptr);
  EXPECT_EQ(&trace[0].candidates.front(), holt) << "the rules' choice comes first";
  EXPECT_EQ(value(*holt, F::kRule), 1.0F);
  EXPECT_EQ(value(*holt, F::kRuleVerbAfter), 1.0F);
  EXPECT_EQ(value(*holt, F::kSubjectVerbPost), 1.0F);
  EXPECT_EQ(value(*holt, F::kInPrev1), 1.0F);
  EXPECT_EQ(value(*holt, F::kPerson), 1.0F);
  ASSERT_NE(candidate(trace[0], ""), nullptr);
  // "An aide to the governor called the plan "...": the rules name nobody (an unnamed aide).
  const auto* nobody = candidate(trace[1], "");
  ASSERT_NE(nobody, nullptr);
  EXPECT_EQ(value(*nobody, F::kNobodyRule), 1.0F);
  EXPECT_EQ(value(*nobody, F::kNobodyUnnamed), 1.0F);
  const auto* again = candidate(trace[1], "Jane Holt");
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(value(*again, F::kPreviousSpeaker), 1.0F);
  ASSERT_EQ(a.quotes.size(), 2u);
  EXPECT_EQ(a.quotes[0].speaker, "Jane Holt");
  EXPECT_EQ(a.quotes[1].speaker, "");
}

TEST(AttributionCandidates, TheModelArbitrates) {
  // A model that trusts the previous quote's speaker over everything: the aide's words go to
  // Holt, with evidence saying the model overruled the rules.
  auto m = AttributionModel::parse("previous_speaker\t5\nrule\t1\n", "model.tsv");
  ASSERT_TRUE(m.has_value());
  auto a = analyze(fixture(), builtin_gazetteer(), {&*m, nullptr});
  ASSERT_EQ(a.quotes.size(), 2u);
  EXPECT_EQ(a.quotes[0].speaker, "Jane Holt");
  EXPECT_EQ(a.quotes[1].speaker, "Jane Holt");
  EXPECT_NE(a.quotes[1].evidence.find("attribution model over the rules' nobody"),
            std::string::npos)
      << a.quotes[1].evidence;
  // The compiled-in model agrees with the rules here.
  auto builtin = analyze(fixture(), builtin_gazetteer());
  ASSERT_EQ(builtin.quotes.size(), 2u);
  EXPECT_EQ(builtin.quotes[0].speaker, "Jane Holt");
  EXPECT_EQ(builtin.quotes[1].speaker, "");
}

// Issue 4, round 10: general features of where a candidate stands to the speech verb, for a
// ranker that does not lean on the rules' choice.
TEST(AttributionCandidates, GoverningSubjectsAndSpeechVerbsNearby) {
  const auto trace = cases_of(
      "Governor Tom Reyes said the plan was dead. \"We will not back down,\" Senator "
      "Jane Holt said. After a call with Tom Reyes, Holt told reporters, \"We have the "
      "votes.\"");
  ASSERT_EQ(trace.size(), 2u);
  // Quote 1: Reyes is the subject of a speech verb in the sentence before; Holt governs the
  // verb after the quote.
  const auto* reyes = candidate(trace[0], "Tom Reyes");
  const auto* holt = candidate(trace[0], "Jane Holt");
  ASSERT_NE(reyes, nullptr);
  ASSERT_NE(holt, nullptr);
  EXPECT_EQ(value(*reyes, F::kSubjectVerbPrev), 1.0F);
  EXPECT_EQ(value(*reyes, F::kGovernsPost), 0.0F);
  EXPECT_EQ(value(*holt, F::kGovernsPost), 1.0F);
  EXPECT_EQ(value(*holt, F::kSubjectVerbPrev), 0.0F);
  // Quote 2: both are named before it in its sentence, but only Holt is the subject of "told".
  reyes = candidate(trace[1], "Tom Reyes");
  holt = candidate(trace[1], "Jane Holt");
  ASSERT_NE(reyes, nullptr);
  ASSERT_NE(holt, nullptr);
  EXPECT_EQ(value(*holt, F::kGovernsPre), 1.0F);
  EXPECT_EQ(value(*reyes, F::kGovernsPre), 0.0F);
}

TEST(AttributionCandidates, FirstPersonBeforeASpeechVerbMarksTheTurnsSpeaker) {
  const auto trace = cases_of(
      "PAUL MERCER, CNN ANCHOR: Karen Oduya is a former aide. Karen, welcome.\n\n"
      "KAREN ODUYA, FORMER AIDE: Thanks. I told my boss years ago, \"Subpoena power is the whole "
      "game.\" It was. Paul Mercer said \"We will see about that.\"");
  ASSERT_EQ(trace.size(), 2u);
  const auto* karen = candidate(trace[0], "Karen Oduya");
  ASSERT_NE(karen, nullptr);
  EXPECT_EQ(value(*karen, F::kTurnSpeaker), 1.0F);
  EXPECT_EQ(value(*karen, F::kFirstPersonVerb), 1.0F);
  // No "I" before the second quote's verb nor in the sentence before it: the turn's speaker is a
  // candidate without it.
  karen = candidate(trace[1], "Karen Oduya");
  ASSERT_NE(karen, nullptr);
  EXPECT_EQ(value(*karen, F::kTurnSpeaker), 1.0F);
  EXPECT_EQ(value(*karen, F::kFirstPersonVerb), 0.0F);
}

}  // namespace
}  // namespace newsdex::understand
