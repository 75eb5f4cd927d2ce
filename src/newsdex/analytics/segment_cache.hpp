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
std::shared_ptr<const T> cached_for_segment(const std::shared_ptr<const index::Segment>& segment) {
  struct Entry {
    const index::Segment* key = nullptr;
    std::weak_ptr<const index::Segment> alive;
    std::shared_ptr<const T> value;
  };
  static std::mutex mutex;
  static std::vector<Entry> cache;
  {
    std::lock_guard lock(mutex);
    std::erase_if(cache, [](const Entry& e) { return e.alive.expired(); });
    for (const auto& e : cache)
      if (e.key == segment.get()) return e.value;
  }
  auto built = std::make_shared<const T>(*segment);
  std::lock_guard lock(mutex);
  for (const auto& e : cache)
    if (e.key == segment.get()) return e.value;
  cache.push_back({segment.get(), segment, built});
  return built;
}

}  // namespace newsdex::analytics
