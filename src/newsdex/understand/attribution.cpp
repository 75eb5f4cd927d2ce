#include "newsdex/understand/attribution.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "newsdex/understand/text.hpp"

namespace newsdex::understand {

namespace {

constexpr std::string_view kNames[] = {"nobody",
                                       "nobody_rule",
                                       "nobody_no_verb",
                                       "nobody_nested",
                                       "nobody_unnamed",
                                       "rule",
                                       "rule_verb_before",
                                       "rule_verb_after",
                                       "rule_short_after",
                                       "rule_sentence_before",
                                       "rule_according",
                                       "rule_first_person",
                                       "rule_medium",
                                       "rule_colon",
                                       "rule_continues",
                                       "rule_goes_on",
                                       "rule_other",
                                       "in_pre",
                                       "in_post",
                                       "in_prev1",
                                       "in_prev2",
                                       "in_quote",
                                       "nearest_pre",
                                       "nearest_post",
                                       "near_pre",
                                       "near_post",
                                       "subject_verb_pre",
                                       "subject_verb_post",
                                       "after_verb_post",
                                       "listener_post",
                                       "person",
                                       "medium_entity",
                                       "journalist",
                                       "possessive_only",
                                       "speaks_for",
                                       "after_preposition",
                                       "by_pronoun",
                                       "by_title",
                                       "turn_speaker",
                                       "turn_speaker_guest",
                                       "previous_speaker",
                                       "previous_continues",
                                       "previous_goes_on",
                                       "colon_subject",
                                       "mentions",
                                       "subject_verb_prev",
                                       "first_person_verb",
                                       "governs_pre",
                                       "governs_post"};
static_assert(std::size(kNames) == size_t(AttributionFeature::kCount));

}  // namespace

namespace detail {
// Generated at configure time from data/attribution/quote-speaker.tsv.
extern const char* const kAttributionModel;
}  // namespace detail

std::string_view attribution_feature_name(AttributionFeature f) {
  return kNames[static_cast<size_t>(f)];
}

core::Result<AttributionModel> AttributionModel::parse(std::string_view text,
                                                       std::string_view file) {
  AttributionModel model;
  size_t line_no = 0;
  auto bad = [&](const std::string& message) {
    return core::fail(core::ErrorCode::kParse,
                      std::string(file) + ":" + std::to_string(line_no) + ": " + message);
  };
  std::vector<bool> seen(size_t(AttributionFeature::kCount), false);
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    line = trim_text(line);
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return bad("expected 'feature<TAB>weight'");
    const std::string_view name = trim_text(line.substr(0, tab));
    const std::string value(trim_text(line.substr(tab + 1)));
    size_t id = 0;
    while (id < std::size(kNames) && kNames[id] != name) ++id;
    if (id == std::size(kNames)) return bad("unknown feature '" + std::string(name) + "'");
    if (seen[id]) return bad("feature '" + std::string(name) + "' given twice");
    char* end = nullptr;
    const double w = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(w))
      return bad("weight of '" + std::string(name) + "' is not a number: '" + value + "'");
    seen[id] = true;
    model.m_weights[id] = w;
    model.m_empty = false;
  }
  return model;
}

double AttributionModel::score(const AttributionFeatures& features) const {
  double s = 0;
  for (const auto& [f, v] : features) s += m_weights[static_cast<size_t>(f)] * v;
  return s;
}

size_t AttributionModel::best(std::span<const AttributionCandidate> candidates) const {
  size_t best = 0;
  double top = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const double s = score(candidates[i].features);
    if (i == 0 || s > top) {
      top = s;
      best = i;
    }
  }
  return best;
}

const AttributionModel& builtin_attribution_model() {
  static const AttributionModel model = [] {
    auto parsed =
        AttributionModel::parse(detail::kAttributionModel, "data/attribution/quote-speaker.tsv");
    // A malformed compiled-in model is a build defect the unit tests catch; run on the rules.
    return parsed ? *parsed : AttributionModel();
  }();
  return model;
}

}  // namespace newsdex::understand
