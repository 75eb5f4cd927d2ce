// Highlighted snippets: the windows of a document's body with the most query matches, the text
// HTML-escaped and each match wrapped in <mark>...</mark>. Built from token byte offsets, so the
// snippet shows the original text exactly.
#pragma once

#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/query/exec/occurrences.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::query {

struct SnippetOptions {
  size_t max_snippets = 2;
  size_t window_tokens = 28;
};

// Approximate matches inside the snippets are marked <mark class="approx" title="WORD (HOW)">
// and, when `approximate` is given, listed there (each distinct one once).
std::vector<std::string> make_snippets(const doc::Transcript& transcript, const PlanNode& plan,
                                       analysis::Analyzer& analyzer, const SnippetOptions& options,
                                       std::vector<ApproximateMatch>* approximate = nullptr);

std::string html_escape(std::string_view text);

}  // namespace newsdex::query
