// The one entry point of understanding: turns, quotes, entities and a caption-repaired reading of
// one transcript. Pure function of its inputs; safe to call from many threads at once.
#pragma once

#include <vector>

#include "newsdex/doc/transcript.hpp"
#include "newsdex/understand/attribution.hpp"
#include "newsdex/understand/gazetteer.hpp"
#include "newsdex/understand/repair.hpp"

namespace newsdex::understand {

struct Analysis {
  std::vector<doc::Turn> turns;       // tile the spoken body, in order
  std::vector<doc::Quote> quotes;     // sorted by start
  std::vector<doc::Entity> entities;  // in order of first mention
  CleanText clean;                    // clean.text with clean.map back to body offsets
};

Analysis analyze(const doc::Transcript& transcript, const Gazetteer& gazetteer);

// For training and tests: the attribution model to use (null: the compiled-in one) and where to
// collect every quote's candidate speakers with their features.
struct AnalyzeHooks {
  const AttributionModel* model = nullptr;
  std::vector<AttributionCase>* trace = nullptr;
};
Analysis analyze(const doc::Transcript& transcript, const Gazetteer& gazetteer,
                 const AnalyzeHooks& hooks);

// Stores an analysis on the transcript: replaces turns, quotes, entities and clean_text.
void apply(Analysis&& analysis, doc::Transcript& transcript);

}  // namespace newsdex::understand
