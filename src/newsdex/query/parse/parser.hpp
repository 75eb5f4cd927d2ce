// A hand-written recursive-descent parser for the query language:
//
//   query   := or
//   or      := and ( "OR" and )*
//   and     := near ( ["AND"] near )*            juxtaposition means AND
//   near    := unary ( NEAR unary )*             NEAR or NEAR/N (N 0-100, default 10; one N per
//                                                 group); every operand a plain WORD -> kNear
//   unary   := "NOT" unary | "-" unary | primary  ('-' must touch what it negates: -putin)
//   primary := "(" or ")" | FIELD ":" value | PHRASE | WORD
//   FIELD   := show | source | date | title      (case-insensitive; only `name:` with an
//                                                 alphabetic name is a field, so 10:30 is a word)
//   value   := WORD | PHRASE                     show/source -> kFilter; title -> kTerm/kPhrase
//   date    := D | D ".." D | D ".." | ".." D    D = YYYY-MM-DD | YYYY-MM | YYYY (whole month/year)
//   WORD    := word | word "~" [0-2] (kFuzzy) | word "*" (kPrefix)
//   PHRASE  := a string in straight (") or curly (“ ”) quotes; one quoted word is a plain kTerm;
//              "..."~N (N 0-100, two or more words): at most N other words between the first and
//              the last word, which stay in order (Node::slop); also after a quoted text-field
//              value
//
// Operators are upper-case only ("and", "or", "not" are words). Precedence: NOT > NEAR > AND > OR;
// nested ANDs and ORs are flattened. A query needs something positive: "-putin" alone is an error,
// while filter-only queries ("show:WNT", "date:2018") are fine; every alternative of an OR must be
// positive. Fields speaker, quote, entity, role, sounds and robust are reserved ("not supported
// yet").
//
// Errors carry the 1-based byte column where the problem is ("unclosed quote at column 17"), in
// both Error::where.column and the message; exceeded ParseLimits give ErrorCode::kLimit, all other
// errors ErrorCode::kQuery.
#pragma once

#include <memory>
#include <string_view>

#include "newsdex/core/error.hpp"
#include "newsdex/query/parse/ast.hpp"

namespace newsdex::query {

struct ParseLimits {
  size_t max_length = 4096;  // bytes of query text
  size_t max_depth = 32;     // nesting of parentheses / NOT
  size_t max_clauses = 256;  // terms, phrases and filters in total
};

core::Result<std::unique_ptr<Node>> parse_query(std::string_view text,
                                                const ParseLimits& limits = {});

}  // namespace newsdex::query
