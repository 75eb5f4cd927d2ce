// The HTTP JSON API over one index directory (cpp-httplib). Each request searches the newest
// committed snapshot: the server notices a new manifest and switches atomically, while requests
// in flight keep the snapshot they started with.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "newsdex/core/error.hpp"

namespace newsdex::server {

struct ServerOptions {
  std::string index_dir = "./idx";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                  // 0: any free port (see Server::port())
  std::string static_dir;           // web page assets served at / when set
  int threads = 4;
  size_t max_query_bytes = 4096;
  size_t max_limit = 1000;
};

// Maps an error to its HTTP status (one place, as for exit codes).
int http_status(const core::Error& error);
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
