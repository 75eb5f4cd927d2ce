// A reader's view of an index: the segments named by one committed manifest, with their
// deletions. A snapshot is immutable and shared (std::shared_ptr<const Snapshot>); writers never
// change the files it holds, so readers are never blocked and never see a partial commit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/index/storage/manifest.hpp"
#include "newsdex/index/storage/segment.hpp"

namespace newsdex::index {

struct SegmentView {
  std::shared_ptr<const Segment> segment;
  std::vector<bool> deleted;  // by local doc id; empty when nothing is deleted
  uint32_t deleted_count = 0;
  bool is_deleted(uint32_t doc) const { return doc < deleted.size() && deleted[doc]; }
};

struct IndexStats {
  uint64_t documents = 0;
  uint64_t terms = 0;  // distinct terms over all fields
  uint64_t bytes = 0;  // size on disk of the committed files
  uint64_t segments = 0;
  uint64_t generation = 0;
  std::string first_date;  // ISO; empty when no document has a date
  std::string last_date;
  std::string analysis = "full";  // the analysis profile (analysis::profile_name)
};

// Where the committed bytes go (`newsdex stats --parts`): postings split by stream and by field,
// and every other part of the segments. The parts sum to IndexStats::bytes.
struct IndexParts {
  uint64_t postings_skips = 0;  // blob headers and skip tables (block bounds)
  uint64_t postings_docs = 0;
  uint64_t postings_freqs = 0;
  uint64_t postings_positions = 0;
  uint64_t postings_padding = 0;
  uint64_t postings_by_field[kFieldCount] = {};  // all four streams, by field byte
  uint64_t term_dictionary = 0;                  // front-coded blocks and their index
  uint64_t stored_documents = 0;                 // zstd frames and their offsets
  uint64_t columns = 0;                          // rows, show/source strings, field totals
  uint64_t ids = 0;                              // external ids and their sorted lookup
  uint64_t titles = 0;
  uint64_t sound_dictionary = 0;
  uint64_t turn_table = 0;  // turns as body position ranges (storage/turns.hpp)
  uint64_t other = 0;       // footers, sections this reader does not know, manifest, deletion files
  uint64_t total = 0;
};

class Snapshot;

struct SnapshotOptions {
  // Recompute every segment's whole-file checksum before serving it (a zeroed or torn region
  // inside a segment whose footer survived is caught here, not served). Segments already in
  // `previous` (same file, same checksum) were verified when it opened and are shared, not
  // re-read; so a server pays once per segment.
  bool verify_checksums = false;
  const Snapshot* previous = nullptr;
};

class Snapshot {
 public:
  // Opens the last committed state of `dir`. An index directory without a manifest is an error
  // (kNotFound) so that typos in --index are caught. When a file named by the manifest vanishes
  // while opening (a writer committed and removed a superseded deletion file), it retries with
  // the new manifest.
  static core::Result<std::shared_ptr<const Snapshot>> open(const std::filesystem::path& dir,
                                                            const SnapshotOptions& options = {});

  const std::filesystem::path& dir() const { return m_dir; }
  const Manifest& manifest() const { return m_manifest; }
  const std::vector<SegmentView>& segments() const { return m_segments; }
  uint64_t live_documents() const { return m_live_docs; }
  // True when every segment's whole-file checksum was verified at open.
  bool verified() const { return m_verified; }
  // Total tokens of `field` over live and deleted documents (for BM25's average length).
  uint64_t field_tokens(Field field) const;
  uint64_t total_documents() const;

  // Looks a document up by its external id.
  core::Result<std::optional<doc::Transcript>> find_document(std::string_view id) const;
  IndexStats stats() const;
  // Walks every segment's term dictionary and skip tables (not the postings themselves): about a
  // second per GB of index. Fails with kCorrupt when a postings blob does not decode.
  core::Result<IndexParts> parts() const;
  // Recomputes every checksum and cross-checks the manifest; the first problem found is returned.
  core::Status check() const;

 private:
  static core::Result<std::shared_ptr<const Snapshot>> open_once(const std::filesystem::path& dir,
                                                                 const SnapshotOptions& options);
  core::Status add_view(SegmentView view, const SegmentEntry& entry);
  bool m_verified = false;
  std::filesystem::path m_dir;
  Manifest m_manifest;
  std::vector<SegmentView> m_segments;
  uint64_t m_live_docs = 0;
};

}  // namespace newsdex::index
