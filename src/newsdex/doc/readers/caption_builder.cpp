#include "newsdex/doc/readers/caption_builder.hpp"

#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

std::optional<int64_t> parse_caption_time(std::string_view text) {
  const size_t dot = text.find_first_of(".,");
  if (dot == std::string_view::npos || text.size() - dot != 4) return std::nullopt;
  auto ms = parse_number(text.substr(dot + 1));
  std::string_view clock = text.substr(0, dot);
  std::vector<std::string_view> parts;
  for (size_t colon; (colon = clock.find(':')) != std::string_view::npos;) {
    parts.push_back(clock.substr(0, colon));
    clock.remove_prefix(colon + 1);
  }
  parts.push_back(clock);
  if (!ms || parts.size() < 2 || parts.size() > 3) return std::nullopt;
  int64_t value[3] = {0, 0, 0};
  for (size_t i = 0; i < parts.size(); ++i) {
    const bool hours = parts.size() == 3 && i == 0;
    auto number = parse_number(parts[i]);
    if (!number || (!hours && (parts[i].size() != 2 || *number > 59))) return std::nullopt;
    value[i + 3 - parts.size()] = *number;
  }
  return ((value[0] * 60 + value[1]) * 60 + value[2]) * 1000 + *ms;
}

void for_each_block(std::istream& in, const std::function<void(const CaptionBlock&)>& on_block) {
  LineInput input(in);
  CaptionBlock block;
  std::string line;
  auto flush = [&] {
    if (!block.lines.empty()) on_block(block);
    block.lines.clear();
  };
  while (input.next(line)) {
    if (is_blank(line)) {
      flush();
      continue;
    }
    if (block.lines.empty()) block.line = input.line_number();
    block.lines.push_back(line);
  }
  flush();
}

std::optional<CueTiming> parse_cue_timing(std::string_view line, uint32_t* error_column) {
  auto column_of = [&](std::string_view part) { return to_u32(part.data() - line.data() + 1); };
  const size_t arrow = line.find("-->");
  *error_column = 1;
  if (arrow == std::string_view::npos) return std::nullopt;
  std::string_view left = trim(line.substr(0, arrow));
  std::string_view right = line.substr(arrow + 3);
  while (!right.empty() && (right.front() == ' ' || right.front() == '\t')) right.remove_prefix(1);
  std::string_view end_text = right.substr(0, right.find_first_of(" \t"));
  auto start = parse_caption_time(left);
  if (!start) {
    *error_column = left.empty() ? 1 : column_of(left);
    return std::nullopt;
  }
  auto end = parse_caption_time(end_text);
  if (!end || *end < *start) {
    *error_column = end_text.empty() ? to_u32(arrow + 4) : column_of(end_text);
    return std::nullopt;
  }
  return CueTiming{*start, *end};
}

namespace {

// Decodes the entity at text[pos] == '&'; returns its length in `*consumed` (0 when unknown).
std::string decode_entity(std::string_view text, size_t pos, size_t* consumed) {
  *consumed = 0;
  const size_t semi = text.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 8) return {};
  std::string_view name = text.substr(pos + 1, semi - pos - 1);
  std::string out;
  if (name == "amp")
    out = "&";
  else if (name == "lt")
    out = "<";
  else if (name == "gt")
    out = ">";
  else if (name == "nbsp")
    out = " ";
  else if (name == "quot")
    out = "\"";
  else if (name == "apos")
    out = "'";
  else if (name.starts_with('#')) {
    auto code = parse_number(name.substr(1));
    if (!code || *code < 32 || *code > 126) return {};
    out = std::string(1, static_cast<char>(*code));
  } else {
    return {};
  }
  *consumed = semi - pos + 1;
  return out;
}

}  // namespace

void CaptionBuilder::start_turn(std::string speaker, std::string label, int64_t time_ms) {
  if (m_turn_pending) {
    m_transcript.turns.pop_back();  // a turn that never received text
  } else if (!m_transcript.turns.empty()) {
    m_transcript.turns.back().end = to_u32(m_transcript.body.size());
  }
  Turn turn;
  turn.speaker = std::move(speaker);
  turn.label = std::move(label);
  turn.time_ms = time_ms;
  m_transcript.turns.push_back(std::move(turn));
  m_turn_pending = true;
}

// Appends words, collapsing whitespace; the first word after a turn start opens a new line.
void CaptionBuilder::append_text(std::string_view text) {
  std::string& body = m_transcript.body;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos == text.size()) break;
    size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    if (!body.empty()) body += m_turn_pending ? '\n' : ' ';
    if (m_turn_pending) {
      m_transcript.turns.back().start = to_u32(body.size());
      m_turn_pending = false;
    }
    body += text.substr(pos, end - pos);
    pos = end;
  }
}

void CaptionBuilder::add_cue(const CueTiming& timing, const std::vector<std::string>& lines) {
  const size_t before = m_transcript.body.size();
  std::string text;
  auto flush = [&] {
    append_text(text);
    text.clear();
  };
  for (const std::string& raw : lines) {
    std::string_view line = trim(raw);
    if (line == "-" || line.starts_with("- ")) {
      start_turn({}, "-", timing.start_ms);
      line.remove_prefix(1);
    }
    for (size_t i = 0; i < line.size();) {
      const char c = line[i];
      if (c == '<') {
        const size_t close = line.find('>', i);
        if (close == std::string_view::npos) {
          text += c;
          ++i;
          continue;
        }
        std::string_view tag = line.substr(i + 1, close - i - 1);
        if (tag.size() > 1 && tag[0] == 'v' && (tag[1] == ' ' || tag[1] == '.')) {
          const size_t space = tag.find(' ');
          std::string speaker(space == std::string_view::npos ? "" : trim(tag.substr(space)));
          const auto& turns = m_transcript.turns;
          if (turns.empty() || turns.back().speaker != speaker) {
            flush();
            start_turn(speaker, std::string(line.substr(i, close - i + 1)), timing.start_ms);
          }
        }
        i = close + 1;  // every other tag (<c>, <i>, </v>, <00:01.000>) is dropped
      } else if (c == '>' && i + 1 < line.size() && line[i + 1] == '>') {
        flush();
        start_turn({}, ">>", timing.start_ms);
        while (i < line.size() && line[i] == '>') ++i;
      } else if (c == '&') {
        size_t consumed = 0;
        std::string decoded = decode_entity(line, i, &consumed);
        text += consumed == 0 ? std::string(1, c) : decoded;
        i += consumed == 0 ? 1 : consumed;
      } else {
        text += c;
        ++i;
      }
    }
    text += ' ';
    flush();
  }
  const std::string& body = m_transcript.body;
  if (body.size() == before) return;
  size_t start = before;
  while (start < body.size() && (body[start] == ' ' || body[start] == '\n')) ++start;
  m_transcript.cues.push_back(
      Cue{to_u32(start), to_u32(body.size()), timing.start_ms, timing.end_ms});
}

void CaptionBuilder::add_block(const CaptionBlock& block, size_t timing_index,
                               std::string_view expected, const ReadContext& context,
                               DocumentSink& sink) {
  const uint32_t timing_line = block.line + to_u32(timing_index);
  uint32_t column = 1;
  auto timing = timing_index < block.lines.size()
                    ? parse_cue_timing(block.lines[timing_index], &column)
                    : std::nullopt;
  if (!timing) {
    sink.diagnostic(parse_error(context, timing_line, column, std::string(expected)));
    return;
  }
  ++m_cues;
  add_cue(*timing,
          {block.lines.begin() + static_cast<std::ptrdiff_t>(timing_index) + 1, block.lines.end()});
}

void CaptionBuilder::finish(const ReadContext& context, DocumentSink& sink) {
  if (empty()) {
    if (m_cues == 0)
      sink.diagnostic(parse_error(context, 1, 1, "expected at least one caption cue"));
    return;
  }
  emit(take(), context, 1, sink);
}

Transcript CaptionBuilder::take() {
  if (m_turn_pending) m_transcript.turns.pop_back();
  m_turn_pending = false;
  if (!m_transcript.turns.empty()) m_transcript.turns.back().end = to_u32(m_transcript.body.size());
  return std::move(m_transcript);
}

}  // namespace newsdex::doc::readers
