// Unit tests of the understanding stages on small texts written for them.
#include <gtest/gtest.h>

#include "newsdex/understand/analyze.hpp"
#include "newsdex/understand/entities.hpp"
#include "newsdex/understand/quotes.hpp"
#include "newsdex/understand/repair.hpp"
#include "newsdex/understand/turns.hpp"

namespace newsdex::understand {
namespace {

doc::Transcript page(std::string body) {
  doc::Transcript t;
  t.body = std::move(body);
  for (size_t pos = 0; (pos = t.body.find("Reporter:", pos)) != std::string::npos; pos += 9) {
    if (!t.turns.empty()) t.turns.back().end = static_cast<uint32_t>(pos);
    doc::Turn turn;
    turn.start = static_cast<uint32_t>(pos);
    turn.end = static_cast<uint32_t>(t.body.size());
    turn.label = "Reporter:";
    turn.role = doc::Role::kReporter;
    t.turns.push_back(turn);
    t.markup.push_back({turn.start, turn.start + 9, doc::Markup::Kind::kSpeakerLabel});
  }
  return t;
}

TEST(Repair, StuttersDoublesAndFillers) {
  const std::string original =
      "We we saw the the presi president, uh, leave. Keep going, keep going.";
  auto c = repair_text(original);
  EXPECT_EQ(c.text, "We saw the president, leave. Keep going, keep going.");
  EXPECT_EQ(c.repairs.size(), 4u);
  EXPECT_EQ(c.map.to_original(static_cast<uint32_t>(c.text.find("president"))),
            original.find("president,"));
  EXPECT_EQ(c.map.to_original(static_cast<uint32_t>(c.text.find("leave"))), original.find("leave"));
}

TEST(Repair, LeavesRealWordsAlone) {
  auto c = repair_text("He had had enough. It depends on only one thing.");
  EXPECT_EQ(c.text, "He had had enough. It depends on only one thing.");
}

TEST(Entities, CaseInsensitiveGazetteerAndTitles) {
  const auto& g = builtin_gazetteer();
  auto r = find_entities(
      "president trump met kim jong un in singapore. Secretary of state Mike Pompeo "
      "flew to pyongyang. Angela Reyes-Moore of the GOP spoke.",
      {}, g);
  std::vector<std::string> names;
  for (const auto& e : r.entities)
    names.push_back(e.name + "/" + std::string(doc::entity_type_name(e.type)));
  for (auto want :
       {"Donald Trump/person", "Kim Jong Un/person", "Singapore/place", "Mike Pompeo/person",
        "Pyongyang/place", "Angela Reyes-Moore/person", "Republican Party/organization"})
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
}

TEST(Entities, NeverGuessesLowerCaseNames) {
  auto r = find_entities("then jane doe said the turkey was good and bill paid the bill", {},
                         builtin_gazetteer());
  for (const auto& e : r.entities) EXPECT_NE(e.type, doc::Entity::Type::kPerson) << e.name;
  for (const auto& e : r.entities) EXPECT_NE(e.name, "Turkey");
}

TEST(Quotes, NestedCurlyAndTitles) {
  auto spans = find_quoted_spans(
      "She said, “He told me ‘never again,’ and I believed him.” The “Daily Star” agreed.", {});
  ASSERT_EQ(spans.size(), 3u);
  doc::Transcript t = page(
      "Senator Jane Holt said, “He told me ‘never again,’ and I believed him.” The paper, "
      "\"The Paradise post,\" agreed. Later, on Twitter, Donald Trump wrote: \"No collusion, "
      "total witch hunt!\"");
  auto a = analyze(t, builtin_gazetteer());
  std::vector<std::string> texts;
  for (const auto& q : a.quotes) texts.push_back(q.text + "|" + q.speaker + "|" + q.medium);
  EXPECT_NE(std::find(texts.begin(), texts.end(),
                      "He told me ‘never again,’ and I believed him.|Jane Holt|"),
            texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "never again,|Jane Holt|"), texts.end())
      << "nested, told by the outer speaker's subject";
  EXPECT_NE(
      std::find(texts.begin(), texts.end(), "No collusion, total witch hunt!|Donald Trump|Twitter"),
      texts.end());
  for (const auto& q : a.quotes) EXPECT_EQ(q.text.find("Paradise post"), std::string::npos);
}

TEST(Turns, QuestionAnswerAndSignOff) {
  doc::Transcript t = page(
      "Tonight, the senator under fire. ABC's Terry Moran reports. Reporter: The senator faced "
      "reporters "
      "today. Will you resign? I have no plans to resign. Reporter: Terry Moran, ABC News, the "
      "Capitol.");
  auto a = analyze(t, builtin_gazetteer());
  ASSERT_GE(a.turns.size(), 5u);
  EXPECT_EQ(a.turns[0].role, doc::Role::kAnchor);
  EXPECT_EQ(a.turns[1].speaker, "Terry Moran");
  EXPECT_EQ(a.turns[2].role, doc::Role::kSoundbite);  // the question
  EXPECT_EQ(a.turns[3].role, doc::Role::kSoundbite);  // the answer
  EXPECT_TRUE(a.turns[3].speaker.empty()) << "nobody named the senator: no name is invented";
  EXPECT_EQ(a.turns.back().speaker, "Terry Moran");
}

TEST(Turns, CueHelpers) {
  EXPECT_TRUE(is_first_person("I had a call with president Putin."));
  EXPECT_FALSE(is_first_person("For Nightline, I'm Will Carver in Paradise."));
  EXPECT_FALSE(is_first_person("And we are now learning from the Kremlin that..."));
  EXPECT_EQ(thanked_name("Cecilia Vega, thank you."), "Cecilia Vega");
  EXPECT_EQ(thanked_name("Thank you, Tom."), "Tom");
  EXPECT_EQ(leading_vocative("Good morning, Michael."), "Michael");
  EXPECT_EQ(leading_vocative("Tom, how long does this go on?"), "Tom");
  EXPECT_FALSE(leading_vocative("This morning, president trump took his case to Twitter."));
}

TEST(Turns, CaptionSpeakerChangesNamedByVocatives) {
  doc::Transcript t;
  t.body =
      "Good evening. I'm Lisa Crandall. Meteorologist Tom Sorrell is tracking the storm. Tom?\n"
      "Lisa, it is barely moving.\nTom Sorrell, thank you.";
  auto first = static_cast<uint32_t>(t.body.find("Lisa,"));
  auto third = static_cast<uint32_t>(t.body.find("Tom Sorrell, thank"));
  t.turns = {
      {0, first - 1, "", ">>", doc::Role::kUnknown, 0, 0.0, ""},
      {first, third - 1, "", ">>", doc::Role::kUnknown, 0, 0.0, ""},
      {third, static_cast<uint32_t>(t.body.size()), "", ">>", doc::Role::kUnknown, 0, 0.0, ""}};
  t.cues.push_back({0, 1, 0, 1});
  auto a = analyze(t, builtin_gazetteer());
  ASSERT_EQ(a.turns.size(), 3u);
  EXPECT_EQ(a.turns[0].speaker, "Lisa Crandall");
  EXPECT_EQ(a.turns[0].role, doc::Role::kAnchor);
  EXPECT_EQ(a.turns[1].speaker, "Tom Sorrell");
  EXPECT_EQ(a.turns[1].role, doc::Role::kReporter);
  EXPECT_EQ(a.turns[2].speaker, "Lisa Crandall");
}

// Captions: turns split at ">>" with no names in the labels.
doc::Transcript captions(const std::vector<std::string>& lines) {
  doc::Transcript t;
  for (const auto& line : lines) {
    doc::Turn turn;
    turn.start = static_cast<uint32_t>(t.body.size());
    t.body += line;
    turn.end = static_cast<uint32_t>(t.body.size());
    turn.label = ">>";
    t.turns.push_back(turn);
    t.body += "\n";
  }
  t.cues.push_back({0, 1, 0, 1});
  return t;
}

TEST(Turns, VocativeOpeningAStatementAnswersItDoesNotHandOver) {
  auto t =
      captions({"Good evening. I'm Nora Pike. The river crested overnight. Let's go to CNN's "
                "Sam Ortiz in Davenport. Sam?",
                "Nora, the sandbags held on this block, barely.",
                "We had four feet of water in the basement. We're staying anyway.",
                "Neighbors here say they have seen worse, Nora.", "Sam Ortiz, thank you."});
  auto a = analyze(t, builtin_gazetteer());
  ASSERT_EQ(a.turns.size(), 5u);
  EXPECT_EQ(a.turns[1].speaker, "Sam Ortiz");
  EXPECT_EQ(a.turns[2].speaker, "") << "'Nora, the sandbags held' names no next speaker";
  EXPECT_EQ(a.turns[2].role, doc::Role::kSoundbite);
  EXPECT_EQ(a.turns[4].role, doc::Role::kAnchor) << "thanking the reporter is the anchor's line";
  EXPECT_EQ(a.turns[4].speaker, "Nora Pike");
}

TEST(Quotes, AnOfficeSpeaksForItsHolder) {
  doc::Transcript t = page(
      "Reporter: The bill passed late tonight. Senate leader Mitch McConnell's office said in a "
      "statement the vote was \"a win for working families.\" Democrats disagreed.");
  auto a = analyze(t, builtin_gazetteer());
  bool found = false;
  for (const auto& q : a.quotes)
    if (q.text == "a win for working families.") {
      found = true;
      EXPECT_EQ(q.speaker, "Mitch McConnell");
      EXPECT_EQ(q.medium, "statement");
    }
  EXPECT_TRUE(found);
}

TEST(Entities, ThePresidentIsTheOfficeHolderOnTheDocumentsDate) {
  const auto& g = builtin_gazetteer();
  ASSERT_TRUE(g.office_holder("president", "2019-06-01"));
  EXPECT_EQ(g.entry(*g.office_holder("president", "2019-06-01")).name, "Donald Trump");
  EXPECT_EQ(g.entry(*g.office_holder("president", "2022-06-01")).name, "Joe Biden");
  EXPECT_EQ(g.entry(*g.office_holder("vice president", "2015-03-02")).name, "Joe Biden");
  EXPECT_FALSE(g.office_holder("president", ""));
  auto names = [&](std::string_view text, std::string_view date) {
    std::vector<std::string> out;
    auto r = find_entities_in_words(text, split_spoken_words(text, {}), g, date);
    for (const auto& e : r.entities) out.push_back(e.name);
    return out;
  };
  const std::string_view story =
      "Tonight, the president is defending his trade policy in Ohio. Farmers say they are hurting.";
  auto has = [](const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  EXPECT_TRUE(has(names(story, "2018-08-02"), "Donald Trump"));
  EXPECT_FALSE(has(names(story, "2018-08-02"), "Barack Obama"));
  EXPECT_TRUE(has(names(story, "2010-08-02"), "Barack Obama"));
  EXPECT_EQ(names(story, ""), std::vector<std::string>{"Ohio"}) << "no date, no guess";
  // A story that names its own president keeps "the president" for him.
  auto french = names(
      "In Paris, protesters marched again. The president doesn't listen, one said. President "
      "Emmanuel Macron has promised a debate.",
      "2018-12-08");
  EXPECT_FALSE(has(french, "Donald Trump"));
  // "the president of the club" is not the head of state.
  EXPECT_FALSE(has(names("the president of the rotary club spoke.", "2018-12-08"), "Donald Trump"));
}

}  // namespace
}  // namespace newsdex::understand
