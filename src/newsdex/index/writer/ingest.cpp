#include "newsdex/index/writer/ingest.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

bool skipped_name(const std::string& name) {
  return name.empty() || name[0] == '.' || name.rfind("README", 0) == 0 ||
         (name.size() > 10 && name.compare(name.size() - 10, 10, ".meta.json") == 0);
}

// Collects documents into batches. A full batch is handed to `on_full` at once, in the middle of
// reading a file, so memory stays bounded by the batch size and not by the size of one input
// file (a JSONL file can hold a whole corpus). The first error of `on_full` is kept for the caller.
class BatchingSink final : public doc::DocumentSink {
 public:
  explicit BatchingSink(const IngestOptions& options) : m_options(options) {}
  void document(doc::Transcript&& t) override {
    m_batch.push_back(std::move(t));
    if (m_batch.size() >= m_options.batch_documents && m_on_full && m_error.has_value() == false) {
      if (auto st = m_on_full(); !st) m_error = st.error();
    }
  }
  void set_on_full(std::function<core::Status()> fn) { m_on_full = std::move(fn); }
  std::optional<core::Error> take_error() { return std::exchange(m_error, std::nullopt); }
  void diagnostic(doc::Diagnostic&& d) override {
    (d.severity == doc::Diagnostic::Severity::kError ? m_errors : m_notes)++;
    if (m_options.on_diagnostic) m_options.on_diagnostic(d);
  }
  std::vector<doc::Transcript>& batch() { return m_batch; }
  uint64_t errors() const { return m_errors; }
  uint64_t notes() const { return m_notes; }
  void add_error() { ++m_errors; }

 private:
  const IngestOptions& m_options;
  std::function<core::Status()> m_on_full;
  std::optional<core::Error> m_error;
  std::vector<doc::Transcript> m_batch;
  uint64_t m_errors = 0;
  uint64_t m_notes = 0;
};

// Analyses batches of documents off the calling thread. With `workers` > 0, worker threads (each
// with its own Analyzer, kept for the whole ingest so its stem cache stays warm) take whole
// batches from a queue while the calling thread goes on reading input and hands finished batches,
// oldest first, to the single writer: parsing, analysis and writing overlap. Batches come back in
// the order they were submitted, so documents reach the writer in input order. With 0 workers
// every batch is analysed on the calling thread when it is taken (one core, no threads).
// Memory stays bounded: the caller takes the oldest batch whenever max_in_flight() are pending.
class AnalysisPipeline {
 public:
  AnalysisPipeline(unsigned workers, analysis::Profile profile)
      : m_profile(profile), m_analyzer(analysis::analyzer_options(profile)) {
    for (unsigned i = 0; i < workers; ++i) m_threads.emplace_back([this] { work(); });
  }
  ~AnalysisPipeline() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_queued.notify_all();
    for (auto& t : m_threads) t.join();
  }
  AnalysisPipeline(const AnalysisPipeline&) = delete;
  AnalysisPipeline& operator=(const AnalysisPipeline&) = delete;

  size_t in_flight() const { return m_jobs.size(); }
  size_t max_in_flight() const { return 2 * m_threads.size(); }

  void submit(std::vector<doc::Transcript>&& batch, StoreCompression store) {
    auto job = std::make_shared<Job>();
    job->input = std::move(batch);
    job->store = std::move(store);
    m_jobs.push_back(job);
    if (m_threads.empty()) return;
    {
      std::lock_guard lock(m_mutex);
      m_queue.push_back(std::move(job));
    }
    m_queued.notify_one();
  }

  // The oldest submitted batch, analysed (waits for it). Rethrows what its analysis threw.
  std::vector<AnalyzedDoc> take() {
    auto job = std::move(m_jobs.front());
    m_jobs.pop_front();
    if (m_threads.empty()) {
      run(*job, m_analyzer, m_profile);
    } else {
      std::unique_lock lock(m_mutex);
      m_finished.wait(lock, [&] { return job->done; });
    }
    if (job->error) std::rethrow_exception(job->error);
    return std::move(job->output);
  }

 private:
  struct Job {
    std::vector<doc::Transcript> input;
    std::vector<AnalyzedDoc> output;
    StoreCompression store;  // the writer's, when the batch was submitted
    std::exception_ptr error;
    bool done = false;  // guarded by m_mutex
  };

  static void run(Job& job, analysis::Analyzer& analyzer, analysis::Profile profile) {
    try {
      job.output.reserve(job.input.size());
      // Two passes over the batch, each with its working set warm in the cache: the words of
      // every document (term table, word caches), then every stored document (zstd's tables).
      for (auto& t : job.input) {
        doc::assign_id(t);
        job.output.push_back(
            analyze_document(std::move(t), analyzer, profile, job.store, /*store_now=*/false));
      }
      for (auto& d : job.output) store_document(d, job.store);
    } catch (...) {
      job.error = std::current_exception();
    }
    job.input.clear();
  }

  void work() {
    analysis::Analyzer analyzer(analysis::analyzer_options(m_profile));
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(m_mutex);
        m_queued.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_stopping) return;  // an error ended the ingest: pending batches are dropped
        job = std::move(m_queue.front());
        m_queue.pop_front();
      }
      run(*job, analyzer, m_profile);
      {
        std::lock_guard lock(m_mutex);
        job->done = true;
      }
      m_finished.notify_all();
    }
  }

  analysis::Profile m_profile;
  analysis::Analyzer m_analyzer;            // the calling thread's, without workers
  std::deque<std::shared_ptr<Job>> m_jobs;  // submitted, not yet taken (caller's thread only)
  std::mutex m_mutex;
  std::condition_variable m_queued, m_finished;
  std::deque<std::shared_ptr<Job>> m_queue;  // waiting for a worker
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
};

}  // namespace

std::vector<fs::path> expand_inputs(const std::vector<fs::path>& inputs) {
  std::vector<fs::path> out;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (!fs::is_directory(in, ec)) {
      out.push_back(in);  // missing files are reported by ingest_files
      continue;
    }
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(in, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      auto name = it->path().filename().string();
      if (it->is_directory(ec)) {
        if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
        continue;
      }
      if (!skipped_name(name)) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

core::Result<IngestReport> ingest_files(IndexWriter& writer, const std::vector<fs::path>& files,
                                        const IngestOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  IngestReport report;
  BatchingSink sink(options);
  uint64_t bytes_since_commit = 0;

  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  // Analysis runs on `threads` worker threads beside this one, which reads and writes; with one
  // thread everything runs here, in turn.
  AnalysisPipeline pipeline(threads > 1 ? threads : 0, writer.analysis());
  // Hands the oldest analysed batch to the writer.
  auto write_oldest = [&]() -> core::Status {
    std::vector<AnalyzedDoc> analysed;
    try {
      analysed = pipeline.take();
    } catch (const std::exception& e) {
      return core::fail(core::ErrorCode::kInternal,
                        std::string("ingest: analysis failed: ") + e.what());
    }
    for (auto& d : analysed) {
      auto outcome = writer.add(std::move(d));
      if (!outcome) return tl::unexpected(outcome.error());
      ++report.documents;
      switch (*outcome) {
        case AddOutcome::kAdded:
          ++report.added;
          break;
        case AddOutcome::kDuplicate:
          ++report.duplicates;
          break;
        case AddOutcome::kReplaced:
          ++report.replaced;
          break;
      }
    }
    if (options.on_progress)
      options.on_progress({report.files, report.documents, report.bytes, elapsed()});
    return {};
  };
  // Submits the collected batch; writes batches while too many are pending (bounded memory).
  auto submit = [&]() -> core::Status {
    if (!sink.batch().empty()) {
      pipeline.submit(std::move(sink.batch()), writer.store_compression());
      sink.batch().clear();
    }
    while (pipeline.in_flight() > pipeline.max_in_flight())
      if (auto st = write_oldest(); !st) return st;
    return {};
  };
  // Submits the collected batch and writes every pending one (before a commit).
  auto drain = [&]() -> core::Status {
    if (auto st = submit(); !st) return st;
    while (pipeline.in_flight() > 0)
      if (auto st = write_oldest(); !st) return st;
    return {};
  };

  sink.set_on_full(submit);
  for (const auto& path : files) {
    auto summary = doc::read_path(path, options.read, sink);
    if (auto error = sink.take_error()) return tl::unexpected(*error);
    if (!summary) {
      sink.add_error();
      if (options.on_diagnostic)
        options.on_diagnostic({doc::Diagnostic::Severity::kError, summary.error()});
      continue;
    }
    ++report.files;
    std::error_code ec;
    const uint64_t size = fs::file_size(path, ec);
    report.bytes += size;
    bytes_since_commit += size;
    if (sink.batch().size() >= options.batch_documents) {
      if (auto st = submit(); !st) return tl::unexpected(st.error());
    }
    if (bytes_since_commit >= options.commit_bytes) {
      if (auto st = drain(); !st) return tl::unexpected(st.error());
      auto info = writer.commit();
      if (!info) return tl::unexpected(info.error());
      bytes_since_commit = 0;
    }
  }
  if (auto st = drain(); !st) return tl::unexpected(st.error());
  auto info = writer.commit();
  if (!info) return tl::unexpected(info.error());
  // The index is left as the merge policy wants it: the last commit's merges finish first.
  auto merged = writer.wait_for_merges();
  if (!merged) return tl::unexpected(merged.error());
  report.errors = sink.errors();
  report.notes = sink.notes();
  report.generation = std::max(info->generation, merged->generation);
  report.merges = merged->merges;
  report.segments = merged->segments_after;
  report.live_documents = info->documents;
  report.seconds = elapsed();
  return report;
}

}  // namespace newsdex::index
