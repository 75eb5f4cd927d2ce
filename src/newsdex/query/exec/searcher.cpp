#include "newsdex/query/exec/searcher.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/matcher.hpp"
#include "newsdex/query/exec/snippets.hpp"
#include "newsdex/query/plan/plan.hpp"
#include "newsdex/query/score/bm25.hpp"

namespace newsdex::query {

struct Searcher::State {
  analysis::Analyzer analyzer;
};

Searcher::Searcher(std::shared_ptr<const index::Snapshot> snapshot)
    : m_snapshot(std::move(snapshot)), m_state(std::make_unique<State>()) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

namespace {

struct Candidate {
  double score;
  int32_t date;
  size_t segment;
  uint32_t doc;
};

core::Result<int32_t> request_date(const std::string& text, const char* name) {
  auto d = core::parse_iso_date(text);
  if (!d)
    return core::fail(core::ErrorCode::kUsage,
                      std::string("parameter '") + name + "': expected a date YYYY-MM-DD, got '" +
                          text + "'");
  return *d;
}

}  // namespace

core::Result<SearchResult> Searcher::search(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  auto ast = parse_query(request.query, request.limits);
  if (!ast) return tl::unexpected(ast.error());
  auto planned = plan_query(**ast, m_state->analyzer);
  if (!planned) return tl::unexpected(planned.error());
  PlanNode plan = std::move(*planned);
  if (!request.from.empty() || !request.to.empty()) {
    int32_t from = INT32_MIN, to = INT32_MAX;
    if (!request.from.empty()) {
      auto d = request_date(request.from, "from");
      if (!d) return tl::unexpected(d.error());
      from = *d;
    }
    if (!request.to.empty()) {
      auto d = request_date(request.to, "to");
      if (!d) return tl::unexpected(d.error());
      to = *d;
    }
    plan = with_date_range(std::move(plan), from, to);
  }

  // Collection statistics over the whole snapshot, so scores compare across segments.
  const auto& snap = *m_snapshot;
  const uint64_t docs = std::max<uint64_t>(1, snap.total_documents());
  double avg_len[index::kFieldCount];
  for (size_t f = 0; f < index::kFieldCount; ++f)
    avg_len[f] = static_cast<double>(snap.field_tokens(static_cast<index::Field>(f))) /
                 static_cast<double>(docs);
  std::vector<const PlanNode*> leaves;
  for_each_scoring_leaf(plan, [&](const PlanNode& leaf) { leaves.push_back(&leaf); });
  // idf per leaf and field: a phrase's idf is the sum of its terms' (as in Lucene).
  std::vector<std::array<double, index::kFieldCount>> idf(leaves.size());
  for (size_t i = 0; i < leaves.size(); ++i) {
    for (index::Field field : leaves[i]->fields) {
      double sum = 0;
      for (const auto& term : leaves[i]->terms) {
        uint64_t df = 0;
        for (const auto& s : snap.segments())
          if (auto info = s.segment->lookup(field, term)) df += info->df;
        sum += Bm25::idf(docs, df);
      }
      idf[i][static_cast<size_t>(field)] = sum;
    }
  }
  constexpr double kFieldBoost[index::kFieldCount] = {1.0, 2.0};  // body, title
  const Bm25 bm25;

  SearchResult result;
  result.query = request.query;
  std::vector<Candidate> candidates;
  for (size_t s = 0; s < snap.segments().size(); ++s) {
    const auto& view = snap.segments()[s];
    SegmentMatcher matcher(view);
    DocList matched = matcher.match(plan);
    result.total += matched.size();
    for (uint32_t doc : matched) {
      const auto row = view.segment->columns(doc);
      double score = 0;
      for (size_t i = 0; i < leaves.size(); ++i) {
        for (index::Field field : leaves[i]->fields) {
          uint32_t tf = matcher.frequency(*leaves[i], field, doc);
          if (tf == 0) continue;
          const auto f = static_cast<size_t>(field);
          const double len = field == index::Field::kBody ? row.body_len : row.title_len;
          score += kFieldBoost[f] * idf[i][f] * bm25.tf_norm(tf, len, avg_len[f]);
        }
      }
      candidates.push_back({score, row.date, s, doc});
    }
  }

  auto better = [&](const Candidate& a, const Candidate& b) {
    switch (request.sort) {
      case SortOrder::kDateDesc:
        if (a.date != b.date) return a.date > b.date;
        break;
      case SortOrder::kDateAsc:
        if (a.date != b.date) return a.date < b.date;
        break;
      case SortOrder::kRelevance:
        break;
    }
    if (a.score != b.score) return a.score > b.score;
    if (a.segment != b.segment) return a.segment < b.segment;
    return a.doc < b.doc;
  };
  const size_t want = std::min(candidates.size(), request.offset + request.limit);
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(want),
                    candidates.end(), better);

  const SnippetOptions snippet_options{.max_snippets = request.snippets};
  for (size_t i = request.offset; i < want; ++i) {
    const auto& c = candidates[i];
    const auto& seg = *snap.segments()[c.segment].segment;
    auto t = seg.document(c.doc);
    if (!t) return tl::unexpected(t.error());
    Hit hit;
    hit.id = t->id;
    hit.title = t->title;
    hit.date = t->date;
    hit.show = t->show;
    hit.source = t->source;
    hit.score = std::round(c.score * 10000.0) / 10000.0;
    hit.snippets = make_snippets(*t, plan, m_state->analyzer, snippet_options);
    result.hits.push_back(std::move(hit));
  }
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace newsdex::query
