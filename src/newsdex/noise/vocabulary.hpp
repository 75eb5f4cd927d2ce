// The caption vocabulary: the words a captioner's dictionary produces most often, most frequent
// first (lower case, letters and apostrophes). Compiled in; see CMakeLists.txt for the source.
#pragma once

#include <string_view>
#include <vector>

namespace newsdex::noise {

std::vector<std::string_view> caption_vocabulary();

}  // namespace newsdex::noise
