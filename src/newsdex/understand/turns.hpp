// Speaker turns: the body split into turns, each with a role (anchor, reporter, soundbite,
// unknown), a speaker name when the text supports it, a confidence and the evidence. Cues, in the
// order a human uses them: explicit labels (`Reporter:`, `NAME, TITLE:`, WebVTT `<v Name>`), `>>`
// speaker changes, hand-offs ("Here's ABC's Cecilia Vega", "ABC's Terry Moran reports"),
// sign-offs ("Cecilia Vega, thank you", "For Nightline, I'm Will Carver", "<Name>, ABC News,
// the White House"), self-introductions, vocatives ("Tom, how long...?", "Good morning,
// Michael."), a shift to the first person right after someone is introduced (an unlabelled
// soundbite), and question/answer pairs. A name is never invented: unknown is a valid answer.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/doc/transcript.hpp"
#include "newsdex/understand/gazetteer.hpp"
#include "newsdex/understand/references.hpp"

namespace newsdex::understand {

struct TurnInput {
  const doc::Transcript& transcript;
  std::span<const Span> skip;    // markup (labels, directions), sorted
  std::span<const Span> quoted;  // text inside quotation marks, sorted
  const EntityResult& entities;
  const Referents& referents;
  const Gazetteer& gazetteer;
};

// Turns that tile the body from its first spoken word to its end, in order.
std::vector<doc::Turn> find_turns(const TurnInput& in);

// Step 1: boundaries and roles from labels, `>>`, sign-offs, first-person shifts and questions;
// names only from labels.
std::vector<doc::Turn> segment_turns(const TurnInput& in);
// Step 2: names (and the roles they imply) from hand-offs, sign-offs, self-introductions,
// vocatives and introductions of soundbites.
void name_speakers(const TurnInput& in, std::vector<doc::Turn>& turns);

// Cues on one sentence (text outside quotation marks is what counts).
bool is_first_person(std::string_view sentence);  // "I had a call", not "I'm Will Carver"
bool is_question(std::string_view sentence);
bool introduces_speech(std::string_view sentence);  // "... told ABC News:", "Here's the president."
// An introduction after which the words are someone else's even without "I": "was asked",
// "had a blunt message", a colon at the end.
bool strongly_introduces(std::string_view sentence);
// "Cecilia Vega, thank you." / "Thank you, Tom." -> the name thanked.
std::optional<std::string> thanked_name(std::string_view sentence);
// A leading or trailing vocative: "Claire, the two leaders..." / "Good morning, Michael." /
// "Tom, how long does this go on?" -> "Claire", "Michael", "Tom".
std::optional<std::string> leading_vocative(std::string_view sentence);

// Sentences of text[from, to) with the quoted parts blanked out (same length, same offsets).
std::string unquoted(std::string_view text, std::span<const Span> quoted, uint32_t from,
                     uint32_t to);

}  // namespace newsdex::understand
