// Concordance (keyword in context): every occurrence of a query's positive clauses in the bodies
// of the matching documents, newest first, with `width` bytes of context either side. Terms and
// phrases, and also word~N, prefix*, sounds: and robust:"..." occurrences, each line saying which
// words matched approximately and what they stand for. Matches come from the same matcher as
// search snippets (query/exec/occurrences.hpp), so they agree with search.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/exec/occurrences.hpp"
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
  // The words of `match` that matched a query word other than exactly, and for a robust chain the
  // query words it reads without (text "", how "missing"); empty for exact lines.
  std::vector<query::ApproximateMatch> approximate{};
};

struct Kwic {
  std::string query;
  uint64_t documents = 0;  // matching documents
  std::vector<KwicLine> lines;
};

core::Result<Kwic> compute_kwic(const index::Snapshot& snapshot, const KwicRequest& request);

nlohmann::json to_json(const Kwic& kwic);
// id,date,show,offset,left,match,right,approximate ("raids=raise (fuzzy); ..." or empty)
std::string to_csv(const Kwic& kwic);
// Left context right-aligned, [match], right context, then "  ~ raids=raise (fuzzy)" when
// approximate.
std::string to_table(const Kwic& kwic);

}  // namespace newsdex::analytics
