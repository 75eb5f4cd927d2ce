// The manifest names the committed state of an index: its segments and their deletions. It is
// replaced atomically (write, fsync, rename, fsync dir), so a reader always sees a whole commit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"

namespace newsdex::index {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr uint32_t kManifestFormat = 1;

struct SegmentEntry {
  std::string name;  // "seg-000001.seg"
  uint32_t docs = 0;
  uint64_t bytes = 0;    // expected file size (a torn file is caught at open)
  std::string checksum;  // hex XXH3 of the file's checksummed bytes, as in its footer
  std::string deletes;   // "seg-000001.del-7" or "" when no document is deleted
  uint32_t deleted_docs = 0;
};

struct Manifest {
  uint32_t format = kManifestFormat;
  uint64_t generation = 0;  // 0: an empty index that has never been committed
  uint32_t next_segment = 1;
  std::vector<SegmentEntry> segments;
  // How documents were analysed, fixed when the index is created. Written as "analysis": "plain"
  // only for kPlain, so full indexes keep their manifest bytes; a manifest without the key
  // (every index made before profiles existed) reads as kFull.
  analysis::Profile analysis = analysis::Profile::kFull;
};

// A missing manifest reads as an empty index (generation 0).
core::Result<Manifest> read_manifest(const std::filesystem::path& dir);
core::Status write_manifest(const std::filesystem::path& dir, const Manifest& manifest);

// Deletion bitmaps (roaring, portable format) with a trailing XXH3 checksum.
std::string encode_deletes(const std::vector<uint32_t>& sorted_docs);
core::Result<std::vector<uint32_t>> decode_deletes(const std::filesystem::path& path);

}  // namespace newsdex::index
