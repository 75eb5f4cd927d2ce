// Merges segments into one new immutable segment from their decoded postings, without
// re-analysing any text: documents keep their input order (input by input), deleted documents are
// dropped and doc ids are renumbered densely. Every section is carried over generically: the
// postings of every term key (whatever its field byte) with frequencies and positions, the
// columns (date, show, source, lengths, content hash), stored documents (zstd frames copied as
// they are), external ids, titles, the id order and the field statistics.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/index/storage/segment.hpp"
#include "newsdex/index/storage/segment_file_writer.hpp"

namespace newsdex::index {

struct MergeInput {
  std::shared_ptr<const Segment> segment;
  std::vector<uint32_t> deleted;  // local doc ids to drop, sorted, unique
};

struct MergedSegment {
  WrittenSegment file;
  uint32_t docs = 0;
  // Per input: new doc id of each of its local doc ids; kEndDoc for a dropped document.
  std::vector<std::vector<uint32_t>> remap;
};

// Writes the merge of `inputs` (in that order) to `path` (O_EXCL, fsynced). On error nothing is
// left at `path`. Corrupt input is reported as kCorrupt naming the input segment.
core::Result<MergedSegment> merge_segments(std::span<const MergeInput> inputs,
                                           const std::filesystem::path& path);

}  // namespace newsdex::index
