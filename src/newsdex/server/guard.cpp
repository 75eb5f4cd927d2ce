#include "newsdex/server/guard.hpp"

#include <algorithm>

#include "newsdex/core/file_io.hpp"

namespace newsdex::server {

namespace fs = std::filesystem;

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Always walks the longer string so the time says nothing about the first difference.
  const size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

core::Result<std::string> read_token_file(const fs::path& path) {
  auto text = core::read_file(path);
  if (!text) return tl::unexpected(text.error());
  std::string_view t = *text;
  const auto first = t.find_first_not_of(" \t\r\n");
  const auto last = t.find_last_not_of(" \t\r\n");
  t = first == std::string_view::npos ? std::string_view() : t.substr(first, last - first + 1);
  if (t.size() < 16)
    return core::fail(core::ErrorCode::kUsage, "ingest token must be at least 16 characters",
                      core::Location{path.string()});
  for (char c : t)
    if (c <= ' ' || c > '~')
      return core::fail(core::ErrorCode::kUsage,
                        "ingest token must be printable ASCII without spaces",
                        core::Location{path.string()});
  return std::string(t);
}

std::optional<fs::path> resolve_static(const fs::path& root, std::string_view request_path) {
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path rel = fs::path(std::string(request_path)).relative_path().lexically_normal();
  for (const auto& part : rel)
    if (part == "..") return std::nullopt;
  // weakly_canonical follows every symlink that exists along the way.
  const fs::path full = fs::weakly_canonical(base / rel, ec);
  if (ec) return std::nullopt;
  // Every component of the base must begin the resolved path.
  if (std::mismatch(base.begin(), base.end(), full.begin(), full.end()).first != base.end())
    return std::nullopt;
  return full;
}

namespace {
thread_local bool t_rejecting = false;
}  // namespace

BoundedTaskQueue::BoundedTaskQueue(size_t workers, size_t max_queued)
    : m_workers(std::max<size_t>(1, workers)), m_max_queued(max_queued) {
  for (size_t i = 0; i < m_workers; ++i) m_threads.emplace_back([this] { work(false); });
  m_threads.emplace_back([this] { work(true); });
}

BoundedTaskQueue::~BoundedTaskQueue() {
  shutdown();
}

bool BoundedTaskQueue::rejecting_connection() {
  return t_rejecting;
}

void BoundedTaskQueue::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(m_mutex);
    // Counted from the state, not from which threads happen to be waiting yet.
    if (m_busy + m_jobs.size() < m_workers + m_max_queued) {
      m_jobs.push_back(std::move(fn));
      m_ready.notify_one();
      return;
    }
    m_rejects.push_back(std::move(fn));
  }
  m_reject_ready.notify_one();
}

void BoundedTaskQueue::shutdown() {
  {
    std::lock_guard lock(m_mutex);
    if (m_shutdown && m_threads.empty()) return;
    m_shutdown = true;
  }
  m_ready.notify_all();
  m_reject_ready.notify_all();
  for (auto& t : m_threads)
    if (t.joinable()) t.join();
  m_threads.clear();
}

void BoundedTaskQueue::work(bool rejector) {
  t_rejecting = rejector;
  auto& jobs = rejector ? m_rejects : m_jobs;
  auto& ready = rejector ? m_reject_ready : m_ready;
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock lock(m_mutex);
      ready.wait(lock, [&] { return !jobs.empty() || m_shutdown; });
      if (jobs.empty()) return;  // shut down and drained
      fn = std::move(jobs.front());
      jobs.pop_front();
      if (!rejector) ++m_busy;
    }
    fn();
    if (!rejector) {
      std::lock_guard lock(m_mutex);
      --m_busy;
    }
  }
}

}  // namespace newsdex::server
