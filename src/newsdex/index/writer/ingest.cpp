#include "newsdex/index/writer/ingest.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

bool skipped_name(const std::string& name) {
  return name.empty() || name[0] == '.' || name.rfind("README", 0) == 0 ||
         (name.size() > 10 && name.compare(name.size() - 10, 10, ".meta.json") == 0);
}

class BatchingSink final : public doc::DocumentSink {
 public:
  explicit BatchingSink(const IngestOptions& options) : m_options(options) {}
  void document(doc::Transcript&& t) override { m_batch.push_back(std::move(t)); }
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
  std::vector<doc::Transcript> m_batch;
  uint64_t m_errors = 0;
  uint64_t m_notes = 0;
};

// Analyses a batch on `threads` threads; each thread has its own Analyzer (not thread-safe).
std::vector<AnalyzedDoc> analyze_batch(std::vector<doc::Transcript>& batch, unsigned threads) {
  std::vector<AnalyzedDoc> out(batch.size());
  auto work = [&](size_t first, size_t step) {
    analysis::Analyzer analyzer;
    for (size_t i = first; i < batch.size(); i += step) {
      doc::assign_id(batch[i]);
      out[i] = analyze_document(std::move(batch[i]), analyzer);
    }
  };
  const size_t n = std::min<size_t>(threads, batch.size());
  if (n <= 1) {
    work(0, 1);
  } else {
    std::vector<std::thread> pool;
    for (size_t t = 1; t < n; ++t) pool.emplace_back(work, t, n);
    work(0, n);
    for (auto& th : pool) th.join();
  }
  batch.clear();
  return out;
}

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
    for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
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
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  IngestReport report;
  BatchingSink sink(options);
  uint64_t bytes_since_commit = 0;

  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  auto drain = [&]() -> core::Status {
    if (sink.batch().empty()) return {};
    auto analysed = analyze_batch(sink.batch(), threads);
    for (auto& d : analysed) {
      auto outcome = writer.add(std::move(d));
      if (!outcome) return tl::unexpected(outcome.error());
      ++report.documents;
      switch (*outcome) {
        case AddOutcome::kAdded: ++report.added; break;
        case AddOutcome::kDuplicate: ++report.duplicates; break;
        case AddOutcome::kReplaced: ++report.replaced; break;
      }
    }
    if (options.on_progress)
      options.on_progress({report.files, report.documents, report.bytes, elapsed()});
    return {};
  };

  for (const auto& path : files) {
    auto summary = doc::read_path(path, options.read, sink);
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
    if (sink.batch().size() >= options.batch_documents || bytes_since_commit >= options.commit_bytes) {
      if (auto st = drain(); !st) return tl::unexpected(st.error());
    }
    if (bytes_since_commit >= options.commit_bytes) {
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
