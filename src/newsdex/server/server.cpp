#include "newsdex/server/server.hpp"

#include <httplib.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "newsdex/analytics/calendar.hpp"
#include "newsdex/analytics/kwic.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/storage/manifest.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/query/exec/result_json.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "newsdex/server/analytics_routes.hpp"
#include "newsdex/server/facets.hpp"
#include "newsdex/server/guard.hpp"
#include "newsdex/server/http_reply.hpp"
#include "newsdex/server/ingest_route.hpp"
#include "newsdex/understand/analysis_json.hpp"

namespace newsdex::server {

using nlohmann::json;

int http_status(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kUsage:
    case core::ErrorCode::kQuery:
    case core::ErrorCode::kParse:
      return 400;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kLimit:
      return 413;
    case core::ErrorCode::kBudget:
      return 422;
    default:
      return 500;
  }
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string error_body(const core::Error& error) {
  json e = {{"code", core::error_code_name(error.code)}, {"message", error.message}};
  if (error.where.column > 0) e["column"] = error.where.column;
  return json_text(json{{"error", std::move(e)}});
}

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void send_error(httplib::Response& res, const core::Error& error) {
  send_json(res, http_status(error), error_body(error));
}

core::Result<size_t> size_param(const httplib::Request& req, const char* name, size_t fallback,
                                size_t max) {
  if (!req.has_param(name)) return fallback;
  const auto text = req.get_param_value(name);
  size_t value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || p != text.data() + text.size())
    return core::fail(core::ErrorCode::kUsage,
                      std::string("parameter '") + name + "': expected a non-negative integer");
  if (value > max)
    return core::fail(core::ErrorCode::kUsage,
                      std::string("parameter '") + name + "': at most " + std::to_string(max));
  return value;
}

namespace {

// Holds the newest snapshot; reopens when a new manifest is committed. Commits are told apart by
// the manifest's generation, not its modification time: two commits within the file system's
// timestamp granularity (a clock tick, or a second on some file systems) leave the same mtime.
class SnapshotHolder {
 public:
  explicit SnapshotHolder(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  core::Result<std::shared_ptr<const index::Snapshot>> get() {
    // Reading the manifest (a small JSON file) costs far less than a search.
    auto manifest = index::read_manifest(m_dir);
    std::lock_guard lock(m_mutex);
    if (m_snapshot && manifest && manifest->generation == m_snapshot->manifest().generation)
      return m_snapshot;
    if (m_snapshot && manifest && manifest->generation == m_failed_generation) return m_snapshot;
    // Every segment's checksum is verified once, when a snapshot first names it: a damaged
    // segment is refused (the last good snapshot keeps serving), never searched.
    auto snap =
        index::Snapshot::open(m_dir, {.verify_checksums = true, .previous = m_snapshot.get()});
    if (!snap) {
      if (!m_snapshot) return snap;
      // Keep serving the last good snapshot, and say why. A damaged generation is not retried
      // (and re-verified) on every request; anything else (a race with a commit) is.
      const uint64_t generation = manifest ? manifest->generation : 0;
      if (snap.error().code == core::ErrorCode::kCorrupt) m_failed_generation = generation;
      std::fprintf(stderr, "newsdex serve: generation %llu not served: %s\n",
                   static_cast<unsigned long long>(generation), snap.error().to_string().c_str());
      return m_snapshot;
    }
    m_snapshot = *snap;
    // Timeline calendars of the segments this snapshot adds (segments shared with the previous
    // snapshot keep theirs): the first /api/timeline after a commit does not build them. About a
    // millisecond per 20k documents, and 16 bytes per document held while the segment is open.
    for (const auto& view : m_snapshot->segments())
      analytics::calendar_for(view.segment)->buckets(analytics::Interval::kMonth);
    return m_snapshot;
  }

 private:
  std::filesystem::path m_dir;
  std::mutex m_mutex;
  std::shared_ptr<const index::Snapshot> m_snapshot;
  uint64_t m_failed_generation = 0;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  SnapshotHolder snapshots;
  std::shared_ptr<analytics::SignatureCache> signatures =
      std::make_shared<analytics::SignatureCache>();
  FacetCache facets;
  std::thread thread;
  int port = 0;
  std::unique_ptr<IngestRoute> ingest;  // set when --ingest-token-file is given

  explicit Impl(ServerOptions o) : options(std::move(o)), snapshots(options.index_dir) {}

  void routes() {
    http.new_task_queue = [n = options.threads, q = options.max_queued] {
      return new BoundedTaskQueue(static_cast<size_t>(std::max(1, n)), q);
    };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_keep_alive_timeout(2);
    http.set_read_timeout(5);
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (BoundedTaskQueue::rejecting_connection()) {
        res.set_header("Retry-After", "1");
        res.set_header("Connection", "close");
        send_json(res, 429,
                  error_body({core::ErrorCode::kLimit, "too many requests; retry shortly", {}}));
        return httplib::Server::HandlerResponse::Handled;
      }
      // Static files: nothing outside the directory, whatever the path says or symlinks point to.
      if (!options.static_dir.empty() && (req.method == "GET" || req.method == "HEAD") &&
          req.path.rfind("/api/", 0) != 0 && !resolve_static(options.static_dir, req.path)) {
        send_error(res, {core::ErrorCode::kNotFound, "no such file", {}});
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, R"({"status":"ok"})");
    });
    http.Get("/api/stats", [this](const httplib::Request&, httplib::Response& res) {
      auto snap = snapshots.get();
      if (!snap) return send_error(res, snap.error());
      send_json(res, 200, json_text(query::to_json((*snap)->stats())));
    });
    http.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
      if (!req.has_param("q"))
        return send_error(res, {core::ErrorCode::kUsage, "parameter 'q' is required", {}});
      query::SearchRequest sr;
      sr.query = req.get_param_value("q");
      if (sr.query.size() > options.max_query_bytes)
        return send_error(
            res, {core::ErrorCode::kLimit,
                  "query longer than " + std::to_string(options.max_query_bytes) + " bytes",
                  {}});
      auto limit = size_param(req, "limit", 10, options.max_limit);
      if (!limit) return send_error(res, limit.error());
      auto offset = size_param(req, "offset", 0, 100000);
      if (!offset) return send_error(res, offset.error());
      sr.deadline =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(options.query_timeout_ms);
      sr.expansion.per_query = options.max_expansions;
      sr.limits.max_length = options.max_query_bytes;
      sr.limit = *limit;
      sr.offset = *offset;
      sr.from = req.get_param_value("from");
      sr.to = req.get_param_value("to");
      const auto exact = req.get_param_value("exact_total");
      if (exact == "false" || exact == "0")
        sr.exact_total = false;
      else if (!exact.empty() && exact != "true" && exact != "1")
        return send_error(
            res, {core::ErrorCode::kUsage, "parameter 'exact_total': expected true or false", {}});
      const auto sort = req.get_param_value("sort");
      if (sort == "date")
        sr.sort = query::SortOrder::kDateDesc;
      else if (sort == "date-asc")
        sr.sort = query::SortOrder::kDateAsc;
      else if (!sort.empty() && sort != "relevance")
        return send_error(res, {core::ErrorCode::kUsage,
                                "parameter 'sort': expected relevance, date or date-asc",
                                {}});
      auto snap = snapshots.get();
      if (!snap) return send_error(res, snap.error());
      query::Searcher searcher(*snap);
      auto result = searcher.search(sr);
      if (!result) return send_error(res, result.error());
      send_json(res, 200, json_text(query::to_json(*result)));
    });
    http.Get("/api/facets", [this](const httplib::Request&, httplib::Response& res) {
      auto snap = snapshots.get();
      if (!snap) return send_error(res, snap.error());
      send_json(res, 200, facets.get(**snap));
    });
    http.Get(R"(/api/docs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      auto snap = snapshots.get();
      if (!snap) return send_error(res, snap.error());
      const std::string id = req.matches[1];
      auto found = (*snap)->find_document(id);
      if (!found) return send_error(res, found.error());
      if (!found->has_value())
        return send_error(res,
                          {core::ErrorCode::kNotFound, "no document with id '" + id + "'", {}});
      auto doc = with_first_aired(index::transcript_to_json(**found), **snap, id, signatures.get());
      doc["repairs"] = understand::repairs_to_json((*found)->body);
      if (req.has_param("q")) {  // where the search matched the body, for the page to mark
        const auto q = req.get_param_value("q");
        if (q.size() > options.max_query_bytes)
          return send_error(
              res, {core::ErrorCode::kLimit,
                    "query longer than " + std::to_string(options.max_query_bytes) + " bytes",
                    {}});
        auto matches = analytics::document_matches(**snap, **found, q,
                                                   {.max_length = options.max_query_bytes});
        if (!matches) return send_error(res, matches.error());
        doc["matches"] = analytics::to_json(*matches);
      }
      send_json(res, 200, json_text(doc));
    });
    add_analytics_routes(
        http, [this] { return snapshots.get(); },
        {.max_query_bytes = options.max_query_bytes,
         .max_limit = options.max_limit,
         .query_timeout_ms = options.query_timeout_ms},
        signatures);
    if (ingest)
      http.Post("/api/ingest", [this](const httplib::Request& req, httplib::Response& res) {
        ingest->handle(req, res);
      });
    if (!options.static_dir.empty()) http.set_mount_point("/", options.static_dir);
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      const auto code = res.status == 404                        ? core::ErrorCode::kNotFound
                        : res.status == 413 || res.status == 414 ? core::ErrorCode::kLimit
                        : res.status >= 500                      ? core::ErrorCode::kInternal
                                                                 : core::ErrorCode::kUsage;
      const char* message = res.status == 404   ? "no such route"
                            : res.status == 413 ? "request body too large"
                            : res.status == 414 ? "request URL too long"
                            : res.status == 405 ? "method not allowed"
                            : res.status >= 500 ? "internal error"
                                                : "bad request";
      send_json(res, res.status, error_body({code, message, {}}));
    });
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "internal error";
          try {
            std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          send_json(res, 500, error_body({core::ErrorCode::kInternal, what, {}}));
        });
  }
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() {
  stop();
}

core::Status Server::start() {
  auto snap = m_impl->snapshots.get();
  if (!snap) return tl::unexpected(snap.error());
  if (!m_impl->options.ingest_token_file.empty()) {
    auto token = read_token_file(m_impl->options.ingest_token_file);
    if (!token) return tl::unexpected(token.error());
    m_impl->ingest = std::make_unique<IngestRoute>();
    m_impl->ingest->index_dir = m_impl->options.index_dir;
    m_impl->ingest->token = std::move(*token);
  }
  m_impl->routes();
  const auto& o = m_impl->options;
  int port = o.port == 0 ? m_impl->http.bind_to_any_port(o.host.c_str())
                         : (m_impl->http.bind_to_port(o.host.c_str(), o.port) ? o.port : -1);
  if (port < 0)
    return core::fail(core::ErrorCode::kIo, "cannot bind " + o.host + ":" + std::to_string(o.port));
  m_impl->port = port;
  m_impl->thread = std::thread([this] { m_impl->http.listen_after_bind(); });
  return {};
}

int Server::port() const {
  return m_impl->port;
}

void Server::stop() {
  m_impl->http.stop();
  if (m_impl->thread.joinable()) m_impl->thread.join();
}

void Server::wait() {
  if (m_impl->thread.joinable()) m_impl->thread.join();
}

}  // namespace newsdex::server
