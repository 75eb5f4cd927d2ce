#include "newsdex/analytics/segment_lists.hpp"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "newsdex/analytics/segment_cache.hpp"

namespace newsdex::analytics {

SegmentEntities::SegmentEntities(const index::Segment& segment) {
  const uint32_t docs = segment.doc_count();
  const auto& terms = segment.terms(index::Field::kEntity);
  // Every (doc, position, term) of the entity field, then grouped by document.
  struct Hit {
    uint32_t doc, position, term;
  };
  std::vector<Hit> hits;
  for (size_t i = 0; i < terms.size(); ++i) {
    auto info = segment.lookup(index::Field::kEntity, terms.term(i));
    if (!info) continue;
    auto c = segment.cursor(*info);
    for (; c.doc() != index::kEndDoc; c.next()) {
      if (c.doc() >= docs) break;
      for (uint32_t p : c.positions()) hits.push_back({c.doc(), p, static_cast<uint32_t>(i)});
    }
    if (c.corrupt()) m_corrupt = true;
  }
  std::vector<uint32_t> start(docs + 1, 0);
  for (const auto& h : hits) ++start[h.doc + 1];
  for (uint32_t d = 0; d < docs; ++d) start[d + 1] += start[d];
  std::vector<Hit> by_doc(hits.size());
  {
    auto fill = start;
    for (const auto& h : hits) by_doc[fill[h.doc]++] = h;
  }
  hits.clear();
  hits.shrink_to_fit();

  std::unordered_map<std::string, uint32_t> ids;
  m_offsets.assign(1, 0);
  m_offsets.reserve(docs + 1);
  std::string key;
  std::vector<uint32_t> doc_ids;
  m_start_offsets.assign(1, 0);
  m_start_offsets.reserve(docs + 1);
  for (uint32_t d = 0; d < docs; ++d) {
    auto first = by_doc.begin() + start[d], last = by_doc.begin() + start[d + 1];
    std::sort(first, last, [](const Hit& a, const Hit& b) { return a.position < b.position; });
    doc_ids.clear();
    uint32_t value_start = 0;
    auto flush = [&] {
      if (key.empty()) return;
      auto [it, inserted] = ids.try_emplace(key, static_cast<uint32_t>(m_values.size()));
      if (inserted) m_values.push_back(key);
      doc_ids.push_back(it->second);
      m_starts.push_back({value_start, it->second});
      key.clear();
    };
    uint32_t previous = 0;
    for (auto it = first; it != last; ++it) {
      if (!key.empty() && it->position - previous >= index::kValuePositionGap) flush();
      if (key.empty()) value_start = it->position;
      if (!key.empty()) key.push_back(' ');
      key += terms.term(it->term);
      previous = it->position;
    }
    flush();
    m_start_offsets.push_back(static_cast<uint32_t>(m_starts.size()));
    std::sort(doc_ids.begin(), doc_ids.end());
    doc_ids.erase(std::unique(doc_ids.begin(), doc_ids.end()), doc_ids.end());
    m_ids.insert(m_ids.end(), doc_ids.begin(), doc_ids.end());
    m_offsets.push_back(static_cast<uint32_t>(m_ids.size()));
  }
  m_df.assign(m_values.size(), 0);
  for (uint32_t id : m_ids) ++m_df[id];
}

std::optional<uint32_t> SegmentEntities::value_at(uint32_t doc, uint32_t position) const {
  if (doc + 1 >= m_start_offsets.size()) return std::nullopt;
  const auto first = m_starts.begin() + m_start_offsets[doc];
  const auto last = m_starts.begin() + m_start_offsets[doc + 1];
  auto it = std::lower_bound(first, last, position,
                             [](const Start& s, uint32_t p) { return s.position < p; });
  if (it == last || it->position != position) return std::nullopt;
  return it->value;
}

std::shared_ptr<const SegmentEntities> entities_for(
    const std::shared_ptr<const index::Segment>& segment) {
  return SegmentCache<SegmentEntities>::get(segment);
}

SegmentBodyPostings::SegmentBodyPostings(const index::Segment& segment) {
  const auto& terms = segment.terms(index::Field::kBody);
  m_postings.reserve(terms.size());
  auto c = segment.dict_cursor();
  const char body = static_cast<char>(index::Field::kBody);
  // Body keys come first in the dictionary (field byte 0), in the term list's order.
  while (m_postings.size() < terms.size() && c.next() && !c.key().empty() && c.key()[0] == body) {
    if (c.key().substr(1) != terms.term(m_postings.size())) break;
    m_postings.push_back(c.postings());
  }
  if (m_postings.size() != terms.size()) {
    m_postings.clear();
    m_corrupt = true;
  }
}

std::shared_ptr<const SegmentBodyPostings> body_postings_for(
    const std::shared_ptr<const index::Segment>& segment) {
  return SegmentCache<SegmentBodyPostings>::get(segment);
}

namespace {
std::atomic<uint64_t> g_forward_bytes{0};  // reserved by the forward lists alive
}  // namespace

SegmentBodyForward::~SegmentBodyForward() {
  g_forward_bytes -= m_reserved;
}

SegmentBodyForward::SegmentBodyForward(const index::Segment& segment) {
  const auto& terms = segment.terms(index::Field::kBody);
  uint64_t postings = 0;
  for (size_t i = 0; i < terms.size(); ++i) postings += terms.df(i);
  const uint64_t bytes = postings * 4 + (uint64_t{segment.doc_count()} + 1) * 8;
  for (uint64_t used = g_forward_bytes.load();;) {
    if (used + bytes > kForwardBudgetBytes) return;
    if (g_forward_bytes.compare_exchange_weak(used, used + bytes)) break;
  }
  m_reserved = bytes;
  SegmentBodyPostings lists(segment);
  if (lists.corrupt()) return;
  const uint32_t docs = segment.doc_count();
  std::vector<uint64_t> count(docs + 1, 0);
  for (size_t i = 0; i < terms.size(); ++i)
    for (index::PostingsCursor c(lists.postings(i)); c.doc() != index::kEndDoc; c.next_block())
      for (uint32_t d : c.block_docs())
        if (d < docs) ++count[d + 1];
  for (uint32_t d = 0; d < docs; ++d) count[d + 1] += count[d];
  m_terms.resize(count[docs]);
  m_offsets = count;
  for (size_t i = 0; i < terms.size(); ++i) {
    index::PostingsCursor c(lists.postings(i));
    for (; c.doc() != index::kEndDoc; c.next_block())
      for (uint32_t d : c.block_docs())
        if (d < docs) m_terms[count[d]++] = static_cast<uint32_t>(i);
    if (c.corrupt()) return;
  }
  m_available = true;
}

namespace {
// Marks a segment that has served one co-mention query (built lists pay off from the second).
struct ForwardAsked {
  explicit ForwardAsked(const index::Segment&) {}
};
}  // namespace

std::shared_ptr<const SegmentBodyForward> body_forward_for(
    const std::shared_ptr<const index::Segment>& segment, ForwardPolicy policy) {
  if (policy == ForwardPolicy::kBuild) return SegmentCache<SegmentBodyForward>::get(segment);
  if (auto cached = SegmentCache<SegmentBodyForward>::find(segment)) return cached;
  if (SegmentCache<ForwardAsked>::find(segment))
    return SegmentCache<SegmentBodyForward>::get(segment);
  SegmentCache<ForwardAsked>::get(segment);
  return nullptr;
}

std::string entity_value_key(std::string_view name, analysis::Analyzer& analyzer) {
  std::string key;
  analyzer.analyze(name, {}, [&](const analysis::Token& tok) {
    if (!key.empty()) key.push_back(' ');
    key += tok.term;
  });
  return key;
}

}  // namespace newsdex::analytics
