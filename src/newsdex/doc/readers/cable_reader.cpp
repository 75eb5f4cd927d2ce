#include "newsdex/doc/readers/cable_reader.hpp"

#include <fmt/format.h>

#include "newsdex/core/date.hpp"
#include "newsdex/doc/readers/common.hpp"
#include "newsdex/doc/readers/eastern_time.hpp"
#include "newsdex/doc/readers/speaker_label.hpp"

namespace newsdex::doc::readers {

std::optional<AiredLine> parse_aired_line(std::string_view line) {
  line = trim(line);
  if (!line.starts_with("Aired ")) return std::nullopt;
  std::string_view rest = line.substr(6);
  const size_t dash = rest.find(" - ");
  if (dash == std::string_view::npos) return std::nullopt;
  auto days = parse_month_day_year(rest.substr(0, dash));
  std::string_view clock_zone = trim(rest.substr(dash + 3));
  const size_t space = clock_zone.find_first_of(" \t");
  if (!days || space == std::string_view::npos || trim(clock_zone.substr(space)) != "ET")
    return std::nullopt;
  std::string_view clock_part = clock_zone.substr(0, space);
  const std::string clock_text = fmt::format("{:0>5}", clock_part);  // "9:00" -> "09:00"
  auto clock = parse_clock(clock_text);
  if (!clock) return std::nullopt;
  const DayTime utc = eastern_to_utc({*days, *clock});
  return AiredLine{core::format_iso_date(utc.days), format_clock(utc.seconds),
                   core::format_iso_date(*days) + " " + format_clock(*clock) + " ET"};
}

namespace {

struct Line {
  uint32_t number = 0;
  std::string text;
};

bool is_rush_notice(std::string_view line) {
  return contains_ci(line, "RUSH TRANSCRIPT");
}

// `Show: The Lead` style keys: one or two capitalised words.
std::optional<std::pair<std::string, std::string>> match_key_line(std::string_view line) {
  const size_t colon = line.find(": ");
  if (colon == std::string_view::npos || colon < 2 || colon > 24 || !is_upper(line[0]))
    return std::nullopt;
  std::string_view key = line.substr(0, colon);
  bool has_lower = false;
  for (char c : key) {
    if (!is_alpha(c) && c != ' ') return std::nullopt;
    has_lower = has_lower || is_lower(c);
  }
  if (!has_lower) return std::nullopt;
  return std::pair(to_lower(key), std::string(trim(line.substr(colon + 2))));
}

bool is_body_start(std::string_view line) {
  return match_speaker_label(line) || line.starts_with('(') || line.starts_with('[');
}

class CableParser {
 public:
  CableParser(const ReadContext& context, DocumentSink& sink)
      : m_context(context), m_sink(sink), m_t(blank_transcript()) {}

  void preamble_line(const Line& line) {
    std::string_view text = trim(line.text);
    if (text.empty() || is_rush_notice(text)) return;
    if (text.starts_with("Aired ")) {
      if (auto aired = parse_aired_line(text)) {
        m_t.date = aired->date;
        m_t.time = aired->time;
        m_t.meta["aired"] = aired->local;
      } else {
        m_sink.diagnostic(note(m_context, line.number,
                               "expected 'Aired Month D, YYYY - HH:MM ET'; date not taken"));
      }
      return;
    }
    if (auto key = match_key_line(text)) return key_line(line.number, key->first, key->second);
    if (text.size() <= 8 && is_upper_text(text) && m_t.source.empty())
      m_t.source = text;
    else if (m_t.show.empty())
      m_t.show = text;
    else if (m_t.title.empty())
      m_t.title = text;
  }

  void body_line(std::string_view raw) {
    std::string_view text = trim(raw);
    const uint32_t offset = m_body.add_line(text);
    if (text.empty()) return;
    size_t label_at = 0;
    if (text.starts_with('[')) {  // "[14:00:28] JAKE TAPPER, CNN ANCHOR: ..."
      const size_t close = text.find("] ");
      if (close != std::string_view::npos && close < 12) label_at = close + 2;
    }
    auto label = match_speaker_label(text.substr(label_at));
    if (!label) return;
    const uint32_t start = offset + to_u32(label_at);
    const auto speaker = m_resolver.resolve(*label);
    if (!m_t.turns.empty()) m_t.turns.back().end = offset;
    Turn turn;
    turn.start = start;
    turn.speaker = speaker.name;
    turn.role = speaker.role;
    turn.label = std::string(text.substr(label_at, label->length));
    turn.time_ms = label->time_ms;
    m_t.turns.push_back(std::move(turn));
    m_labels.push_back({start, start + to_u32(label->length), Markup::Kind::kSpeakerLabel});
  }

  void finish(uint32_t first_line) {
    if (m_body.empty()) {
      m_sink.diagnostic(parse_error(m_context, first_line, 1, "expected transcript text"));
      return;
    }
    m_t.body = m_body.take();
    const std::string& body = m_t.body;
    for (Turn& turn : m_t.turns) {
      if (&turn == &m_t.turns.back()) turn.end = to_u32(body.size());
      while (turn.end > turn.start && body[turn.end - 1] == '\n') --turn.end;
    }
    size_t from = 0;  // directions are looked for between labels only
    for (const Markup& label : m_labels) {
      find_directions(body, from, label.start, m_t.markup);
      from = label.end;
    }
    find_directions(body, from, body.size(), m_t.markup);
    m_t.markup.insert(m_t.markup.end(), m_labels.begin(), m_labels.end());
    emit(std::move(m_t), m_context, first_line, m_sink);
  }

 private:
  static bool is_upper_text(std::string_view text) {
    for (char c : text)
      if (is_lower(c)) return false;
    return true;
  }

  void key_line(uint32_t number, const std::string& key, const std::string& value) {
    if (key == "show" || key == "program")
      m_t.show = value;
    else if (key == "network" || key == "source")
      m_t.source = value;
    else if (key == "title")
      m_t.title = value;
    else if (key == "url")
      m_t.url = value;
    else if (key == "language")
      m_t.language = value;
    else if (key == "date") {
      auto days = core::parse_iso_date(value);
      if (!days) days = parse_month_day_year(value);
      if (days)
        m_t.date = core::format_iso_date(*days);
      else
        m_sink.diagnostic(
            note(m_context, number,
                 "expected 'Date: YYYY-MM-DD' or 'Date: Month D, YYYY'; date not taken"));
    } else {
      m_t.meta[key] = value;
    }
  }

  const ReadContext& m_context;
  DocumentSink& m_sink;
  Transcript m_t;
  BodyBuilder m_body;
  SpeakerResolver m_resolver;
  std::vector<Markup> m_labels;
};

constexpr size_t kMaxPreambleLines = 12;
constexpr size_t kMaxPreambleLineLength = 160;

}  // namespace

void CableReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  LineInput input(in);
  CableParser parser(context, sink);
  // Lines are held back until the first label shows where the preamble ends.
  std::vector<Line> held;
  bool in_preamble = true;
  // Without a clear end (a label) the unrecognised held lines are body text; the known ones
  // (Aired, the rush notice, keys) stay metadata either way.
  auto release = [&](bool clear_end) {
    in_preamble = false;
    for (const Line& h : held) {
      std::string_view ht = trim(h.text);
      const bool known = is_rush_notice(ht) || ht.starts_with("Aired ") || match_key_line(ht);
      if (clear_end || known)
        parser.preamble_line(h);
      else
        parser.body_line(h.text);
    }
    held.clear();
  };
  std::string line;
  while (input.next(line)) {
    if (!in_preamble) {
      parser.body_line(line);
      continue;
    }
    std::string_view text = trim(line);
    const bool too_long = text.size() > kMaxPreambleLineLength || held.size() >= kMaxPreambleLines;
    const bool starts_body = is_body_start(text);
    if (!starts_body && !too_long) {
      held.push_back({input.line_number(), line});
      continue;
    }
    release(starts_body);
    parser.body_line(line);
  }
  if (in_preamble) release(false);
  parser.finish(1);
}

}  // namespace newsdex::doc::readers
