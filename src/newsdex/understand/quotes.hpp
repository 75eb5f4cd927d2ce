// Quotes: direct quotations between quotation marks (straight or curly, nested, spanning
// sentences) and spoken soundbites, each attributed to a person or organisation when the text
// says who: a speech verb ("said", "tweeted", "saying", "according to"), a pronoun or a title
// ("he", "the president") resolved to the nearest named person, and the medium when stated ("on
// Twitter", "in a statement", "told the Washington Post"). Names of works and outlets in
// quotation marks ("The Washington post", "Nightline") and single quoted words are not quotes.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "newsdex/doc/transcript.hpp"
#include "newsdex/understand/attribution.hpp"
#include "newsdex/understand/gazetteer.hpp"
#include "newsdex/understand/references.hpp"

namespace newsdex::understand {

// The text inside every pair of quotation marks (without the marks), nested pairs included,
// sorted by start. Unbalanced marks are ignored. `skip` ranges are not searched.
std::vector<Span> find_quoted_spans(std::string_view text, std::span<const Span> skip);

struct QuoteInput {
  const doc::Transcript& transcript;  // body and, for soundbites, turns (already found)
  std::span<const doc::Turn> turns;
  std::span<const Span> skip;
  std::span<const Span> quoted;  // from find_quoted_spans
  const EntityResult& entities;
  const Referents& referents;
  const Gazetteer& gazetteer;
  // The attribution model that arbitrates among each quote's candidate speakers (null: the
  // compiled-in one; an empty model leaves the rules' choice), and, for training, where to put
  // every quote's candidates and features.
  const AttributionModel* model = nullptr;
  std::vector<AttributionCase>* trace = nullptr;
};

// Quotes sorted by start: quoted ones and one soundbite per soundbite turn.
std::vector<doc::Quote> find_quotes(const QuoteInput& in);

// True when the quoted words name a work or an outlet rather than quote anyone.
bool is_title_in_quotes(std::string_view text, Span inner, const QuoteInput& in);

}  // namespace newsdex::understand
