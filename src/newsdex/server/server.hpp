// The HTTP JSON API over one index directory (cpp-httplib). Each request searches the newest
// committed snapshot: the server notices a new manifest and switches atomically, while requests
// in flight keep the snapshot they started with.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "newsdex/core/error.hpp"

namespace newsdex::server {

struct ServerOptions {
  std::string index_dir = "./idx";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (see Server::port())
  std::string static_dir;          // web page assets served at / when set
  int threads = 4;                 // connections served at once
  size_t max_query_bytes = 4096;   // longer `q`: 413
  size_t max_limit = 1000;
  size_t max_body_bytes = size_t{1} << 20;  // larger request body: 413 (URLs past 8 KiB: 414)
  size_t max_queued = 64;                   // connections waiting for a worker; beyond it: 429
  int query_timeout_ms = 2000;  // a search running longer stops with 422 budget_exceeded
  size_t max_expansions =
      1024;  // index terms a query's fuzzy/prefix/sounds/robust clauses may expand to
  // POST /api/ingest is off unless this names a file holding the bearer token (>= 16 chars).
  std::string ingest_token_file;
};

// Maps an error to its HTTP status (one place, as for exit codes). Every 4xx/5xx answer carries
// a JSON error body.
int http_status(const core::Error& error);
// Serialises JSON for a response; bytes that are not UTF-8 (a query or input echoed back) become
// U+FFFD instead of failing the request.
std::string json_text(const nlohmann::json& value);
// {"error": {"code": "...", "message": "...", "column": N}}
std::string error_body(const core::Error& error);

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the index and binds the socket; requests are served on a background thread.
  core::Status start();
  int port() const;
  void stop();
  void wait();  // blocks until stop()

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace newsdex::server
