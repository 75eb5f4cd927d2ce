// The single writer of an index directory. Documents are buffered into in-memory segments that
// are flushed to immutable files when they grow past `flush_bytes`; nothing is visible to readers
// until commit() atomically replaces the manifest. A crash at any point leaves the last committed
// manifest and every file it names intact; uncommitted files are removed when a writer next opens.
//
// One writer per directory, enforced with an advisory lock (flock) on `LOCK`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/storage/manifest.hpp"
#include "newsdex/index/writer/segment_builder.hpp"

namespace newsdex::index {

struct WriterOptions {
  size_t flush_bytes = size_t{256} << 20;  // in-memory segment size that triggers a flush
};

enum class AddOutcome { kAdded, kDuplicate, kReplaced };

struct CommitInfo {
  uint64_t generation = 0;
  uint64_t documents = 0;  // live documents after the commit
};

class IndexWriter {
 public:
  static core::Result<std::unique_ptr<IndexWriter>> open(const std::filesystem::path& dir,
                                                         WriterOptions options = {});
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds a document. Same id and same content as a live document: kDuplicate (nothing changes).
  // Same id, different content: the old version is deleted at commit (kReplaced).
  core::Result<AddOutcome> add(AnalyzedDoc doc);
  core::Result<AddOutcome> add(doc::Transcript transcript);  // analyses on this thread

  // Makes every added document durable and visible. Cheap when nothing was added.
  core::Result<CommitInfo> commit();

  uint64_t pending_documents() const { return m_pending_docs; }

 private:
  IndexWriter() = default;
  core::Status flush();
  core::Status cleanup_unreferenced();

  struct Location {
    int segment = -1;  // index into m_manifest.segments, or -1 for the in-memory builder
    uint32_t doc = 0;
    uint64_t hash = 0;
  };

  std::filesystem::path m_dir;
  WriterOptions m_options;
  int m_lock_fd = -1;
  Manifest m_manifest;  // the working copy: committed state plus flushed, uncommitted segments
  std::vector<std::shared_ptr<const Segment>> m_open_segments;  // parallel to m_manifest.segments
  std::vector<std::vector<uint32_t>> m_deleted;                 // parallel, sorted on write
  std::vector<bool> m_deletes_dirty;
  std::unique_ptr<SegmentBuilder> m_builder;
  std::vector<uint32_t> m_builder_deleted;
  std::unordered_map<std::string, Location> m_pending_ids;  // ids added since the last commit
  uint64_t m_pending_docs = 0;
  analysis::Analyzer m_analyzer;
};

}  // namespace newsdex::index
