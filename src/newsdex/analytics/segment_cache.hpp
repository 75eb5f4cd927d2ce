// A process-wide cache of one derived structure per open segment (analytics' per-segment lists):
// keyed by the segment, built on first use outside the lock (a concurrent builder's copy is
// dropped), and dropped on a later call once the segment has been closed.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

#include "newsdex/index/storage/segment.hpp"

namespace newsdex::analytics {

// T must be constructible from `const index::Segment&`.
template <class T>
class SegmentCache {
 public:
  // The segment's T, built now if it is not cached.
  static std::shared_ptr<const T> get(const std::shared_ptr<const index::Segment>& segment) {
    if (auto found = find(segment)) return found;
    auto built = std::make_shared<const T>(*segment);
    std::lock_guard lock(s_mutex);
    for (const auto& e : s_entries)
      if (e.key == segment.get()) return e.value;
    s_entries.push_back({segment.get(), segment, built});
    return built;
  }
  // The segment's T if it is cached already, else nullptr (nothing is built).
  static std::shared_ptr<const T> find(const std::shared_ptr<const index::Segment>& segment) {
    std::lock_guard lock(s_mutex);
    std::erase_if(s_entries, [](const Entry& e) { return e.alive.expired(); });
    for (const auto& e : s_entries)
      if (e.key == segment.get()) return e.value;
    return nullptr;
  }

 private:
  struct Entry {
    const index::Segment* key = nullptr;
    std::weak_ptr<const index::Segment> alive;
    std::shared_ptr<const T> value;
  };
  static inline std::mutex s_mutex;
  static inline std::vector<Entry> s_entries;
};

}  // namespace newsdex::analytics
