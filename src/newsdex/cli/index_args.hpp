// Opening the index named by --index, with the error a user can act on.
#pragma once

#include <memory>
#include <string>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::cli {

core::Result<std::shared_ptr<const index::Snapshot>> open_index(const std::string& dir);

}  // namespace newsdex::cli
