// One word of a robust phrase as a single cursor: the union of its alternatives' postings (the
// word as typed, its edit-distance and sound-alike neighbours), for RobustIterator
// (exec/iterators.cpp). Two ways to walk it, chosen per word from the costs (choose_slot_mode):
//
//   kSeek    every alternative keeps its own postings cursor; a seek moves each one that is behind
//            the target and the current doc is the smallest of theirs. Cheap when the candidates
//            are few (a seek skips whole blocks), but every candidate touches every alternative.
//   kMerged  the union is read once, whole postings blocks at a time, into one list of
//            (doc, alternatives present, occurrences, occurrences as typed): a seek is a step in
//            that list, and the frequency questions below are answered from it. An alternative's
//            own cursor is moved to a doc only when that doc's positions are asked for (the chain
//            filter and the alignment read a few words of a few documents).
//
// Both give the same docs, frequencies and hits (tests/unit/query/slot_cursor_test.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "newsdex/index/codec/postings.hpp"
#include "newsdex/query/exec/robust_match.hpp"

namespace newsdex::query {

class SlotCursor {
 public:
  struct Alt {
    index::PostingsCursor cursor;
    uint32_t index;  // the alternative's index in the plan's slot
    double weight;
  };
  enum class Mode { kSeek, kMerged };
  // The most alternatives a merged cursor takes (one bit each); more are walked with kSeek.
  static constexpr size_t kMaxMerged = 32;

  // `doc_count`: the segment's documents (a merged cursor builds its union over that range).
  SlotCursor(std::vector<Alt> alts, Mode mode, uint32_t doc_count);

  Mode mode() const { return m_mode; }
  uint32_t doc() const { return m_doc; }
  uint64_t cost() const { return m_cost; }  // sum of the alternatives' doc counts
  size_t alternatives() const { return m_alts.size(); }
  void seek(uint32_t target) {
    if (m_doc >= target) return;
    if (m_mode == Mode::kMerged)
      seek_merged(target);
    else
      seek_each(target);
  }
  // Occurrences on the current doc `d` (from the frequencies, nothing decoded): of every
  // alternative, or of the word as typed (weight 1) only.
  uint32_t freq_on(uint32_t d, bool exact_only) const {
    uint32_t any = 0, exact = 0;
    freqs_on(d, any, exact);
    return exact_only ? exact : any;
  }
  // Both at once.
  void freqs_on(uint32_t d, uint32_t& any, uint32_t& exact) const {
    any = exact = 0;
    if (m_doc != d) return;
    if (m_mode == Mode::kMerged) {
      any = m_union[m_at].any;
      exact = m_union[m_at].exact;
      return;
    }
    for (uint32_t i : m_on) {
      const uint32_t f = m_alts[i].cursor.freq();
      any += f;
      if (m_alts[i].weight >= 1.0) exact += f;
    }
  }
  // Whether the word as typed (weight 1) occurs on the current doc `d`.
  bool exact_on(uint32_t d) const {
    if (m_doc != d) return false;
    return m_mode == Mode::kMerged ? m_union[m_at].exact > 0 : m_exact_on;
  }
  // The largest weight of an alternative on the current doc `d` (0 when none).
  double max_weight_on(uint32_t d) const;
  // The first end of an alternative's postings block holding a doc >= target (kEndDoc when none).
  uint32_t block_end(uint32_t target) const;
  // The alternatives on the current doc (indices for the two calls below), in order.
  std::span<const uint32_t> on() {
    list_on();
    return m_on;
  }
  std::span<const uint32_t> positions_of(uint32_t alt) { return m_alts[alt].cursor.positions(); }
  double weight_of(uint32_t alt) const { return m_alts[alt].weight; }
  // Calls fn(position) for every occurrence on the current doc `d`, per alternative in order.
  template <class Fn>
  void for_each_position(uint32_t d, bool exact_only, Fn&& fn) {
    if (m_doc != d) return;
    list_on();
    for (uint32_t i : m_on)
      if (!exact_only || m_alts[i].weight >= 1.0)
        for (uint32_t p : m_alts[i].cursor.positions()) fn(p);
  }
  // Hits of the current doc, sorted by position (the doc must be current); when `windows` is not
  // empty, only positions inside one of its sorted, disjoint [lo, hi] ranges. One hit per
  // position: the best alternative there.
  void hits(std::vector<SlotHit>& out, std::span<const std::pair<uint32_t, uint32_t>> windows = {});

 private:
  // The union, one entry per doc holding an alternative (kMerged).
  struct Entry {
    uint32_t doc;
    uint32_t mask;   // bit i: alternative i occurs
    uint32_t any;    // occurrences of every alternative
    uint32_t exact;  // ...of the word as typed
  };
  void build_union(uint32_t doc_count);
  void seek_each(uint32_t target);
  void seek_merged(uint32_t target);
  // kSeek: makes `low` (the smallest of m_docs) the current doc and lists the alternatives on it.
  void move_to(uint32_t low);
  // kMerged: lists the alternatives on the current doc and moves their cursors there (once per
  // doc, on the first question that needs positions).
  void list_on();

  std::vector<Alt> m_alts;
  Mode m_mode;
  std::vector<uint32_t> m_docs;  // kSeek: m_alts[i].cursor.doc()
  std::vector<uint32_t> m_on;    // alternatives on m_doc, in order
  bool m_on_listed = true;       // kMerged: m_on is that of m_doc
  bool m_exact_on = false;       // kSeek: one of them is the word as typed
  std::vector<Entry> m_union;    // kMerged, sorted by doc
  size_t m_at = 0;               // kMerged: index of m_doc in m_union
  uint64_t m_cost = 0;
  uint32_t m_doc = index::kEndDoc;
};

// The cheaper way to walk a word (see SlotCursor), from the postings sizes: `alternatives` and
// their summed doc counts (`postings`), the segment's `doc_count` and an estimate of the
// candidates the word will be sought to (`candidates`, at most doc_count). kSeek compares every
// alternative at each candidate and moves those behind; kMerged reads every posting once and
// sweeps the segment's doc range once, then steps once per candidate. Counted in rough
// instructions per unit (callgrind, bench/robust).
SlotCursor::Mode choose_slot_mode(size_t alternatives, uint64_t postings, uint32_t doc_count,
                                  uint64_t candidates);

}  // namespace newsdex::query
