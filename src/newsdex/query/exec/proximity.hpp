// Proximity over word positions: the matching rule of `"a b c"~N` (the words in this order, at
// most N other words between the first and the last) and of `a NEAR/N b` (the words in any
// order, at most N other words in the window that holds them). One implementation for the
// iterators (does a document match, and how often), the mention counter of the analytics, and
// the snippets (which tokens to mark), so the three always agree.
//
// Matches are counted left to right without overlap: the match that ends first is taken, and the
// next match must start after it ends (what Lucene's sloppy phrases and FTS5's NEAR count, up to
// details). The count is at most the smallest of the words' frequencies, which is the bound the
// phrase iterator's block-max pruning already uses for exact phrases.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "newsdex/query/plan/plan.hpp"

namespace newsdex::query {

// The positions of one match, ascending (one per query word; for NEAR, every position of a query
// word inside the window that was taken).
using ProximityMatch = std::vector<uint32_t>;

// `"w0 w1 ... wk-1"~slop`: lists[i] are the ascending positions of query word i (a repeated word
// passes the same positions again; each occurrence serves one word of a match). A match is
// p0 < p1 < ... < pk-1 with p_i from lists[i] and (pk-1 - p0) - (k - 1) <= slop. slop 0 is the
// exact phrase. Appends each match to `matches` when given.
uint32_t count_ordered(std::span<const std::span<const uint32_t>> lists, uint32_t slop,
                       std::vector<ProximityMatch>* matches = nullptr);

// `w0 NEAR/slop w1 ...`: lists[i] are the ascending positions of a distinct query word and
// need[i] how many times the query names it (a word named twice needs two occurrences). A match
// is a window of positions holding need[i] occurrences of every word, whose span (last - first)
// minus (sum of need - 1) is at most slop. Lists of distinct words never share a position.
uint32_t count_unordered(std::span<const std::span<const uint32_t>> lists,
                         std::span<const uint32_t> need, uint32_t slop,
                         std::vector<ProximityMatch>* matches = nullptr);

// count_unordered's general algorithm (a k-way merge and a sliding window), which it uses unless
// the query is two words named once each (a merge walk without buffers); exposed so that tests
// can hold the two to the same answers.
uint32_t count_unordered_windows(std::span<const std::span<const uint32_t>> lists,
                                 std::span<const uint32_t> need, uint32_t slop,
                                 std::vector<ProximityMatch>* matches);

// How a phrase node's words must lie: a plain phrase (slop 0, ordered), "..."~N (ordered, slop
// N) or NEAR/N (not ordered; need[i]: how often the query names distinct word i).
struct PhraseShape {
  uint32_t slop = 0;
  bool ordered = true;
  std::vector<uint32_t> need{};
  bool adjacent() const { return slop == 0 && ordered; }  // a plain phrase
};

// The terms a kPhrase node reads positions of, in order: its terms, except for NEAR, whose
// distinct terms come once each (first-seen order) with their counts in shape->need. Also sets
// shape's slop and ordered from the node.
std::vector<std::string> phrase_cursor_terms(const PlanNode& node, PhraseShape* shape);

// Matches of `shape` over the position lists of phrase_cursor_terms(), by count_ordered or
// count_unordered (a plain phrase is count_ordered with slop 0).
uint32_t count_shape(std::span<const std::span<const uint32_t>> lists, const PhraseShape& shape,
                     std::vector<ProximityMatch>* matches = nullptr);

}  // namespace newsdex::query
