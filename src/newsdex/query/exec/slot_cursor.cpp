#include "newsdex/query/exec/slot_cursor.hpp"

#include <algorithm>
#include <bit>

namespace newsdex::query {

using index::kEndDoc;

SlotCursor::SlotCursor(std::vector<Alt> alts, Mode mode, uint32_t doc_count)
    : m_alts(std::move(alts)), m_mode(mode) {
  for (const auto& a : m_alts) m_cost += a.cursor.doc_count();
  if (m_mode == Mode::kMerged && m_alts.size() <= kMaxMerged) build_union(doc_count);
  if (m_mode == Mode::kMerged) {
    m_doc = m_union.empty() ? kEndDoc : m_union[0].doc;
    m_on_listed = false;
    return;
  }
  m_mode = Mode::kSeek;
  m_docs.reserve(m_alts.size());
  uint32_t low = kEndDoc;
  for (const auto& a : m_alts) {
    m_docs.push_back(a.cursor.doc());
    low = std::min(low, a.cursor.doc());
  }
  move_to(low);
}

// Every alternative's postings, whole blocks at a time (doc ids and frequencies; no positions),
// scattered into a table over the segment's doc range, then gathered in doc order. The table is
// kept zeroed between uses (only the entries written are cleared). A doc past the range or a
// corrupt list falls back to kSeek, which reads the lists as they are.
void SlotCursor::build_union(uint32_t doc_count) {
  thread_local std::vector<Entry> table;
  if (table.size() < doc_count) table.resize(doc_count, Entry{0, 0, 0, 0});
  uint32_t first = doc_count, last = 0;
  bool ok = true;
  for (size_t i = 0; i < m_alts.size() && ok; ++i) {
    const uint32_t bit = uint32_t{1} << i;
    const bool exact = m_alts[i].weight >= 1.0;
    index::PostingsCursor c = m_alts[i].cursor;  // the alternative's own stays where it is
    while (c.doc() != kEndDoc) {
      const auto docs = c.block_docs();
      const auto freqs = c.block_freqs();
      if (docs.back() >= doc_count) {
        ok = false;
        break;
      }
      first = std::min(first, docs.front());
      last = std::max(last, docs.back());
      for (size_t k = 0; k < docs.size(); ++k) {
        Entry& e = table[docs[k]];
        e.mask |= bit;
        e.any += freqs[k];
        e.exact += exact ? freqs[k] : 0;
      }
      c.next_block();
    }
    ok = ok && !c.corrupt();
  }
  // Written: table[first .. last] (docs below doc_count only; none when first > last).
  for (uint32_t d = first; d <= last && d < doc_count; ++d) {
    Entry& e = table[d];
    if (e.mask == 0) continue;
    if (ok) m_union.push_back({d, e.mask, e.any, e.exact});
    e = Entry{0, 0, 0, 0};
  }
  if (!ok) {
    m_union.clear();
    m_mode = Mode::kSeek;
  }
}

void SlotCursor::seek_each(uint32_t target) {
  uint32_t low = kEndDoc;
  for (size_t i = 0; i < m_docs.size(); ++i) {
    if (m_docs[i] < target) {
      m_alts[i].cursor.seek(target);
      m_docs[i] = m_alts[i].cursor.doc();
    }
    low = std::min(low, m_docs[i]);
  }
  move_to(low);
}

void SlotCursor::seek_merged(uint32_t target) {
  const size_t n = m_union.size();
  size_t lo = m_at + 1;
  // Usually the next entry or a few further (candidates ascend): gallop, then binary search.
  if (lo < n && m_union[lo].doc < target) {
    size_t step = 1;
    while (lo + step < n && m_union[lo + step].doc < target) {
      lo += step;
      step *= 2;
    }
    size_t hi = std::min(n, lo + step);
    ++lo;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (m_union[mid].doc < target)
        lo = mid + 1;
      else
        hi = mid;
    }
  }
  m_at = lo;
  m_doc = lo < n ? m_union[lo].doc : kEndDoc;
  m_on_listed = false;
}

void SlotCursor::move_to(uint32_t low) {
  m_doc = low;
  m_on.clear();
  m_exact_on = false;
  if (m_doc == kEndDoc) return;
  for (size_t i = 0; i < m_docs.size(); ++i)
    if (m_docs[i] == m_doc) {
      m_on.push_back(static_cast<uint32_t>(i));
      m_exact_on = m_exact_on || m_alts[i].weight >= 1.0;
    }
}

void SlotCursor::list_on() {
  if (m_on_listed) return;
  m_on_listed = true;
  m_on.clear();
  if (m_doc == kEndDoc) return;
  for (uint32_t mask = m_union[m_at].mask; mask != 0; mask &= mask - 1) {
    const auto i = static_cast<uint32_t>(std::countr_zero(mask));
    m_alts[i].cursor.seek(m_doc);
    m_on.push_back(i);
  }
}

double SlotCursor::max_weight_on(uint32_t d) const {
  double w = 0;
  if (m_doc != d) return 0;
  if (m_mode == Mode::kMerged) {
    for (uint32_t mask = m_union[m_at].mask; mask != 0; mask &= mask - 1)
      w = std::max(w, m_alts[static_cast<size_t>(std::countr_zero(mask))].weight);
    return w;
  }
  for (uint32_t i : m_on) w = std::max(w, m_alts[i].weight);
  return w;
}

uint32_t SlotCursor::block_end(uint32_t target) const {
  uint32_t end = kEndDoc;
  for (const auto& a : m_alts)
    if (const auto* b = a.cursor.bound_for(target)) end = std::min(end, b->last_doc);
  return end;
}

void SlotCursor::hits(std::vector<SlotHit>& out,
                      std::span<const std::pair<uint32_t, uint32_t>> windows) {
  out.clear();
  list_on();
  size_t present = 0;
  for (uint32_t i : m_on) {
    auto& a = m_alts[i];
    const size_t before = out.size();
    const auto positions = a.cursor.positions();
    if (windows.empty()) {
      for (uint32_t p : positions) out.push_back({p, a.index, a.weight});
    } else {
      auto w = windows.begin();
      for (uint32_t p : positions) {
        while (w != windows.end() && w->second < p) ++w;
        if (w == windows.end()) break;
        if (p >= w->first) out.push_back({p, a.index, a.weight});
      }
    }
    present += out.size() > before;
  }
  if (present <= 1) return;  // one alternative's positions are already sorted and distinct
  keep_best_per_position(out);
}

SlotCursor::Mode choose_slot_mode(size_t alternatives, uint64_t postings, uint32_t doc_count,
                                  uint64_t candidates) {
  if (alternatives <= 1 || alternatives > SlotCursor::kMaxMerged) return SlotCursor::Mode::kSeek;
  candidates = std::min<uint64_t>(candidates, doc_count);
  // kSeek: per candidate, a look at every alternative and a seek of those behind (most are, for
  // the common alternatives that make a word's union large).
  const uint64_t seek = candidates * alternatives * 12;
  // kMerged: per posting a scatter, per doc of the range a look, per candidate a step.
  const uint64_t merged = postings * 6 + uint64_t{doc_count} * 2 + candidates * 4;
  return merged < seek ? SlotCursor::Mode::kMerged : SlotCursor::Mode::kSeek;
}

}  // namespace newsdex::query
