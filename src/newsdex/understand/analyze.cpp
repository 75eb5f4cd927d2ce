#include "newsdex/understand/analyze.hpp"

#include "newsdex/understand/entities.hpp"
#include "newsdex/understand/quotes.hpp"
#include "newsdex/understand/references.hpp"
#include "newsdex/understand/text.hpp"
#include "newsdex/understand/turns.hpp"

namespace newsdex::understand {

Analysis analyze(const doc::Transcript& transcript, const Gazetteer& gazetteer) {
  return analyze(transcript, gazetteer, AnalyzeHooks{});
}

Analysis analyze(const doc::Transcript& transcript, const Gazetteer& gazetteer,
                 const AnalyzeHooks& hooks) {
  Analysis out;
  const SentenceMemo sentences(transcript.body);  // several stages split the same sentences
  std::vector<Span> skip;
  skip.reserve(transcript.markup.size());
  for (const auto& m : transcript.markup) skip.push_back({m.start, m.end});
  const std::vector<Span> quoted = find_quoted_spans(transcript.body, skip);
  const std::vector<Word> words = split_spoken_words(transcript.body, skip);
  EntityResult entities =
      find_entities_in_words(transcript.body, words, gazetteer, transcript.date);
  const Referents referents(words, entities, quoted, transcript.body, &gazetteer);
  const TurnInput turn_input{transcript, skip, quoted, entities, referents, gazetteer};
  out.turns = find_turns(turn_input);
  const QuoteInput quote_input{transcript, out.turns, skip,        quoted,     entities,
                               referents,  gazetteer, hooks.model, hooks.trace};
  out.quotes = find_quotes(quote_input);
  out.entities = std::move(entities.entities);
  out.clean = repair_text(transcript.body);
  return out;
}

void apply(Analysis&& analysis, doc::Transcript& transcript) {
  transcript.turns = std::move(analysis.turns);
  transcript.quotes = std::move(analysis.quotes);
  transcript.entities = std::move(analysis.entities);
  transcript.clean_text = std::move(analysis.clean.text);
}

}  // namespace newsdex::understand
