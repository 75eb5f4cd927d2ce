// Shared pieces of the readers: numbered line input, text helpers, diagnostics, body assembly and
// handing a finished record to the sink.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/doc/reader.hpp"
#include "newsdex/doc/transcript.hpp"

namespace newsdex::doc::readers {

inline uint32_t to_u32(size_t value) {
  return static_cast<uint32_t>(value);
}

// Reads lines with 1-based numbers; strips a UTF-8 byte-order mark and a trailing '\r'.
class LineInput {
 public:
  explicit LineInput(std::istream& in) : m_in(in) {}
  bool next(std::string& line);  // false at the end of the input
  uint32_t line_number() const { return m_line; }

 private:
  std::istream& m_in;
  uint32_t m_line = 0;
};

std::string_view trim(std::string_view text);
std::string_view trim_right(std::string_view text);
bool is_blank(std::string_view text);
bool is_digit(char c);
bool is_upper(char c);
bool is_lower(char c);
bool is_alpha(char c);
char to_lower(char c);
std::string to_lower(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view prefix);
bool contains_ci(std::string_view text, std::string_view needle);
// Parses exactly `text` as a non-negative decimal number; nullopt on anything else.
std::optional<int64_t> parse_number(std::string_view text);
// "HH:MM" or "HH:MM:SS" (24-hour) to seconds since midnight.
std::optional<int> parse_clock(std::string_view text);
// Seconds since midnight to "HH:MM", or "HH:MM:SS" when the seconds are not zero.
std::string format_clock(int seconds);

Diagnostic parse_error(const ReadContext& context, uint32_t line, uint32_t column,
                       std::string message);
Diagnostic note(const ReadContext& context, uint32_t line, std::string message);

// A Transcript whose every string field is empty (language too), so that defaults can fill it.
Transcript blank_transcript();

// Replaces every byte that is not part of a well-formed UTF-8 sequence (stray continuation
// bytes, truncated or overlong sequences, surrogates, code points past U+10FFFF) with '?'. The
// length is kept, so byte offsets into the text stay valid.
void replace_invalid_utf8(std::string& text);

// Fills the fields a record lacks from context.defaults (record meta wins over default meta),
// makes every string valid UTF-8 (replace_invalid_utf8: Latin-1 or damaged input must not break
// JSON output or storage), sorts markup and drops overlapping entries, sets origin "path:line"
// and the id, then hands the record to the sink.
void emit(Transcript&& transcript, const ReadContext& context, uint32_t line, DocumentSink& sink);

// Assembles a body from lines: trailing blanks are trimmed, a run of blank lines becomes one
// paragraph break ("\n\n"), leading and trailing blank lines are dropped.
class BodyBuilder {
 public:
  // Appends one line and returns the body offset at which its text starts.
  uint32_t add_line(std::string_view line);
  uint32_t size() const { return to_u32(m_body.size()); }
  bool empty() const { return m_body.empty(); }
  std::string take() { return std::move(m_body); }

 private:
  std::string m_body;
  bool m_paragraph_pending = false;
};

}  // namespace newsdex::doc::readers
