#include "newsdex/query/exec/iterators.hpp"

#include <algorithm>
#include <span>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/proximity.hpp"
#include "newsdex/query/exec/robust_match.hpp"
#include "newsdex/query/exec/slot_cursor.hpp"

namespace newsdex::query {
namespace {

using index::kEndDoc;

// Block bounds of an AND or OR over `children`: the window ends at the first child's block end,
// and no document in it scores above the sum of the children's block maxima.
uint32_t children_block_end(const std::vector<IteratorPtr>& children, uint32_t target) {
  uint32_t end = kEndDoc;
  for (const auto& c : children) end = std::min(end, c->block_end(target));
  return end;
}
double children_block_max(const std::vector<IteratorPtr>& children, uint32_t target) {
  double s = 0;
  for (const auto& c : children) s += c->block_max(target);
  return s;
}

std::optional<index::TermInfo> term_info(const ScoringContext& ctx, index::Field field,
                                         const std::string& term) {
  return ctx.lookup ? ctx.lookup(field, term) : ctx.segment->lookup(field, term);
}

// A word's (or a phrase's) weighted BM25 in one field: `freq` occurrences in a document whose
// field holds `len` tokens. Body and title have a length norm (their lengths are columns, read in
// place: Segment::LengthColumn); the other fields none (length 1 everywhere, matching what the
// block bounds were built with). At the largest frequency and the smallest length it is a bound
// (BM25 grows with the frequency and shrinks with the length).
double field_bm25(const ScoringContext& ctx, index::Field field, double weight, uint32_t freq,
                  double len) {
  if (weight == 0) return 0;
  if (field != index::Field::kBody && field != index::Field::kTitle)
    return weight * ctx.bm25.tf_norm(freq, 1.0, 1.0);
  return weight * ctx.bm25.tf_norm(freq, len, ctx.avg_len[static_cast<size_t>(field)]);
}

// One term in one field, scored with BM25.
class TermIterator final : public DocIterator {
 public:
  TermIterator(const index::TermInfo& info, index::Field field, double weight,
               const ScoringContext& ctx)
      : m_cursor(ctx.segment->cursor(info)),
        m_field(field),
        m_weight(weight),
        m_ctx(ctx),
        m_lengths(ctx.segment->length_column(field)) {
    m_max = bound(m_cursor.max_freq(), m_cursor.min_len());
  }
  uint32_t doc() const override { return m_cursor.doc(); }
  void next() override { m_cursor.next(); }
  void seek(uint32_t target) override { m_cursor.seek(target); }
  double score() override { return score_of(m_cursor.doc(), m_cursor.freq()); }
  uint64_t skip_uncompetitive(double others, double threshold, uint32_t last) override {
    return m_cursor.skip_while(last, [&](uint32_t doc, uint32_t freq) {
      return cannot_beat(score_of(doc, freq) + others, threshold);
    });
  }
  double max_score() const override { return m_max; }
  uint64_t cost() const override { return m_cursor.doc_count(); }
  uint32_t block_end(uint32_t target) const override {
    const auto* b = m_cursor.bound_for(target);
    return b ? b->last_doc : kEndDoc;
  }
  double block_max(uint32_t target) const override {
    const auto* b = m_cursor.bound_for(target);
    return b ? bound(b->max_freq, b->min_len) : 0.0;
  }
  double range_max(uint32_t from, uint32_t to) const override {
    return m_cursor.max_over_blocks(
        from, to, [&](const index::BlockBound& b) { return bound(b.max_freq, b.min_len); });
  }

 private:
  double score_of(uint32_t doc, uint32_t freq) const {
    return field_bm25(m_ctx, m_field, m_weight, freq, m_lengths.at(doc));
  }
  double bound(uint32_t max_freq, uint32_t min_len) const {
    return field_bm25(m_ctx, m_field, m_weight, max_freq, min_len);
  }
  index::PostingsCursor m_cursor;
  index::Field m_field;
  double m_weight;
  const ScoringContext& m_ctx;
  index::Segment::LengthColumn m_lengths;
  double m_max = 0;
};

// One term in several fields (a bare word: body OR title), as an OR of TermIterators would be —
// same docs, same score summed in field order — with the fields' cursors held in place: a
// conjunction seeks each of its words at nearly every candidate, and this saves the virtual calls
// and the loop over child iterators of each seek.
class FieldsTermIterator final : public DocIterator {
 public:
  struct Part {
    index::PostingsCursor cursor;
    index::Field field;
    double weight;
    index::Segment::LengthColumn lengths = {};  // set by the constructor
  };
  FieldsTermIterator(std::vector<Part> parts, const ScoringContext& ctx)
      : m_parts(std::move(parts)), m_ctx(ctx) {
    for (auto& p : m_parts) {
      p.lengths = ctx.segment->length_column(p.field);
      m_max += bound(p, p.cursor.max_freq(), p.cursor.min_len());
      m_cost += p.cursor.doc_count();
    }
    update();
  }
  uint32_t doc() const override { return m_doc; }
  void next() override {
    if (m_doc == kEndDoc) return;
    for (auto& p : m_parts)
      if (p.cursor.doc() == m_doc) p.cursor.next();
    update();
  }
  void seek(uint32_t target) override {
    if (m_doc >= target) return;
    for (auto& p : m_parts) p.cursor.seek(target);
    update();
  }
  double score() override {
    double s = 0;
    for (const auto& p : m_parts)
      if (p.cursor.doc() == m_doc) s += part_score(p);
    return s;
  }
  double max_score() const override { return m_max; }
  uint64_t cost() const override { return m_cost; }
  uint32_t block_end(uint32_t target) const override {
    uint32_t end = kEndDoc;
    for (const auto& p : m_parts) {
      const auto* b = p.cursor.bound_for(target);
      if (b) end = std::min(end, b->last_doc);
    }
    return end;
  }
  double block_max(uint32_t target) const override {
    double s = 0;
    for (const auto& p : m_parts) {
      const auto* b = p.cursor.bound_for(target);
      if (b) s += bound(p, b->max_freq, b->min_len);
    }
    return s;
  }
  double range_max(uint32_t from, uint32_t to) const override {
    double s = 0;
    for (const auto& p : m_parts)
      s += p.cursor.max_over_blocks(
          from, to, [&](const index::BlockBound& b) { return bound(p, b.max_freq, b.min_len); });
    return s;
  }

 private:
  // TermIterator's score and bound, per part.
  double part_score(const Part& p) const {
    return field_bm25(m_ctx, p.field, p.weight, p.cursor.freq(), p.lengths.at(m_doc));
  }
  double bound(const Part& p, uint32_t max_freq, uint32_t min_len) const {
    return field_bm25(m_ctx, p.field, p.weight, max_freq, min_len);
  }
  void update() {
    m_doc = kEndDoc;
    for (const auto& p : m_parts) m_doc = std::min(m_doc, p.cursor.doc());
  }
  std::vector<Part> m_parts;
  const ScoringContext& m_ctx;
  uint32_t m_doc = kEndDoc;
  double m_max = 0;
  uint64_t m_cost = 0;
};

// Consecutive terms in one field: a conjunction of cursors whose positions line up.
class PhraseIterator final : public DocIterator {
 public:
  // `shape`: a plain phrase (slop 0, ordered), "..."~N or NEAR/N (exec/proximity.hpp); for NEAR
  // the cursors are the distinct words and shape.need how often the query names each.
  PhraseIterator(std::vector<index::PostingsCursor> cursors, index::Field field, double weight,
                 const ScoringContext& ctx, PhraseShape shape = {})
      : m_cursors(std::move(cursors)),
        m_field(field),
        m_weight(weight),
        m_ctx(ctx),
        m_lengths(ctx.segment->length_column(field)),
        m_shape(std::move(shape)) {
    // Documents are checked rarest term first (galloping seeks), positions only then.
    m_order.resize(m_cursors.size());
    for (size_t i = 0; i < m_order.size(); ++i) m_order[i] = i;
    std::stable_sort(m_order.begin(), m_order.end(), [&](size_t a, size_t b) {
      return m_cursors[a].doc_count() < m_cursors[b].doc_count();
    });
    m_lead = m_order[0];
    // Positions one document at a time, never the rest of a block at once: a candidate needs a
    // common word's positions only up to its last candidate (positions_upto), and whole-block
    // decoding also re-decoded the documents before the current one and the many the top-k
    // floor rules out (100M benchmark: phrase2 -31% instructions).
    for (auto& c : m_cursors) c.set_bulk_positions(false);
    uint32_t max_freq = UINT32_MAX, min_len = 0;
    for (const auto& c : m_cursors) {
      max_freq = std::min(max_freq, c.max_freq());
      min_len = std::max(min_len, c.min_len());
    }
    m_max = bound(max_freq, min_len);
    settle(m_cursors[m_lead].doc());
  }
  uint32_t doc() const override { return m_doc; }
  void next() override {
    if (m_doc == kEndDoc) return;
    m_cursors[m_lead].next();
    settle(m_cursors[m_lead].doc());
  }
  void seek(uint32_t target) override {
    if (m_doc >= target) return;
    m_cursors[m_lead].seek(target);
    settle(m_cursors[m_lead].doc());
  }
  double score() override {
    return field_bm25(m_ctx, m_field, m_weight, m_freq, m_lengths.at(m_doc));
  }
  double max_score() const override { return m_max; }
  uint64_t cost() const override { return m_cursors[m_lead].doc_count(); }
  // A phrase occurs at most min(freq of its terms) times in a block: the bound uses every term's
  // block (the window ends at the first of their block ends).
  uint32_t block_end(uint32_t target) const override {
    uint32_t end = kEndDoc;
    for (const auto& c : m_cursors) {
      const auto* b = c.bound_for(target);
      if (!b) return kEndDoc;
      end = std::min(end, b->last_doc);
    }
    return end;
  }
  double block_max(uint32_t target) const override {
    uint32_t max_freq = UINT32_MAX, min_len = 0;
    for (const auto& c : m_cursors) {
      const auto* b = c.bound_for(target);
      if (!b) return 0.0;
      max_freq = std::min(max_freq, b->max_freq);
      min_len = std::max(min_len, b->min_len);
    }
    return bound(max_freq, min_len);
  }
  void set_floor(double floor, uint32_t upto) override {
    m_floor = floor;
    m_floor_upto = upto;
    m_companions.clear();
  }
  void set_companions(std::span<const Companion> companions) override {
    m_companions.clear();
    for (auto c : companions) {
      if (c.bound <= 0) continue;
      c.may_seek = c.may_seek && c.it->cost() <= cost();
      m_companions.push_back(c);
    }
  }

 private:
  double bound(uint32_t max_freq, uint32_t min_len) const {
    return field_bm25(m_ctx, m_field, m_weight, max_freq, min_len);
  }
  // Whether the doc all cursors are on could score above the collector's floor: the phrase
  // occurs at most min(term frequencies) times, known without positions.
  bool may_compete(uint32_t doc) const {
    if (doc > m_floor_upto) return true;
    uint32_t freq = UINT32_MAX;
    for (const auto& c : m_cursors) freq = std::min(freq, c.freq());
    const double best = field_bm25(m_ctx, m_field, m_weight, freq, m_lengths.at(doc));
    if (cannot_beat(best, m_floor)) return false;
    if (m_companions.empty()) return true;
    // The companions on this doc (a title phrase sought here walks the title postings, and
    // checks positions only where both words are in the title).
    double floor = m_floor;
    for (const auto& c : m_companions) {
      if (c.may_seek && c.it->doc() < doc) c.it->seek(doc);
      const uint32_t at = c.it->doc();
      if (at < doc) continue;  // not moved here: its bound stands
      floor += std::max(0.0, c.bound - (at == doc ? c.it->score() * kBoundSlack : 0.0));
    }
    return !cannot_beat(best, floor);
  }
  // From candidate `doc`, advances to the first doc where all terms occur in sequence.
  void settle(uint32_t doc) {
    while (doc != kEndDoc) {
      bool all = true;
      for (size_t i : m_order) {
        auto& c = m_cursors[i];
        c.seek(doc);
        if (c.doc() != doc) {
          all = false;
          doc = c.doc();
          break;
        }
      }
      if (all && !may_compete(doc)) {
        doc = doc + 1;
      } else if (all) {
        m_freq = phrase_freq();
        if (m_freq > 0) {
          m_doc = doc;
          return;
        }
        doc = doc + 1;
      }
      if (doc == kEndDoc) break;
      m_cursors[m_lead].seek(doc);
      doc = m_cursors[m_lead].doc();
    }
    m_doc = kEndDoc;
  }
  // Occurrences of the phrase in the current doc: start from the term with the fewest
  // occurrences, then keep the starts where every other term follows at its offset (each term's
  // positions decoded only while candidates remain).
  uint32_t phrase_freq() {
    if (!m_shape.adjacent()) return proximity_freq();
    size_t rare = 0;
    for (size_t i = 1; i < m_cursors.size(); ++i)
      if (m_cursors[i].freq() < m_cursors[rare].freq()) rare = i;
    const auto offset = static_cast<uint32_t>(rare);
    m_candidates.clear();
    for (uint32_t p : m_cursors[rare].positions())
      if (p >= offset) m_candidates.push_back(p - offset);
    for (size_t i = 0; i < m_cursors.size() && !m_candidates.empty(); ++i) {
      if (i == rare) continue;
      // Candidates ascend: this word's positions past the last one's are never needed.
      const uint64_t last = uint64_t{m_candidates.back()} + i;
      auto pos =
          m_cursors[i].positions_upto(static_cast<uint32_t>(std::min<uint64_t>(last, UINT32_MAX)));
      size_t out = 0, j = 0;
      for (uint32_t p : m_candidates) {
        const uint32_t want = p + static_cast<uint32_t>(i);
        while (j < pos.size() && pos[j] < want) ++j;
        if (j < pos.size() && pos[j] == want) m_candidates[out++] = p;
      }
      m_candidates.resize(out);
    }
    return static_cast<uint32_t>(m_candidates.size());
  }
  uint32_t proximity_freq() {
    m_lists.clear();
    for (auto& c : m_cursors) m_lists.push_back(c.positions());
    return count_shape(m_lists, m_shape);
  }

  std::vector<index::PostingsCursor> m_cursors;
  std::vector<size_t> m_order;  // cursor indices, rarest first
  size_t m_lead = 0;
  double m_floor = -1e300;
  uint32_t m_floor_upto = 0;
  index::Field m_field;
  double m_weight;
  const ScoringContext& m_ctx;
  index::Segment::LengthColumn m_lengths;
  double m_max = 0;
  uint32_t m_doc = kEndDoc;
  uint32_t m_freq = 0;
  std::vector<uint32_t> m_candidates;
  PhraseShape m_shape;
  std::vector<std::span<const uint32_t>> m_lists;
  std::vector<Companion> m_companions;  // set_companions(), for the window set_floor() gave
};

// All children match; scores add up. Leapfrogs from the cheapest child; column filters are only
// tested on the documents the other children agree on (one of them leads when all are filters).
class AndIterator final : public DocIterator {
 public:
  explicit AndIterator(std::vector<IteratorPtr> children) {
    for (auto& c : children) (c->filter_only() ? m_filters : m_children).push_back(std::move(c));
    if (m_children.empty()) {
      m_children.push_back(std::move(m_filters.back()));
      m_filters.pop_back();
    }
    std::sort(m_children.begin(), m_children.end(),
              [](const auto& a, const auto& b) { return a->cost() < b->cost(); });
    for (const auto& c : m_children) m_max += c->max_score();
    align(m_children[0]->doc());
  }
  uint32_t doc() const override { return m_doc; }
  void next() override {
    if (m_doc == kEndDoc) return;
    m_children[0]->next();
    align(m_children[0]->doc());
  }
  void seek(uint32_t target) override {
    if (m_doc >= target) return;
    m_children[0]->seek(target);
    align(m_children[0]->doc());
  }
  double score() override {
    double s = 0;
    for (auto& c : m_children) s += c->score();
    return s;
  }
  double max_score() const override { return m_max; }
  uint64_t cost() const override { return m_children[0]->cost(); }
  uint32_t block_end(uint32_t target) const override {
    return children_block_end(m_children, target);
  }
  double block_max(uint32_t target) const override {
    return children_block_max(m_children, target);
  }
  bool filter_only() const override { return m_children[0]->filter_only(); }
  bool accepts(uint32_t doc) const override {
    if (!filter_only()) return true;
    for (const auto& f : m_filters)
      if (!f->accepts(doc)) return false;
    return m_children[0]->accepts(doc);
  }

 private:
  void align(uint32_t doc) {
    size_t i = 1;
    while (doc != kEndDoc) {
      if (i < m_children.size()) {
        m_children[i]->seek(doc);
        const uint32_t d = m_children[i]->doc();
        if (d == doc) {
          ++i;
          continue;
        }
        m_children[0]->seek(d);
      } else if (passes(doc)) {
        break;
      } else {
        m_children[0]->next();
      }
      doc = m_children[0]->doc();
      i = 1;
    }
    m_doc = doc;
  }
  bool passes(uint32_t doc) const {
    for (const auto& f : m_filters)
      if (!f->accepts(doc)) return false;
    return true;
  }
  std::vector<IteratorPtr> m_children;
  std::vector<IteratorPtr> m_filters;  // column filters, tested on the children's documents
  uint32_t m_doc = kEndDoc;
  double m_max = 0;
};

// Any child matches; the score is the sum over the children on the current doc.
class OrIterator final : public DocIterator {
 public:
  explicit OrIterator(std::vector<IteratorPtr> children) : m_children(std::move(children)) {
    for (const auto& c : m_children) {
      m_max += c->max_score();
      m_cost += c->cost();
    }
    update();
  }
  uint32_t doc() const override { return m_doc; }
  void next() override {
    if (m_doc == kEndDoc) return;
    for (auto& c : m_children)
      if (c->doc() == m_doc) c->next();
    update();
  }
  void seek(uint32_t target) override {
    if (m_doc >= target) return;
    for (auto& c : m_children)
      if (c->doc() < target) c->seek(target);
    update();
  }
  double score() override {
    double s = 0;
    for (auto& c : m_children)
      if (c->doc() == m_doc) s += c->score();
    return s;
  }
  double max_score() const override { return m_max; }
  uint64_t cost() const override { return m_cost; }
  uint32_t block_end(uint32_t target) const override {
    return children_block_end(m_children, target);
  }
  double block_max(uint32_t target) const override {
    return children_block_max(m_children, target);
  }

 private:
  void update() {
    m_doc = kEndDoc;
    for (const auto& c : m_children) m_doc = std::min(m_doc, c->doc());
  }
  std::vector<IteratorPtr> m_children;
  uint32_t m_doc = kEndDoc;
  double m_max = 0;
  uint64_t m_cost = 0;
};

// Docs of `include` that `exclude` does not match.
class AndNotIterator final : public DocIterator {
 public:
  AndNotIterator(IteratorPtr include, IteratorPtr exclude)
      : m_include(std::move(include)), m_exclude(std::move(exclude)) {
    skip_excluded();
  }
  uint32_t doc() const override { return m_include->doc(); }
  void next() override {
    m_include->next();
    skip_excluded();
  }
  void seek(uint32_t target) override {
    m_include->seek(target);
    skip_excluded();
  }
  double score() override { return m_include->score(); }
  double max_score() const override { return m_include->max_score(); }
  uint64_t cost() const override { return m_include->cost(); }
  uint32_t block_end(uint32_t target) const override { return m_include->block_end(target); }
  double block_max(uint32_t target) const override { return m_include->block_max(target); }

 private:
  void skip_excluded() {
    while (m_include->doc() != kEndDoc) {
      m_exclude->seek(m_include->doc());
      if (m_exclude->doc() != m_include->doc()) return;
      m_include->next();
    }
  }
  IteratorPtr m_include;
  IteratorPtr m_exclude;
};

// What a column filter tests in a row: a date range, a set of show or source strings, or nothing
// (every doc).
struct ColumnTest {
  enum class Kind { kAll, kDate, kShow, kSource } kind = Kind::kAll;
  int32_t from = 0, to = 0;
  std::vector<uint8_t> wanted;  // by string index (show / source)
  bool operator()(const index::ColumnRow& row) const {
    switch (kind) {
      case Kind::kAll:
        return true;
      case Kind::kDate:
        return row.date != core::kNoDate && row.date >= from && row.date <= to;
      case Kind::kShow:
        return row.show < wanted.size() && wanted[row.show] != 0;
      case Kind::kSource:
        return row.source < wanted.size() && wanted[row.source] != 0;
    }
    return false;
  }
};

// Docs whose columns satisfy a test (date range, show, source); scans the fixed-width column
// rows, never the stored text. Inside a conjunction it is only asked accepts() (filter_only()).
class ColumnIterator final : public DocIterator {
 public:
  ColumnIterator(const index::Segment& seg, ColumnTest test, uint64_t cost)
      : m_seg(seg), m_test(std::move(test)), m_cost(cost) {
    advance(0);
  }
  uint32_t doc() const override { return m_doc; }
  void next() override {
    if (m_doc != kEndDoc) advance(m_doc + 1);
  }
  void seek(uint32_t target) override {
    if (m_doc < target) advance(target);
  }
  double score() override { return 0; }
  double max_score() const override { return 0; }
  uint64_t cost() const override { return m_cost; }
  bool filter_only() const override { return true; }
  bool accepts(uint32_t doc) const override {
    return doc < m_seg.doc_count() && m_test(m_seg.columns(doc));
  }

 private:
  void advance(uint32_t from) {
    for (uint32_t d = from; d < m_seg.doc_count(); ++d)
      if (m_test(m_seg.columns(d))) {
        m_doc = d;
        return;
      }
    m_doc = kEndDoc;
  }
  const index::Segment& m_seg;
  ColumnTest m_test;
  uint64_t m_cost;
  uint32_t m_doc = kEndDoc;
};

// A sorted list of doc ids (a show's or source's documents): walked like a postings list, cost
// its length, no score. Seeks gallop.
class DocListIterator final : public DocIterator {
 public:
  explicit DocListIterator(std::span<const uint32_t> docs) : m_docs(docs) {}
  explicit DocListIterator(std::vector<uint32_t> owned)
      : m_owned(std::move(owned)), m_docs(m_owned) {}
  uint32_t doc() const override { return m_at < m_docs.size() ? m_docs[m_at] : kEndDoc; }
  void next() override {
    if (m_at < m_docs.size()) ++m_at;
  }
  void seek(uint32_t target) override {
    if (m_at >= m_docs.size() || m_docs[m_at] >= target) return;
    size_t step = 1, lo = m_at;
    while (lo + step < m_docs.size() && m_docs[lo + step] < target) {
      lo += step;
      step *= 2;
    }
    const size_t hi = std::min(m_docs.size(), lo + step + 1);
    m_at = static_cast<size_t>(std::lower_bound(m_docs.begin() + static_cast<std::ptrdiff_t>(lo),
                                                m_docs.begin() + static_cast<std::ptrdiff_t>(hi),
                                                target) -
                               m_docs.begin());
  }
  double score() override { return 0; }
  double max_score() const override { return 0; }
  uint64_t cost() const override { return m_docs.size(); }

 private:
  std::vector<uint32_t> m_owned;
  std::span<const uint32_t> m_docs;
  size_t m_at = 0;
};

// robust:"..." and sounds:"...": documents where an error-tolerant chain reads the phrase
// (exec/robust_match.hpp). Candidates come from the union of the max_misses + 1 rarest words (a
// chain missing at most max_misses words contains one of them); the other words are sought only
// on those. Exact chains score in a tier of their own, above every approximate one.
//
// Before any position is decoded, a candidate must pass two document-level tests read from the
// postings alone: at least min_exact words occur as typed, and (under top-k pruning) the score
// bound — best possible quality and chain count from the frequencies — beats the collector's
// floor. Then ChainFilter (exec/robust_match.hpp) reads the positions of the rarest words and
// drops the document unless some anchor occurrence has enough words at the offsets a chain
// allows (on the benchmark it drops 99% of the candidates after two or three words). The
// survivors' hits are gathered slot by slot, rarest first, within the anchors' windows, and
// aligned.
class RobustIterator final : public DocIterator {
 public:
  static constexpr double kExactTier = 1000.0;

  RobustIterator(std::vector<SlotCursor> slots, AlignOptions options, double weight,
                 const ScoringContext& ctx)
      : m_slots(std::move(slots)), m_options(options), m_weight(weight), m_ctx(ctx) {
    std::vector<size_t> order(m_slots.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return m_slots[a].cost() < m_slots[b].cost(); });
    const size_t drivers = std::min(order.size(), static_cast<size_t>(options.max_misses) + 1);
    m_drivers.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(drivers));
    for (size_t d : m_drivers) m_cost += m_slots[d].cost();
    m_hits.resize(m_slots.size());
    settle(0);
  }
  uint32_t doc() const override { return m_doc; }
  void next() override {
    if (m_doc != kEndDoc) settle(m_doc + 1);
  }
  void seek(uint32_t target) override {
    if (m_doc < target) settle(target);
  }
  double score() override {
    const double n = static_cast<double>(m_slots.size());
    const double len = m_ctx.segment->columns(m_doc).body_len;
    const double tf = m_ctx.bm25.tf_norm(static_cast<uint32_t>(m_chains.size()), len,
                                         m_ctx.avg_len[static_cast<size_t>(index::Field::kBody)]);
    const double base = std::min(kExactTier - 1, m_weight * (m_best / n) * tf);
    return (m_exact ? kExactTier : 0.0) + base;
  }
  double max_score() const override { return 2 * kExactTier; }
  uint64_t cost() const override { return m_cost; }
  // Windows end with the drivers' postings blocks, so that the collector refreshes the floor
  // (set_floor) as its top k fills; every window keeps the list-wide bound.
  uint32_t block_end(uint32_t target) const override {
    uint32_t end = kEndDoc;
    for (size_t i : m_drivers) end = std::min(end, m_slots[i].block_end(target));
    return end;
  }
  void set_floor(double floor, uint32_t upto) override {
    m_floor = floor;
    m_floor_upto = upto;
  }

 private:
  void settle(uint32_t from) {
    const size_t n = m_slots.size();
    const size_t need =
        std::max<size_t>(m_options.min_matched, n - static_cast<size_t>(m_options.max_misses));
    while (true) {
      uint32_t d = kEndDoc;
      for (size_t i : m_drivers) {
        m_slots[i].seek(from);
        d = std::min(d, m_slots[i].doc());
      }
      if (d == kEndDoc) break;
      size_t present = 0;
      size_t exact = 0;
      for (auto& s : m_slots) {
        s.seek(d);
        present += s.doc() == d;
        exact += s.exact_on(d);
      }
      CandidateDoc doc{*this, d};
      if (present >= need && exact >= m_options.min_exact &&
          m_filter.possible(doc, m_options, need) && gather(d, need, exact == n)) {
        m_chains = align_phrase(m_hits, m_options);
        if (!m_chains.empty()) {
          m_doc = d;
          m_best = 0;
          m_exact = false;
          for (const auto& c : m_chains) {
            m_best = std::max(m_best, c.quality);
            m_exact = m_exact || c.exact;
          }
          return;
        }
      }
      from = d + 1;
    }
    m_doc = kEndDoc;
  }

  // The current document as ChainFilter (exec/robust_match.hpp) reads it.
  struct CandidateDoc {
    RobustIterator& it;
    uint32_t d;
    size_t words() const { return it.m_slots.size(); }
    void freqs(size_t word, uint32_t& any, uint32_t& exact) const {
      it.m_slots[word].freqs_on(d, any, exact);
    }
    template <class Fn>
    void lists(size_t word, Fn&& fn) {
      auto& slot = it.m_slots[word];
      for (uint32_t alt : slot.on()) fn(slot.positions_of(alt), slot.weight_of(alt) >= 1.0);
    }
  };

  // An upper bound of score() on `d`, from the frequencies only: a chain's quality is at most the
  // sum of the best weight of each word present, and chains do not overlap, so there are at most
  // as many as the anchors' occurrences (`chains`); the exact tier only when every word occurs
  // as typed.
  double score_bound(uint32_t d, uint64_t chains, bool exact_possible) const {
    double quality = 0;
    for (const auto& s : m_slots) quality += s.max_weight_on(d);
    const double n = static_cast<double>(m_slots.size());
    const double len = m_ctx.segment->columns(d).body_len;
    const auto count = static_cast<uint32_t>(std::min<uint64_t>(chains, UINT32_MAX));
    const double tf =
        m_ctx.bm25.tf_norm(count, len, m_ctx.avg_len[static_cast<size_t>(index::Field::kBody)]);
    const double base = std::min(kExactTier - 1, m_weight * (quality / n) * tf);
    return (exact_possible ? kExactTier : 0.0) + base;
  }

  // The hits of every slot on `d` that a chain can use; false when no chain can be there.
  // Anchors: a chain misses at most max_misses words, so any max_misses + 1 slots hold one of
  // its hits; and it matches at least min_exact words as typed, so any n - min_exact + 1 slots
  // hold one of its exact hits. Per document, the cheaper of the two anchor sets (fewest
  // occurrences, read from the frequencies) is taken. A chain spans at most 2 tokens per word
  // after the first (a missing word takes 0..2 tokens, an insert one), so only positions within
  // that radius of an anchor can be in a chain: the alignment runs on tens of hits instead of
  // every occurrence of the phrase's common words, and finds the same chains.
  bool gather(uint32_t d, size_t need, bool exact_possible) {
    const size_t n = m_slots.size();
    const uint32_t radius = 2 * static_cast<uint32_t>(n - 1);
    const auto pick = [&](bool exact_only, size_t count, std::vector<size_t>& chosen) {
      m_order.resize(n);
      for (size_t i = 0; i < n; ++i) m_order[i] = {m_slots[i].freq_on(d, exact_only), i};
      std::partial_sort(m_order.begin(), m_order.begin() + static_cast<std::ptrdiff_t>(count),
                        m_order.end());
      uint64_t total = 0;
      chosen.clear();
      for (size_t k = 0; k < count; ++k) {
        total += m_order[k].first;
        chosen.push_back(m_order[k].second);
      }
      return total;
    };
    const size_t by_misses = std::min(n, static_cast<size_t>(m_options.max_misses) + 1);
    uint64_t cost = pick(false, by_misses, m_anchors);
    bool exact_only = false;
    if (m_options.min_exact > 0 && m_options.min_exact <= n) {
      const uint64_t exact_cost = pick(true, n - m_options.min_exact + 1, m_anchors_exact);
      if (exact_cost < cost) {
        cost = exact_cost;
        exact_only = true;
        m_anchors.swap(m_anchors_exact);
      }
    }
    if (cost == 0) return false;
    // Each chain holds an anchor occurrence of its own (chains do not overlap): at most `cost`.
    if (d <= m_floor_upto &&
        cannot_beat(score_bound(d, std::min<uint64_t>(cost, kMaxChains), exact_possible), m_floor))
      return false;
    m_windows.clear();
    for (size_t i : m_anchors) {
      // One sorted run of windows per alternative, overlaps joined as they come.
      m_slots[i].for_each_position(d, exact_only, [&](uint32_t p) {
        const uint32_t lo = p >= radius ? p - radius : 0;
        m_windows.emplace_back(lo, p + radius);
      });
    }
    std::sort(m_windows.begin(), m_windows.end());
    size_t merged = 0;
    for (const auto& w : m_windows) {
      if (merged > 0 && w.first <= m_windows[merged - 1].second + 1)
        m_windows[merged - 1].second = std::max(m_windows[merged - 1].second, w.second);
      else
        m_windows[merged++] = w;
    }
    m_windows.resize(merged);
    // A chain lies inside one window (all its hits are within the radius of one of its anchor
    // occurrences) and has hits of at least `need` slots, min_exact of them exact. Slots are read
    // rarest first; once no window can reach both counts with the slots left, the document is
    // dropped before the common words' positions are decoded.
    m_window_slots.assign(merged, 0);
    m_window_exact.assign(merged, 0);
    m_order.resize(n);
    size_t left_any = 0, left_exact = 0;
    for (size_t i = 0; i < n; ++i) {
      m_order[i] = {m_slots[i].freq_on(d, false), i};
      left_any += m_slots[i].doc() == d;
      left_exact += m_slots[i].exact_on(d);
    }
    std::sort(m_order.begin(), m_order.end());
    size_t present = 0;
    for (const auto& [freq, i] : m_order) {
      auto& hits = m_hits[i];
      if (m_slots[i].doc() != d) {
        hits.clear();
        continue;
      }
      m_slots[i].hits(hits, m_windows);
      present += !hits.empty();
      const bool exact_here = m_slots[i].exact_on(d);
      --left_any;
      left_exact -= exact_here;
      // Count this slot once per window it has a hit in (hits and windows are both sorted).
      size_t w = 0;
      size_t last = SIZE_MAX, last_exact = SIZE_MAX;
      for (const auto& h : hits) {
        while (m_windows[w].second < h.position) ++w;
        if (w != last) ++m_window_slots[w], last = w;
        if (h.weight >= 1.0 && w != last_exact) ++m_window_exact[w], last_exact = w;
      }
      bool alive = false;
      for (size_t k = 0; k < merged && !alive; ++k)
        alive = m_window_slots[k] + left_any >= need &&
                m_window_exact[k] + left_exact >= m_options.min_exact;
      if (!alive) return false;
    }
    return present >= need;
  }

  static constexpr uint64_t kMaxChains = 64;  // align_phrase's max_chains

  std::vector<SlotCursor> m_slots;
  std::vector<size_t> m_drivers;
  ChainFilter m_filter;
  std::vector<std::pair<uint32_t, uint32_t>> m_windows;
  std::vector<uint32_t> m_window_slots;  // per window: slots with a hit in it
  std::vector<uint32_t> m_window_exact;  // ...with an exact hit in it
  std::vector<std::pair<uint32_t, size_t>> m_order;
  std::vector<size_t> m_anchors;
  std::vector<size_t> m_anchors_exact;
  AlignOptions m_options;
  double m_weight;
  const ScoringContext& m_ctx;
  uint64_t m_cost = 0;
  uint32_t m_doc = kEndDoc;
  double m_floor = -1e300;
  uint32_t m_floor_upto = 0;
  std::vector<std::vector<SlotHit>> m_hits;
  std::vector<Chain> m_chains;
  double m_best = 0;
  bool m_exact = false;
};

// word~N, prefix*, sounds:word: any of the alternatives. As Lucene's blended rewrite does, every
// alternative of one field scores with the same idf (that of the most frequent), so a rare
// misspelling does not outrank the word itself; the alternative's weight then decides.
IteratorPtr alternatives_iterator(const PlanNode& node, const ScoringContext& ctx, bool scoring) {
  std::vector<IteratorPtr> parts;
  if (node.slots.empty()) return nullptr;
  for (index::Field field : node.fields) {
    uint64_t max_df = 1;
    if (scoring)
      for (const auto& alt : node.slots[0]) max_df = std::max(max_df, ctx.df(field, alt.term));
    const double idf = Bm25::idf(ctx.documents, max_df);
    for (const auto& alt : node.slots[0]) {
      auto info = ctx.segment->lookup(field, alt.term);
      if (!info) continue;
      const double weight =
          scoring ? idf * alt.weight * ctx.field_boost[static_cast<size_t>(field)] : 0.0;
      parts.push_back(std::make_unique<TermIterator>(*info, field, weight, ctx));
    }
  }
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::move(parts[0]);
  return std::make_unique<OrIterator>(std::move(parts));
}

IteratorPtr robust_iterator(const PlanNode& node, const ScoringContext& ctx, bool scoring) {
  const auto& seg = *ctx.segment;
  double weight = 0;
  const AlignOptions options = robust_align_options(node.slots.size(), node.tolerant);
  const size_t n = node.slots.size();
  std::vector<std::vector<SlotCursor::Alt>> words(n);
  std::vector<uint64_t> costs(n, 0);
  size_t missing = 0;
  for (size_t i = 0; i < n; ++i) {
    for (uint32_t a = 0; a < node.slots[i].size(); ++a) {
      const auto& alt = node.slots[i][a];
      if (auto info = seg.lookup(index::Field::kBody, alt.term)) {
        words[i].push_back({seg.cursor(*info), a, alt.weight});
        // Most candidates are dropped after a few words' positions: decode per document.
        words[i].back().cursor.set_bulk_positions(false);
        costs[i] += info->df;
      }
    }
    if (words[i].empty()) ++missing;
    if (scoring && i < node.terms.size())
      weight += Bm25::idf(ctx.documents,
                          std::max<uint64_t>(1, ctx.df(index::Field::kBody, node.terms[i])));
  }
  if (missing > static_cast<size_t>(options.max_misses)) return nullptr;
  // The candidates are the union of the max_misses + 1 rarest words (RobustIterator's drivers):
  // at most the sum of their postings. Each word is then walked the cheaper way for that many.
  std::vector<uint64_t> sorted = costs;
  std::sort(sorted.begin(), sorted.end());
  uint64_t candidates = 0;
  for (size_t k = 0; k < std::min(n, static_cast<size_t>(options.max_misses) + 1); ++k)
    candidates += sorted[k];
  std::vector<SlotCursor> slots;
  slots.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    SlotCursor::Mode mode =
        choose_slot_mode(words[i].size(), costs[i], seg.doc_count(), candidates);
    if (ctx.slot_modes == SlotModes::kSeek) mode = SlotCursor::Mode::kSeek;
    if (ctx.slot_modes == SlotModes::kMerged) mode = SlotCursor::Mode::kMerged;
    slots.emplace_back(std::move(words[i]), mode, seg.doc_count());
  }
  return std::make_unique<RobustIterator>(std::move(slots), options, weight, ctx);
}

IteratorPtr all_docs(const index::Segment& seg) {
  return std::make_unique<ColumnIterator>(seg, ColumnTest{}, seg.doc_count());
}

// One iterator per field for a term or phrase node.
void words_iterators(const PlanNode& node, const ScoringContext& ctx, bool scoring,
                     std::vector<IteratorPtr>& per_field) {
  for (index::Field field : node.fields) {
    double idf = 0;
    for (const auto& t : node.terms) idf += Bm25::idf(ctx.documents, ctx.df(field, t));
    const double weight = scoring ? idf * ctx.field_boost[static_cast<size_t>(field)] : 0.0;
    if (node.kind == PlanNode::Kind::kTerm) {
      auto info = term_info(ctx, field, node.terms[0]);
      if (info) per_field.push_back(std::make_unique<TermIterator>(*info, field, weight, ctx));
      continue;
    }
    PhraseShape shape;
    const std::vector<std::string> words = phrase_cursor_terms(node, &shape);
    std::vector<index::PostingsCursor> cursors;
    for (const auto& t : words) {
      auto info = term_info(ctx, field, t);
      if (!info) break;
      cursors.push_back(ctx.segment->cursor(*info));
    }
    if (cursors.size() == words.size())
      per_field.push_back(
          std::make_unique<PhraseIterator>(std::move(cursors), field, weight, ctx, shape));
  }
}

IteratorPtr words_iterator(const PlanNode& node, const ScoringContext& ctx, bool scoring) {
  if (node.kind == PlanNode::Kind::kTerm && node.fields.size() > 1) {
    // A word in several fields: one iterator over its fields' cursors (FieldsTermIterator).
    std::vector<FieldsTermIterator::Part> parts;
    for (index::Field field : node.fields) {
      auto info = term_info(ctx, field, node.terms[0]);
      if (!info) continue;
      const double weight = scoring ? Bm25::idf(ctx.documents, ctx.df(field, node.terms[0])) *
                                          ctx.field_boost[static_cast<size_t>(field)]
                                    : 0.0;
      parts.push_back({ctx.segment->cursor(*info), field, weight});
    }
    if (parts.empty()) return nullptr;
    if (parts.size() > 1) return std::make_unique<FieldsTermIterator>(std::move(parts), ctx);
  }
  std::vector<IteratorPtr> per_field;
  words_iterators(node, ctx, scoring, per_field);
  if (per_field.empty()) return nullptr;
  if (per_field.size() == 1) return std::move(per_field[0]);
  return std::make_unique<OrIterator>(std::move(per_field));
}

void collect_disjuncts(const PlanNode& node, const ScoringContext& ctx,
                       std::vector<IteratorPtr>& out) {
  switch (node.kind) {
    case PlanNode::Kind::kOr:
      for (const auto& c : node.children) collect_disjuncts(c, ctx, out);
      return;
    case PlanNode::Kind::kTerm:
    case PlanNode::Kind::kPhrase:
      words_iterators(node, ctx, true, out);
      return;
    default:
      if (auto it = build_iterator(node, ctx)) out.push_back(std::move(it));
  }
}

IteratorPtr column_iterator(const PlanNode& node, const index::Segment& seg) {
  ColumnTest test;
  if (node.kind == PlanNode::Kind::kDateRange) {
    test.kind = ColumnTest::Kind::kDate;
    test.from = node.from;
    test.to = node.to;
    return std::make_unique<ColumnIterator>(seg, std::move(test), seg.doc_count());
  }
  // show: and source: walk the segment's per-string document lists (one list, or the union of
  // the strings the filter accepts: those that fold to the value, or start with it).
  const bool show = node.filter_field == "show";
  std::vector<std::span<const uint32_t>> lists;
  for (uint32_t i = 0; i < seg.string_count(); ++i)
    if (node.accepts_value(seg.string_at(i))) {
      auto docs = show ? seg.docs_with_show(i) : seg.docs_with_source(i);
      if (!docs.empty()) lists.push_back(docs);
    }
  if (lists.empty()) return nullptr;
  if (lists.size() == 1) return std::make_unique<DocListIterator>(lists[0]);
  std::vector<uint32_t> merged;
  for (const auto& l : lists) merged.insert(merged.end(), l.begin(), l.end());
  std::sort(merged.begin(), merged.end());
  return std::make_unique<DocListIterator>(std::move(merged));
}

}  // namespace

IteratorPtr build_iterator(const PlanNode& node, const ScoringContext& ctx, bool scoring) {
  const auto& seg = *ctx.segment;
  switch (node.kind) {
    case PlanNode::Kind::kNone:
      return nullptr;
    case PlanNode::Kind::kTerm:
    case PlanNode::Kind::kPhrase:
      return words_iterator(node, ctx, scoring);
    case PlanNode::Kind::kFuzzy:
    case PlanNode::Kind::kPrefix:
    case PlanNode::Kind::kSounds:
      return alternatives_iterator(node, ctx, scoring);
    case PlanNode::Kind::kRobust:
      return robust_iterator(node, ctx, scoring);
    case PlanNode::Kind::kFilter:
    case PlanNode::Kind::kDateRange:
      return column_iterator(node, seg);
    case PlanNode::Kind::kNot: {
      auto excluded =
          node.children.empty() ? nullptr : build_iterator(node.children[0], ctx, false);
      if (!excluded) return all_docs(seg);
      return std::make_unique<AndNotIterator>(all_docs(seg), std::move(excluded));
    }
    case PlanNode::Kind::kOr: {
      std::vector<IteratorPtr> children;
      for (const auto& c : node.children)
        if (auto it = build_iterator(c, ctx, scoring)) children.push_back(std::move(it));
      if (children.empty()) return nullptr;
      if (children.size() == 1) return std::move(children[0]);
      return std::make_unique<OrIterator>(std::move(children));
    }
    case PlanNode::Kind::kAnd: {
      std::vector<IteratorPtr> positive, negative;
      for (const auto& c : node.children) {
        if (c.kind == PlanNode::Kind::kNot) {
          if (c.children.empty()) continue;
          if (auto ex = build_iterator(c.children[0], ctx, false))
            negative.push_back(std::move(ex));
          continue;
        }
        auto it = build_iterator(c, ctx, scoring);
        if (!it) return nullptr;  // a required clause matches nothing here
        positive.push_back(std::move(it));
      }
      IteratorPtr out;
      if (positive.empty())
        out = all_docs(seg);
      else if (positive.size() == 1)
        out = std::move(positive[0]);
      else
        out = std::make_unique<AndIterator>(std::move(positive));
      if (!negative.empty()) {
        IteratorPtr ex = negative.size() == 1 ? std::move(negative[0])
                                              : std::make_unique<OrIterator>(std::move(negative));
        out = std::make_unique<AndNotIterator>(std::move(out), std::move(ex));
      }
      return out;
    }
  }
  return nullptr;
}

TopLevelClauses build_top_level_clauses(const PlanNode& plan, const ScoringContext& ctx) {
  TopLevelClauses out;
  if (plan.kind == PlanNode::Kind::kAnd) {
    const bool has_not = std::any_of(plan.children.begin(), plan.children.end(),
                                     [](const auto& c) { return c.kind == PlanNode::Kind::kNot; });
    if (!has_not && !plan.children.empty()) {
      const auto is_column = [](const PlanNode& c) {
        return c.kind == PlanNode::Kind::kFilter || c.kind == PlanNode::Kind::kDateRange;
      };
      const PlanNode* only = nullptr;  // the one non-column child, if there is exactly one
      size_t others = 0;
      for (const auto& c : plan.children)
        if (!is_column(c)) only = ++others == 1 ? &c : nullptr;
      bool flatten = others == 1 &&
                     (only->kind == PlanNode::Kind::kOr || only->kind == PlanNode::Kind::kTerm ||
                      only->kind == PlanNode::Kind::kPhrase);
      // Column children first: a show or source list walks (a required clause), and then the
      // scoring child stays one conjunctive clause beside it.
      for (const auto& c : plan.children) {
        if (!is_column(c)) continue;
        auto it = build_iterator(c, ctx);
        if (!it) return {};  // a required clause matches nothing here
        if (!it->filter_only()) flatten = false;
        (it->filter_only() ? out.filters : out.clauses).push_back(std::move(it));
      }
      for (const auto& c : plan.children) {
        if (is_column(c) || (flatten && &c == only)) continue;
        auto it = build_iterator(c, ctx);
        if (!it) return {};
        (it->filter_only() ? out.filters : out.clauses).push_back(std::move(it));
      }
      if (flatten) {
        // One scoring child under filters: its disjuncts, as for that child alone.
        collect_disjuncts(*only, ctx, out.clauses);
        if (out.clauses.empty()) return {};
        return out;
      }
      if (out.clauses.empty()) {  // only filters: one of them walks
        out.clauses.push_back(std::move(out.filters.back()));
        out.filters.pop_back();
      }
      out.conjunctive = out.clauses.size() > 1;
      return out;
    }
  }
  if (plan.kind == PlanNode::Kind::kOr || plan.kind == PlanNode::Kind::kTerm ||
      plan.kind == PlanNode::Kind::kPhrase) {
    collect_disjuncts(plan, ctx, out.clauses);
    return out;
  }
  if (auto it = build_iterator(plan, ctx)) out.clauses.push_back(std::move(it));
  return out;
}

}  // namespace newsdex::query
