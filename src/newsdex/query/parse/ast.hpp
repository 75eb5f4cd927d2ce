// The query language's syntax tree. Every node keeps its source span so errors and explanations
// can point at the column the user typed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace newsdex::query {

// Byte range [begin, end) in the query string; column = begin + 1.
struct SourceSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct Node {
  enum class Kind {
    kTerm,       // a bare word: `congratulate`, or field-scoped: `title:putin`
    kPhrase,     // "phone call" (words in order, adjacent)
    kAnd,        // explicit AND or juxtaposition; >= 2 children
    kOr,         // OR; >= 2 children
    kNot,        // NOT x / -x; exactly 1 child
    kFilter,     // show:WNT, source:ABC (exact value match on a column, case-insensitive)
    kDateRange,  // date:2018-03-01..2018-03-31, date:2018-03-01.., date:..2018-03-31, date:2018-03-21
  };
  Kind kind = Kind::kTerm;
  SourceSpan span;
  std::string field;               // kTerm/kPhrase: "" (body) or "title"; kFilter: "show"/"source"
  std::string text;                // kTerm: the word as typed; kFilter: the value; kPhrase: inner text
  std::vector<std::string> words;  // kPhrase: words as typed, in order
  std::string date_from;           // kDateRange: ISO date or "" (open)
  std::string date_to;             // kDateRange: ISO date or "" (open), inclusive
  std::vector<std::unique_ptr<Node>> children;
};

// A compact, unambiguous rendering for tests and `explain`, e.g.
// (AND (TERM congratulate) (PHRASE "phone call") (FILTER show WNT) (DATE 2018-03-01 2018-03-31))
std::string describe(const Node& node);

}  // namespace newsdex::query
