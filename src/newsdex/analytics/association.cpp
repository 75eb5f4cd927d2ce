#include "newsdex/analytics/association.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/segment_lists.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/index/storage/turns.hpp"
#include "newsdex/query/exec/matcher.hpp"

namespace newsdex::analytics {

namespace {

double xlogx_ratio(double k, double e) {
  return k > 0 && e > 0 ? k * std::log(k / e) : 0.0;
}

struct Foreground {
  std::vector<query::Match> docs;
  std::vector<std::vector<std::string>> phrases;  // the query's body terms and phrases
};

// Turns of `t` (as [start, end) byte ranges) holding an occurrence of one of `phrases`.
std::vector<std::pair<uint32_t, uint32_t>> matching_turns(
    const doc::Transcript& t, const std::vector<analysis::Token>& tokens,
    const std::vector<std::vector<std::string>>& phrases) {
  std::vector<uint32_t> hit_offsets;
  for (const auto& terms : phrases)
    for (size_t i = 0; !terms.empty() && i + terms.size() <= tokens.size(); ++i) {
      bool all = true;
      for (size_t k = 0; k < terms.size() && all; ++k)
        all = tokens[i + k].term == terms[k] && tokens[i + k].position == tokens[i].position + k;
      if (all) hit_offsets.push_back(tokens[i].start);
    }
  std::vector<std::pair<uint32_t, uint32_t>> out;
  if (t.turns.empty()) {
    if (!hit_offsets.empty()) out.emplace_back(0, static_cast<uint32_t>(t.body.size()));
    return out;
  }
  for (const auto& turn : t.turns)
    for (uint32_t o : hit_offsets)
      if (o >= turn.start && o < turn.end) {
        out.emplace_back(turn.start, turn.end);
        break;
      }
  return out;
}

// The association scores of one item (the same formulas in both paths): k11 = foreground units
// with the item (capped at its df), n1 = foreground units, the background is the archive minus the
// foreground documents.
struct Scorer {
  double n1 = 1, n2 = 1, total = 1;
  Measure measure = Measure::kG2;

  Scorer(double units, uint64_t foreground, uint64_t background, Measure m)
      : n1(std::max(1.0, units)),
        n2(std::max(1.0, static_cast<double>(background) - static_cast<double>(foreground))),
        total(static_cast<double>(background)),
        measure(m) {}

  void score(Associated& a, double k11_raw) const {
    const double k11 = std::min(k11_raw, static_cast<double>(a.df));
    const double k21 = std::max(0.0, static_cast<double>(a.df) - k11);
    a.g2 = round6(log_likelihood(k11, n1, k21, n2));
    const double p_fg = k11 / n1, p_all = static_cast<double>(a.df) / std::max(1.0, total);
    a.pmi = round6(p_fg > 0 && p_all > 0 ? std::log2(p_fg / p_all) : 0.0);
  }
  double key(const Associated& a) const { return measure == Measure::kG2 ? a.g2 : a.pmi; }
  // Ranked by the measure (then name); only over-represented items (G² > 0) are kept.
  void rank(std::vector<Associated>& items, size_t limit) const {
    std::sort(items.begin(), items.end(), [&](const Associated& a, const Associated& b) {
      return key(a) != key(b) ? key(a) > key(b) : a.name < b.name;
    });
    std::erase_if(items, [](const Associated& a) { return a.g2 <= 0; });
    if (items.size() > limit) items.resize(limit);
  }
};

// What both paths fill in the same way before counting: the request echoed, the archive size.
Association empty_association(const index::Snapshot& snap, const AssociationRequest& request) {
  Association out;
  out.query = request.query;
  out.within = request.within;
  out.measure = request.measure;
  out.background = snap.live_documents();
  return out;
}

core::Result<Association> associate_stored(const index::Snapshot& snap,
                                           const AssociationRequest& request,
                                           const query::PlanNode& plan,
                                           analysis::Analyzer& analyzer) {
  Association out = empty_association(snap, request);
  std::vector<query::Match> docs;
  query::for_each_match(snap, plan, false, [&](const query::Match& m) { docs.push_back(m); });
  out.foreground = docs.size();
  std::vector<std::vector<std::string>> phrases;
  std::unordered_set<std::string> query_terms;
  query::for_each_scoring_leaf(plan, [&](const query::PlanNode& leaf) {
    if (std::find(leaf.fields.begin(), leaf.fields.end(), index::Field::kBody) != leaf.fields.end())
      phrases.push_back(leaf.terms);
    for (const auto& t : leaf.terms) query_terms.insert(t);
  });
  if (request.within == Within::kTurn && phrases.empty())
    return core::fail(core::ErrorCode::kUsage, "within=turn needs body words in the query");

  // An evenly spaced sample of the foreground, deterministic.
  const size_t sample = std::max<size_t>(1, request.sample);
  std::vector<query::Match> picked;
  if (docs.size() <= sample)
    picked = docs;
  else
    for (size_t i = 0; i < sample; ++i) picked.push_back(docs[i * docs.size() / sample]);
  out.sampled = picked.size();

  std::unordered_map<std::string, uint64_t> term_counts;
  std::unordered_map<std::string, std::pair<uint64_t, std::string>>
      entity_counts;  // name -> count, type
  for (const auto& m : picked) {
    const auto& seg = *snap.segments()[m.segment].segment;
    auto t = seg.document(m.doc);
    if (!t) return tl::unexpected(t.error());
    std::vector<analysis::SkipRange> skip;
    for (const auto& mk : t->markup) skip.push_back({mk.start, mk.end});
    const auto tokens = analyzer.tokens(t->body, skip);
    std::vector<std::pair<uint32_t, uint32_t>> units;
    if (request.within == Within::kTurn)
      units = matching_turns(*t, tokens, phrases);
    else
      units.emplace_back(0, static_cast<uint32_t>(t->body.size()));
    for (const auto& [begin, end] : units) {
      ++out.units;
      std::unordered_set<std::string_view> seen;
      for (const auto& tok : tokens)
        if (tok.start >= begin && tok.start < end && !query_terms.count(tok.term) &&
            seen.insert(tok.term).second)
          ++term_counts[tok.term];
      if (!request.entities) continue;
      for (const auto& e : t->entities) {
        const bool inside = std::any_of(
            e.mentions.begin(), e.mentions.end(),
            [&](const doc::Entity::Span& s) { return s.start >= begin && s.end <= end; });
        if (!inside) continue;
        auto& c = entity_counts[e.name];
        c.first += 1;
        c.second = doc::entity_type_name(e.type);
      }
    }
  }
  // Counts of the sample scaled to the whole foreground.
  const double scale =
      out.sampled ? static_cast<double>(out.foreground) / static_cast<double>(out.sampled) : 1.0;
  const double n1 = static_cast<double>(out.units) * scale;
  const double total = static_cast<double>(out.background);
  auto score = [&](Associated& a) {
    const double k11 = std::min(static_cast<double>(a.count) * scale, static_cast<double>(a.df));
    // Documents outside the foreground: the archive minus the foreground documents.
    const double n2 = std::max(1.0, total - static_cast<double>(out.foreground));
    const double k21 = std::max(0.0, static_cast<double>(a.df) - k11);
    a.g2 = round6(log_likelihood(k11, std::max(1.0, n1), k21, n2));
    const double p_fg = k11 / std::max(1.0, n1),
                 p_all = static_cast<double>(a.df) / std::max(1.0, total);
    a.pmi = round6(p_fg > 0 && p_all > 0 ? std::log2(p_fg / p_all) : 0.0);
  };
  auto rank = [&](std::vector<Associated>& items) {
    for (auto& a : items) score(a);
    const auto key = [&](const Associated& a) {
      return request.measure == Measure::kG2 ? a.g2 : a.pmi;
    };
    std::sort(items.begin(), items.end(), [&](const Associated& a, const Associated& b) {
      return key(a) != key(b) ? key(a) > key(b) : a.name < b.name;
    });
    // Only over-represented items are associated.
    std::erase_if(items, [](const Associated& a) { return a.g2 <= 0; });
    if (items.size() > request.limit) items.resize(request.limit);
  };

  for (const auto& [term, count] : term_counts) {
    if (count < request.min_count) continue;
    Associated a{.name = term, .count = count};
    for (const auto& view : snap.segments())
      if (auto info = view.segment->lookup(index::Field::kBody, term)) a.df += info->df;
    out.terms.push_back(std::move(a));
  }
  rank(out.terms);

  // Entities: background document frequency from the entity field (the name as a phrase), for
  // the most frequent candidates only.
  std::vector<Associated> candidates;
  for (const auto& [name, c] : entity_counts)
    if (c.first >= request.min_count)
      candidates.push_back({.name = name, .type = c.second, .count = c.first});
  std::sort(candidates.begin(), candidates.end(), [](const Associated& a, const Associated& b) {
    return a.count != b.count ? a.count > b.count : a.name < b.name;
  });
  if (candidates.size() > 200) candidates.resize(200);
  for (auto& a : candidates) {
    std::string phrase;
    for (char ch : a.name)
      if (ch != '"' && ch != '\\') phrase.push_back(ch);
    auto entity_plan = query::plan_matches("entity:\"" + phrase + "\"", analyzer);
    if (!entity_plan) continue;
    query::for_each_match(snap, *entity_plan, false, [&](const query::Match&) { ++a.df; });
    a.df = std::max<uint64_t>(a.df, a.count);
  }
  out.entities = std::move(candidates);
  rank(out.entities);
  return out;
}

// --- The index path (within=document): exact counts from postings and the entity lists. ---

// The foreground of one segment: its matching live documents, as a list and as a bitmap.
struct SegmentForeground {
  std::vector<uint32_t> docs;
  std::vector<uint64_t> bits;
  bool has(uint32_t doc) const {
    return (doc >> 6) < bits.size() && ((bits[doc >> 6] >> (doc & 63)) & 1) != 0;
  }
};

// Foreground documents of one segment holding the term: a walk of its postings' blocks against the
// bitmap, or, when the foreground is much smaller than the list, a seek per foreground document.
uint64_t foreground_count(index::PostingsCursor c, const SegmentForeground& fg) {
  uint64_t n = 0;
  if (fg.docs.size() * 8 < c.doc_count()) {
    for (uint32_t d : fg.docs) {
      c.seek(d);
      if (c.doc() == index::kEndDoc) break;
      n += c.doc() == d;
    }
    return n;
  }
  for (; c.doc() != index::kEndDoc; c.next_block())
    for (uint32_t d : c.block_docs()) n += fg.has(d);
  return n;
}

// Every body term of the snapshot with its document frequency summed over segments (deleted
// documents included, as the dictionary counts them), in byte order, and its index in each
// segment's term list (kAbsent when the segment lacks it): a merge of the cached term lists.
inline constexpr uint32_t kAbsent = UINT32_MAX;
struct BodyTerms {
  struct Term {
    std::string_view term;
    uint64_t df;
  };
  std::vector<Term> terms;
  std::vector<uint32_t> where;  // terms.size() × segments
};
BodyTerms body_terms(const index::Snapshot& snap) {
  std::vector<const index::TermList*> lists;
  for (const auto& view : snap.segments())
    lists.push_back(&view.segment->terms(index::Field::kBody));
  const size_t segments = lists.size();
  BodyTerms out;
  size_t most = 0;
  for (const auto* l : lists) most = std::max(most, l->size());
  out.terms.reserve(most);
  out.where.reserve(most * segments);
  std::vector<size_t> at(segments, 0);
  for (;;) {
    std::optional<std::string_view> least;
    for (size_t s = 0; s < segments; ++s)
      if (at[s] < lists[s]->size() && (!least || lists[s]->term(at[s]) < *least))
        least = lists[s]->term(at[s]);
    if (!least) break;
    BodyTerms::Term t{*least, 0};
    for (size_t s = 0; s < segments; ++s)
      if (at[s] < lists[s]->size() && lists[s]->term(at[s]) == *least) {
        t.df += lists[s]->df(at[s]);
        out.where.push_back(static_cast<uint32_t>(at[s]++));
      } else {
        out.where.push_back(kAbsent);
      }
    out.terms.push_back(t);
  }
  return out;
}

// A term that may enter the top list, with an upper bound on its score.
struct Candidate {
  uint32_t index;  // into BodyTerms::terms
  double bound;
};

// Counts candidates exactly in decreasing bound order (ties by term) until the next bound falls
// below the `limit`-th exact score, and scores those whose count reaches min_count.
// `count_of(index)` is a candidate's exact count over all segments.
template <class CountOf>
std::vector<Associated> rank_by_bound(std::vector<Candidate>& candidates, const BodyTerms& all,
                                      const AssociationRequest& request, const Scorer& scorer,
                                      CountOf&& count_of) {
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    return a.bound != b.bound ? a.bound > b.bound
                              : all.terms[a.index].term < all.terms[b.index].term;
  });
  std::vector<Associated> out;
  std::priority_queue<double, std::vector<double>, std::greater<>> best;  // the top keys so far
  for (const auto& c : candidates) {
    // A small slack keeps rounding in the bound from cutting an item that ties the last kept one.
    if (request.limit == 0 || (best.size() >= request.limit && c.bound + 1e-6 < best.top())) break;
    const uint64_t count = count_of(c.index);
    if (count < request.min_count) continue;
    const auto& t = all.terms[c.index];
    Associated a{.name = std::string(t.term), .count = count, .df = t.df};
    scorer.score(a, static_cast<double>(count));
    if (a.g2 <= 0) continue;
    best.push(scorer.key(a));
    if (best.size() > request.limit) best.pop();
    out.push_back(std::move(a));
  }
  scorer.rank(out, request.limit);
  return out;
}

// Terms counted exactly already (from stored text): each term's df is looked up in every segment's
// body dictionary, then scored and ranked; query terms and counts under min_count are left out.
std::vector<Associated> rank_counted(const index::Snapshot& snap,
                                     const std::unordered_map<std::string, uint64_t>& counts,
                                     const std::unordered_set<std::string>& query_terms,
                                     const AssociationRequest& request, const Scorer& scorer) {
  std::vector<std::pair<std::string_view, uint64_t>> counted;
  for (const auto& [term, count] : counts)
    if (count >= request.min_count && !query_terms.count(term)) counted.emplace_back(term, count);
  std::sort(counted.begin(), counted.end());
  std::vector<std::string_view> terms;
  terms.reserve(counted.size());
  for (const auto& c : counted) terms.push_back(c.first);
  // Document frequencies in one forward pass per segment dictionary (many segments × many terms
  // made per-term lookups the whole cost of a one-shot query over an unmerged archive).
  std::vector<uint64_t> df(terms.size(), 0);
  for (const auto& view : snap.segments())
    view.segment->lookup_sorted(index::Field::kBody, terms,
                                [&](size_t i, const index::TermInfo& info) { df[i] += info.df; });
  std::vector<Associated> out;
  for (size_t i = 0; i < terms.size(); ++i) {
    Associated a{.name = std::string(terms[i]), .count = counted[i].second, .df = df[i]};
    scorer.score(a, static_cast<double>(a.count));
    if (a.g2 > 0) out.push_back(std::move(a));
  }
  scorer.rank(out, request.limit);
  return out;
}

// Terms: every body term whose document frequency reaches the floor is a candidate with an upper
// bound on its score (all of its documents, up to the foreground's size, in the foreground; G² and
// PMI both grow with the foreground count). Candidates are counted exactly in decreasing bound
// order until the next bound falls below the `limit`-th exact score. A segment's counts come from
// its forward lists (the foreground documents' terms, all counted up front) or, for a segment too
// large to hold them, from the candidate's postings intersected with the foreground, so long lists
// are walked only when they could still rank.
// The foreground documents holding each body term of a segment (by index into its term list),
// from the documents' stored text analysed as at ingest (the same terms the postings hold).
// Calls `fn` once per (document, distinct body term) of `docs`, from their stored text analysed as
// at ingest (the same terms the postings hold).
core::Status count_terms_from_stored(const index::Segment& seg, const std::vector<uint32_t>& docs,
                                     analysis::Analyzer& analyzer,
                                     const std::function<void(std::string_view)>& fn) {
  std::vector<std::string_view> distinct;
  for (uint32_t d : docs) {
    auto t = seg.document(d);
    if (!t) return tl::unexpected(t.error());
    std::vector<analysis::SkipRange> skip;
    for (const auto& mk : t->markup) skip.push_back({mk.start, mk.end});
    const auto tokens = analyzer.tokens(t->body, skip);
    distinct.clear();
    for (const auto& tok : tokens) distinct.push_back(tok.term);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (auto term : distinct) fn(term);
  }
  return {};
}

core::Status count_from_stored(const index::Segment& seg, const std::vector<uint32_t>& docs,
                               analysis::Analyzer& analyzer, std::vector<uint32_t>& counted) {
  const auto& terms = seg.terms(index::Field::kBody);
  counted.assign(terms.size(), 0);
  return count_terms_from_stored(seg, docs, analyzer, [&](std::string_view term) {
    const size_t i = terms.lower_bound(term);
    if (i < terms.size() && terms.term(i) == term) ++counted[i];
  });
}

core::Result<std::vector<Associated>> rank_terms(
    const index::Snapshot& snap, const std::vector<SegmentForeground>& fg, uint64_t foreground,
    const std::unordered_set<std::string>& query_terms, const AssociationRequest& request,
    const Scorer& scorer, analysis::Analyzer& analyzer) {
  const size_t segments = snap.segments().size();
  // Forward lists where a segment has them (or, by the policy, builds them now).
  std::vector<std::shared_ptr<const SegmentBodyForward>> forwards(segments);
  bool small = true;  // every foreground small and without forward lists
  for (size_t s = 0; s < segments; ++s) {
    if (fg[s].docs.empty()) continue;
    if (request.forward_lists)
      forwards[s] = body_forward_for(snap.segments()[s].segment, request.build_forward_now
                                                                     ? ForwardPolicy::kBuild
                                                                     : ForwardPolicy::kOnSecondUse);
    if (forwards[s] && !forwards[s]->available()) forwards[s] = nullptr;
    small = small && !forwards[s] && fg[s].docs.size() <= request.stored_count_max;
  }
  if (small) {
    // Only the terms of the foreground's text are counted and looked up: no term list of the
    // archive is walked (what a one-shot process with a rare query would otherwise pay).
    std::unordered_map<std::string, uint64_t> counts;
    for (size_t s = 0; s < segments; ++s) {
      auto status =
          count_terms_from_stored(*snap.segments()[s].segment, fg[s].docs, analyzer,
                                  [&](std::string_view term) { ++counts[std::string(term)]; });
      if (!status) return tl::unexpected(status.error());
    }
    return rank_counted(snap, counts, query_terms, request, scorer);
  }
  const auto all = body_terms(snap);
  std::vector<std::shared_ptr<const SegmentBodyPostings>> postings;
  for (const auto& view : snap.segments()) {
    postings.push_back(body_postings_for(view.segment));
    if (postings.back()->corrupt())
      return core::fail(core::ErrorCode::kCorrupt,
                        "segment " + view.segment->name() + ": body dictionary does not decode");
  }
  // Segments with forward lists: every term's foreground count at once, from the foreground
  // documents' lists.
  std::vector<std::vector<uint32_t>> counted(segments);
  bool all_counted = true;
  for (size_t s = 0; s < segments; ++s) {
    if (fg[s].docs.empty()) continue;
    const auto& forward = forwards[s];
    const auto& seg = *snap.segments()[s].segment;
    if (forward) {
      counted[s].assign(seg.terms(index::Field::kBody).size(), 0);
      for (uint32_t d : fg[s].docs)
        for (uint32_t t : forward->of_doc(d)) ++counted[s][t];
    } else if (fg[s].docs.size() <= request.stored_count_max) {
      auto status = count_from_stored(seg, fg[s].docs, analyzer, counted[s]);
      if (!status) return tl::unexpected(status.error());
    } else {
      all_counted = false;
    }
  }
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < all.terms.size(); ++i) {
    const auto& t = all.terms[i];
    if (t.df < request.min_count) continue;
    // When every count is known already, the bound is the exact score.
    uint64_t known = 0;
    if (all_counted) {
      for (size_t s = 0; s < segments; ++s) {
        const uint32_t where = all.where[i * segments + s];
        if (!counted[s].empty() && where != kAbsent) known += counted[s][where];
      }
      if (known < request.min_count) continue;
    }
    if (query_terms.count(std::string(t.term))) continue;
    Associated a{.df = t.df};
    scorer.score(a,
                 static_cast<double>(all_counted ? known : std::min<uint64_t>(t.df, foreground)));
    if (a.g2 <= 0) continue;
    candidates.push_back({static_cast<uint32_t>(i), scorer.key(a)});
  }
  return rank_by_bound(candidates, all, request, scorer, [&](uint32_t item) {
    uint64_t count = 0;
    for (size_t s = 0; s < segments; ++s) {
      const uint32_t where = all.where[item * segments + s];
      if (fg[s].docs.empty() || where == kAbsent) continue;
      count += counted[s].empty()
                   ? foreground_count(index::PostingsCursor(postings[s]->postings(where)), fg[s])
                   : counted[s][where];
    }
    return count;
  });
}

// Entities: counted per foreground document from the segments' entity lists (exact). An item is
// an indexed entity value; it is listed under the canonical name and type of the entity that has
// it as its name in the first foreground document holding it (one stored document read per listed
// item), and left out when it is only an alias there (the canonical name is counted on its own).
// Fills a segment's per-value foreground counts and, for each counted value, the first foreground
// document holding it (both sized value_count()).
using EntityCounter =
    std::function<void(size_t segment, const SegmentEntities& lists, std::vector<uint32_t>& counts,
                       std::vector<uint32_t>& first)>;

core::Result<std::vector<Associated>> rank_entities(const index::Snapshot& snap,
                                                    const EntityCounter& count_segment,
                                                    const AssociationRequest& request,
                                                    const Scorer& scorer,
                                                    analysis::Analyzer& analyzer) {
  struct Item {
    uint64_t count = 0, df = 0;
    uint32_t segment = 0, doc = 0;  // the first foreground document holding it
  };
  std::unordered_map<std::string_view, Item> items;
  std::vector<std::shared_ptr<const SegmentEntities>> lists;
  for (size_t s = 0; s < snap.segments().size(); ++s) {
    const auto& view = snap.segments()[s];
    lists.push_back(entities_for(view.segment));
    const auto& ents = *lists.back();
    if (ents.corrupt())
      return core::fail(core::ErrorCode::kCorrupt,
                        "segment " + view.segment->name() + ": entity postings do not decode");
    std::vector<uint32_t> counts(ents.value_count(), 0), first(ents.value_count(), 0);
    count_segment(s, ents, counts, first);
    std::vector<int64_t> df(ents.value_count(), 0);
    for (uint32_t id = 0; id < ents.value_count(); ++id) df[id] = ents.df(id);
    if (view.deleted_count > 0)
      for (uint32_t d = 0; d < view.deleted.size(); ++d)
        if (view.deleted[d])
          for (uint32_t id : ents.of_doc(d)) --df[id];
    for (uint32_t id = 0; id < ents.value_count(); ++id) {
      if (counts[id] == 0 && df[id] <= 0) continue;
      auto [it, inserted] = items.try_emplace(ents.value(id));
      if (counts[id] > 0 && it->second.count == 0) {
        it->second.segment = static_cast<uint32_t>(s);
        it->second.doc = first[id];
      }
      it->second.count += counts[id];
      it->second.df += static_cast<uint64_t>(std::max<int64_t>(0, df[id]));
    }
  }
  std::vector<std::pair<Associated, const Item*>> ranked;
  for (const auto& [value, item] : items) {
    if (item.count < request.min_count) continue;
    Associated a{
        .name = std::string(value), .count = item.count, .df = std::max(item.df, item.count)};
    scorer.score(a, static_cast<double>(item.count));
    if (a.g2 > 0) ranked.emplace_back(std::move(a), &item);
  }
  std::sort(ranked.begin(), ranked.end(), [&](const auto& x, const auto& y) {
    const double kx = scorer.key(x.first), ky = scorer.key(y.first);
    return kx != ky ? kx > ky : x.first.name < y.first.name;
  });
  std::vector<Associated> out;
  std::map<std::pair<uint32_t, uint32_t>, doc::Transcript> read;
  // Past the limit while scores tie with the last kept item: the final order breaks ties by the
  // display name, which is known only once read.
  for (auto& [a, item] : ranked) {
    if (out.size() >= request.limit && scorer.key(a) != scorer.key(out.back())) break;
    auto where = std::pair{item->segment, item->doc};
    auto found = read.find(where);
    if (found == read.end()) {
      auto t = snap.segments()[item->segment].segment->document(item->doc);
      if (!t) return tl::unexpected(t.error());
      found = read.emplace(where, std::move(*t)).first;
    }
    const auto& entities = found->second.entities;
    auto e = std::find_if(entities.begin(), entities.end(), [&](const doc::Entity& x) {
      return entity_value_key(x.name, analyzer) == a.name;
    });
    if (e == entities.end()) continue;  // an alias only
    a.name = e->name;
    a.type = doc::entity_type_name(e->type);
    out.push_back(std::move(a));
  }
  scorer.rank(out, request.limit);  // display names may reorder ties
  return out;
}

core::Result<Association> associate_from_index(const index::Snapshot& snap,
                                               const AssociationRequest& request,
                                               const query::PlanNode& plan,
                                               analysis::Analyzer& analyzer) {
  Association out = empty_association(snap, request);
  out.exact = true;
  std::vector<SegmentForeground> fg(snap.segments().size());
  for (size_t s = 0; s < fg.size(); ++s)
    fg[s].bits.assign((snap.segments()[s].segment->doc_count() + 63) / 64, 0);
  query::for_each_match(snap, plan, false, [&](const query::Match& m) {
    auto& f = fg[m.segment];
    f.docs.push_back(m.doc);
    f.bits[m.doc >> 6] |= uint64_t{1} << (m.doc & 63);
    ++out.foreground;
  });
  out.sampled = out.foreground;
  out.units = out.foreground;
  if (out.foreground == 0) return out;
  std::unordered_set<std::string> query_terms;
  query::for_each_scoring_leaf(plan, [&](const query::PlanNode& leaf) {
    for (const auto& t : leaf.terms) query_terms.insert(t);
  });
  const Scorer scorer(static_cast<double>(out.units), out.foreground, out.background,
                      request.measure);
  auto terms = rank_terms(snap, fg, out.foreground, query_terms, request, scorer, analyzer);
  if (!terms) return tl::unexpected(terms.error());
  out.terms = std::move(*terms);
  if (request.entities) {
    auto entities = rank_entities(
        snap,
        [&](size_t s, const SegmentEntities& ents, std::vector<uint32_t>& counts,
            std::vector<uint32_t>& first) {
          for (uint32_t d : fg[s].docs)
            for (uint32_t id : ents.of_doc(d))
              if (counts[id]++ == 0) first[id] = d;
        },
        request, scorer, analyzer);
    if (!entities) return tl::unexpected(entities.error());
    out.entities = std::move(*entities);
  }
  return out;
}

// --- The index path within turns: exact counts from the turn table and the postings' positions. --

// The matching turns of one segment's foreground: for each document with a query occurrence in a
// turn, those turns (body position ranges and the entity-field positions of their entities).
struct SegmentTurns {
  std::vector<uint32_t> docs;     // ascending
  std::vector<uint32_t> offsets;  // docs.size() + 1 entries into turns
  std::vector<index::TurnRange> turns;
};

bool all_segments_have_turns(const index::Snapshot& snap) {
  return std::all_of(snap.segments().begin(), snap.segments().end(),
                     [](const index::SegmentView& v) { return v.segment->has_turns(); });
}

// Starts of the occurrences of `phrase` (consecutive positions) in the document the cursors are on.
void phrase_starts(std::vector<index::PostingsCursor>& cursors, std::vector<uint32_t>& out) {
  const auto first = cursors[0].positions();
  for (uint32_t p : first) {
    bool all = true;
    for (size_t k = 1; k < cursors.size() && all; ++k) {
      const auto positions = cursors[k].positions();
      all = std::binary_search(positions.begin(), positions.end(), p + static_cast<uint32_t>(k));
    }
    if (all) out.push_back(p);
  }
}

core::Result<SegmentTurns> matching_turns_of_segment(
    const index::Segment& seg, const std::vector<uint32_t>& docs,
    const std::vector<std::vector<std::string>>& phrases) {
  SegmentTurns out;
  out.offsets.push_back(0);
  std::vector<std::vector<index::PostingsCursor>> cursors;
  for (const auto& terms : phrases) {
    std::vector<index::PostingsCursor> c;
    for (const auto& t : terms) {
      auto info = seg.lookup(index::Field::kBody, t);
      if (!info) break;
      c.push_back(seg.cursor(*info));
    }
    if (!terms.empty() && c.size() == terms.size()) cursors.push_back(std::move(c));
  }
  std::vector<uint32_t> hits;
  std::vector<index::TurnRange> turns;
  for (uint32_t d : docs) {
    hits.clear();
    for (auto& phrase : cursors) {
      bool all = true;
      for (auto& c : phrase) {
        c.seek(d);
        all = all && c.doc() == d;
      }
      if (all) phrase_starts(phrase, hits);
    }
    if (hits.empty()) continue;
    if (!index::decode_turns(seg.turns_record(d), turns))
      return core::fail(core::ErrorCode::kCorrupt, "segment " + seg.name() +
                                                       ": turn table record of document " +
                                                       std::to_string(d) + " does not decode");
    std::sort(hits.begin(), hits.end());
    const size_t before = out.turns.size();
    for (auto& t : turns) {
      auto it = std::lower_bound(hits.begin(), hits.end(), t.begin);
      if (it != hits.end() && *it < t.end) out.turns.push_back(std::move(t));
    }
    if (out.turns.size() == before) continue;
    out.docs.push_back(d);
    out.offsets.push_back(static_cast<uint32_t>(out.turns.size()));
  }
  for (const auto& phrase : cursors)
    for (const auto& c : phrase)
      if (c.corrupt())
        return core::fail(core::ErrorCode::kCorrupt,
                          "segment " + seg.name() + ": body postings do not decode");
  return out;
}

// Matching turns of one segment holding a position of the postings' term.
uint64_t turn_count(index::PostingsCursor c, const SegmentTurns& st) {
  uint64_t n = 0;
  for (size_t i = 0; i < st.docs.size(); ++i) {
    c.seek(st.docs[i]);
    if (c.doc() == index::kEndDoc) break;
    if (c.doc() != st.docs[i]) continue;
    const auto positions = c.positions();
    for (uint32_t t = st.offsets[i]; t < st.offsets[i + 1]; ++t) {
      auto it = std::lower_bound(positions.begin(), positions.end(), st.turns[t].begin);
      n += it != positions.end() && *it < st.turns[t].end;
    }
  }
  return n;
}

// Terms within turns: every body term is a candidate with an upper bound on its score (its count
// capped at its df, as the score caps it, and at the matching turns); candidates are counted
// exactly in decreasing bound order until the next bound falls below the `limit`-th exact score.
core::Result<std::vector<Associated>> rank_turn_terms(
    const index::Snapshot& snap, const std::vector<SegmentTurns>& st, uint64_t units,
    const std::unordered_set<std::string>& query_terms, const AssociationRequest& request,
    const Scorer& scorer) {
  const auto all = body_terms(snap);
  const size_t segments = snap.segments().size();
  std::vector<std::shared_ptr<const SegmentBodyPostings>> postings;
  for (const auto& view : snap.segments()) {
    postings.push_back(body_postings_for(view.segment));
    if (postings.back()->corrupt())
      return core::fail(core::ErrorCode::kCorrupt,
                        "segment " + view.segment->name() + ": body dictionary does not decode");
  }
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < all.terms.size(); ++i) {
    const auto& t = all.terms[i];
    if (query_terms.count(std::string(t.term))) continue;
    Associated a{.df = t.df};
    scorer.score(a, static_cast<double>(std::min<uint64_t>(t.df, units)));
    if (a.g2 <= 0) continue;
    candidates.push_back({static_cast<uint32_t>(i), scorer.key(a)});
  }
  return rank_by_bound(candidates, all, request, scorer, [&](uint32_t item) {
    uint64_t count = 0;
    for (size_t s = 0; s < segments; ++s) {
      const uint32_t where = all.where[item * segments + s];
      if (st[s].docs.empty() || where == kAbsent) continue;
      count += turn_count(index::PostingsCursor(postings[s]->postings(where)), st[s]);
    }
    return count;
  });
}

core::Result<Association> associate_turns_from_index(const index::Snapshot& snap,
                                                     const AssociationRequest& request,
                                                     const query::PlanNode& plan,
                                                     analysis::Analyzer& analyzer) {
  Association out = empty_association(snap, request);
  out.exact = true;
  std::vector<std::vector<std::string>> phrases;
  std::unordered_set<std::string> query_terms;
  query::for_each_scoring_leaf(plan, [&](const query::PlanNode& leaf) {
    if (std::find(leaf.fields.begin(), leaf.fields.end(), index::Field::kBody) != leaf.fields.end())
      phrases.push_back(leaf.terms);
    for (const auto& t : leaf.terms) query_terms.insert(t);
  });
  if (phrases.empty())
    return core::fail(core::ErrorCode::kUsage, "within=turn needs body words in the query");
  std::vector<std::vector<uint32_t>> docs(snap.segments().size());
  query::for_each_match(snap, plan, false, [&](const query::Match& m) {
    docs[m.segment].push_back(m.doc);
    ++out.foreground;
  });
  out.sampled = out.foreground;
  if (out.foreground == 0) return out;
  std::vector<SegmentTurns> st;
  for (size_t s = 0; s < docs.size(); ++s) {
    std::sort(docs[s].begin(), docs[s].end());
    auto turns = matching_turns_of_segment(*snap.segments()[s].segment, docs[s], phrases);
    if (!turns) return tl::unexpected(turns.error());
    out.units += turns->turns.size();
    st.push_back(std::move(*turns));
  }
  const Scorer scorer(static_cast<double>(out.units), out.foreground, out.background,
                      request.measure);
  size_t with_turns = 0;
  for (const auto& x : st) with_turns = std::max(with_turns, x.docs.size());
  if (with_turns <= request.stored_count_max) {
    // Few documents: their stored text analysed as at ingest gives each word's position, so the
    // terms of each matching turn are counted without walking the candidates' postings.
    std::unordered_map<std::string, uint64_t> counts;
    std::unordered_set<std::string_view> seen;
    for (size_t s = 0; s < st.size(); ++s) {
      const auto& seg = *snap.segments()[s].segment;
      for (size_t i = 0; i < st[s].docs.size(); ++i) {
        auto t = seg.document(st[s].docs[i]);
        if (!t) return tl::unexpected(t.error());
        std::vector<analysis::SkipRange> skip;
        for (const auto& mk : t->markup) skip.push_back({mk.start, mk.end});
        const auto tokens = analyzer.tokens(t->body, skip);
        for (uint32_t k = st[s].offsets[i]; k < st[s].offsets[i + 1]; ++k) {
          seen.clear();
          for (const auto& tok : tokens)
            if (tok.position >= st[s].turns[k].begin && tok.position < st[s].turns[k].end &&
                seen.insert(tok.term).second)
              ++counts[tok.term];
        }
      }
    }
    out.terms = rank_counted(snap, counts, query_terms, request, scorer);
  } else {
    auto terms = rank_turn_terms(snap, st, out.units, query_terms, request, scorer);
    if (!terms) return tl::unexpected(terms.error());
    out.terms = std::move(*terms);
  }
  if (request.entities) {
    auto entities = rank_entities(
        snap,
        [&](size_t s, const SegmentEntities& ents, std::vector<uint32_t>& counts,
            std::vector<uint32_t>& first) {
          std::vector<uint32_t> ids;
          for (size_t i = 0; i < st[s].docs.size(); ++i)
            for (uint32_t t = st[s].offsets[i]; t < st[s].offsets[i + 1]; ++t) {
              ids.clear();
              for (uint32_t position : st[s].turns[t].entities)
                if (auto id = ents.value_at(st[s].docs[i], position)) ids.push_back(*id);
              std::sort(ids.begin(), ids.end());
              ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
              for (uint32_t id : ids)
                if (counts[id]++ == 0) first[id] = st[s].docs[i];
            }
        },
        request, scorer, analyzer);
    if (!entities) return tl::unexpected(entities.error());
    out.entities = std::move(*entities);
  }
  return out;
}

}  // namespace

core::Result<Measure> parse_measure(std::string_view text) {
  if (text.empty() || text == "g2") return Measure::kG2;
  if (text == "pmi") return Measure::kPmi;
  return core::fail(core::ErrorCode::kUsage,
                    "parameter 'measure': expected g2 or pmi, got '" + std::string(text) + "'");
}

core::Result<Within> parse_within(std::string_view text) {
  if (text.empty() || text == "document") return Within::kDocument;
  if (text == "turn") return Within::kTurn;
  return core::fail(
      core::ErrorCode::kUsage,
      "parameter 'within': expected document or turn, got '" + std::string(text) + "'");
}

double log_likelihood(double k11, double n1, double k21, double n2) {
  const double k12 = std::max(0.0, n1 - k11), k22 = std::max(0.0, n2 - k21);
  const double n = n1 + n2, with = k11 + k21, without = k12 + k22;
  if (n <= 0) return 0;
  const double g2 = 2.0 * (xlogx_ratio(k11, n1 * with / n) + xlogx_ratio(k12, n1 * without / n) +
                           xlogx_ratio(k21, n2 * with / n) + xlogx_ratio(k22, n2 * without / n));
  const bool over = n1 > 0 && n2 > 0 ? k11 / n1 >= k21 / n2 : true;
  return over ? g2 : -g2;
}

namespace {

core::Result<Association> associate(const index::Snapshot& snap, const AssociationRequest& request,
                                    const query::PlanNode& plan, analysis::Analyzer& analyzer,
                                    bool reference) {
  if (request.within == Within::kTurn) {
    // Turns are matched by their words in sequence; a window of words ("..."~N, NEAR/N) is not
    // implemented there.
    bool proximity = false;
    query::for_each_scoring_leaf(
        plan, [&](const query::PlanNode& leaf) { proximity = proximity || leaf.proximity(); });
    if (proximity)
      return core::fail(core::ErrorCode::kUsage,
                        "within=turn does not take \"...\"~N or NEAR yet; use a phrase or words");
  }
  if (request.within == Within::kTurn && !reference && all_segments_have_turns(snap))
    return associate_turns_from_index(snap, request, plan, analyzer);
  if (reference || request.within == Within::kTurn)
    return associate_stored(snap, request, plan, analyzer);
  return associate_from_index(snap, request, plan, analyzer);
}

core::Result<Association> comentions(const index::Snapshot& snap, const AssociationRequest& request,
                                     bool reference) {
  if (request.query.empty()) return core::fail(core::ErrorCode::kUsage, "a query is required");
  analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
  auto plan = query::plan_matches(
      request.query, analyzer,
      {.from = request.from, .to = request.to, .limits = request.limits, .snapshot = &snap});
  if (!plan) return tl::unexpected(plan.error());
  return associate(snap, request, *plan, analyzer, reference);
}

core::Result<Association> significant_terms(const index::Snapshot& snap,
                                            const AssociationRequest& request, bool reference) {
  if (request.query.empty() && request.show.empty() && request.source.empty() &&
      request.from.empty() && request.to.empty())
    return core::fail(core::ErrorCode::kUsage,
                      "name a foreground: --show, --source, --from/--to or a query");
  analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
  query::PlanNode plan;
  plan.kind = query::PlanNode::Kind::kAnd;
  if (!request.query.empty()) {
    auto q =
        query::plan_matches(request.query, analyzer, {.limits = request.limits, .snapshot = &snap});
    if (!q) return tl::unexpected(q.error());
    plan.children.push_back(std::move(*q));
  }
  if (!request.from.empty() || !request.to.empty()) {
    query::PlanNode range;
    range.kind = query::PlanNode::Kind::kDateRange;
    for (auto [text, name, out] : {std::tuple{&request.from, "from", &range.from},
                                   std::tuple{&request.to, "to", &range.to}}) {
      if (text->empty()) continue;
      auto d = core::parse_iso_date(*text);
      if (!d)
        return core::fail(core::ErrorCode::kUsage, std::string("parameter '") + name +
                                                       "': expected a date YYYY-MM-DD, got '" +
                                                       *text + "'");
      *out = *d;
    }
    plan.children.push_back(std::move(range));
  }
  for (const auto& [field, value] :
       {std::pair<std::string, std::string>{"show", request.show},
        std::pair<std::string, std::string>{"source", request.source}}) {
    if (value.empty()) continue;
    query::PlanNode f;
    f.kind = query::PlanNode::Kind::kFilter;
    f.filter_field = field;
    // "CNN*": every value starting with it, as show:CNN* in a query.
    f.filter_prefix = value.ends_with('*');
    f.filter_value = analysis::Analyzer::fold(
        std::string_view(value).substr(0, value.size() - (f.filter_prefix ? 1 : 0)));
    if (f.filter_value.empty() || f.filter_value.ends_with('*'))
      return core::fail(core::ErrorCode::kUsage,
                        "parameter '" + field +
                            "': expected a name, or the start of one before '*'"
                            ", got '" +
                            value + "'");
    plan.children.push_back(std::move(f));
  }
  AssociationRequest r = request;
  r.within = Within::kDocument;
  r.entities = false;
  return associate(snap, r, plan, analyzer, reference);
}

}  // namespace

core::Result<Association> compute_comentions(const index::Snapshot& snap,
                                             const AssociationRequest& request) {
  return comentions(snap, request, false);
}
core::Result<Association> compute_comentions_reference(const index::Snapshot& snap,
                                                       const AssociationRequest& request) {
  return comentions(snap, request, true);
}
core::Result<Association> compute_significant_terms(const index::Snapshot& snap,
                                                    const AssociationRequest& request) {
  return significant_terms(snap, request, false);
}
core::Result<Association> compute_significant_terms_reference(const index::Snapshot& snap,
                                                              const AssociationRequest& request) {
  return significant_terms(snap, request, true);
}

nlohmann::json to_json(const Association& a) {
  auto list = [](const std::vector<Associated>& items, bool entity) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : items) {
      nlohmann::json j = {{entity ? "name" : "term", i.name},
                          {"count", i.count},
                          {"df", i.df},
                          {"g2", i.g2},
                          {"pmi", i.pmi}};
      if (entity) j["type"] = i.type;
      out.push_back(std::move(j));
    }
    return out;
  };
  return {{"query", a.query},
          {"documents", a.foreground},
          {"foreground", a.foreground},
          {"background", a.background},
          {"sampled", a.sampled},
          {"exact", a.exact},
          {"units", a.units},
          {"within", a.within == Within::kTurn ? "turn" : "document"},
          {"measure", a.measure == Measure::kPmi ? "pmi" : "g2"},
          {"entities", list(a.entities, true)},
          {"terms", list(a.terms, false)}};
}

std::string to_csv(const Association& a) {
  std::string out = "kind,name,type,count,df,g2,pmi\n";
  for (const auto& e : a.entities)
    out += fmt::format("entity,{},{},{},{},{},{}\n", csv_field(e.name), e.type, e.count, e.df, e.g2,
                       e.pmi);
  for (const auto& t : a.terms)
    out += fmt::format("term,{},,{},{},{},{}\n", csv_field(t.name), t.count, t.df, t.g2, t.pmi);
  return out;
}

std::string to_table(const Association& a) {
  std::string out =
      a.exact
          ? fmt::format("{} foreground document{} of {} (exact counts from the index)\n",
                        a.foreground, a.foreground == 1 ? "" : "s", a.background)
          : fmt::format("{} foreground document{} of {} ({} read, {} {}{})\n", a.foreground,
                        a.foreground == 1 ? "" : "s", a.background, a.sampled, a.units,
                        a.within == Within::kTurn ? "turn" : "document", a.units == 1 ? "" : "s");
  auto section = [&](const char* title, const std::vector<Associated>& items) {
    if (items.empty()) return;
    out += fmt::format("\n{:<32} {:>7} {:>8} {:>10} {:>7}\n", title, "count", "df", "G2", "PMI");
    for (const auto& i : items)
      out += fmt::format("{:<32} {:>7} {:>8} {:>10.2f} {:>7.2f}\n",
                         i.type.empty() ? i.name : i.name + " (" + i.type + ")", i.count, i.df,
                         i.g2, i.pmi);
  };
  section("entity", a.entities);
  section("term", a.terms);
  return out;
}

}  // namespace newsdex::analytics
