// Evaluation against annotated transcripts: precision, recall and F1 for speaker naming, quotes
// (span and speaker) and entities (name and type). The annotation format is documented in
// tests/data/understand/README.md.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/understand/analyze.hpp"

namespace newsdex::understand {

struct Score {
  size_t correct_predicted = 0;  // predictions that match the annotation
  size_t predicted = 0;
  size_t correct_gold = 0;  // annotations a prediction matches
  size_t gold = 0;
  double precision() const {
    return predicted == 0 ? 1.0 : double(correct_predicted) / double(predicted);
  }
  double recall() const { return gold == 0 ? 1.0 : double(correct_gold) / double(gold); }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
  Score& operator+=(const Score& o);
};

struct EvalScores {
  Score speakers;     // turns with a speaker name: name right (turns matched by overlap)
  Score quotes;       // quote span (Dice >= 0.8 over bytes) and speaker right
  Score quote_spans;  // quote span right, speaker ignored
  Score entities;     // (canonical name, type) per document
  EvalScores& operator+=(const EvalScores& o);
};

// How predicted and annotated quotes are paired (tests/data/understand/README.md, "Scoring").
enum class QuoteMatching {
  kOneToOne,  // each annotation matches at most one prediction and vice versa (best Dice first)
  kAny,       // before 2026-11-27: a prediction counts when any annotation matches it
};

struct EvalOptions {
  QuoteMatching quote_matching = QuoteMatching::kOneToOne;
  // Annotated quoted words are found in order (each after the previous one's start); before
  // 2026-11-27 each was looked up from the start of the body, so a repeated phrase landed on its
  // first occurrence.
  bool quotes_in_order = true;
};

// Scores one analysed transcript against its annotation. `errors` (optional) receives one line
// per mistake, for tuning: "<task> FP|FN [start,end) ..." with the words and speakers.
core::Result<EvalScores> score_document(const doc::Transcript& transcript, const Analysis& analysis,
                                        const nlohmann::json& gold,
                                        std::vector<std::string>* errors,
                                        const EvalOptions& options = {});

// Training examples for the attribution model (scripts/train_attribution.py), one line per
// candidate speaker of each traced quote that matches an annotated quote (Dice >= 0.8):
// "<label>\t<case>\t<1 if the annotated speaker, else 0>\t<name>\t<feature>:<value> ...", cases
// numbered from `next_case` on (which it advances). A quote whose annotated speaker is no candidate
// has only 0 labels.
core::Result<std::vector<std::string>> attribution_examples(const doc::Transcript& transcript,
                                                            std::span<const AttributionCase> cases,
                                                            const nlohmann::json& gold,
                                                            const std::string& label,
                                                            size_t& next_case);

struct EvalFile {
  std::filesystem::path transcript;  // the file the reader reads
  std::filesystem::path gold;        // "<transcript>.gold.json"
};
// Annotated files under dir (recursive, sorted).
std::vector<EvalFile> find_eval_files(const std::filesystem::path& dir);

}  // namespace newsdex::understand
