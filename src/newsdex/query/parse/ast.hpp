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
    kFilter,     // show:WNT, source:ABC (whole value of a column, case-insensitive); show:CNN*
                 // (values starting with CNN)
    kDateRange,  // date:2018-03-01..2018-03-31, date:2018-03-01.., date:..2018-03-31,
                 // date:2018-03-21
    kFuzzy,      // putin~ / putin~1: words within max_edits edits of `text`
    kPrefix,     // capit*: words starting with `text` (the `*` is not kept)
    kNear,       // a NEAR/3 b NEAR/3 c: the words in any order, at most `slop` other words in
                 // the window that holds them; children: the operands, each a kTerm without field
  };
  Kind kind = Kind::kTerm;
  SourceSpan span;
  std::string field;  // kTerm/kPhrase/kFuzzy/kPrefix: "" (body) or "title"; kFilter: show/source
  std::string
      text;  // kTerm/kFuzzy/kPrefix: the word as typed (without ~N or *); kFilter: the
             // value; kPhrase: inner text. A kTerm may analyse to several tokens
             // ("e-mail", or a one-word quoted phrase), which the planner treats as a phrase.
  std::vector<std::string> words;  // kPhrase: words as typed, in order
  std::string date_from;           // kDateRange: ISO date or "" (open)
  std::string date_to;             // kDateRange: ISO date or "" (open), inclusive
  int max_edits = 0;               // kFuzzy: 0, 1 or 2 (2 when the query says just `word~`)
  // kPhrase: "a b"~N allows N other words between the first and the last (0: adjacent); kNear:
  // the N of NEAR/N.
  uint32_t slop = 0;
  // kFilter: match every value that starts with `text` (show:CNN*, show:"world news"*) instead of
  // the whole value.
  bool prefix = false;
  std::vector<std::unique_ptr<Node>> children;
};

// A compact, unambiguous rendering for tests and `explain`, e.g.
// (AND (TERM congratulate) (PHRASE "phone call") (FILTER show WNT) (DATE 2018-03-01 2018-03-31))
// Field-scoped words print as (TERM title:putin); open date ends print as *; values with spaces,
// parentheses, quotes or backslashes are double-quoted with \" and \\ escaped; (FUZZY putin 2);
// (PREFIX capit); "a b"~2 prints as (PHRASE "a b"~2), a NEAR/3 b as (NEAR 3 (TERM a) (TERM b));
// a value prefix as (FILTER show CNN*) or (FILTER show "world news"*), a value ending in '*' as
// (FILTER show "CNN*").
std::string describe(const Node& node);

}  // namespace newsdex::query
