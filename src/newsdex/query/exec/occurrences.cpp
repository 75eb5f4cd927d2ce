#include "newsdex/query/exec/occurrences.hpp"

#include <algorithm>
#include <unordered_map>

#include "newsdex/query/exec/proximity.hpp"
#include "newsdex/query/exec/robust_match.hpp"

namespace newsdex::query {

std::vector<Occurrence> find_occurrences(std::string_view body,
                                         std::span<const analysis::Token> tokens,
                                         const PlanNode& plan) {
  std::vector<Occurrence> out;
  auto token = [&](size_t i, const std::string& word, const Alternative& alt) {
    OccurrenceToken t{.token = i};
    if (alt.how != Alternative::How::kExact &&
        !(alt.how == Alternative::How::kPrefix && alt.weight >= 1))
      t.approximate = ApproximateMatch{
          std::string(body.substr(tokens[i].start, tokens[i].end - tokens[i].start)), word,
          how_name(alt.how)};
    return t;
  };
  for_each_scoring_leaf(plan, [&](const PlanNode& leaf) {
    if (std::find(leaf.fields.begin(), leaf.fields.end(), index::Field::kBody) == leaf.fields.end())
      return;
    if (leaf.kind == PlanNode::Kind::kFuzzy || leaf.kind == PlanNode::Kind::kPrefix ||
        leaf.kind == PlanNode::Kind::kSounds) {
      if (leaf.slots.empty()) return;
      const std::string& word = leaf.kind == PlanNode::Kind::kSounds || leaf.terms.empty()
                                    ? leaf.words[0]
                                    : leaf.terms[0];
      for (size_t i = 0; i < tokens.size(); ++i)
        for (const auto& alt : leaf.slots[0])
          if (tokens[i].term == alt.term) {
            out.push_back({{token(i, word, alt)}, {}});
            break;
          }
      return;
    }
    if (leaf.kind == PlanNode::Kind::kRobust) {
      // Align the phrase over the document's tokens exactly as the iterator did.
      std::unordered_map<std::string_view, std::vector<std::pair<uint32_t, uint32_t>>> where;
      for (uint32_t s = 0; s < leaf.slots.size(); ++s)
        for (uint32_t a = 0; a < leaf.slots[s].size(); ++a)
          where[leaf.slots[s][a].term].push_back({s, a});
      std::vector<std::vector<SlotHit>> slot_hits(leaf.slots.size());
      std::unordered_map<uint32_t, size_t> token_at;  // position -> token index
      for (size_t i = 0; i < tokens.size(); ++i) {
        auto it = where.find(tokens[i].term);
        if (it == where.end()) continue;
        token_at[tokens[i].position] = i;
        for (auto [s, a] : it->second)
          slot_hits[s].push_back({tokens[i].position, a, leaf.slots[s][a].weight});
      }
      for (auto& hits : slot_hits)
        hits.erase(std::unique(
                       hits.begin(), hits.end(),
                       [](const SlotHit& x, const SlotHit& y) { return x.position == y.position; }),
                   hits.end());
      for (const auto& chain :
           align_phrase(slot_hits, robust_align_options(leaf.slots.size(), leaf.tolerant))) {
        Occurrence o;
        for (size_t s = 0; s < chain.matched.size(); ++s)
          if (chain.matched[s])
            o.tokens.push_back(token(token_at[chain.hits[s].position], leaf.words[s],
                                     leaf.slots[s][chain.hits[s].alternative]));
          else
            o.missing.push_back(leaf.words[s]);
        if (o.tokens.empty()) continue;
        std::sort(
            o.tokens.begin(), o.tokens.end(),
            [](const OccurrenceToken& a, const OccurrenceToken& b) { return a.token < b.token; });
        out.push_back(std::move(o));
      }
      return;
    }
    const auto& terms = leaf.terms;
    if (terms.empty()) return;
    if (leaf.proximity()) {
      // "..."~N and NEAR/N: the matches the iterator counted, over the tokens' positions.
      PhraseShape shape;
      const auto words = phrase_cursor_terms(leaf, &shape);
      std::vector<std::vector<uint32_t>> positions(words.size());
      std::unordered_map<uint32_t, size_t> token_at;  // position -> token index
      for (size_t i = 0; i < tokens.size(); ++i)
        for (size_t w = 0; w < words.size(); ++w)
          if (tokens[i].term == words[w]) {
            positions[w].push_back(tokens[i].position);
            token_at[tokens[i].position] = i;
          }
      std::vector<std::span<const uint32_t>> lists(positions.begin(), positions.end());
      std::vector<ProximityMatch> matches;
      count_shape(lists, shape, &matches);
      for (const auto& m : matches) {
        Occurrence o;
        for (uint32_t p : m) o.tokens.push_back({.token = token_at[p]});
        out.push_back(std::move(o));
      }
      return;
    }
    for (size_t i = 0; i + terms.size() <= tokens.size(); ++i) {
      bool all = true;
      for (size_t k = 0; k < terms.size() && all; ++k)
        all = tokens[i + k].term == terms[k] &&
              tokens[i + k].position == tokens[i].position + static_cast<uint32_t>(k);
      if (!all) continue;
      Occurrence o;
      for (size_t k = 0; k < terms.size(); ++k) o.tokens.push_back({.token = i + k});
      out.push_back(std::move(o));
    }
  });
  return out;
}

}  // namespace newsdex::query
