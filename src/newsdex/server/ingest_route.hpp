// POST /api/ingest: JSON Lines in the body (the JSONL input format), added and committed as one
// batch. Off unless the server is given a token file; every request must carry
// `Authorization: Bearer <token>`, compared in constant time.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <mutex>
#include <string>

namespace newsdex::server {

struct IngestRoute {
  std::filesystem::path index_dir;
  std::string token;
  std::mutex
      writer_mutex;  // one HTTP ingest at a time (the writer's lock excludes other processes)

  // 200 {"added","duplicates","replaced","errors":[...],"generation","documents"}; 401 without the
  // right token; 400 when the body holds no valid record; 409 when another writer holds the index.
  void handle(const httplib::Request& req, httplib::Response& res);
};

}  // namespace newsdex::server
