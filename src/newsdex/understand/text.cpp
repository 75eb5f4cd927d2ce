#include "newsdex/understand/text.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

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

bool is_right_single_quote(std::string_view text, size_t pos) {
  return pos + 2 < text.size() && static_cast<unsigned char>(text[pos]) == 0xE2 &&
         static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
         static_cast<unsigned char>(text[pos + 2]) == 0x99;
}

// append_words' byte table: ASCII letters and digits and non-ASCII bytes are word bytes, except
// that E2 (U+2018.. punctuation, dashes) and C2 (no-break space) need punct_length to decide.
constexpr uint8_t kOtherByte = 0, kLetterByte = 1, kMaybeLetterByte = 2;
constexpr std::array<uint8_t, 256> make_byte_kinds() {
  std::array<uint8_t, 256> kinds{};
  for (int c = 0; c < 256; ++c) {
    const bool ascii_word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (ascii_word || c >= 0x80) kinds[static_cast<size_t>(c)] = kLetterByte;
  }
  kinds[0xE2] = kMaybeLetterByte;
  kinds[0xC2] = kMaybeLetterByte;
  return kinds;
}
constexpr std::array<uint8_t, 256> kByteKinds = make_byte_kinds();

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

namespace {

// Calls visit(start, end) for the byte range of every word of text[from, to), in order, until it
// returns false. A word byte is an ASCII letter or digit, or a non-ASCII byte that does not start
// punctuation (punct_length); a byte table decides the common case.
template <typename Visit>
void for_each_word(std::string_view text, uint32_t from, uint32_t to, Visit&& visit) {
  const char* const data = text.data();
  const size_t size = text.size();
  auto letter_at = [&](size_t p) {
    if (p >= size) return false;
    const uint8_t kind = kByteKinds[static_cast<unsigned char>(data[p])];
    return kind == kLetterByte || (kind == kMaybeLetterByte && punct_length(text, p) == 0);
  };
  size_t pos = from;
  const size_t end = std::min<size_t>(to, size);
  while (pos < end) {
    if (!letter_at(pos)) {
      const size_t p = punct_length(text, pos);
      pos += p == 0 ? 1 : p;
      continue;
    }
    size_t i = pos;
    // Dotted initialism: X.Y. (letters each followed by a dot).
    if (i + 3 < end && !is_high(data[i]) && data[i + 1] == '.' &&
        (is_upper(data[i + 2]) || is_lower(data[i + 2])) && data[i + 3] == '.' &&
        !letter_at(i + 4)) {
      while (i + 1 < end && (is_upper(data[i]) || is_lower(data[i])) && data[i + 1] == '.') i += 2;
    } else {
      while (i < end) {
        if (letter_at(i)) {
          ++i;
        } else if ((data[i] == '\'' || data[i] == '-') && i > pos && letter_at(i + 1)) {
          ++i;
        } else if (i > pos && is_right_single_quote(text, i) && letter_at(i + 3)) {
          i += 3;
        } else {
          break;
        }
      }
    }
    if (!visit(pos, i)) return;
    pos = i;
  }
}

}  // namespace

size_t count_words(std::string_view text, size_t at_most) {
  size_t n = 0;
  if (at_most == 0) return 0;
  for_each_word(text, 0, static_cast<uint32_t>(text.size()),
                [&](size_t, size_t) { return ++n < at_most; });
  return n;
}

void append_words(std::string_view text, uint32_t from, uint32_t to, std::vector<Word>& out) {
  // Hot: every document's body is split here; a word is scanned first, then folded in one pass.
  const char* const data = text.data();
  const size_t size = text.size();
  for_each_word(text, from, to, [&](size_t pos, size_t i) {
    // Fold text[pos, i): ASCII lower case, the curly apostrophe (the only E2 80 sequence a word
    // can hold, see punct_length) as '.
    Word& w = out.emplace_back();
    w.start = static_cast<uint32_t>(pos);
    w.end = static_cast<uint32_t>(i);
    w.name_end = w.end;
    std::string& lower = w.lower;
    lower.resize(i - pos);
    char* o = lower.data();
    size_t letters = 0, uppers = 0;
    for (size_t k = pos; k < i;) {
      const char c = data[k];
      if (is_upper(c)) {
        ++letters;
        ++uppers;
        *o++ = static_cast<char>(c - 'A' + 'a');
        ++k;
      } else if (is_lower(c)) {
        ++letters;
        *o++ = c;
        ++k;
      } else if (k + 2 < size && static_cast<unsigned char>(c) == 0xE2 &&
                 static_cast<unsigned char>(data[k + 1]) == 0x80) {
        *o++ = '\'';
        k += 3;
      } else {
        *o++ = c;
        ++k;
      }
    }
    lower.resize(static_cast<size_t>(o - lower.data()));
    if (lower.size() > 2 && lower.ends_with("'s")) {
      lower.resize(lower.size() - 2);
      w.possessive = true;
      w.name_end = w.end - (data[w.end - 2] == '\'' ? 2 : 4);
    }
    w.capitalised = is_upper(data[pos]);
    w.all_caps = letters >= 2 && uppers == letters;
    return true;
  });
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

namespace {

struct SentenceMemoState {
  bool active = false;
  const char* data = nullptr;
  size_t size = 0;
  std::unordered_map<uint64_t, std::vector<Span>> results;  // (from << 32 | to) -> sentences
};
thread_local SentenceMemoState t_sentence_memo;

std::vector<Span> compute_sentences(std::string_view text, uint32_t from, uint32_t to);

}  // namespace

SentenceMemo::SentenceMemo(std::string_view text) {
  SentenceMemoState& memo = t_sentence_memo;
  if (memo.active) return;
  memo.active = true;
  memo.data = text.data();
  memo.size = text.size();
  m_owner = true;
}

SentenceMemo::~SentenceMemo() {
  if (!m_owner) return;
  SentenceMemoState& memo = t_sentence_memo;
  memo.active = false;
  memo.data = nullptr;
  memo.size = 0;
  memo.results.clear();
}

std::vector<Span> split_sentences(std::string_view text, uint32_t from, uint32_t to) {
  SentenceMemoState& memo = t_sentence_memo;
  if (!memo.active || text.data() != memo.data || text.size() != memo.size)
    return compute_sentences(text, from, to);
  const uint64_t key = (uint64_t{from} << 32) | to;
  if (auto it = memo.results.find(key); it != memo.results.end()) return it->second;
  std::vector<Span> out = compute_sentences(text, from, to);
  memo.results.emplace(key, out);
  return out;
}

namespace {

std::vector<Span> compute_sentences(std::string_view text, uint32_t from, uint32_t to) {
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
        // "the U.S. is": a dotted initialism before a lower-case word is mid-sentence.
        const bool initialism = w > from && text[w - 1] == '.';
        if (word.size() > 1 || (n < end && is_upper(text[n])) ||
            (initialism && n < end && is_lower(text[n])))
          continue;
      }
    }
    push(std::min(j, end));
    i = std::min(j, end) - 1;
  }
  push(end);
  return out;
}

}  // namespace

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
