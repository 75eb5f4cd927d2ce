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

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/doc/transcript.hpp"
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

// One occurrence of a query in a document's body: byte offsets of its first and last matched
// tokens (a phrase or robust chain as a whole), and what matched approximately (as in KwicLine).
struct MatchSpan {
  uint32_t start = 0, end = 0;
  std::vector<query::ApproximateMatch> approximate{};
};
// The occurrences of `plan` in `t`'s body, in body order, without overlaps (the first to start,
// the longest of those, wins) — the lines compute_kwic() prints, for one document.
std::vector<MatchSpan> match_spans(const doc::Transcript& t, const query::PlanNode& plan,
                                   analysis::Analyzer& analyzer);
// The same for a query text, planned on `snapshot` (so fuzzy, prefix and sounds: alternatives are
// the index's): what GET /api/docs/{id}?q= returns as "matches" for the page to mark.
core::Result<std::vector<MatchSpan>> document_matches(const index::Snapshot& snapshot,
                                                      const doc::Transcript& t,
                                                      std::string_view query,
                                                      const query::ParseLimits& limits = {});
// [{"start", "end", "approximate": [{"text", "matches", "how"}]}]
nlohmann::json to_json(const std::vector<MatchSpan>& spans);

nlohmann::json to_json(const Kwic& kwic);
// id,date,show,offset,left,match,right,approximate ("raids=raise (fuzzy); ..." or empty)
std::string to_csv(const Kwic& kwic);
// Left context right-aligned, [match], right context, then "  ~ raids=raise (fuzzy)" when
// approximate.
std::string to_table(const Kwic& kwic);

}  // namespace newsdex::analytics
