#include "newsdex/doc/readers/plain_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace newsdex::doc {
namespace {

using testing::markup_well_formed;
using testing::read_fixture;
using testing::read_text;
using testing::slice;

TEST(PlainReader, ReadsPresidentialPressConference) {
  auto sink = read_fixture("1966-12-31-press-conference.txt", Format::kAuto,
                           testing::defaults("Miller Center"));
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_TRUE(sink.errors.empty());
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.date, "1966-12-31");
  EXPECT_EQ(t.title, "Press Conference");
  EXPECT_EQ(t.source, "Miller Center");
  EXPECT_EQ(t.meta.at("president"), "Lyndon B. Johnson");
  EXPECT_TRUE(t.body.starts_with("THE PRESIDENT. Good morning, ladies and gentlemen.\n\nQ. Mr."));
  EXPECT_TRUE(t.body.ends_with("Thank you, Mr. President."));

  ASSERT_EQ(t.turns.size(), 31u);
  ASSERT_EQ(t.markup.size(), 31u);
  EXPECT_TRUE(markup_well_formed(t));
  EXPECT_EQ(t.turns[0].speaker, "Lyndon B. Johnson");
  EXPECT_EQ(t.turns[0].role, Role::kGuest);
  EXPECT_EQ(t.turns[0].label, "THE PRESIDENT.");
  EXPECT_EQ(slice(t, t.turns[0].start, t.turns[0].end),
            "THE PRESIDENT. Good morning, ladies and gentlemen.");
  EXPECT_EQ(t.turns[1].speaker, "");
  EXPECT_EQ(t.turns[1].role, Role::kUnknown);
  EXPECT_EQ(t.turns[1].label, "Q.");
  EXPECT_EQ(slice(t, t.markup[1].start, t.markup[1].end), "Q.");
  // A multi-paragraph answer stays one turn.
  EXPECT_NE(slice(t, t.turns[2].start, t.turns[2].end).find("\n\nWe will be glad to meet anyone"),
            std::string_view::npos);
  EXPECT_EQ(slice(t, t.turns.back().start, t.turns.back().end),
            "THE PRESIDENT. No.\n\nThank you, Mr. President.");
}

TEST(PlainReader, RecognisesDialogueLabelsOfSeveralEras) {
  using readers::match_plain_label;
  auto name = [](std::string_view line) {
    auto label = match_plain_label(line);
    return label ? label->name : std::string("-");
  };
  EXPECT_EQ(name("THE PRESIDENT: Thank you."), "THE PRESIDENT");
  EXPECT_EQ(name("Q: Mr. President, a question."), "Q");
  EXPECT_EQ(name("MR. CARTER. I agree."), "MR. CARTER");
  EXPECT_EQ(name("MR. McGEE: Next question."), "MR. McGEE");
  EXPECT_EQ(name("THE MODERATOR. Mr. Reagan."), "THE MODERATOR");
  EXPECT_EQ(name("Mr. Lehrer. Mr. President, welcome."), "Mr. Lehrer");
  EXPECT_EQ(name("President Bush. Thank you, Jim."), "President Bush");
  EXPECT_EQ(name("DR. FAUCI: The data show it."), "DR. FAUCI");
  EXPECT_EQ(name("Mr. President, I would like to ask."), "-");
  EXPECT_EQ(name("U. S. GRANT."), "-");
  EXPECT_EQ(name("SEC. 2. The act applies."), "-");
  EXPECT_EQ(name("The exact amounts. I do not know."), "-");
  EXPECT_EQ(name("I. The first point."), "-");
}

TEST(PlainReader, KeysFileNameAndRoles) {
  auto sink = read_text(Format::kPlain,
                        "President: Jane Doe\nTitle: Debate in Ohio\nDate: 2009-01-12\n\n"
                        "THE MODERATOR. Welcome.\n\nThe President: Thanks.\nSecond paragraph.\n"
                        "AUDIENCE: (Applause.)\n",
                        "/archive/2009-01-13-final-press-conference");
  ASSERT_EQ(sink.docs.size(), 1u);
  const Transcript& t = sink.docs[0];
  EXPECT_EQ(t.title, "Debate in Ohio");
  EXPECT_EQ(t.date, "2009-01-12");  // a Date: key wins over the file name
  EXPECT_EQ(t.source, "");
  ASSERT_EQ(t.turns.size(), 3u);
  EXPECT_EQ(t.turns[0].role, Role::kModerator);
  EXPECT_EQ(t.turns[1].speaker, "Jane Doe");
  EXPECT_EQ(slice(t, t.turns[1].start, t.turns[1].end),
            "The President: Thanks.\nSecond paragraph.");
  EXPECT_EQ(t.turns[2].role, Role::kUnknown);
}

TEST(PlainReader, TitleAndDateFromFileName) {
  auto sink = read_text(Format::kPlain, "My fellow citizens.\n",
                        "/x/2009-01-12-final-press-conference.txt");
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].date, "2009-01-12");
  EXPECT_EQ(sink.docs[0].title, "Final Press Conference");
  EXPECT_EQ(readers::title_from_slug("state-of-the-union-address"), "State of the Union Address");
  auto empty = read_text(Format::kPlain, "President: Nobody\n\n");
  EXPECT_TRUE(empty.docs.empty());
  EXPECT_EQ(empty.errors.size(), 1u);
}

}  // namespace
}  // namespace newsdex::doc
