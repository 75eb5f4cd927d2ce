#include "newsdex/doc/readers/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace newsdex::doc::readers {

bool LineInput::next(std::string& line) {
  if (!std::getline(m_in, line)) return false;
  ++m_line;
  if (m_line == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

namespace {
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}
}  // namespace

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return trim_right(text);
}

bool is_blank(std::string_view text) {
  return trim(text).empty();
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_alpha(char c) {
  return is_upper(c) || is_lower(c);
}
char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (to_lower(text[i]) != to_lower(prefix[i])) return false;
  return true;
}

bool contains_ci(std::string_view text, std::string_view needle) {
  if (needle.empty()) return true;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i)
    if (starts_with_ci(text.substr(i), needle)) return true;
  return false;
}

std::optional<int64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<int> parse_clock(std::string_view text) {
  if (text.size() != 5 && text.size() != 8) return std::nullopt;
  if (text[2] != ':' || (text.size() == 8 && text[5] != ':')) return std::nullopt;
  auto h = parse_number(text.substr(0, 2)), m = parse_number(text.substr(3, 2));
  auto s = text.size() == 8 ? parse_number(text.substr(6, 2)) : std::optional<int64_t>(0);
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 59) return std::nullopt;
  return static_cast<int>(*h * 3600 + *m * 60 + *s);
}

std::string format_clock(int seconds) {
  const int h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  return s == 0 ? fmt::format("{:02}:{:02}", h, m) : fmt::format("{:02}:{:02}:{:02}", h, m, s);
}

Diagnostic parse_error(const ReadContext& context, uint32_t line, uint32_t column,
                       std::string message) {
  return Diagnostic{Diagnostic::Severity::kError,
                    core::Error{core::ErrorCode::kParse, std::move(message),
                                core::Location{context.path, line, column, 0}}};
}

Diagnostic note(const ReadContext& context, uint32_t line, std::string message) {
  return Diagnostic{Diagnostic::Severity::kNote,
                    core::Error{core::ErrorCode::kParse, std::move(message),
                                core::Location{context.path, line, 0, 0}}};
}

Transcript blank_transcript() {
  Transcript t;
  t.language.clear();
  return t;
}

namespace {
void fill(std::string& field, const std::string& fallback) {
  if (field.empty()) field = fallback;
}

void normalise_markup(std::vector<Markup>& markup) {
  std::stable_sort(markup.begin(), markup.end(),
                   [](const Markup& a, const Markup& b) { return a.start < b.start; });
  std::vector<Markup> kept;
  kept.reserve(markup.size());
  for (const Markup& m : markup) {
    if (m.end <= m.start) continue;
    if (!kept.empty() && m.start < kept.back().end) continue;
    kept.push_back(m);
  }
  markup = std::move(kept);
}
}  // namespace

void replace_invalid_utf8(std::string& text) {
  const size_t n = text.size();
  auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  size_t i = 0;
  while (i < n) {
    // ASCII runs eight bytes at a time (most text is ASCII).
    while (n - i >= 8) {
      uint64_t word = 0;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const uint8_t c = byte(i);
    const size_t len = c < 0x80           ? 1
                       : (c >> 5) == 0x6  ? 2
                       : (c >> 4) == 0xE  ? 3
                       : (c >> 3) == 0x1E ? 4
                                          : 0;
    bool ok = len > 0 && len <= n - i;
    for (size_t k = 1; ok && k < len; ++k) ok = (byte(i + k) & 0xC0) == 0x80;
    if (ok && len > 1) {
      uint32_t cp = c & (0x7Fu >> len);
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(i + k) & 0x3Fu);
      static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (!ok) {
      text[i++] = '?';
      continue;
    }
    i += len;
  }
}

namespace {

void make_valid_utf8(Transcript& t) {
  for (std::string* s :
       {&t.id, &t.source, &t.show, &t.date, &t.time, &t.title, &t.url, &t.language, &t.body})
    replace_invalid_utf8(*s);
  for (auto& turn : t.turns) {
    replace_invalid_utf8(turn.speaker);
    replace_invalid_utf8(turn.label);
  }
  std::map<std::string, std::string> meta;
  for (const auto& [k, v] : t.meta) {
    std::string key = k, value = v;
    replace_invalid_utf8(key);
    replace_invalid_utf8(value);
    meta.emplace(std::move(key), std::move(value));
  }
  t.meta = std::move(meta);
}

}  // namespace

void emit(Transcript&& t, const ReadContext& context, uint32_t line, DocumentSink& sink) {
  const Transcript& o = context.overrides;
  for (auto [field, value] : {std::pair{&t.source, &o.source},
                              {&t.show, &o.show},
                              {&t.date, &o.date},
                              {&t.time, &o.time},
                              {&t.title, &o.title},
                              {&t.url, &o.url},
                              {&t.language, &o.language}})
    if (!value->empty()) *field = *value;
  for (const auto& [key, value] : o.meta) t.meta[key] = value;
  const Transcript& d = context.defaults;
  fill(t.source, d.source);
  fill(t.show, d.show);
  fill(t.date, d.date);
  fill(t.time, d.time);
  fill(t.title, d.title);
  fill(t.url, d.url);
  fill(t.language, d.language);
  fill(t.language, "en");
  for (const auto& [key, value] : d.meta) t.meta.emplace(key, value);
  make_valid_utf8(t);
  normalise_markup(t.markup);
  t.origin = context.path + ":" + std::to_string(line);
  assign_id(t);
  sink.document(std::move(t));
}

uint32_t BodyBuilder::add_line(std::string_view line) {
  line = trim_right(line);
  if (line.empty()) {
    if (!m_body.empty()) m_paragraph_pending = true;
    return size();
  }
  if (!m_body.empty()) m_body += m_paragraph_pending ? "\n\n" : "\n";
  m_paragraph_pending = false;
  const uint32_t offset = size();
  m_body += line;
  return offset;
}

}  // namespace newsdex::doc::readers
