// The HTTP endpoints of analytics/ (docs/analytics.md): /api/timeline, /api/kwic,
// /api/comentions, /api/terms, /api/reairs and /api/quotes (analytics/quote_list.hpp). Same
// parameters as the CLI flags, same JSON as the CLI's --json; errors as everywhere else in the
// API ({"error": {"code", "message", "column"}}, 4xx).
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "newsdex/analytics/reairs.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::server {

// Returns the snapshot a request should use (the server's newest committed one).
using SnapshotSource = std::function<core::Result<std::shared_ptr<const index::Snapshot>>()>;

struct AnalyticsRouteOptions {
  size_t max_query_bytes = 4096;
  size_t max_limit = 1000;
  int query_timeout_ms =
      2000;  // /api/quotes: the search's budget (ServerOptions::query_timeout_ms)
};

// `cache` holds re-air signatures between requests (shared with /api/docs/{id}'s first_aired).
void add_analytics_routes(httplib::Server& http, SnapshotSource snapshots,
                          AnalyticsRouteOptions options,
                          std::shared_ptr<analytics::SignatureCache> cache);

// Adds "first_aired" (null, or {"id", "date", "show"} of the first airing) to a document's JSON.
nlohmann::json with_first_aired(nlohmann::json document, const index::Snapshot& snapshot,
                                const std::string& id, analytics::SignatureCache* cache);

}  // namespace newsdex::server
