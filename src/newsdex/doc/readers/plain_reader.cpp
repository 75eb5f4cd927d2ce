#include "newsdex/doc/readers/plain_reader.hpp"

#include <array>
#include <filesystem>

#include "newsdex/core/date.hpp"
#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

namespace {

bool in_list(std::string_view word, std::initializer_list<std::string_view> list) {
  for (std::string_view w : list)
    if (w == word) return true;
  return false;
}

// Abbreviations whose '.' does not end a label ("MR. CARTER.").
bool is_title_abbreviation(std::string_view word) {
  return in_list(word, {"THE", "MR",  "MRS", "MS", "DR",  "SEN", "REP", "GOV", "GEN", "REV", "ST",
                        "Mr",  "Mrs", "Ms",  "Dr", "Sen", "Rep", "Gov", "Gen", "Rev", "St"});
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t space = text.find(' ', pos);
    const size_t end = space == std::string_view::npos ? text.size() : space;
    if (end > pos) words.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

// "THE PRESIDENT", "MR. McGEE", "SECRETARY MNUCHIN": upper-case words, "Mc" allowed.
bool is_upper_name(std::string_view head) {
  const auto words = split_words(head);
  if (words.empty() || words.size() > 5) return false;
  int letters = 0;
  for (std::string_view w : words) {
    if (!is_upper(w[0])) return false;
    for (size_t i = 0; i < w.size(); ++i) {
      const char c = w[i];
      if (is_upper(c))
        ++letters;
      else if (is_lower(c) && !(c == 'c' && i == 1 && w[0] == 'M'))
        return false;
      else if (!is_alpha(c) && c != '.' && c != '\'' && c != '-' && c != ',')
        return false;
    }
  }
  if (letters < 2 || head.find_first_not_of("IVXLC") == std::string_view::npos) return false;
  bool has_word = false;  // "U.S" is initials, not a name
  for (size_t i = 1; i < head.size(); ++i)
    has_word = has_word || (is_alpha(head[i - 1]) && is_alpha(head[i]));
  // Section marks, salutations and signatures ("TH: JEFFERSON.") that look like labels.
  return has_word && !in_list(head, {"SEC", "ART", "NO", "PS", "P.S", "NOTE", "AMENDMENT",
                                     "ARTICLE", "SIR", "SIRS", "GENTLEMEN", "TH"});
}

// "Mr. Lehrer", "President Bush", "The President": a title and one or two capitalised words.
bool is_titled_name(std::string_view head) {
  if (head == "The President" || head == "The Moderator" || head == "The Vice President")
    return true;
  const auto words = split_words(head);
  if (words.size() < 2 || words.size() > 3) return false;
  if (!in_list(words[0], {"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "President", "Governor", "Senator",
                          "Secretary", "Ambassador"}))
    return false;
  for (size_t i = 1; i < words.size(); ++i) {
    if (!is_upper(words[i][0])) return false;
    for (char c : words[i])
      if (!is_alpha(c) && c != '\'' && c != '-') return false;
  }
  return true;
}

std::optional<std::pair<std::string, std::string>> match_key_line(std::string_view line) {
  const size_t colon = line.find(": ");
  if (colon == std::string_view::npos || colon < 2 || colon > 30 || !is_upper(line[0]))
    return std::nullopt;
  for (char c : line.substr(1, colon - 1))
    if (!is_lower(c) && c != ' ') return std::nullopt;
  std::string_view value = trim(line.substr(colon + 2));
  if (value.empty()) return std::nullopt;
  return std::pair(to_lower(line.substr(0, colon)), std::string(value));
}

struct Speaker {
  std::string name;
  Role role = Role::kGuest;
};

Speaker resolve(const PlainLabel& label, const Transcript& t) {
  const std::string upper = [&] {
    std::string u(label.name);
    for (char& c : u)
      if (is_lower(c)) c = static_cast<char>(c - 'a' + 'A');
    return u;
  }();
  if (upper == "Q") return {"", Role::kUnknown};
  if (upper == "THE PRESIDENT") {
    auto president = t.meta.find("president");
    return {president == t.meta.end() ? label.name : president->second, Role::kGuest};
  }
  const std::string name(trim(std::string_view(label.name).substr(0, label.name.find(','))));
  if (upper.find("MODERATOR") != std::string::npos) return {name, Role::kModerator};
  if (upper.starts_with("AUDIENCE") || upper.starts_with("PARTICIPANT"))
    return {"", Role::kUnknown};
  return {name, Role::kGuest};
}

}  // namespace

std::optional<PlainLabel> match_plain_label(std::string_view line) {
  if ((line.starts_with("Q.") || line.starts_with("Q:")) && (line.size() == 2 || line[2] == ' '))
    return PlainLabel{2, "Q"};
  for (size_t k = 1; k < line.size() && k < 60; ++k) {
    if ((line[k] != '.' && line[k] != ':') || k + 1 >= line.size() || line[k + 1] != ' ') continue;
    std::string_view head = line.substr(0, k);
    const size_t space = head.rfind(' ');
    std::string_view last = space == std::string_view::npos ? head : head.substr(space + 1);
    if (line[k] == '.' && (is_title_abbreviation(last) || (last.size() == 1 && is_upper(last[0]))))
      continue;  // "MR. CARTER.", "WILLIAM H. TAFT."
    if (trim(line.substr(k + 1)).empty()) return std::nullopt;
    if (is_upper_name(head) || is_titled_name(head)) return PlainLabel{k + 1, std::string(head)};
    return std::nullopt;
  }
  return std::nullopt;
}

std::string title_from_slug(std::string_view slug) {
  std::string out;
  bool first = true;
  size_t pos = 0;
  while (pos < slug.size()) {
    size_t end = slug.find_first_of("-_ ", pos);
    if (end == std::string_view::npos) end = slug.size();
    std::string word = to_lower(slug.substr(pos, end - pos));
    pos = end + 1;
    if (word.empty()) continue;
    if (first || !in_list(word, {"a", "an", "and", "the", "of", "on", "in", "to", "for", "at", "by",
                                 "with", "or", "vs"}))
      word[0] = static_cast<char>(word[0] >= 'a' && word[0] <= 'z' ? word[0] - 'a' + 'A' : word[0]);
    if (!out.empty()) out += ' ';
    out += word;
    first = false;
  }
  return out;
}

namespace {

void metadata_from_name(std::string_view path, Transcript& t) {
  std::string stem = std::filesystem::path(path).filename().string();
  if (stem.ends_with(".txt")) stem.resize(stem.size() - 4);
  std::string_view slug = stem;
  if (slug.size() >= 10) {
    if (auto days = core::parse_iso_date(slug.substr(0, 10))) {
      t.date = core::format_iso_date(*days);
      slug.remove_prefix(10);
      while (!slug.empty() && (slug.front() == '-' || slug.front() == '_')) slug.remove_prefix(1);
    }
  }
  t.title = title_from_slug(slug);
}

void key_field(const std::string& key, const std::string& value, Transcript& t, uint32_t line,
               const ReadContext& context, DocumentSink& sink) {
  if (key == "title")
    t.title = value;
  else if (key == "source")
    t.source = value;
  else if (key == "show")
    t.show = value;
  else if (key == "url")
    t.url = value;
  else if (key == "language")
    t.language = value;
  else if (key == "date") {
    if (auto days = core::parse_iso_date(value))
      t.date = core::format_iso_date(*days);
    else
      sink.diagnostic(note(context, line, "expected 'Date: YYYY-MM-DD'; date not taken"));
  } else {
    t.meta[key] = value;
  }
}

}  // namespace

void PlainReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  Transcript t = blank_transcript();
  metadata_from_name(context.path, t);
  LineInput input(in);
  BodyBuilder body;
  std::vector<Markup> labels;
  bool in_keys = true;
  std::string line;
  while (input.next(line)) {
    std::string_view text = trim(line);
    if (in_keys) {
      if (auto key = match_key_line(text)) {
        key_field(key->first, key->second, t, input.line_number(), context, sink);
        continue;
      }
      if (text.empty()) continue;
      in_keys = false;
    }
    const uint32_t offset = body.add_line(text);
    auto label = match_plain_label(text);
    if (!label) continue;
    const auto speaker = resolve(*label, t);
    if (!t.turns.empty()) t.turns.back().end = offset;
    Turn turn;
    turn.start = offset;
    turn.speaker = speaker.name;
    turn.role = speaker.role;
    turn.label = std::string(text.substr(0, label->length));
    t.turns.push_back(std::move(turn));
    labels.push_back({offset, offset + to_u32(label->length), Markup::Kind::kSpeakerLabel});
  }
  if (body.empty()) {
    sink.diagnostic(parse_error(context, input.line_number() + 1, 1, "expected transcript text"));
    return;
  }
  t.body = body.take();
  for (Turn& turn : t.turns) {
    if (&turn == &t.turns.back()) turn.end = to_u32(t.body.size());
    while (turn.end > turn.start && t.body[turn.end - 1] == '\n') --turn.end;
  }
  t.markup = std::move(labels);
  emit(std::move(t), context, 1, sink);
}

}  // namespace newsdex::doc::readers
