// JSON and text renderings of an analysis: the `newsdex analyze` output contract
// ({"documents":[{id,title,date,turns,quotes,entities,clean_text}]}, offsets are bytes into the
// original body) and a human-readable summary.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "newsdex/doc/transcript.hpp"
#include "newsdex/understand/analyze.hpp"

namespace newsdex::understand {

nlohmann::json turn_to_json(const doc::Transcript& transcript, const doc::Turn& turn);
nlohmann::json quote_to_json(const doc::Quote& quote);
nlohmann::json entity_to_json(const doc::Entity& entity);
// One element of "documents".
nlohmann::json analysis_to_json(const doc::Transcript& transcript, const Analysis& analysis);
std::string analysis_to_text(const doc::Transcript& transcript, const Analysis& analysis);

// The caption repairs of `body` (repair.hpp) as [{"start", "end", "kind"}]: byte ranges of the
// original that the cleaned reading leaves out. `show --json` and GET /api/docs/{id} add them to
// the stored document, which keeps no clean text (it is derived from the body).
nlohmann::json repairs_to_json(std::string_view body);

// The words of a turn: the body range without a leading speaker label, trimmed.
std::string turn_text(const doc::Transcript& transcript, const doc::Turn& turn);

}  // namespace newsdex::understand
