#include "newsdex/query/plan/expand.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "newsdex/analysis/phonetic.hpp"

namespace newsdex::query {
namespace {

using How = Alternative::How;

// The terms offered for one clause or robust word, in the order they were offered, merged by
// term at the end (a flat list sorted once instead of a map keyed by an allocated string per
// offer). Per term: the largest weight offered (the first offer of it decides how and edits),
// and the document frequencies offered, summed (0 when every offer came without one).
class Candidates {
 public:
  struct Candidate {
    std::string_view term;
    double weight = 0;
    How how = How::kExact;
    int edits = 0;
    uint64_t df = 0;
  };
  // `term` must outlive the expansion (a segment's term list or sound dictionary, the plan's
  // words); offer_copy() keeps its own copy of one that does not.
  void offer(std::string_view term, double weight, How how, int edits, uint64_t df) {
    m_offers.push_back({term, weight, how, edits, df});
  }
  void offer_copy(std::string_view term, double weight, How how, int edits, uint64_t df) {
    offer(m_owned.emplace_back(term), weight, how, edits, df);
  }
  // One entry per term, sorted by term.
  std::vector<Candidate>& merged() {
    std::stable_sort(m_offers.begin(), m_offers.end(),
                     [](const Candidate& a, const Candidate& b) { return a.term < b.term; });
    size_t out = 0;
    for (size_t i = 0; i < m_offers.size(); ++i) {
      const Candidate& c = m_offers[i];
      if (out > 0 && m_offers[out - 1].term == c.term) {
        Candidate& kept = m_offers[out - 1];
        if (c.weight > kept.weight) {
          kept.weight = c.weight;
          kept.how = c.how;
          kept.edits = c.edits;
        }
        kept.df += c.df;
      } else {
        m_offers[out++] = c;
      }
    }
    m_offers.resize(out);
    return m_offers;
  }

 private:
  std::vector<Candidate> m_offers;
  std::deque<std::string> m_owned;
};

void offer(Candidates& out, std::string_view term, double weight, How how, int edits, uint64_t df) {
  out.offer(term, weight, how, edits, df);
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
  for (const auto& [term, d, df] : found)
    out.offer_copy(term, d == 1 ? w.fuzzy1 : w.fuzzy2, How::kFuzzy, d, df);
}

void scan_prefix(const index::Segment& seg, index::Field field, const std::string& prefix,
                 const MatchWeights& w, Candidates& out) {
  seg.for_each_term_with_prefix(field, prefix, [&](std::string_view term, uint32_t df) {
    out.offer_copy(term, term.size() == prefix.size() ? 1.0 : w.prefix, How::kPrefix, 0, df);
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

// Keeps the best `limit` candidates: exact first, then by weight, then by document frequency,
// then by term. `df_of(term)` gives the frequency of a candidate offered without one; it is asked
// only for candidates whose weight can still place them among the best `limit` (every weight
// class from the top down to the one the cut falls in), so the long tail of weak sound-alikes of a
// common key costs no lookups. The kept list is the one a sort of every candidate, each with its
// frequency, would keep.
std::vector<Alternative> best(Candidates& cands, std::string_view exact, size_t limit,
                              const std::function<uint64_t(std::string_view)>& df_of) {
  auto& all = cands.merged();
  struct Ranked {
    Candidates::Candidate* c;
    bool exact;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(all.size());
  for (auto& c : all) ranked.push_back({&c, c.term == exact});
  const auto above = [](const Ranked& a, const Ranked& b) {  // by class: exact, then weight
    if (a.exact != b.exact) return a.exact;
    return a.c->weight > b.c->weight;
  };
  std::sort(ranked.begin(), ranked.end(), above);
  size_t needed = 0;  // candidates in the classes down to the one holding the limit-th
  while (needed < ranked.size() && needed < limit) {
    size_t end = needed + 1;
    while (end < ranked.size() && !above(ranked[needed], ranked[end])) ++end;
    for (size_t i = needed; i < end; ++i)
      if (ranked[i].c->df == 0) ranked[i].c->df = df_of(ranked[i].c->term);
    needed = end;
  }
  ranked.resize(needed);
  std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
    if (above(a, b) || above(b, a)) return above(a, b);
    if (a.c->df != b.c->df) return a.c->df > b.c->df;
    return a.c->term < b.c->term;
  });
  if (ranked.size() > limit) ranked.resize(limit);
  std::vector<Alternative> out;
  out.reserve(ranked.size());
  for (const auto& r : ranked) {
    Alternative alt;
    alt.term = std::string(r.c->term);
    alt.weight = r.exact ? 1.0 : r.c->weight;
    alt.how = r.exact ? How::kExact : r.c->how;
    alt.edits = r.c->edits;
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
      // Fuzzy and prefix terms come with their frequencies; sound-alikes are looked up.
      const bool sounds_kind = node.kind == PlanNode::Kind::kSounds;
      node.slots = {best(cands, exact, limits.per_clause, [&](std::string_view term) -> uint64_t {
        return sounds_kind ? term_df(snap, index::Field::kBody, term) : 0;
      })};
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
        // A word the phrase repeats ("the", "of") expands as it did the first time.
        size_t same = 0;
        while (same < i && (node.words[same] != surface || node.terms[same] != term)) ++same;
        if (same < i) {
          node.slots.push_back(node.slots[same]);
          total += node.slots.back().size();
          continue;
        }
        Candidates cands;
        const int max = node.tolerant ? robust_max_edits(term.size()) : 0;
        const QuerySounds sounds = query_sounds(surface);
        for (const auto& view : snap.segments()) {
          if (auto info = view.segment->lookup(index::Field::kBody, term))
            offer(cands, term, 1.0, How::kExact, 0, info->df);
          scan_fuzzy(*view.segment, index::Field::kBody, term, max, weights, cands);
          lookup_sounds(*view.segment, sounds, weights, cands);
        }
        node.slots.push_back(best(cands, term, limits.per_word, [&](std::string_view t) {
          return listed ? listed_df(snap, index::Field::kBody, t)
                        : term_df(snap, index::Field::kBody, t);
        }));
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
