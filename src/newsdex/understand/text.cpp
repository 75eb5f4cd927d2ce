#include "newsdex/understand/text.hpp"

#include <algorithm>

namespace newsdex::understand {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_high(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

// U+2018..U+201D and the dashes and ellipsis (E2 80 xx) are punctuation, not letters.
size_t punct_length(std::string_view text, size_t pos) {
  if (pos + 2 < text.size() && static_cast<unsigned char>(text[pos]) == 0xE2 &&
      static_cast<unsigned char>(text[pos + 1]) == 0x80)
    return 3;
  if (pos + 1 < text.size() && static_cast<unsigned char>(text[pos]) == 0xC2 &&
      static_cast<unsigned char>(text[pos + 1]) == 0xA0)
    return 2;  // no-break space
  return 0;
}

bool is_letter_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  const char c = text[pos];
  if (is_upper(c) || is_lower(c) || is_digit(c)) return true;
  return is_high(c) && punct_length(text, pos) == 0;
}

bool is_right_single_quote(std::string_view text, size_t pos) {
  return pos + 2 < text.size() && static_cast<unsigned char>(text[pos]) == 0xE2 &&
         static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
         static_cast<unsigned char>(text[pos + 2]) == 0x99;
}

constexpr std::string_view kAbbreviations[] = {
    "mr",  "mrs", "ms",  "dr",   "st",   "gen",  "sen",  "rep",  "gov", "lt", "col",
    "sgt", "jr",  "sr",  "capt", "maj",  "prof", "rev",  "vs",   "mt",  "ft", "corp",
    "inc", "co",  "adm", "cmdr", "pres", "sec",  "atty", "supt", "det"};

}  // namespace

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (is_upper(x)) x = static_cast<char>(x - 'A' + 'a');
    if (is_upper(y)) y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::vector<Word> split_words(std::string_view text, uint32_t from, uint32_t to) {
  std::vector<Word> out;
  append_words(text, from, to, out);
  return out;
}

std::vector<Word> split_spoken_words(std::string_view text, std::span<const Span> skip) {
  std::vector<Word> words;
  words.reserve(text.size() / 5);
  uint32_t from = 0;
  for (const Span& s : skip) {
    if (s.start > from) append_words(text, from, s.start, words);
    from = std::max(from, s.end);
  }
  append_words(text, from, static_cast<uint32_t>(text.size()), words);
  return words;
}

void append_words(std::string_view text, uint32_t from, uint32_t to, std::vector<Word>& out) {
  size_t pos = from;
  const size_t end = std::min<size_t>(to, text.size());
  while (pos < end) {
    if (!is_letter_at(text, pos)) {
      const size_t p = punct_length(text, pos);
      pos += p == 0 ? 1 : p;
      continue;
    }
    Word w;
    w.start = static_cast<uint32_t>(pos);
    std::string lower;
    size_t i = pos;
    // Dotted initialism: X.Y. (letters each followed by a dot).
    if (i + 3 < end && is_letter_at(text, i) && !is_high(text[i]) && text[i + 1] == '.' &&
        (is_upper(text[i + 2]) || is_lower(text[i + 2])) && text[i + 3] == '.' &&
        !is_letter_at(text, i + 4)) {
      while (i + 1 < end && (is_upper(text[i]) || is_lower(text[i])) && text[i + 1] == '.') {
        lower += static_cast<char>(is_upper(text[i]) ? text[i] - 'A' + 'a' : text[i]);
        lower += '.';
        i += 2;
      }
    } else {
      while (i < end) {
        if (is_letter_at(text, i)) {
          const char c = text[i];
          lower += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
          ++i;
        } else if ((text[i] == '\'' || text[i] == '-') && is_letter_at(text, i + 1) && i > pos) {
          lower += text[i];
          ++i;
        } else if (is_right_single_quote(text, i) && is_letter_at(text, i + 3) && i > pos) {
          lower += '\'';
          i += 3;
        } else {
          break;
        }
      }
    }
    w.end = static_cast<uint32_t>(i);
    w.name_end = w.end;
    if (lower.size() > 2 && lower.ends_with("'s")) {
      lower.resize(lower.size() - 2);
      w.possessive = true;
      w.name_end = w.end - (text[w.end - 2] == '\'' ? 2 : 4);
    }
    w.capitalised = is_upper(text[pos]);
    size_t letters = 0, uppers = 0;
    for (size_t k = pos; k < i; ++k) {
      if (is_upper(text[k]) || is_lower(text[k])) ++letters;
      if (is_upper(text[k])) ++uppers;
    }
    w.all_caps = letters >= 2 && uppers == letters;
    w.lower = std::move(lower);
    out.push_back(std::move(w));
    pos = i;
  }
}

size_t quote_mark_length(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  if (text[pos] == '"') return 1;
  if (pos + 2 < text.size() && static_cast<unsigned char>(text[pos]) == 0xE2 &&
      static_cast<unsigned char>(text[pos + 1]) == 0x80) {
    const auto c = static_cast<unsigned char>(text[pos + 2]);
    if (c >= 0x98 && c <= 0x9D) return 3;
  }
  return 0;
}

std::vector<Span> split_sentences(std::string_view text, uint32_t from, uint32_t to) {
  std::vector<Span> out;
  const size_t end = std::min<size_t>(to, text.size());
  size_t start = from;
  auto push = [&](size_t stop) {
    while (start < stop && is_space(text[start])) ++start;
    size_t e = stop;
    while (e > start && is_space(text[e - 1])) --e;
    if (e > start) out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(e)});
    start = stop;
  };
  for (size_t i = from; i < end; ++i) {
    const char c = text[i];
    if (c == '\n') {
      push(i);
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < end && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
    for (size_t q; (q = quote_mark_length(text, j)) > 0 || (j < end && text[j] == ')');)
      j += q > 0 ? q : 1;
    if (j < end && !is_space(text[j])) continue;
    if (c == '.') {
      // The word before the dot: an abbreviation or a single initial does not end a sentence.
      size_t w = i;
      while (w > from && (is_upper(text[w - 1]) || is_lower(text[w - 1]))) --w;
      const std::string word = lower_ascii(text.substr(w, i - w));
      bool abbreviation = word.size() == 1 && is_upper(text[w]);
      for (auto a : kAbbreviations) abbreviation = abbreviation || word == a;
      if (w > from && text[w - 1] == '.') abbreviation = true;  // "U.S." mid-sentence
      if (abbreviation && j < end) {
        size_t n = j;
        while (n < end && is_space(text[n])) ++n;
        if (word.size() > 1 || (n < end && is_upper(text[n]))) continue;
      }
    }
    push(std::min(j, end));
    i = std::min(j, end) - 1;
  }
  push(end);
  return out;
}

std::string title_case(std::string_view name) {
  bool has_lower = false;
  for (char c : name) has_lower = has_lower || is_lower(c);
  if (has_lower) return std::string(name);
  std::string out;
  bool word_start = true;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (is_upper(c)) {
      out += word_start ? c : static_cast<char>(c - 'A' + 'a');
      word_start = false;
      // McX, MacX keep the capital after the prefix.
      if (out.size() >= 2 &&
          (out.ends_with("Mc") && (out.size() == 2 || !is_lower(out[out.size() - 3]))))
        word_start = true;
    } else {
      out += c;
      word_start = !(is_lower(c) || is_digit(c) || is_high(c));
      if (c == '\'' && i + 2 < name.size() && is_upper(name[i + 1]) && is_upper(name[i + 2]))
        word_start = true;  // O'BRIEN -> O'Brien
    }
  }
  return out;
}

std::string_view trim_text(std::string_view text, std::string_view extra) {
  auto strip = [&](char c) { return is_space(c) || extra.find(c) != std::string_view::npos; };
  while (!text.empty() && strip(text.front())) text.remove_prefix(1);
  while (!text.empty() && strip(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace newsdex::understand
