#include "newsdex/doc/readers/jsonl_reader.hpp"

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

}  // namespace

void JsonlReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  LineInput input(in);
  std::string line;
  while (input.next(line)) {
    if (is_blank(line)) continue;
    const uint32_t n = input.line_number();
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
