#include "newsdex/server/facets.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

namespace newsdex::server {

namespace {

std::vector<FacetValue> sorted(const std::map<std::string, uint64_t, std::less<>>& counts) {
  std::vector<FacetValue> out;
  out.reserve(counts.size());
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  return out;
}

void add(std::map<std::string, uint64_t, std::less<>>& counts, std::string_view value, uint64_t n) {
  if (value.empty() || n == 0) return;
  auto it = counts.find(value);
  if (it == counts.end())
    counts.emplace(std::string(value), n);
  else
    it->second += n;
}

}  // namespace

Facets compute_facets(const index::Snapshot& snapshot) {
  std::map<std::string, uint64_t, std::less<>> shows;
  std::map<std::string, uint64_t, std::less<>> sources;
  for (const auto& view : snapshot.segments()) {
    const auto& segment = *view.segment;
    // Count by string index first: a segment has few distinct values and many documents.
    std::vector<uint64_t> show_counts(segment.string_count(), 0);
    std::vector<uint64_t> source_counts(segment.string_count(), 0);
    for (uint32_t doc = 0; doc < segment.doc_count(); ++doc) {
      if (view.is_deleted(doc)) continue;
      const auto row = segment.columns(doc);
      if (row.show < show_counts.size()) ++show_counts[row.show];
      if (row.source < source_counts.size()) ++source_counts[row.source];
    }
    for (uint32_t i = 0; i < segment.string_count(); ++i) {
      add(shows, segment.string_at(i), show_counts[i]);
      add(sources, segment.string_at(i), source_counts[i]);
    }
  }
  return {sorted(shows), sorted(sources)};
}

std::string facets_json(const Facets& facets) {
  auto list = [](const std::vector<FacetValue>& values) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
    return out;
  };
  return nlohmann::json{{"shows", list(facets.shows)}, {"sources", list(facets.sources)}}.dump();
}

std::string FacetCache::get(const index::Snapshot& snapshot) {
  const uint64_t generation = snapshot.manifest().generation;
  std::lock_guard lock(m_mutex);
  if (!m_valid || m_generation != generation) {
    m_json = facets_json(compute_facets(snapshot));
    m_generation = generation;
    m_valid = true;
  }
  return m_json;
}

}  // namespace newsdex::server
