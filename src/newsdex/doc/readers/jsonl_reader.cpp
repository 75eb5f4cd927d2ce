#include "newsdex/doc/readers/jsonl_reader.hpp"

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "newsdex/core/date.hpp"
#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

using nlohmann::json;

std::optional<UtcDateTime> parse_iso_datetime(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  auto days = core::parse_iso_date(text.substr(0, 10));
  if (!days) return std::nullopt;
  if (text.size() == 10) return UtcDateTime{std::string(text), {}};
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  std::string_view rest = text.substr(11);
  const size_t clock_len = rest.size() >= 8 && rest[5] == ':' ? 8 : 5;
  if (rest.size() < clock_len) return std::nullopt;
  auto clock = parse_clock(rest.substr(0, clock_len));
  if (!clock) return std::nullopt;
  rest.remove_prefix(clock_len);
  if (rest.starts_with('.')) {  // fractional seconds are dropped
    rest.remove_prefix(1);
    while (!rest.empty() && is_digit(rest.front())) rest.remove_prefix(1);
  }
  int offset_seconds = 0;
  if (rest == "Z" || rest.empty()) {
  } else if ((rest[0] == '+' || rest[0] == '-') && rest.size() == 6 && rest[3] == ':') {
    auto zone = parse_clock(rest.substr(1));
    if (!zone) return std::nullopt;
    offset_seconds = rest[0] == '+' ? *zone : -*zone;
  } else {
    return std::nullopt;
  }
  int64_t utc = static_cast<int64_t>(*days) * 86400 + *clock - offset_seconds;
  const int64_t day = (utc >= 0 ? utc : utc - 86399) / 86400;
  return UtcDateTime{core::format_iso_date(static_cast<int32_t>(day)),
                     format_clock(static_cast<int>(utc - day * 86400))};
}

namespace {

// 1-based column of `"key"` in the raw line, or 1 when it cannot be found.
uint32_t key_column(std::string_view line, std::string_view key) {
  std::string quoted(1, '"');
  quoted.append(key).push_back('"');
  const size_t pos = line.find(quoted);
  return pos == std::string_view::npos ? 1 : to_u32(pos + 1);
}

// The part of nlohmann's message after "parse error at line 1, column N: ".
std::string short_message(std::string_view what) {
  const size_t column = what.find("column ");
  const size_t colon = column == std::string_view::npos ? column : what.find(": ", column);
  return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

struct FieldError {
  std::string key;
  std::string message;
};

using Fields = std::optional<FieldError>;

Fields read_string(const json& object, const char* key, std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    return FieldError{key, std::string("expected a string for \"") + key + "\""};
  out = it->get<std::string>();
  return std::nullopt;
}

Fields read_turns(const json& object, Transcript& t) {
  auto it = object.find("turns");
  if (it == object.end() || it->is_null()) return std::nullopt;
  const FieldError bad{"turns",
                       "expected \"turns\" as an array of {start, end, speaker, role} with "
                       "0 <= start <= end <= body length"};
  if (!it->is_array()) return bad;
  for (const json& item : *it) {
    if (!item.is_object()) return bad;
    auto start = item.find("start"), end = item.find("end");
    if (start == item.end() || end == item.end() || !start->is_number_unsigned() ||
        !end->is_number_unsigned())
      return bad;
    const auto s = start->get<uint64_t>(), e = end->get<uint64_t>();
    if (s > e || e > t.body.size()) return bad;
    Turn turn;
    turn.start = static_cast<uint32_t>(s);
    turn.end = static_cast<uint32_t>(e);
    std::string role;
    if (read_string(item, "speaker", turn.speaker) || read_string(item, "label", turn.label) ||
        read_string(item, "role", role))
      return bad;
    turn.role = role_from_name(role);
    if (auto time = item.find("time_ms"); time != item.end() && time->is_number_integer())
      turn.time_ms = time->get<int64_t>();
    t.turns.push_back(std::move(turn));
  }
  return std::nullopt;
}

Fields read_meta(const json& object, Transcript& t) {
  auto it = object.find("meta");
  if (it == object.end() || it->is_null()) return std::nullopt;
  const FieldError bad{"meta", "expected \"meta\" as an object of strings"};
  if (!it->is_object()) return bad;
  for (const auto& [key, value] : it->items()) {
    if (value.is_string())
      t.meta[key] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean())
      t.meta[key] = value.dump();
    else
      return bad;
  }
  return std::nullopt;
}

Fields read_record(const json& object, Transcript& t) {
  auto body = object.find("body");
  if (body == object.end() || !body->is_string())
    return FieldError{"body", "expected \"body\" as a string"};
  t.body = body->get<std::string>();
  using Field = std::pair<const char*, std::string*>;
  for (auto [key, field] :
       {Field{"id", &t.id}, Field{"source", &t.source}, Field{"show", &t.show},
        Field{"title", &t.title}, Field{"url", &t.url}, Field{"language", &t.language}})
    if (auto e = read_string(object, key, *field)) return e;
  std::string date, time;
  if (auto e = read_string(object, "date", date)) return e;
  if (auto e = read_string(object, "time", time)) return e;
  if (!date.empty()) {
    auto parsed = parse_iso_datetime(date);
    if (!parsed)
      return FieldError{
          "date", "expected \"date\" as YYYY-MM-DD or an ISO 8601 date-time, found '" + date + "'"};
    t.date = parsed->date;
    t.time = parsed->time;
  }
  if (!time.empty()) {
    auto clock = parse_clock(time);
    if (!clock) return FieldError{"time", "expected \"time\" as HH:MM or HH:MM:SS"};
    t.time = format_clock(*clock);
  }
  if (auto e = read_meta(object, t)) return e;
  return read_turns(object, t);
}

// ---- the flat-object fast path ----

bool json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence at s[i] (a lead byte >= 0x80), or 0 when invalid (overlong,
// surrogate, above U+10FFFF, truncated) — what nlohmann's lexer rejects.
size_t utf8_length(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    if (i + k >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return b >= lo && b <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// True when all eight bytes of `word` need no care inside a JSON string: ASCII, not a control
// byte (< 0x20), neither '"' nor '\\' (exact tests: no byte is misjudged, whatever its neighbours).
bool plain_ascii8(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const auto has_zero_byte = [&](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  const bool below_space = ((word - kOnes * 0x20) & ~word & kHigh) != 0;
  return (word & kHigh) == 0 && !below_space && !has_zero_byte(word ^ (kOnes * '"')) &&
         !has_zero_byte(word ^ (kOnes * '\\'));
}

// Reads a JSON string starting after its opening quote at line[i]; leaves i after the closing
// quote. False for anything nlohmann would reject (control bytes, bad escapes, lone surrogates,
// invalid UTF-8) — the general path then reports it.
bool scan_string(std::string_view line, size_t& i, std::string& out) {
  out.clear();
  size_t run = i;
  const size_t n = line.size();
  while (i < n) {
    // Runs of plain bytes eight at a time (a transcript's body is mostly ASCII text).
    while (n - i >= 8) {
      uint64_t word = 0;
      std::memcpy(&word, line.data() + i, 8);
      if (!plain_ascii8(word)) break;
      i += 8;
    }
    if (i >= n) break;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const size_t len = utf8_length(line, i);
      if (len == 0) return false;
      i += len;
      continue;
    }
    out.append(line.substr(run, i - run));
    if (c == '"') {
      ++i;
      return true;
    }
    if (c != '\\' || i + 1 >= n) return false;  // a control byte, or a trailing backslash
    const char e = line[i + 1];
    i += 2;
    switch (e) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '/':
        out.push_back('/');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        auto hex4 = [&](size_t at, uint32_t& v) {
          if (at + 4 > n) return false;
          v = 0;
          for (size_t k = 0; k < 4; ++k) {
            const int h = hex_value(line[at + k]);
            if (h < 0) return false;
            v = v * 16 + static_cast<uint32_t>(h);
          }
          return true;
        };
        uint32_t cp = 0;
        if (!hex4(i, cp)) return false;
        i += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low = 0;
          if (i + 6 > n || line[i] != '\\' || line[i + 1] != 'u' || !hex4(i + 2, low) ||
              low < 0xDC00 || low > 0xDFFF)
            return false;
          i += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
        break;
      }
      default:
        return false;
    }
    run = i;
  }
  return false;  // unterminated
}

}  // namespace

std::optional<Transcript> read_flat_record(std::string_view line) {
  // Known keys, in the order read_record reads them.
  static constexpr std::string_view kKeys[] = {"body",     "id",   "source", "show", "title", "url",
                                               "language", "date", "time",   "meta", "turns"};
  constexpr size_t kKeyCount = std::size(kKeys);
  std::string values[kKeyCount];
  bool present[kKeyCount] = {};
  bool null_value[kKeyCount] = {};
  std::string key;
  std::string value;
  size_t i = 0;
  const size_t n = line.size();
  auto skip_space = [&] {
    while (i < n && json_space(line[i])) ++i;
  };
  skip_space();
  if (i >= n || line[i] != '{') return std::nullopt;
  ++i;
  skip_space();
  if (i < n && line[i] == '}') return std::nullopt;  // {} lacks a body: the general path says so
  for (;;) {
    skip_space();
    if (i >= n || line[i] != '"') return std::nullopt;
    ++i;
    if (!scan_string(line, i, key)) return std::nullopt;
    skip_space();
    if (i >= n || line[i] != ':') return std::nullopt;
    ++i;
    skip_space();
    size_t slot = kKeyCount;
    for (size_t k = 0; k < kKeyCount; ++k)
      if (key == kKeys[k]) slot = k;
    if (slot < kKeyCount && present[slot]) return std::nullopt;  // a duplicate: general path
    if (i < n && line[i] == '"') {
      ++i;
      if (!scan_string(line, i, slot < kKeyCount ? values[slot] : value)) return std::nullopt;
      if (slot < kKeyCount) present[slot] = true;
    } else if (line.substr(i, 4) == "null") {
      i += 4;
      if (slot < kKeyCount) {
        present[slot] = true;
        null_value[slot] = true;
      }
    } else {
      return std::nullopt;  // numbers, booleans, objects, arrays: the general path
    }
    skip_space();
    if (i < n && line[i] == ',') {
      ++i;
      continue;
    }
    if (i < n && line[i] == '}') {
      ++i;
      break;
    }
    return std::nullopt;
  }
  skip_space();
  if (i != n) return std::nullopt;
  // meta and turns must be an object / array (the general path), or null (absent); body a string.
  if ((present[9] && !null_value[9]) || (present[10] && !null_value[10])) return std::nullopt;
  if (!present[0] || null_value[0]) return std::nullopt;
  Transcript t = blank_transcript();
  t.body = std::move(values[0]);
  std::string* fields[] = {&t.id, &t.source, &t.show, &t.title, &t.url, &t.language};
  for (size_t k = 0; k < std::size(fields); ++k)
    if (present[k + 1]) *fields[k] = std::move(values[k + 1]);
  const std::string& date = values[7];
  const std::string& time = values[8];
  if (!date.empty()) {
    auto parsed = parse_iso_datetime(date);
    if (!parsed) return std::nullopt;
    t.date = parsed->date;
    t.time = parsed->time;
  }
  if (!time.empty()) {
    auto clock = parse_clock(time);
    if (!clock) return std::nullopt;
    t.time = format_clock(*clock);
  }
  return t;
}

std::optional<Transcript> read_record_general(std::string_view line) {
  json object = json::parse(line, nullptr, false);
  if (object.is_discarded() || !object.is_object()) return std::nullopt;
  Transcript t = blank_transcript();
  if (read_record(object, t)) return std::nullopt;
  return t;
}

void JsonlReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  LineInput input(in);
  std::string line;
  while (input.next(line)) {
    if (is_blank(line)) continue;
    const uint32_t n = input.line_number();
    if (auto flat = read_flat_record(line)) {
      emit(std::move(*flat), context, n, sink);
      continue;
    }
    json object;
    try {
      object = json::parse(line);
    } catch (const json::parse_error& e) {
      // The parser's exception is turned into a value here, at the boundary.
      sink.diagnostic(parse_error(context, n, to_u32(std::max<size_t>(e.byte, 1)),
                                  "expected a JSON object: " + short_message(e.what())));
      continue;
    }
    if (!object.is_object()) {
      const size_t first = line.find_first_not_of(" \t");
      sink.diagnostic(
          parse_error(context, n, to_u32(first + 1),
                      "expected a JSON object, found " + std::string(object.type_name())));
      continue;
    }
    Transcript t = blank_transcript();
    if (auto e = read_record(object, t)) {
      sink.diagnostic(parse_error(context, n, key_column(line, e->key), e->message));
      continue;
    }
    emit(std::move(t), context, n, sink);
  }
}

}  // namespace newsdex::doc::readers
