// Entities: people, organisations and places named in a transcript, found with the gazetteer
// (case-insensitive, since captions are often lower-case) and context rules for names it does
// not know: titles ("secretary of state Mike Pompeo", "president trump"), a news outlet's
// journalist ("ABC's Cecilia Vega"), self-introductions ("I'm Claire Whitman"), a known given
// name followed by a capitalised word ("Grant Holloway"), and later surname-only mentions.
// Names are never guessed from lower-case words the gazetteer does not know.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/doc/transcript.hpp"
#include "newsdex/understand/gazetteer.hpp"
#include "newsdex/understand/text.hpp"

namespace newsdex::understand {

struct Mention {
  uint32_t start = 0;  // the surface form (with the title when the title resolved the name)
  uint32_t end = 0;
  uint32_t entity = 0;  // index into EntityResult::entities
  bool possessive = false;
};

struct EntityResult {
  std::vector<doc::Entity> entities;  // in order of first mention
  std::vector<Mention> mentions;      // sorted by start
  // Per entity: offices known from the gazetteer or seen in the text ("chief of staff").
  std::vector<std::vector<std::string>> titles;
  std::vector<bool> journalist;       // per entity: named as a news outlet's person ("ABC's X")
  std::vector<Span> titles_of_works;  // programme and outlet names ("Nightline", "The Post")
};

// `skip`: byte ranges that are not spoken text (speaker labels, directions), sorted.
EntityResult find_entities(std::string_view text, std::span<const Span> skip,
                           const Gazetteer& gazetteer);
// The same over the words of text outside `skip` (split_spoken_words). With the document's
// `date` (YYYY-MM-DD), "the president" in a document that names nobody with that office is the
// gazetteer's holder of the office on that date (terms in data/gazetteer/people.tsv).
EntityResult find_entities_in_words(std::string_view text, std::span<const Word> words,
                                    const Gazetteer& gazetteer, std::string_view date = {});

// The office at words[i] ("president", "secretary of state"); returns how many words it spans,
// 0 if none, and its lower-case form in `*title`.
size_t match_title(std::span<const Word> words, size_t i, std::string* title);

// Words that cannot be part of a person's name even when capitalised ("The", "Tonight").
bool is_name_stopword(std::string_view lower);

}  // namespace newsdex::understand
