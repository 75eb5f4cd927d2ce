// A hand-written recursive-descent parser for the query language (documented in README.md):
//
//   query   := or
//   or      := and ( "OR" and )*
//   and     := unary ( ["AND"] unary )*          juxtaposition means AND
//   unary   := "NOT" unary | "-" unary | primary
//   primary := "(" or ")" | FIELD ":" value | PHRASE | WORD
//   FIELD   := show | source | date | title
//
// Errors carry the 1-based column where the problem is ("unclosed quote at column 17").
#pragma once

#include <memory>
#include <string_view>

#include "newsdex/core/error.hpp"
#include "newsdex/query/parse/ast.hpp"

namespace newsdex::query {

struct ParseLimits {
  size_t max_length = 4096;   // bytes of query text
  size_t max_depth = 32;      // nesting of parentheses / NOT
  size_t max_clauses = 256;   // terms, phrases and filters in total
};

core::Result<std::unique_ptr<Node>> parse_query(std::string_view text, const ParseLimits& limits = {});

}  // namespace newsdex::query
