// Concordance (keyword in context): every occurrence of a query's positive terms and phrases in the
// bodies of the matching documents, newest first, with `width` bytes of context either side.
// Matches come from the token offsets of the analysed body (as snippets), so they agree with
// search.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/parse/parser.hpp"

namespace newsdex::analytics {

struct KwicRequest {
  std::string query{};
  size_t width = 60;   // context bytes either side (cut back to a UTF-8 boundary)
  size_t limit = 100;  // lines
  std::string from{};
  std::string to{};
  query::ParseLimits limits{};
};

struct KwicLine {
  std::string id, date, show, title;
  uint32_t offset = 0;  // byte offset of the match in the body
  std::string left, match, right;
};

struct Kwic {
  std::string query;
  uint64_t documents = 0;  // matching documents
  std::vector<KwicLine> lines;
};

core::Result<Kwic> compute_kwic(const index::Snapshot& snapshot, const KwicRequest& request);

nlohmann::json to_json(const Kwic& kwic);
std::string to_csv(const Kwic& kwic);    // id,date,show,offset,left,match,right
std::string to_table(const Kwic& kwic);  // left context right-aligned, match, right context

}  // namespace newsdex::analytics
