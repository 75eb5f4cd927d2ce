#include "newsdex/doc/readers/page_reader.hpp"

#include <fmt/format.h>

#include "newsdex/core/date.hpp"
#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

std::optional<PageHeader> match_page_header(std::string_view line) {
  size_t pos = 0;
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  std::string_view rest = line.substr(pos);
  if (!rest.starts_with("date ")) return std::nullopt;
  const size_t date_start = pos + 5;
  const size_t date_end = line.find(' ', date_start);
  if (date_end == std::string_view::npos || date_end == date_start) return std::nullopt;
  std::string_view after = line.substr(date_end);
  constexpr std::string_view kMarker = " Transcript for ";
  if (!after.starts_with(kMarker)) return std::nullopt;
  return PageHeader{to_u32(date_start + 1),
                    std::string(line.substr(date_start, date_end - date_start)),
                    std::string(trim(after.substr(kMarker.size())))};
}

namespace {

struct PageDate {
  int year = 0, month = 0, day = 0;
  std::string text;  // as written, "03/21/18"
};

// `m:ss | MM/DD/YY` (also `h:mm:ss`), the duration-and-date line under a page's video.
std::optional<PageDate> match_duration_line(std::string_view line) {
  line = trim(line);
  const size_t bar = line.find(" | ");
  if (bar == std::string_view::npos) return std::nullopt;
  std::string_view duration = line.substr(0, bar);
  std::string_view date = line.substr(bar + 3);
  if (duration.empty() || duration.find(':') == std::string_view::npos) return std::nullopt;
  for (char c : duration)
    if (!is_digit(c) && c != ':') return std::nullopt;
  if (date.size() != 8 || date[2] != '/' || date[5] != '/') return std::nullopt;
  auto mm = parse_number(date.substr(0, 2)), dd = parse_number(date.substr(3, 2)),
       yy = parse_number(date.substr(6, 2));
  if (!mm || !dd || !yy) return std::nullopt;
  PageDate out{2000 + static_cast<int>(*yy), static_cast<int>(*mm), static_cast<int>(*dd),
               std::string(date)};
  if (!core::valid_ymd(out.year, out.month, out.day)) return std::nullopt;
  return out;
}

bool is_clutter_line(std::string_view line) {
  std::string_view t = trim(line);
  if (t.size() == 16 && starts_with_ci(t, "video transcript")) return true;
  return contains_ci(t, "transcript has been automatically generated");
}

// Removes every `{{...}}` placeholder; an unclosed `{{` is kept as text.
std::string strip_placeholders(std::string_view line) {
  std::string out;
  size_t pos = 0;
  while (pos < line.size()) {
    const size_t open = line.find("{{", pos);
    const size_t close = open == std::string_view::npos ? open : line.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out += line.substr(pos, open - pos);
    pos = close + 2;
  }
  out += line.substr(std::min(pos, line.size()));
  return out;
}

// `Reporter:` cues, wherever they stand in the body; each opens a turn that runs to the next.
void add_reporter_turns(Transcript& t) {
  constexpr std::string_view kLabel = "Reporter:";
  const std::string& body = t.body;
  size_t pos = 0;
  while ((pos = body.find(kLabel, pos)) != std::string::npos) {
    const bool word_start = pos == 0 || !is_alpha(body[pos - 1]);
    if (word_start) {
      if (!t.turns.empty()) t.turns.back().end = to_u32(pos);
      Turn turn;
      turn.start = to_u32(pos);
      turn.end = to_u32(body.size());
      turn.label = std::string(kLabel);
      turn.role = Role::kReporter;
      t.turns.push_back(std::move(turn));
      t.markup.push_back({to_u32(pos), to_u32(pos + kLabel.size()), Markup::Kind::kSpeakerLabel});
    }
    pos += kLabel.size();
  }
  for (Turn& turn : t.turns)
    while (turn.end > turn.start && (body[turn.end - 1] == ' ' || body[turn.end - 1] == '\n'))
      --turn.end;
}

class PageRecord {
 public:
  PageRecord(const ReadContext& context, DocumentSink& sink) : m_context(context), m_sink(sink) {}

  void start(uint32_t line, int year, int month, int day, std::string title) {
    m_open = true;
    m_line = line;
    m_year = year;
    m_month = month;
    m_day = day;
    m_title = std::move(title);
    m_body = BodyBuilder();
    m_page_date.reset();
  }

  void add_line(uint32_t line, std::string_view text) {
    if (!m_open) return;
    if (is_clutter_line(text)) return;
    if (auto date = match_duration_line(text)) {
      if (!m_page_date) m_page_date = std::pair(line, *date);
      return;
    }
    std::string cleaned = strip_placeholders(text);
    m_body.add_line(trim(cleaned));
  }

  void finish() {
    if (!m_open) return;
    m_open = false;
    Transcript t = blank_transcript();
    t.title = m_title;
    t.date = format_ymd(m_year, m_month, m_day);
    if (m_page_date) check_date(t);
    t.body = m_body.take();
    add_reporter_turns(t);
    emit(std::move(t), m_context, m_line, m_sink);
  }

 private:
  static std::string format_ymd(int y, int m, int d) {
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  }

  void check_date(Transcript& t) {
    const auto& [line, page] = *m_page_date;
    if (page.year == m_year && page.month == m_month && page.day == m_day) return;
    std::string page_iso = format_ymd(page.year, page.month, page.day);
    if (page.year == m_year && page.month == m_day && page.day == m_month) {
      m_sink.diagnostic(note(m_context, line,
                             fmt::format("header date {} disagrees with page date {}; using {}",
                                         t.date, page.text, page_iso)));
      t.date = page_iso;
      return;
    }
    m_sink.diagnostic(note(m_context, line,
                           fmt::format("header date {} disagrees with page date {}; keeping {}",
                                       t.date, page.text, t.date)));
  }

  const ReadContext& m_context;
  DocumentSink& m_sink;
  bool m_open = false;
  uint32_t m_line = 0;
  int m_year = 0, m_month = 0, m_day = 0;
  std::string m_title;
  BodyBuilder m_body;
  std::optional<std::pair<uint32_t, PageDate>> m_page_date;
};

}  // namespace

void PageReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  LineInput input(in);
  PageRecord record(context, sink);
  bool reported_stray = false;  // one error per run of text outside any record
  bool in_record = false;
  std::string line;
  while (input.next(line)) {
    const uint32_t n = input.line_number();
    if (auto header = match_page_header(line)) {
      record.finish();
      reported_stray = false;
      in_record = false;
      auto days = core::parse_iso_date(header->date_text);
      if (!days) {
        sink.diagnostic(parse_error(
            context, n, header->date_column,
            "expected a date YYYY-MM-DD in the page header, found '" + header->date_text + "'"));
        reported_stray = true;  // the record's lines are skipped silently
        continue;
      }
      if (header->title.empty()) {
        sink.diagnostic(parse_error(context, n, to_u32(line.size() + 1),
                                    "expected a title after 'Transcript for'"));
        reported_stray = true;
        continue;
      }
      int y = 0, m = 0, d = 0;
      core::ymd_from_days(*days, &y, &m, &d);
      record.start(n, y, m, d, header->title);
      in_record = true;
      continue;
    }
    if (in_record) {
      record.add_line(n, line);
    } else if (!is_blank(line) && !reported_stray) {
      // Text before the first header, or belonging to a record whose header was rejected.
      reported_stray = true;
      sink.diagnostic(parse_error(context, n, 1,
                                  "expected a page header 'date YYYY-MM-DD Transcript for TITLE'"));
    }
  }
  record.finish();
}

}  // namespace newsdex::doc::readers
