// Ingest: read files with the doc readers, analyse documents on all cores, add them to an
// IndexWriter in input order, and commit (at the end and every `commit_bytes` of input), so a
// crash loses at most the work since the last commit and never corrupts what was committed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/doc/reader.hpp"
#include "newsdex/index/writer/index_writer.hpp"

namespace newsdex::index {

struct IngestProgress {
  uint64_t files = 0;
  uint64_t documents = 0;
  uint64_t bytes = 0;  // input bytes read so far
  double seconds = 0;
};

struct IngestReport {
  uint64_t files = 0;
  uint64_t documents = 0;  // good records read
  uint64_t added = 0;
  uint64_t duplicates = 0;
  uint64_t replaced = 0;
  uint64_t errors = 0;  // records skipped (and files that could not be read)
  uint64_t notes = 0;
  uint64_t bytes = 0;
  double seconds = 0;
  uint64_t generation = 0;
  uint64_t live_documents = 0;
  uint64_t merges = 0;    // merges the writer committed (background, tiered policy)
  uint64_t segments = 0;  // segments in the index at the end
};

struct IngestOptions {
  doc::ReadOptions read;
  unsigned threads = 0;                         // 0: all hardware threads
  uint64_t commit_bytes = uint64_t{512} << 20;  // commit after this much input
  size_t batch_documents = 256;
  std::function<void(const doc::Diagnostic&)> on_diagnostic;
  std::function<void(const IngestProgress&)> on_progress;  // after every batch
};

// Expands directories (recursively, sorted; skipping sidecars `*.meta.json`, `README*` and
// hidden files) into the list of files to read, in a stable order.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::filesystem::path>& inputs);

core::Result<IngestReport> ingest_files(IndexWriter& writer,
                                        const std::vector<std::filesystem::path>& files,
                                        const IngestOptions& options);

}  // namespace newsdex::index
