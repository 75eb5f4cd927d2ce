// The distinct shows and sources of an index's live documents, with how many documents each has
// (GET /api/facets; the web page's show and source filters). Read from the column store only.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "newsdex/index/snapshot.hpp"

namespace newsdex::server {

struct FacetValue {
  std::string value;
  uint64_t count = 0;
};

struct Facets {
  std::vector<FacetValue> shows;  // most documents first, then by value; no empty values
  std::vector<FacetValue> sources;
};

// One pass over every live document's columns: O(documents).
Facets compute_facets(const index::Snapshot& snapshot);

// {"shows":[{"value":"WNT","count":12},...],"sources":[...]}
std::string facets_json(const Facets& facets);

// Keeps the JSON of the last snapshot generation asked for, so that the pass over the columns
// runs once per commit, not once per request. Thread-safe.
class FacetCache {
 public:
  std::string get(const index::Snapshot& snapshot);

 private:
  std::mutex m_mutex;
  uint64_t m_generation = 0;
  bool m_valid = false;
  std::string m_json;
};

}  // namespace newsdex::server
