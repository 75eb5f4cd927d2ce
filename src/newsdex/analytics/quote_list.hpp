// The quotes and soundbites of the documents matching a query, with who said them and when the
// segment first aired: `newsdex quotes` and GET /api/quotes (docs/analytics.md). Which quotes of a
// matching document are listed: those holding a quote:/body clause's words in sequence, or said by
// a speaker: clause's person; every quote of the document when the query names neither. Needs an
// index built with --analysis full (quotes are found at ingest).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/analytics/reairs.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/parse/parser.hpp"

namespace newsdex::analytics {

struct QuoteListRequest {
  std::string query{};
  size_t documents = 50;  // matching documents read, best first
  query::ParseLimits limits{};
  // The server's budget for the search (the CLI leaves it open).
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

struct ListedQuote {
  doc::Quote quote;
  std::string id, title, date, show, source;  // of its document
  std::optional<Airing> first_aired{};        // when the document re-airs an earlier one
};

struct QuoteList {
  std::string query;
  uint64_t documents = 0;  // matching documents (all of them, not only those read)
  std::vector<ListedQuote> quotes;
};

core::Result<QuoteList> list_quotes(std::shared_ptr<const index::Snapshot> snapshot,
                                    const QuoteListRequest& request,
                                    SignatureCache* cache = nullptr);

// {"query", "documents", "quotes": [{"text", "speaker" (null when unknown), "medium" (null),
// "kind", "start", "end", "id", "title", "date", "show", "source", "first_aired"}]}
nlohmann::json to_json(const QuoteList& list);
// "N quotes in M matching documents", then each quote with its speaker, kind, date, show and id.
std::string to_table(const QuoteList& list);

}  // namespace newsdex::analytics
