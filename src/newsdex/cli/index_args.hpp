// Opening the index named by --index, with the error a user can act on.
#pragma once

#include <memory>
#include <string>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::cli {

// Opens the committed snapshot. Unless `verify` is false (check, which verifies more thoroughly
// itself), every segment's whole-file checksum is recomputed first: a torn or zeroed segment is
// reported (exit 3), never searched.
core::Result<std::shared_ptr<const index::Snapshot>> open_index(const std::string& dir, bool verify = true);

}  // namespace newsdex::cli
