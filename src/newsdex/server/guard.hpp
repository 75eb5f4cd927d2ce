// The server's defences, kept apart from its routes: a bounded connection queue (overflow is
// answered 429), the ingest token (read from a file, compared in constant time) and static file
// resolution that cannot leave its directory.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "newsdex/core/error.hpp"

namespace newsdex::server {

// Compares two secrets in time that depends only on their lengths, not on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// Reads a bearer token: the file's content without surrounding whitespace; at least 16 bytes of
// printable ASCII without spaces.
core::Result<std::string> read_token_file(const std::filesystem::path& path);

// The file that `request_path` (already percent-decoded, e.g. "/app.js") names under `root`, or
// nullopt when it would resolve outside `root` — through "..", or a symlink pointing out.
// Paths that do not exist resolve as they are written (the caller answers 404).
std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root,
                                                    std::string_view request_path);

// httplib's connection queue with a bound: at most `workers` connections are served at once and
// at most `max_queued` wait for a busy worker; a connection beyond that is handed to a reject
// thread, where rejecting_connection() is true so the pre-routing handler answers 429 without doing
// any work.
class BoundedTaskQueue final : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(size_t workers, size_t max_queued);
  ~BoundedTaskQueue() override;
  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // True on the reject thread while it answers an overflowing connection.
  static bool rejecting_connection();

 private:
  void work(bool rejector);
  size_t m_workers;
  size_t m_max_queued;
  size_t m_busy = 0;  // workers running a job
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::condition_variable m_reject_ready;
  std::deque<std::function<void()>> m_jobs;
  std::deque<std::function<void()>> m_rejects;
  bool m_shutdown = false;
  std::vector<std::thread> m_threads;
};

}  // namespace newsdex::server
