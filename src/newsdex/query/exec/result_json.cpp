#include "newsdex/query/exec/result_json.hpp"

#include <cmath>

namespace newsdex::query {

nlohmann::json to_json(const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : result.hits) {
    nlohmann::json hit = {
        {"id", h.id},         {"title", h.title}, {"date", h.date},        {"show", h.show},
        {"source", h.source}, {"score", h.score}, {"snippets", h.snippets}};
    // Caption errors that matched: only present when a fuzzy, sound or robust clause found one.
    if (!h.approximate.empty()) {
      nlohmann::json approx = nlohmann::json::array();
      for (const auto& m : h.approximate)
        approx.push_back({{"text", m.text}, {"matches", m.word}, {"how", m.how}});
      hit["approximate"] = std::move(approx);
    }
    hits.push_back(std::move(hit));
  }
  return {{"query", result.query},
          {"total", result.total},
          {"total_exact", result.total_exact},
          {"took_ms", std::round(result.took_ms * 1000.0) / 1000.0},
          {"hits", std::move(hits)}};
}

nlohmann::json to_json(const index::IndexStats& s) {
  return {
      {"documents", s.documents},
      {"terms", s.terms},
      {"bytes", s.bytes},
      {"segments", s.segments},
      {"generation", s.generation},
      {"first_date", s.first_date.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.first_date)},
      {"last_date", s.last_date.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.last_date)},
      {"analysis", s.analysis}};
}

}  // namespace newsdex::query
