#include "newsdex/query/parse/lexer.hpp"

#include <array>
#include <string>
#include <utility>

namespace newsdex::query {
namespace {

constexpr std::array<std::string_view, 10> kFields = {
    "show", "source", "date", "title", "speaker", "quote", "entity", "role", "sounds", "robust"};

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

template <size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

// Byte length of the white-space character at text[i], or 0.
size_t white_space_at(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  auto byte = [&](size_t k) -> unsigned {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
  };
  if (c == 0xC2 && byte(1) == 0xA0) return 2;                     // no-break space
  if (c == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;  // ideographic space
  if (c == 0xE2 && byte(1) == 0x80 && ((byte(2) >= 0x80 && byte(2) <= 0x8A) || byte(2) == 0xAF)) {
    return 3;  // en/em/thin spaces, narrow no-break space
  }
  return 0;
}

// The value of the ASCII digits that start `text` and how many there are; the value is only
// exact up to a little past kMaxSlop (callers refuse anything above it).
std::pair<uint32_t, size_t> leading_number(std::string_view text) {
  uint32_t value = 0;
  size_t n = 0;
  for (; n < text.size() && text[n] >= '0' && text[n] <= '9'; ++n)
    if (value <= kMaxSlop) value = value * 10 + static_cast<uint32_t>(text[n] - '0');
  return {value, n};
}

}  // namespace

std::string column_text(size_t offset) {
  return "at column " + std::to_string(offset + 1);
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    if (size_t space = white_space_at(text, i); space > 0) {
      i += space;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && white_space_at(text, i) == 0) ++i;
    words.emplace_back(text.substr(begin, i - begin));
  }
  return words;
}

size_t Lexer::quote_at(size_t i) const {
  if (m_text[i] == '"') return 1;
  if (i + 2 < m_text.size() && static_cast<unsigned char>(m_text[i]) == 0xE2 &&
      static_cast<unsigned char>(m_text[i + 1]) == 0x80) {
    const auto third = static_cast<unsigned char>(m_text[i + 2]);
    if (third == 0x9C || third == 0x9D) return 3;  // “ ”
  }
  return 0;
}

size_t Lexer::space_at(size_t i) const {
  return white_space_at(m_text, i);
}

size_t Lexer::read_quoted(size_t i, std::string_view* inner) const {
  const size_t open = quote_at(i);
  for (size_t j = i + open; j < m_text.size(); ++j) {
    if (const size_t close = quote_at(j); close > 0) {
      *inner = m_text.substr(i + open, j - i - open);
      return j + close;
    }
  }
  return 0;
}

LexToken Lexer::error(size_t offset, std::string message) {
  m_failed = true;
  m_error = core::Error{core::ErrorCode::kQuery, std::move(message), {}};
  m_error.where.column = static_cast<uint32_t>(offset + 1);
  LexToken token;
  token.kind = LexKind::kError;
  token.span = {static_cast<uint32_t>(offset), static_cast<uint32_t>(offset)};
  token.error = m_error;
  return token;
}

LexToken Lexer::next() {
  if (m_failed) {
    LexToken token;
    token.kind = LexKind::kError;
    token.error = m_error;
    return token;
  }
  while (m_pos < m_text.size()) {
    const size_t space = space_at(m_pos);
    if (space == 0) break;
    m_pos += space;
  }
  LexToken token;
  const auto at = static_cast<uint32_t>(m_pos);
  if (m_pos >= m_text.size()) {
    token.kind = LexKind::kEnd;
    token.span = {at, at};
    return token;
  }
  const char c = m_text[m_pos];
  if (c == '(' || c == ')' || c == '-') {
    token.kind = c == '(' ? LexKind::kLParen : c == ')' ? LexKind::kRParen : LexKind::kMinus;
    token.span = {at, at + 1};
    ++m_pos;
    return token;
  }
  if (quote_at(m_pos) > 0) {
    std::string_view inner;
    const size_t end = read_quoted(m_pos, &inner);
    if (end == 0) return error(m_pos, "unclosed quote " + column_text(m_pos));
    token.kind = LexKind::kPhrase;
    token.text = inner;
    size_t past = end;
    if (end < m_text.size() && m_text[end] == '~') {
      past = read_slop(end, &token.slop, &token);
      if (past == 0) return token;
    }
    token.span = {at, static_cast<uint32_t>(past)};
    m_pos = past;
    return token;
  }
  return word(m_pos);
}

size_t Lexer::read_slop(size_t tilde, uint32_t* slop, LexToken* token) {
  const auto [value, digits] = leading_number(m_text.substr(tilde + 1));
  const size_t end = tilde + 1 + digits;
  if (digits == 0) {
    *token = error(tilde, "expected a number after '~' " + column_text(tilde) +
                              " (\"...\"~N: the words in order, at most N other words between "
                              "the first and the last)");
    return 0;
  }
  if (value > kMaxSlop) {
    *token = error(tilde + 1, "proximity must be 0 to " + std::to_string(kMaxSlop) + " words " +
                                  column_text(tilde + 1));
    return 0;
  }
  if (end < m_text.size() && space_at(end) == 0 && m_text[end] != ')' && quote_at(end) == 0) {
    *token = error(end, "expected a space or ')' after \"...\"~" + std::to_string(value) + " " +
                            column_text(end));
    return 0;
  }
  *slop = value;
  return end;
}

LexToken Lexer::word(size_t begin) {
  size_t end = begin;
  while (end < m_text.size() && space_at(end) == 0 && m_text[end] != '(' && m_text[end] != ')' &&
         quote_at(end) == 0) {
    ++end;
  }
  const std::string_view text = m_text.substr(begin, end - begin);
  // A field is `name:` where name is alphabetic; "10:30" stays a word.
  if (const size_t colon = text.find(':'); colon != std::string_view::npos && colon > 0) {
    bool alphabetic = true;
    for (size_t k = 0; k < colon; ++k) alphabetic = alphabetic && is_ascii_alpha(text[k]);
    if (alphabetic) return field(begin, begin + colon, end);
  }
  LexToken token;
  // NEAR and NEAR/N: upper case only, like the other operators ("near" is a word).
  if (text == "NEAR" || text.starts_with("NEAR/")) {
    token.kind = LexKind::kNear;
    token.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    token.text = text;
    token.slop = kDefaultNear;
    if (text.size() > 4) {
      const auto [value, digits] = leading_number(text.substr(5));
      if (digits == 0 || digits > 3 || digits != text.size() - 5 || value > kMaxSlop)
        return error(begin + 5, "expected a distance 0 to " + std::to_string(kMaxSlop) +
                                    " after NEAR/ " + column_text(begin + 5) +
                                    " (a NEAR/N b: at most N other words between a and b)");
      token.slop = value;
    }
    m_pos = end;
    return token;
  }
  token.kind = text == "AND"   ? LexKind::kAnd
               : text == "OR"  ? LexKind::kOr
               : text == "NOT" ? LexKind::kNot
                               : LexKind::kWord;
  token.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  token.text = text;
  m_pos = end;
  return token;
}

LexToken Lexer::field(size_t begin, size_t colon, size_t word_end) {
  const std::string name = ascii_lower(m_text.substr(begin, colon - begin));
  if (!contains(kFields, name)) {
    return error(begin,
                 "unknown field '" + name + "' " + column_text(begin) +
                     "; expected one of show, source, date, title, speaker, quote, entity, role, "
                     "sounds, robust");
  }
  LexToken token;
  token.kind = LexKind::kField;
  token.field = name;
  const size_t value_begin = colon + 1;
  size_t value_end = word_end;
  if (value_begin < word_end) {
    token.text = m_text.substr(value_begin, word_end - value_begin);
  } else if (value_begin < m_text.size() && quote_at(value_begin) > 0) {
    std::string_view inner;
    value_end = read_quoted(value_begin, &inner);
    if (value_end == 0) return error(value_begin, "unclosed quote " + column_text(value_begin));
    token.text = inner;
    token.quoted = true;
    if (value_end < m_text.size() && m_text[value_end] == '~') {
      LexToken failed;
      value_end = read_slop(value_end, &token.slop, &failed);
      if (value_end == 0) return failed;
    } else if (value_end < m_text.size() && m_text[value_end] == '*') {
      token.star = true;
      ++value_end;
      if (value_end < m_text.size() && space_at(value_end) == 0 && m_text[value_end] != ')')
        return error(value_end, "expected a space or ')' after \"...\"* " + column_text(value_end));
    }
  } else {
    return error(value_begin, "expected a value after '" + name + ":' " + column_text(value_begin));
  }
  token.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(value_end)};
  token.value_span = {static_cast<uint32_t>(value_begin), static_cast<uint32_t>(value_end)};
  m_pos = value_end;
  return token;
}

}  // namespace newsdex::query
