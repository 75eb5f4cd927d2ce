#include "newsdex/doc/readers/speaker_label.hpp"

#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

namespace {

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (is_lower(c)) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// "(00:12)" or "(01:02:03)" at the start of `text`; returns its length and value.
std::optional<std::pair<size_t, int64_t>> match_paren_time(std::string_view text) {
  if (!text.starts_with('(')) return std::nullopt;
  const size_t close = text.find(')');
  if (close == std::string_view::npos || close > 10) return std::nullopt;
  std::string_view inner = text.substr(1, close - 1);
  int64_t value = 0;
  int parts = 0;
  for (size_t pos = 0; pos <= inner.size(); ++parts) {
    size_t colon = inner.find(':', pos);
    if (colon == std::string_view::npos) colon = inner.size();
    auto n = parse_number(inner.substr(pos, colon - pos));
    if (!n || (parts > 0 && *n > 59)) return std::nullopt;
    value = value * 60 + *n;
    pos = colon + 1;
  }
  if (parts < 2 || parts > 3) return std::nullopt;
  return std::pair(close + 1, value * 1000);
}

// Upper-case letters only (a "Mc" prefix allowed) outside parentheses; no sentence punctuation.
bool is_upper_label(std::string_view head) {
  if (head.empty() || !is_upper(head[0])) return false;
  int depth = 0, letters = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if (depth > 0)
      continue;
    else if (is_upper(c))
      ++letters;
    else if (is_lower(c)) {
      if (!(c == 'c' && i > 0 && head[i - 1] == 'M')) return false;
    } else if (!is_digit(c) && std::string_view(" .,'-&/").find(c) == std::string_view::npos &&
               static_cast<unsigned char>(c) < 0x80) {
      return false;
    }
  }
  return letters >= 2 && depth == 0;
}

// "Donald Trump", "Jean-Luc O'Neil": one to four capitalised words.
bool is_capitalised_name(std::string_view head) {
  int words = 0;
  bool word_start = true;
  for (char c : head) {
    if (c == ' ') {
      if (word_start) return false;
      word_start = true;
      continue;
    }
    if (word_start) {
      if (!is_upper(c)) return false;
      ++words;
      word_start = false;
    } else if (!is_alpha(c) && c != '.' && c != '\'' && c != '-') {
      return false;
    }
  }
  return !word_start && words <= 4;
}

std::string strip_parentheses(std::string_view text) {
  std::string out;
  int depth = 0;
  for (char c : text) {
    if (c == '(')
      ++depth;
    else if (c == ')')
      depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0)
      out += c;
  }
  return std::string(trim(out));
}

bool is_speaker_n(std::string_view head) {
  return head.starts_with("Speaker ") && parse_number(head.substr(8)).has_value();
}

std::string last_word(std::string_view name) {
  const size_t space = name.rfind(' ');
  return to_upper(space == std::string_view::npos ? name : name.substr(space + 1));
}

}  // namespace

std::optional<SpeakerLabel> match_speaker_label(std::string_view line) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 100) return std::nullopt;
  if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t')
    return std::nullopt;
  std::string_view head = line.substr(0, colon);
  SpeakerLabel label;
  label.length = colon + 1;
  std::string_view after = line.substr(colon + 1);
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  auto time = match_paren_time(after);
  if (time) {
    label.length = static_cast<size_t>(after.data() - line.data()) + time->first;
    label.time_ms = time->second;
  }
  if (head == "host" || head == "Host" || head == "guest" || head == "Guest") {
    label.role = to_upper(head);
    return label;
  }
  if (is_speaker_n(head) || (time && is_capitalised_name(head))) {
    label.name = std::string(head);
    return label;
  }
  if (!is_upper_label(head)) return std::nullopt;
  const size_t comma = head.find(',');
  label.name = strip_parentheses(head.substr(0, comma));
  if (comma != std::string_view::npos) label.role = std::string(trim(head.substr(comma + 1)));
  if (label.name.empty()) return std::nullopt;
  return label;
}

Role role_from_title(std::string_view role) {
  const std::string upper = to_upper(role);
  auto has = [&](std::string_view word) { return upper.find(word) != std::string::npos; };
  if (upper.empty()) return Role::kUnknown;
  if (has("ANCHOR")) return Role::kAnchor;
  if (has("HOST")) return Role::kHost;
  if (has("CORRESPONDENT") || has("REPORTER") || has("BYLINE")) return Role::kReporter;
  if (has("MODERATOR")) return Role::kModerator;
  return Role::kGuest;
}

SpeakerResolver::Speaker SpeakerResolver::resolve(const SpeakerLabel& label) {
  if (!label.role.empty() && label.name.empty()) return {"", role_from_title(label.role)};
  const std::string upper = to_upper(label.name);
  if (upper.starts_with("UNIDENTIFIED")) return {"", Role::kUnknown};
  if (is_speaker_n(label.name)) return {label.name, Role::kUnknown};
  const Role bare_role = role_from_title(upper);
  if (label.role.empty() && upper.find(' ') == std::string::npos &&
      (upper == "HOST" || upper == "ANCHOR" || upper == "BYLINE" || upper == "REPORTER" ||
       upper == "CORRESPONDENT" || upper == "MODERATOR" || upper == "GUEST"))
    return {"", bare_role};
  const std::string surname = last_word(label.name);
  if (label.name.find(' ') != std::string::npos) {
    auto known = m_by_surname.find(surname);
    Role role = label.role.empty() ? Role::kGuest : role_from_title(label.role);
    if (label.role.empty() && known != m_by_surname.end() && known->second.name == label.name)
      role = known->second.role;
    if (known == m_by_surname.end() || !label.role.empty())
      m_by_surname[surname] = {label.name, role};
    return {label.name, role};
  }
  if (auto known = m_by_surname.find(surname); known != m_by_surname.end()) return known->second;
  return {label.name, label.role.empty() ? Role::kGuest : role_from_title(label.role)};
}

namespace {

bool is_clock(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return false;
  for (char c : text)
    if (!is_digit(c) && c != ':') return false;
  return text.size() == colon + 6 && text[colon + 3] == ':';
}

}  // namespace

void find_directions(std::string_view body, size_t from, size_t to, std::vector<Markup>& out) {
  for (size_t i = from; i < to; ++i) {
    const char open = body[i];
    if (open != '(' && open != '[') continue;
    const char close_char = open == '(' ? ')' : ']';
    const size_t close = body.find_first_of(std::string{close_char, '\n'}, i + 1);
    if (close == std::string_view::npos || close >= to || body[close] == '\n') continue;
    std::string_view inner = body.substr(i + 1, close - i - 1);
    if (open == '[' && is_clock(inner)) {
      out.push_back({to_u32(i), to_u32(close + 1), Markup::Kind::kTimestamp});
    } else {
      int letters = 0;
      bool lower = false;
      for (char c : inner) {
        letters += is_upper(c) ? 1 : 0;
        lower = lower || is_lower(c);
      }
      if (lower || letters < 3) continue;
      out.push_back({to_u32(i), to_u32(close + 1), Markup::Kind::kDirection});
    }
    i = close;
  }
}

}  // namespace newsdex::doc::readers
