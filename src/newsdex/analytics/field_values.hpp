// The values of a multi-valued field (speaker, entity) of some documents, rebuilt from postings:
// each value's words are consecutive positions and values are kValuePositionGap apart, so a
// document's (position, term) pairs sorted by position split into its values. The values are in
// indexed form (folded and stemmed words joined by a space).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsdex/index/storage/segment.hpp"

namespace newsdex::analytics {

// `docs` are local doc ids in increasing order; the result has one entry per doc, each with its
// distinct values in order of first position.
std::vector<std::vector<std::string>> field_values(const index::Segment& segment,
                                                   index::Field field,
                                                   const std::vector<uint32_t>& docs);

}  // namespace newsdex::analytics
