#include "newsdex/query/exec/snippets.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "newsdex/query/exec/robust_match.hpp"

namespace newsdex::query {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::vector<std::string> make_snippets(const doc::Transcript& t, const PlanNode& plan,
                                       analysis::Analyzer& analyzer, const SnippetOptions& options,
                                       std::vector<ApproximateMatch>* approximate) {
  std::vector<analysis::SkipRange> skip;
  for (const auto& m : t.markup) skip.push_back({m.start, m.end});
  const auto tokens = analyzer.tokens(t.body, skip);
  if (tokens.empty() || options.max_snippets == 0) return {};

  // Mark the tokens that match a body-searching scoring leaf; approximate matches carry a note
  // (index into `notes`) saying which query word they stand for and how they matched.
  std::vector<bool> hit(tokens.size(), false);
  std::vector<int> note(tokens.size(), -1);
  std::vector<ApproximateMatch> notes;
  auto mark = [&](size_t i, const std::string& word, const Alternative& alt) {
    hit[i] = true;
    if (alt.how == Alternative::How::kExact ||
        (alt.how == Alternative::How::kPrefix && alt.weight >= 1))
      return;
    ApproximateMatch m{std::string(std::string_view(t.body).substr(
                           tokens[i].start, tokens[i].end - tokens[i].start)),
                       word, how_name(alt.how)};
    auto it = std::find(notes.begin(), notes.end(), m);
    note[i] = static_cast<int>(it - notes.begin());
    if (it == notes.end()) notes.push_back(std::move(m));
  };
  for_each_scoring_leaf(plan, [&](const PlanNode& leaf) {
    if (std::find(leaf.fields.begin(), leaf.fields.end(), index::Field::kBody) == leaf.fields.end())
      return;
    if (leaf.kind == PlanNode::Kind::kFuzzy || leaf.kind == PlanNode::Kind::kPrefix ||
        leaf.kind == PlanNode::Kind::kSounds) {
      if (leaf.slots.empty()) return;
      const std::string& word = leaf.terms.empty() ? leaf.words[0] : leaf.terms[0];
      for (size_t i = 0; i < tokens.size(); ++i)
        for (const auto& alt : leaf.slots[0])
          if (tokens[i].term == alt.term) {
            mark(i, leaf.kind == PlanNode::Kind::kSounds ? leaf.words[0] : word, alt);
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
           align_phrase(slot_hits, robust_align_options(leaf.slots.size(), leaf.tolerant)))
        for (size_t s = 0; s < chain.matched.size(); ++s)
          if (chain.matched[s])
            mark(token_at[chain.hits[s].position], leaf.words[s],
                 leaf.slots[s][chain.hits[s].alternative]);
      return;
    }
    const auto& terms = leaf.terms;
    for (size_t i = 0; i + terms.size() <= tokens.size(); ++i) {
      bool all = true;
      for (size_t k = 0; k < terms.size() && all; ++k)
        all = tokens[i + k].term == terms[k] &&
              tokens[i + k].position == tokens[i].position + static_cast<uint32_t>(k);
      if (all)
        for (size_t k = 0; k < terms.size(); ++k) hit[i + k] = true;
    }
  });

  // Greedily take the densest windows that do not overlap.
  const size_t w = std::min(options.window_tokens, tokens.size());
  std::vector<size_t> prefix(tokens.size() + 1, 0);
  for (size_t i = 0; i < tokens.size(); ++i) prefix[i + 1] = prefix[i] + (hit[i] ? 1 : 0);
  std::vector<std::pair<size_t, size_t>> windows;  // [first, last)
  std::vector<bool> used(tokens.size(), false);
  for (size_t n = 0; n < options.max_snippets; ++n) {
    size_t best = SIZE_MAX, best_count = 0;
    for (size_t s = 0; s + w <= tokens.size(); ++s) {
      if (used[s] || used[s + w - 1]) continue;
      size_t count = prefix[s + w] - prefix[s];
      // Prefer windows that start a little before the first match.
      if (count > best_count) {
        best_count = count;
        best = s;
      }
    }
    if (best == SIZE_MAX) break;
    // Centre the first match: move the window start back a few tokens when possible.
    size_t first_hit = best;
    while (first_hit < best + w && !hit[first_hit]) ++first_hit;
    size_t start = first_hit > 5 ? first_hit - 5 : 0;
    start = std::min(start, tokens.size() - w);
    bool overlaps = false;
    for (size_t i = start; i < start + w; ++i) overlaps = overlaps || used[i];
    if (overlaps) start = best;
    for (size_t i = start; i < start + w; ++i) used[i] = true;
    windows.emplace_back(start, start + w);
  }
  if (windows.empty()) windows.emplace_back(0, w);  // no body match (title or filter only)
  std::sort(windows.begin(), windows.end());

  std::vector<std::string> out;
  for (auto [first, last] : windows) {
    std::string s;
    if (first > 0) s += "\xE2\x80\xA6";  // …
    uint32_t cursor = tokens[first].start;
    for (size_t i = first; i < last; ++i) {
      s += html_escape(std::string_view(t.body).substr(cursor, tokens[i].start - cursor));
      std::string_view word =
          std::string_view(t.body).substr(tokens[i].start, tokens[i].end - tokens[i].start);
      if (hit[i] && note[i] >= 0) {
        const auto& n = notes[static_cast<size_t>(note[i])];
        s += "<mark class=\"approx\" title=\"" + html_escape(n.word) + " (" + n.how + ")\">" +
             html_escape(word) + "</mark>";
        cursor = tokens[i].end;
        if (approximate &&
            std::find(approximate->begin(), approximate->end(), n) == approximate->end())
          approximate->push_back(n);
      } else if (hit[i]) {
        // Join adjacent exactly matched tokens (a phrase) into one mark.
        s += "<mark>";
        size_t j = i;
        while (j + 1 < last && hit[j + 1] && note[j + 1] < 0) ++j;
        s += html_escape(
            std::string_view(t.body).substr(tokens[i].start, tokens[j].end - tokens[i].start));
        s += "</mark>";
        cursor = tokens[j].end;
        i = j;
      } else {
        s += html_escape(word);
        cursor = tokens[i].end;
      }
    }
    if (last < tokens.size()) s += "\xE2\x80\xA6";
    // Collapse line breaks: snippets are one line.
    std::replace(s.begin(), s.end(), '\n', ' ');
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace newsdex::query
