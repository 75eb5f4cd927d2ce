#include "newsdex/server/analytics_routes.hpp"

#include <charconv>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsdex/analytics/association.hpp"
#include "newsdex/analytics/kwic.hpp"
#include "newsdex/analytics/quote_list.hpp"
#include "newsdex/analytics/reairs.hpp"
#include "newsdex/analytics/timeline.hpp"
#include "newsdex/server/http_reply.hpp"
#include "newsdex/server/server.hpp"

namespace newsdex::server {

namespace {

// Every `q` parameter (at least one when `required`), each within the size cap.
core::Result<std::vector<std::string>> queries(const httplib::Request& req,
                                               const AnalyticsRouteOptions& options,
                                               bool required) {
  std::vector<std::string> out;
  const size_t n = req.get_param_value_count("q");
  for (size_t i = 0; i < n; ++i) out.push_back(req.get_param_value("q", i));
  if (required && out.empty())
    return core::fail(core::ErrorCode::kUsage, "parameter 'q' is required");
  if (out.size() > 16) return core::fail(core::ErrorCode::kLimit, "at most 16 queries");
  for (const auto& q : out)
    if (q.size() > options.max_query_bytes)
      return core::fail(core::ErrorCode::kLimit,
                        "query longer than " + std::to_string(options.max_query_bytes) + " bytes");
  return out;
}

}  // namespace

nlohmann::json with_first_aired(nlohmann::json document, const index::Snapshot& snapshot,
                                const std::string& id, analytics::SignatureCache* cache) {
  auto first = analytics::first_aired(snapshot, id, cache);
  document["first_aired"] = first ? analytics::first_aired_json(*first) : nlohmann::json(nullptr);
  return document;
}

void add_analytics_routes(httplib::Server& http, SnapshotSource snapshots,
                          AnalyticsRouteOptions options,
                          std::shared_ptr<analytics::SignatureCache> cache) {
  http.Get(
      "/api/timeline", [snapshots, options](const httplib::Request& req, httplib::Response& res) {
        auto qs = queries(req, options, true);
        if (!qs) return send_error(res, qs.error());
        auto interval = analytics::parse_interval(req.get_param_value("interval"));
        if (!interval) return send_error(res, interval.error());
        auto by = analytics::parse_split(req.get_param_value("by"));
        if (!by) return send_error(res, by.error());
        auto normalize = analytics::parse_normalize(req.get_param_value("normalize"));
        if (!normalize) return send_error(res, normalize.error());
        auto smooth = size_param(req, "smooth", 1, 1000);
        if (!smooth) return send_error(res, smooth.error());
        auto top = size_param(req, "top", 10, 100);
        if (!top) return send_error(res, top.error());
        auto snap = snapshots();
        if (!snap) return send_error(res, snap.error());
        auto timeline = analytics::compute_timeline(**snap, {.queries = *qs,
                                                             .interval = *interval,
                                                             .by = *by,
                                                             .normalize = *normalize,
                                                             .smooth = *smooth,
                                                             .from = req.get_param_value("from"),
                                                             .to = req.get_param_value("to"),
                                                             .top = *top});
        if (!timeline) return send_error(res, timeline.error());
        send_json(res, 200, analytics::to_json(*timeline).dump());
      });
  http.Get("/api/kwic", [snapshots, options](const httplib::Request& req, httplib::Response& res) {
    auto qs = queries(req, options, true);
    if (!qs) return send_error(res, qs.error());
    auto width = size_param(req, "width", 60, 2000);
    if (!width) return send_error(res, width.error());
    auto limit = size_param(req, "limit", 100, options.max_limit);
    if (!limit) return send_error(res, limit.error());
    auto snap = snapshots();
    if (!snap) return send_error(res, snap.error());
    auto kwic = analytics::compute_kwic(**snap, {.query = qs->front(),
                                                 .width = *width,
                                                 .limit = *limit,
                                                 .from = req.get_param_value("from"),
                                                 .to = req.get_param_value("to")});
    if (!kwic) return send_error(res, kwic.error());
    send_json(res, 200, analytics::to_json(*kwic).dump());
  });
  auto association = [snapshots, options](bool comentions) {
    return [snapshots, options, comentions](const httplib::Request& req, httplib::Response& res) {
      auto qs = queries(req, options, comentions);
      if (!qs) return send_error(res, qs.error());
      auto limit = size_param(req, "limit", 20, options.max_limit);
      if (!limit) return send_error(res, limit.error());
      auto min_count = size_param(req, "min_count", 3, 1000000);
      if (!min_count) return send_error(res, min_count.error());
      auto sample = size_param(req, "sample", 2000, 100000);
      if (!sample) return send_error(res, sample.error());
      auto within = analytics::parse_within(req.get_param_value("within"));
      if (!within) return send_error(res, within.error());
      auto measure = analytics::parse_measure(req.get_param_value("measure"));
      if (!measure) return send_error(res, measure.error());
      auto snap = snapshots();
      if (!snap) return send_error(res, snap.error());
      const analytics::AssociationRequest request{
          .query = qs->empty() ? std::string() : qs->front(),
          .show = req.get_param_value("show"),
          .source = req.get_param_value("source"),
          .from = req.get_param_value("from"),
          .to = req.get_param_value("to"),
          .limit = *limit,
          .min_count = *min_count,
          .sample = *sample,
          .within = *within,
          .measure = *measure};
      auto result = comentions ? analytics::compute_comentions(**snap, request)
                               : analytics::compute_significant_terms(**snap, request);
      if (!result) return send_error(res, result.error());
      send_json(res, 200, analytics::to_json(*result).dump());
    };
  };
  http.Get("/api/quotes",
           [snapshots, options, cache](const httplib::Request& req, httplib::Response& res) {
             auto qs = queries(req, options, true);
             if (!qs) return send_error(res, qs.error());
             if (qs->size() > 1)
               return send_error(res, {core::ErrorCode::kUsage, "one 'q' only", {}});
             auto documents = size_param(req, "documents", 50, options.max_limit);
             if (!documents) return send_error(res, documents.error());
             auto snap = snapshots();
             if (!snap) return send_error(res, snap.error());
             auto list = analytics::list_quotes(
                 *snap,
                 {.query = qs->front(),
                  .documents = *documents,
                  .limits = {.max_length = options.max_query_bytes},
                  .deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(options.query_timeout_ms)},
                 cache.get());
             if (!list) return send_error(res, list.error());
             send_json(res, 200, analytics::to_json(*list).dump());
           });
  http.Get("/api/comentions", association(true));
  http.Get("/api/terms", association(false));
  http.Get("/api/reairs", [snapshots, options, cache](const httplib::Request& req,
                                                      httplib::Response& res) {
    auto qs = queries(req, options, false);
    if (!qs) return send_error(res, qs.error());
    auto limit = size_param(req, "limit", 100, options.max_limit);
    if (!limit) return send_error(res, limit.error());
    auto min_words = size_param(req, "min_words", 30, 1000000);
    if (!min_words) return send_error(res, min_words.error());
    double threshold = 0.4;
    if (req.has_param("threshold")) {
      const auto text = req.get_param_value("threshold");
      char* end = nullptr;
      threshold = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size())
        return send_error(
            res, {core::ErrorCode::kUsage, "parameter 'threshold': expected a number", {}});
    }
    auto snap = snapshots();
    if (!snap) return send_error(res, snap.error());
    if (req.has_param("id")) {  // the airings of one document
      if (!qs->empty() || req.has_param("from") || req.has_param("to"))
        return send_error(res, {core::ErrorCode::kUsage,
                                "parameter 'id': names one document; leave out q, from and to",
                                {}});
      auto of = analytics::reairs_of(**snap, req.get_param_value("id"), cache.get(), threshold,
                                     *min_words);
      if (!of) return send_error(res, of.error());
      return send_json(res, 200, analytics::to_json(*of).dump());
    }
    auto result = analytics::find_reairs(**snap,
                                         {.query = qs->empty() ? std::string() : qs->front(),
                                          .from = req.get_param_value("from"),
                                          .to = req.get_param_value("to"),
                                          .threshold = threshold,
                                          .min_words = *min_words,
                                          .limit = *limit},
                                         cache.get());
    if (!result) return send_error(res, result.error());
    send_json(res, 200, analytics::to_json(*result).dump());
  });
}

}  // namespace newsdex::server
