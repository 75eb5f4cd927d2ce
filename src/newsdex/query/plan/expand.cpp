#include "newsdex/query/plan/expand.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "newsdex/analysis/phonetic.hpp"

namespace newsdex::query {
namespace {

using How = Alternative::How;

struct Candidate {
  double weight = 0;
  How how = How::kExact;
  int edits = 0;
  uint64_t df = 0;
};

using Candidates = std::map<std::string, Candidate, std::less<>>;

void offer(Candidates& out, std::string_view term, double weight, How how, int edits, uint64_t df) {
  auto [it, inserted] = out.try_emplace(std::string(term));
  Candidate& c = it->second;
  if (inserted || weight > c.weight) {
    c.weight = weight;
    c.how = how;
    c.edits = edits;
  }
  c.df += df;
}

// Terms of a sorted list within max edits of `word` (and meeting the scanner's split, if any):
// one pass that reuses the DP rows of shared prefixes and jumps, by the list's run table or
// galloping, over every term under a prefix already too far away — a trie walk in effect.
template <class Fn>
void scan_list(const index::TermList& terms, analysis::EditDistanceScanner& scanner, int max,
               Fn&& found) {
  size_t i = 0;
  while (i < terms.size()) {
    const std::string_view term = terms.term(i);
    const int d = scanner.distance(term);
    if (d <= max) {
      if (d > 0) found(term, d, terms.df(i));
      ++i;
      continue;
    }
    const size_t l = scanner.hopeless_prefix();
    i = l > 0 && l <= term.size() ? std::max(i + 1, terms.skip_prefix(term.substr(0, l), i))
                                  : i + 1;
  }
}

// Terms of `field` within max edits of `word`. For one or two edits, a split scan (the pigeonhole
// filter of analysis::EditDistanceScanner): with word = A·B (halves), a term within max has a
// prefix within max - 1 of A — found over the sorted term list — or a suffix within max - 1 of B —
// found over the reversed list — or, for one edit, is the word with A's last and B's first byte
// swapped (looked up). Each scan prunes a prefix as soon as it strays from its half, instead of
// keeping every prefix of up to `max` bytes alive; both lists are cached per segment. The set
// found is exactly that of a full scan (tests/unit/query/fuzzy_scan_test.cpp).
void scan_fuzzy(const index::Segment& seg, index::Field field, const std::string& word, int max,
                const MatchWeights& w, Candidates& out) {
  if (max <= 0) return;
  const index::TermList& terms = seg.terms(field);
  const auto offer_found = [&](std::string_view term, int d, uint32_t df) {
    offer(out, term, d == 1 ? w.fuzzy1 : w.fuzzy2, How::kFuzzy, d, df);
  };
  // Up to two edits, on words short enough for the segment's deletion neighbourhoods: lookups of
  // the word's own deletions, each candidate checked (the same terms a scan finds, in term order).
  if (index::DeletionIndex::covers(word.size(), max)) {
    thread_local std::vector<uint32_t> ids;
    seg.deletions(field).candidates(word, max, ids);
    // One scanner for all candidates: they come in term order, so neighbours share the DP rows
    // of their common prefix (the distance is that of a fresh analysis::edit_distance).
    analysis::EditDistanceScanner scanner(word, max);
    for (uint32_t i : ids) {
      const std::string_view term = terms.term(i);
      const int d = scanner.distance(term);
      if (d >= 1 && d <= max) offer_found(term, d, terms.df(i));
    }
    return;
  }
  if (max > 2 || word.size() < 2) {
    analysis::EditDistanceScanner scanner(word, max);
    scan_list(terms, scanner, max, offer_found);
    return;
  }
  // Found by both halves at most once: (term, distance, df) collected, then offered.
  thread_local std::vector<std::tuple<std::string, int, uint32_t>> found;
  found.clear();
  const size_t a = word.size() / 2;
  const int s = max - 1;
  analysis::EditDistanceScanner forward(word, max, a, s);
  scan_list(terms, forward, max, [&](std::string_view term, int d, uint32_t df) {
    found.emplace_back(std::string(term), d, df);
  });
  const std::string reversed(word.rbegin(), word.rend());
  analysis::EditDistanceScanner backward(reversed, max, word.size() - a, s);
  scan_list(seg.reversed_terms(field), backward, max,
            [&](std::string_view term, int d, uint32_t df) {
              found.emplace_back(std::string(term.rbegin(), term.rend()), d, df);
            });
  if (max == 1 && word[a - 1] != word[a]) {
    std::string swapped = word;
    std::swap(swapped[a - 1], swapped[a]);
    const size_t at = terms.lower_bound(swapped);
    if (at < terms.size() && terms.term(at) == swapped)
      found.emplace_back(swapped, 1, terms.df(at));
  }
  std::sort(found.begin(), found.end());
  found.erase(
      std::unique(found.begin(), found.end(),
                  [](const auto& x, const auto& y) { return std::get<0>(x) == std::get<0>(y); }),
      found.end());
  for (const auto& [term, d, df] : found) offer_found(term, d, df);
}

void scan_prefix(const index::Segment& seg, index::Field field, const std::string& prefix,
                 const MatchWeights& w, Candidates& out) {
  seg.for_each_term_with_prefix(field, prefix, [&](std::string_view term, uint32_t df) {
    offer(out, term, term.size() == prefix.size() ? 1.0 : w.prefix, How::kPrefix, 0, df);
    return true;
  });
}

// The sound keys of a query word, made once per word (not per segment). A letter skeleton of a
// short word ("in", "on": "AN") says little, so letter keys need four letters or more.
struct QuerySounds {
  std::vector<std::string> keys;  // analysis::sound_keys(): p, d and a keys
  std::string metaphone;          // "m" key, for segments written before Double Metaphone
  bool letters = false;
};

QuerySounds query_sounds(const std::string& surface) {
  QuerySounds q;
  q.keys = analysis::sound_keys(surface);
  q.letters = surface.size() >= 4;
  if (q.letters) q.metaphone = analysis::metaphone_key(surface);
  return q;
}

// Terms indexed under one of the sound keys of a query word (a dictionary lookup per key). Keys
// name their scheme (analysis/phonetic.hpp): a segment answers under the schemes it was written
// with — CMUdict phonemes and Double Metaphone now, CMUdict and Metaphone before (and a merge of
// both kinds, both) — and a segment is asked only under the schemes it holds
// (Segment::has_sound_scheme): a lookup under another would find nothing.
void lookup_sounds(const index::Segment& seg, const QuerySounds& q, const MatchWeights& w,
                   Candidates& out) {
  // Double Metaphone, which codes every initial vowel and initial W as "A" and drops other
  // vowels, W, H and Y, says little of a short indexed term either ("eyes" AS against "is",
  // "as"; "whites" ATS against "its"), so those are left out there.
  const auto find = [&](const std::string& key, double weight, size_t min_term) {
    if (!seg.has_sound_scheme(key[0])) return;
    for (auto term : seg.sound_terms(key))
      if (term.size() >= min_term) offer(out, term, weight, How::kSound, 0, 0);
  };
  for (const auto& key : q.keys) {
    if (key[0] == analysis::kPhonemeKey) {
      find(key, w.sound, 0);
      continue;
    }
    if (!q.letters) continue;
    // Primary against primary weighs more than any match through an alternate.
    std::string other = key;
    other[0] = key[0] == analysis::kDoublePrimaryKey ? analysis::kDoubleAlternateKey
                                                     : analysis::kDoublePrimaryKey;
    find(key, key[0] == analysis::kDoublePrimaryKey ? w.metaphone : w.metaphone_alt, 4);
    find(other, w.metaphone_alt, 4);
  }
  if (!q.metaphone.empty()) find(q.metaphone, w.metaphone, 0);
}

// Keeps the best `limit` candidates: exact first, then by weight, then by document frequency.
std::vector<Alternative> best(Candidates& cands, const std::string& exact, size_t limit) {
  std::vector<std::pair<std::string, Candidate>> all(cands.begin(), cands.end());
  std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
    if ((a.first == exact) != (b.first == exact)) return a.first == exact;
    if (a.second.weight != b.second.weight) return a.second.weight > b.second.weight;
    if (a.second.df != b.second.df) return a.second.df > b.second.df;
    return a.first < b.first;
  });
  if (all.size() > limit) all.resize(limit);
  std::vector<Alternative> out;
  for (auto& [term, c] : all) {
    Alternative alt;
    alt.term = term;
    alt.weight = term == exact ? 1.0 : c.weight;
    alt.how = term == exact ? How::kExact : c.how;
    alt.edits = c.edits;
    out.push_back(std::move(alt));
  }
  return out;
}

uint64_t term_df(const index::Snapshot& snap, index::Field field, std::string_view term) {
  uint64_t df = 0;
  for (const auto& v : snap.segments())
    if (auto info = v.segment->lookup(field, term)) df += info->df;
  return df;
}

// The same from each segment's in-memory term list (a binary search instead of a dictionary
// lookup), for callers that have the lists built anyway.
uint64_t listed_df(const index::Snapshot& snap, index::Field field, std::string_view term) {
  uint64_t df = 0;
  for (const auto& v : snap.segments()) {
    const index::TermList& list = v.segment->terms(field);
    const size_t i = list.lower_bound(term);
    if (i < list.size() && list.term(i) == term) df += list.df(i);
  }
  return df;
}

}  // namespace

int robust_max_edits(size_t length) {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

core::Result<size_t> expand_plan(PlanNode& node, const index::Snapshot& snap,
                                 const ExpansionLimits& limits, const MatchWeights& weights) {
  size_t total = 0;
  switch (node.kind) {
    case PlanNode::Kind::kFuzzy:
    case PlanNode::Kind::kPrefix:
    case PlanNode::Kind::kSounds: {
      Candidates cands;
      const std::string& word = node.words.at(0);
      std::string exact;
      const QuerySounds sounds =
          node.kind == PlanNode::Kind::kSounds ? query_sounds(word) : QuerySounds{};
      for (const auto& view : snap.segments()) {
        for (index::Field field : node.fields) {
          if (node.kind == PlanNode::Kind::kFuzzy) {
            if (auto info = view.segment->lookup(field, word)) {
              offer(cands, word, 1.0, How::kExact, 0, info->df);
            }
            scan_fuzzy(*view.segment, field, word, node.max_edits, weights, cands);
          } else if (node.kind == PlanNode::Kind::kPrefix) {
            scan_prefix(*view.segment, field, word, weights, cands);
          }
        }
        if (node.kind == PlanNode::Kind::kSounds)
          lookup_sounds(*view.segment, sounds, weights, cands);
      }
      if (node.kind == PlanNode::Kind::kFuzzy) exact = word;
      if (node.kind == PlanNode::Kind::kSounds) exact = node.terms.empty() ? "" : node.terms[0];
      if (node.kind == PlanNode::Kind::kSounds && !exact.empty())
        offer(cands, exact, 1.0, How::kExact, 0, term_df(snap, index::Field::kBody, exact));
      if (node.kind == PlanNode::Kind::kSounds)
        for (auto& [term, c] : cands) c.df = c.df ? c.df : term_df(snap, index::Field::kBody, term);
      node.slots = {best(cands, exact, limits.per_clause)};
      total = node.slots[0].size();
      break;
    }
    case PlanNode::Kind::kRobust: {
      node.slots.clear();
      // A word with edits allowed builds every segment's body term list (scan_fuzzy): then the
      // sound-alikes' frequencies come from those lists rather than from dictionary lookups.
      const bool listed = node.tolerant &&
                          std::any_of(node.terms.begin(), node.terms.end(),
                                      [](const auto& t) { return robust_max_edits(t.size()) > 0; });
      for (size_t i = 0; i < node.words.size(); ++i) {
        const std::string& surface = node.words[i];
        const std::string& term = node.terms[i];
        Candidates cands;
        const int max = node.tolerant ? robust_max_edits(term.size()) : 0;
        const QuerySounds sounds = query_sounds(surface);
        for (const auto& view : snap.segments()) {
          if (auto info = view.segment->lookup(index::Field::kBody, term))
            offer(cands, term, 1.0, How::kExact, 0, info->df);
          scan_fuzzy(*view.segment, index::Field::kBody, term, max, weights, cands);
          lookup_sounds(*view.segment, sounds, weights, cands);
        }
        for (auto& [t, c] : cands)
          if (c.df == 0)
            c.df = listed ? listed_df(snap, index::Field::kBody, t)
                          : term_df(snap, index::Field::kBody, t);
        node.slots.push_back(best(cands, term, limits.per_word));
        total += node.slots.back().size();
      }
      break;
    }
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kOr:
    case PlanNode::Kind::kNot:
      for (auto& c : node.children) {
        auto n = expand_plan(c, snap, limits, weights);
        if (!n) return n;
        total += *n;
      }
      break;
    default:
      break;
  }
  if (total > limits.per_query)
    return core::fail(core::ErrorCode::kLimit,
                      "the query expands to " + std::to_string(total) + " terms, more than the " +
                          std::to_string(limits.per_query) +
                          " allowed; use fewer fuzzy, prefix or robust clauses",
                      core::Location{"", 0, node.span.begin + 1, 0});
  return total;
}

}  // namespace newsdex::query
