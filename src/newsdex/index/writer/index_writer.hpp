// The single writer of an index directory. Documents are buffered into in-memory segments that
// are flushed to immutable files when they grow past `flush_bytes`; nothing is visible to readers
// until commit() atomically replaces the manifest. A crash at any point leaves the last committed
// manifest and every file it names intact; uncommitted files are removed when a writer next opens.
//
// One writer per directory, enforced with an advisory lock (flock) on `LOCK`.
//
// Merges: segments are merged by the tiered policy (merge_policy.hpp) in a background thread of
// the writer, woken after every commit; force_merge() merges on the calling thread. A merge reads
// only committed segments and drops only committed deletions, writes one new segment, and commits
// its own manifest (the last committed state with the inputs replaced — never the writer's
// uncommitted documents), then removes the inputs. Readers holding an older snapshot keep their
// mapped files. One merge runs at a time; adds and commits wait for a merge only while it
// installs its result.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/storage/manifest.hpp"
#include "newsdex/index/writer/merge_policy.hpp"
#include "newsdex/index/writer/segment_builder.hpp"

namespace newsdex::index {

struct WriterOptions {
  // Estimated heap bytes of the in-memory segment that trigger a flush. With the default, peak
  // RSS of an ingest stays under 1 GiB whatever the corpus size (docs/ARCHITECTURE.md).
  size_t flush_bytes = size_t{256} << 20;
  MergePolicyOptions merge_policy{};
  bool background_merges = true;  // run the tiered policy after every commit
  // The analysis profile. A new index (no committed manifest) takes this one (kFull when unset);
  // an existing index keeps its own, and asking for a different one is a `usage` error.
  std::optional<analysis::Profile> analysis = std::nullopt;
  // Threads that encode a flushed segment's postings (SegmentBuilder::write): the writer's own
  // and flush_threads - 1 helpers for the duration of the flush. The files do not depend on it.
  unsigned flush_threads = 1;
};

struct MergeInfo {
  size_t merges = 0;  // merges committed
  size_t segments_before = 0;
  size_t segments_after = 0;
  uint64_t generation = 0;
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
  // How analysis threads should leave stored documents right now (analyze_document): raw while
  // the writer collects its dictionary sample, then compressed with the dictionary it trained.
  StoreCompression store_compression() const;
  // The index's analysis profile (documents must be analysed with it: analyze_document).
  analysis::Profile analysis() const { return m_manifest.analysis; }

  // Merges committed segments on this thread until at most `max_segments` remain (a single
  // remaining segment with deletions is rewritten without them). Waits for a background merge.
  core::Result<MergeInfo> force_merge(size_t max_segments);
  // Runs the tiered policy's merges on this thread until the index is within its budget.
  core::Result<MergeInfo> merge_by_policy();
  // Waits until the background thread has nothing left to merge; returns its first error, if any.
  core::Result<MergeInfo> wait_for_merges();
  size_t merges_done() const;

 private:
  IndexWriter() = default;
  core::Status flush();  // with m_mutex held
  core::Status cleanup_unreferenced();
  void merge_loop();
  // Chooses a merge with `choose` (over the committed segments), runs it and commits it.
  // false when `choose` found nothing to merge.
  core::Result<bool> merge_once(
      const std::function<std::optional<MergeRange>(std::span<const SegmentSize>)>& choose);
  core::Result<MergeInfo> run_merges(
      const std::function<std::optional<MergeRange>(std::span<const SegmentSize>)>& choose);
  MergeInfo merge_info(size_t before) const;

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
  std::vector<std::vector<uint32_t>> m_committed_deleted;  // parallel, sorted: as committed
  size_t m_committed_count = 0;  // m_manifest.segments[0, this) are committed; the rest flushed
  std::unique_ptr<SegmentBuilder> m_builder;
  std::vector<uint32_t> m_builder_deleted;
  std::unordered_map<std::string, Location> m_pending_ids;  // ids added since the last commit
  uint64_t m_pending_docs = 0;
  analysis::Analyzer m_analyzer;

  // Merging. m_mutex guards all of the state above once the merge thread runs.
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::thread m_merge_thread;
  bool m_stop = false;
  bool m_merge_wanted = false;
  bool m_merge_running = false;  // a merge (background or forced) holds its inputs
  bool m_merge_busy = false;     // the merge thread is working through the policy's merges
  size_t m_merges = 0;
  std::optional<core::Error> m_merge_error;
};

}  // namespace newsdex::index
