// The query lexer: splits query text into words, quoted phrases, field:value pairs, parentheses
// and the operators AND / OR / NOT / leading '-'. Internal to the parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/query/parse/ast.hpp"

namespace newsdex::query {

// The largest N of "..."~N and NEAR/N, and NEAR's N when none is written.
constexpr uint32_t kMaxSlop = 100;
constexpr uint32_t kDefaultNear = 10;

enum class LexKind {
  kWord,    // text: the word as typed
  kPhrase,  // text: the text between the quotes
  kField,   // field: lower-case name; text: the value (between the quotes when quoted)
  kLParen,
  kRParen,
  kAnd,
  kOr,
  kNot,
  kMinus,  // '-' at the start of a term: negation
  kNear,   // NEAR or NEAR/N (slop: N, 10 when not given)
  kEnd,
  kError,  // error: what went wrong; the lexer reports it when the parser reaches it
};

struct LexToken {
  LexKind kind = LexKind::kEnd;
  SourceSpan span;  // the whole token, quotes and field name included
  std::string_view text;
  std::string field;
  SourceSpan value_span;  // kField: the value, quotes included
  bool quoted = false;    // kField: the value was a quoted string
  uint32_t slop = 0;      // kPhrase and quoted kField: the N of "..."~N (0 without); kNear: N
  bool star = false;      // quoted kField: a '*' right after the closing quote ("world news"*)
  core::Error error;
};

// Produces tokens on demand so that errors come out in the order of the text.
// Precondition: text.size() < 2^32 (the parser enforces a much smaller limit).
class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}
  // The next token; kEnd forever once the text is exhausted, kError after an error.
  LexToken next();

 private:
  // Length in bytes of the quote character at `i` (" “ ”), or 0.
  size_t quote_at(size_t i) const;
  size_t space_at(size_t i) const;
  // Reads a quoted string whose opening quote is at `i`; sets `inner` and returns the offset
  // just past the closing quote, or returns 0 when the quote is never closed.
  size_t read_quoted(size_t i, std::string_view* inner) const;
  // Reads the N of `~N` whose '~' is at `tilde` into *slop; returns the offset past it, or 0
  // after reporting an error (through *token).
  size_t read_slop(size_t tilde, uint32_t* slop, LexToken* token);
  LexToken word(size_t begin);
  LexToken field(size_t begin, size_t colon, size_t word_end);
  LexToken error(size_t column_offset, std::string message);

  std::string_view m_text;
  size_t m_pos = 0;
  bool m_failed = false;
  core::Error m_error;
};

// "at column N" for a 0-based byte offset, as every query error message says.
std::string column_text(size_t offset);

// Splits `text` at white space (ASCII and Unicode spaces).
std::vector<std::string> split_words(std::string_view text);

}  // namespace newsdex::query
