#include "newsdex/cli/index_args.hpp"

namespace newsdex::cli {

core::Result<std::shared_ptr<const index::Snapshot>> open_index(const std::string& dir,
                                                                bool verify) {
  auto snap = index::Snapshot::open(dir, {.verify_checksums = verify});
  if (!snap && snap.error().code == core::ErrorCode::kNotFound)
    snap.error().message += "; create one with `newsdex ingest --index " + dir + " FILES...`";
  return snap;
}

}  // namespace newsdex::cli
