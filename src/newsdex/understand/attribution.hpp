// Quote attribution as ranking: every quote's candidate speakers (people and organisations the
// text refers to around it, the turn's speaker, the previous quote's speaker, and nobody) get a
// sparse feature vector (where they are named, next to which speech verb, whether the rules chose
// them and why, ...); a linear model scores them and the best one speaks. The weights are
// learned offline from the dev and training-only parts of the evaluation set, never the held-out
// part (scripts/train_attribution.py, docs/understanding-eval.md), and compiled in from
// data/attribution/quote-speaker.tsv.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/core/error.hpp"

namespace newsdex::understand {

// Feature ids; their names (attribution_feature_name) are the model file's keys.
enum class AttributionFeature : uint16_t {
  kNobody,              // the "nobody" candidate
  kNobodyRule,          // ... and the rules named nobody
  kNobodyNoVerb,        // ... and no speech verb in the quote's sentence
  kNobodyNested,        // ... and the quote is inside another
  kNobodyUnnamed,       // ... and an unnamed person noun ("an aide") is before the quote
  kRule,                // the rules chose this candidate
  kRuleVerbBefore,      // ... by a speech verb before the quote
  kRuleVerbAfter,       // ... after it
  kRuleShortAfter,      // ... in a short sentence after it
  kRuleSentenceBefore,  // ... in the sentence before
  kRuleAccording,       // ... "according to"
  kRuleFirstPerson,     // ... "I said": the turn's speaker
  kRuleMedium,          // ... the subject of a sentence naming a medium
  kRuleColon,           // ... the subject of a sentence ending in a colon
  kRuleContinues,       // ... the speaker of the quote before, in the same sentence
  kRuleGoesOn,          // ... the speaker of the quote before, after its attribution
  kRuleOther,           // ... any other rule
  kInPre,               // named in the quote's sentence before it
  kInPost,              // ... after it
  kInPrev1,             // named in the sentence before
  kInPrev2,             // ... two sentences before
  kInQuote,             // named inside the quoted words
  kNearestPre,          // the last reference before the quote
  kNearestPost,         // the first reference after the quote
  kNearPre,             // 1 / (1 + words from its last mention to the quote / 4)
  kNearPost,            // 1 / (1 + words from the quote to its first mention after / 4)
  kSubjectVerbPre,      // right before a speech verb (at most 3 words) before the quote
  kSubjectVerbPost,     // right before a speech verb after the quote
  kAfterVerbPost,       // right after a speech verb after the quote ("said Senator X")
  kListenerPost,        // right after "told" after the quote (the listener)
  kPerson,              // a person (else an organisation)
  kMediumEntity,        // a platform or news outlet
  kJournalist,          // named as a news outlet's person ("ABC's X")
  kPossessiveOnly,      // every mention is possessive ("Pelosi's")
  kSpeaksFor,           // "X's office", "X's statement"
  kAfterPreposition,    // a mention follows a preposition ("told Joe Biden")
  kByPronoun,           // referred to by a pronoun
  kByTitle,             // referred to by a title ("the president")
  kTurnSpeaker,         // the speaker of the turn the quote is in
  kTurnSpeakerGuest,    // ... and that turn is a soundbite (a guest)
  kPreviousSpeaker,     // the speaker of the quote before
  kPreviousContinues,   // ... in the same sentence, joined by speech words
  kPreviousGoesOn,      // ... after one sentence of attribution naming nobody else
  kColonSubject,        // first reference of a sentence that ends with a colon at the quote
  kMentions,            // number of mentions in the window / 4, at most 1
  kSubjectVerbPrev,     // right before a speech verb in one of the two sentences before
  kFirstPersonVerb,     // the turn's speaker, and "I" is right before a speech verb in the
                        // quote's sentence or the one before ("I told them, "..."")
  kGovernsPre,          // the last reference before the last speech verb before the quote, at
                        // most five words before it: that verb's subject
  kGovernsPost,         // the reference nearest the first speech verb after the quote (its
                        // subject, or the name right after it: "said Senator X")
  kCount
};

std::string_view attribution_feature_name(AttributionFeature f);

using AttributionFeatures = std::vector<std::pair<AttributionFeature, float>>;

struct AttributionCandidate {
  std::string name;  // empty: nobody
  AttributionFeatures features;
};

// One quote's candidates, for training (analyze(..., trace)).
struct AttributionCase {
  uint32_t start = 0;
  uint32_t end = 0;
  std::vector<AttributionCandidate> candidates;
};

class AttributionModel {
 public:
  // Lines "feature<TAB>weight"; '#' starts a comment line. Errors name `file` and the line.
  static core::Result<AttributionModel> parse(std::string_view text, std::string_view file);
  double score(const AttributionFeatures& features) const;
  // The index of the best candidate (the first on a tie); none without candidates.
  size_t best(std::span<const AttributionCandidate> candidates) const;
  bool empty() const { return m_empty; }

 private:
  std::vector<double> m_weights = std::vector<double>(size_t(AttributionFeature::kCount), 0.0);
  bool m_empty = true;
};

// The compiled-in model (data/attribution/quote-speaker.tsv).
const AttributionModel& builtin_attribution_model();

}  // namespace newsdex::understand
