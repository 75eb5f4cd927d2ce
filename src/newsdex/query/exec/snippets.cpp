#include "newsdex/query/exec/snippets.hpp"

#include <algorithm>
#include <unordered_set>

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

  // Mark the tokens of every occurrence; approximate matches carry a note (index into `notes`)
  // saying which query word they stand for and how they matched.
  std::vector<bool> hit(tokens.size(), false);
  std::vector<int> note(tokens.size(), -1);
  std::vector<ApproximateMatch> notes;
  for (const auto& occurrence : find_occurrences(t.body, tokens, plan))
    for (const auto& tok : occurrence.tokens) {
      hit[tok.token] = true;
      if (!tok.approximate) continue;
      auto it = std::find(notes.begin(), notes.end(), *tok.approximate);
      note[tok.token] = static_cast<int>(it - notes.begin());
      if (it == notes.end()) notes.push_back(*tok.approximate);
    }

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
