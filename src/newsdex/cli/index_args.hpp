// Opening the index named by --index, with the error a user can act on.
#pragma once

#include <memory>
#include <string>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::cli {

// Opens the committed snapshot. Every open checks each segment's structure, size, document count
// and footer checksum against the manifest (a truncated file, a torn footer or section table, a
// replaced file or a bad offset table is refused: exit 3) without reading the large sections.
// With `verify` (the commands' --verify flag) every segment's whole-file checksum is recomputed
// too, so damage inside the postings or stored documents is refused before anything is read;
// `newsdex check`, merges and ingest always do that (docs/format/segment.md "Who verifies what").
core::Result<std::shared_ptr<const index::Snapshot>> open_index(const std::string& dir,
                                                                bool verify = false);

inline constexpr const char* kVerifyHelp =
    "First recompute every segment's whole-file checksum (reads the whole index; `newsdex check` "
    "verifies more)";

}  // namespace newsdex::cli
