// The JSON contract of search results, shared by `newsdex search --json` and GET /api/search:
// {"query", "total", "took_ms", "hits": [{"id", "title", "date", "show", "source", "score",
// "snippets"}]}.
#pragma once

#include <nlohmann/json.hpp>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/exec/searcher.hpp"

namespace newsdex::query {

nlohmann::json to_json(const SearchResult& result);
nlohmann::json to_json(const index::IndexStats& stats);

}  // namespace newsdex::query
