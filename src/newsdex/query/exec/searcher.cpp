#include "newsdex/query/exec/searcher.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/iterators.hpp"
#include "newsdex/query/exec/maxscore.hpp"
#include "newsdex/query/exec/snippets.hpp"
#include "newsdex/query/exec/top_k.hpp"
#include "newsdex/query/plan/expand.hpp"
#include "newsdex/query/plan/plan.hpp"
#include "newsdex/query/score/bm25.hpp"

namespace newsdex::query {

struct Searcher::State {
  analysis::Analyzer analyzer;  // made for the snapshot's analysis profile
};

Searcher::Searcher(std::shared_ptr<const index::Snapshot> snapshot)
    : m_snapshot(std::move(snapshot)),
      m_state(std::make_unique<State>(
          State{analysis::Analyzer(analysis::analyzer_options(m_snapshot->manifest().analysis))})) {
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

namespace {

// Checked in the match loops: a query that would scan everything is cut off, not left running.
core::Status within_budget(const SearchRequest& request) {
  if (request.deadline == std::chrono::steady_clock::time_point::max() ||
      std::chrono::steady_clock::now() < request.deadline)
    return {};
  return core::fail(core::ErrorCode::kBudget,
                    "query exceeded its time budget; narrow it (a phrase, more words, dates)");
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
    auto range = request_date_range(request.from, request.to);
    if (!range) return tl::unexpected(range.error());
    plan = with_date_range(std::move(plan), range->from, range->to);
  }

  // Fuzzy, prefix, sound and robust clauses become sets of indexed terms (bounded).
  const auto& snap = *m_snapshot;
  if (auto expanded = expand_plan(plan, snap, request.expansion); !expanded)
    return tl::unexpected(expanded.error());

  // Collection statistics over the whole snapshot, so scores compare across segments.
  ScoringContext ctx;
  ctx.documents = std::max<uint64_t>(1, snap.total_documents());
  for (size_t f = 0; f < index::kFieldCount; ++f)
    ctx.avg_len[f] =
        std::max(1.0, static_cast<double>(snap.field_tokens(static_cast<index::Field>(f))) /
                          static_cast<double>(ctx.documents));
  // One dictionary lookup per word, field and segment: df() sums them, and the iterators of
  // segment `current` take theirs from here (ScoringContext::lookup).
  struct Looked {
    uint64_t df = 0;
    std::vector<std::optional<index::TermInfo>> infos;  // per segment
  };
  std::map<std::pair<index::Field, std::string>, Looked> lookups;
  size_t current = 0;
  auto looked = [&](index::Field field, const std::string& term) -> const Looked& {
    auto [it, inserted] = lookups.try_emplace({field, term});
    if (inserted)
      for (const auto& s : snap.segments()) {
        it->second.infos.push_back(s.segment->lookup(field, term));
        if (it->second.infos.back()) it->second.df += it->second.infos.back()->df;
      }
    return it->second;
  };
  ctx.df = [&](index::Field field, const std::string& term) { return looked(field, term).df; };
  ctx.lookup = [&](index::Field field, const std::string& term) {
    return looked(field, term).infos[current];
  };

  SearchResult result;
  result.query = request.query;
  const size_t k = request.offset + request.limit;
  TopK top(k, request.sort);
  // Top-k pruning (block-max MaxScore / conjunction, exec/maxscore.hpp) needs relevance order and
  // allows a lower-bound total; otherwise every match is counted and scored.
  const bool prune = !request.exact_total && request.sort == SortOrder::kRelevance && k > 0;
  for (size_t s = 0; s < snap.segments().size(); ++s) {
    const auto& view = snap.segments()[s];
    if (auto st = within_budget(request); !st) return tl::unexpected(st.error());
    ctx.segment = view.segment.get();
    current = s;
    if (prune) {
      result.total += collect_top_k(build_top_level_clauses(plan, ctx), view, s, top);
      result.total_exact = false;
      continue;
    }
    auto it = build_iterator(plan, ctx);
    if (!it) continue;
    for (uint32_t seen = 0; it->doc() != index::kEndDoc; it->next()) {
      if (++seen % 4096 == 0)
        if (auto st = within_budget(request); !st) return tl::unexpected(st.error());
      const uint32_t doc = it->doc();
      if (view.is_deleted(doc)) continue;
      ++result.total;
      top.push(it->score(), view.segment->columns(doc).date, s, doc);
    }
  }
  if (!result.total_exact) result.total = std::max<uint64_t>(result.total, top.size());
  auto candidates = top.sorted();
  const size_t want = candidates.size();

  const SnippetOptions snippet_options{.max_snippets = request.snippets};
  for (size_t i = request.offset; i < want; ++i) {
    const auto& c = candidates[i];
    const auto& seg = *snap.segments()[c.segment].segment;
    // Hits render from columns; the stored document is decoded only for snippets.
    const auto row = seg.columns(c.doc);
    Hit hit;
    hit.id = seg.external_id(c.doc);
    hit.title = seg.title(c.doc);
    hit.date = core::format_iso_date(row.date);
    hit.show = seg.string_at(row.show);
    hit.source = seg.string_at(row.source);
    hit.score = std::round(c.score * 10000.0) / 10000.0;
    if (request.snippets > 0) {
      auto t = seg.document(c.doc);
      if (!t) return tl::unexpected(t.error());
      hit.snippets = make_snippets(*t, plan, m_state->analyzer, snippet_options, &hit.approximate);
    }
    result.hits.push_back(std::move(hit));
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace newsdex::query
