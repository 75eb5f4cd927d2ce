// A bounded min-heap keeping the k best hits in the requested order, with the score threshold a
// new hit must beat (for MaxScore pruning).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "newsdex/query/exec/searcher.hpp"

namespace newsdex::query {

struct ScoredDoc {
  double score = 0;
  int32_t date = 0;
  size_t segment = 0;
  uint32_t doc = 0;
};

class TopK {
  struct Cmp {
    const TopK* self;
    bool operator()(const ScoredDoc& a, const ScoredDoc& b) const { return self->better(a, b); }
  };
  Cmp cmp() const { return Cmp{this}; }

 public:
  TopK(size_t k, SortOrder order) : m_k(k), m_order(order) {}

  void push(double score, int32_t date, size_t segment, uint32_t doc) {
    if (m_k == 0) return;
    ScoredDoc d{score, date, segment, doc};
    if (m_heap.size() < m_k) {
      m_heap.push_back(d);
      std::push_heap(m_heap.begin(), m_heap.end(), cmp());
    } else if (better(d, m_heap.front())) {
      std::pop_heap(m_heap.begin(), m_heap.end(), cmp());
      m_heap.back() = d;
      std::push_heap(m_heap.begin(), m_heap.end(), cmp());
    }
  }
  // The score a doc must exceed to enter (relevance order only); -inf until the heap is full.
  double threshold() const { return m_heap.size() < m_k ? -1e300 : m_heap.front().score; }
  size_t size() const { return m_heap.size(); }
  bool full() const { return m_heap.size() >= m_k; }
  std::vector<ScoredDoc> sorted() const {
    auto out = m_heap;
    std::sort(out.begin(), out.end(),
              [this](const auto& a, const auto& b) { return better(a, b); });
    return out;
  }

 private:
  // Strict order: is `a` ranked before `b`? Ties broken by index order, so results are stable.
  bool better(const ScoredDoc& a, const ScoredDoc& b) const {
    if (m_order == SortOrder::kDateDesc && a.date != b.date) return a.date > b.date;
    if (m_order == SortOrder::kDateAsc && a.date != b.date) return a.date < b.date;
    if (a.score != b.score) return a.score > b.score;
    if (a.segment != b.segment) return a.segment < b.segment;
    return a.doc < b.doc;
  }
  size_t m_k;
  SortOrder m_order;
  std::vector<ScoredDoc> m_heap;  // heap top = the worst kept hit
};

}  // namespace newsdex::query
