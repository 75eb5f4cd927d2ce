#include "newsdex/analysis/phonetic.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>

namespace newsdex::analysis {
namespace detail {
std::span<const std::string_view> cmudict_chunks();
}  // namespace detail

namespace {

// The table as one string of sorted "word\tcodes\n" lines, searched in place: no parse at start-up
// (a CLI search pays only for the copy of the compiled-in chunks).
struct Dictionary {
  std::string text;
  size_t lines = 0;

  Dictionary() {
    size_t size = 0;
    for (auto c : detail::cmudict_chunks()) size += c.size();
    text.reserve(size);
    for (auto c : detail::cmudict_chunks()) text += c;
    lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  }
  // Start of the line holding byte `at`.
  size_t line_start(size_t at) const {
    while (at > 0 && text[at - 1] != '\n') --at;
    return at;
  }
  std::string_view word_at(size_t start) const {
    const size_t tab = text.find('\t', start);
    return std::string_view(text).substr(start, tab == std::string::npos ? 0 : tab - start);
  }
  std::string_view codes_at(size_t start) const {
    const size_t tab = text.find('\t', start);
    const size_t eol = text.find('\n', start);
    if (tab == std::string::npos || eol == std::string::npos || tab > eol) return {};
    return std::string_view(text).substr(tab + 1, eol - tab - 1);
  }
  size_t next_line(size_t start) const {
    const size_t eol = text.find('\n', start);
    return eol == std::string::npos ? text.size() : eol + 1;
  }
  // Start of the first line whose word is >= `word`.
  size_t lower_bound(std::string_view word) const {
    size_t lo = 0, hi = text.size();  // lo: a line start; answer in [lo, hi]
    while (lo < hi) {
      const size_t mid = line_start(lo + (hi - lo) / 2);
      if (mid <= lo) {
        // The midpoint fell in the first line of the range: step line by line.
        if (word_at(lo) < word)
          lo = next_line(lo);
        else
          hi = lo;
        continue;
      }
      if (word_at(mid) < word)
        lo = next_line(mid);
      else
        hi = mid;
    }
    return lo;
  }
};

const Dictionary& dictionary() {
  static const Dictionary dict;
  return dict;
}

constexpr std::array<std::pair<char, std::string_view>, 39> kNames = {{
    {'A', "aa"}, {'@', "ae"}, {'^', "ah"}, {'O', "ao"}, {'W', "aw"}, {'Y', "ay"}, {'E', "eh"},
    {'R', "er"}, {'e', "ey"}, {'I', "ih"}, {'i', "iy"}, {'o', "ow"}, {'Q', "oy"}, {'U', "uh"},
    {'u', "uw"}, {'b', "b"},  {'c', "ch"}, {'d', "d"},  {'D', "dh"}, {'f', "f"},  {'g', "g"},
    {'h', "hh"}, {'j', "jh"}, {'k', "k"},  {'l', "l"},  {'m', "m"},  {'n', "n"},  {'N', "ng"},
    {'p', "p"},  {'r', "r"},  {'s', "s"},  {'S', "sh"}, {'t', "t"},  {'T', "th"}, {'v', "v"},
    {'w', "w"},  {'y', "y"},  {'z', "z"},  {'Z', "zh"},
}};

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

}  // namespace

std::vector<std::string_view> pronunciations(std::string_view word) {
  std::vector<std::string_view> out;
  if (word.empty()) return out;
  const auto& d = dictionary();
  for (size_t at = d.lower_bound(word); at < d.text.size() && d.word_at(at) == word;
       at = d.next_line(at))
    out.push_back(d.codes_at(at));
  return out;
}

void for_each_pronunciation(
    const std::function<void(std::string_view word, std::string_view phonemes)>& fn) {
  const auto& d = dictionary();
  for (size_t at = 0; at < d.text.size(); at = d.next_line(at)) fn(d.word_at(at), d.codes_at(at));
}

size_t pronunciation_count() {
  return dictionary().lines;
}

std::string_view phoneme_name(char code) {
  for (const auto& [c, name] : kNames)
    if (c == code) return name;
  return "?";
}

std::string describe_phonemes(std::string_view codes) {
  std::string out;
  for (char c : codes) {
    if (!out.empty()) out += ' ';
    out += phoneme_name(c);
  }
  return out;
}

std::string metaphone(std::string_view input) {
  // Letters only, lower case; apostrophes and digits are dropped.
  std::string w;
  for (char c : input) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') w += c;
  }
  if (w.empty()) return {};
  // Initial exceptions.
  auto starts = [&](std::string_view p) { return w.compare(0, p.size(), p) == 0; };
  if (starts("kn") || starts("gn") || starts("pn") || starts("ae") || starts("wr"))
    w.erase(0, 1);
  else if (w[0] == 'x')
    w[0] = 's';
  else if (starts("wh"))
    w.erase(1, 1);
  const size_t n = w.size();
  auto at = [&](size_t i) -> char { return i < n ? w[i] : '\0'; };
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    const char c = w[i];
    if (c != 'c' && i > 0 && w[i - 1] == c) continue;  // doubled letters sound once
    const char next = at(i + 1);
    const char prev = i > 0 ? w[i - 1] : '\0';
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        if (i == 0) out += 'A';
        break;
      case 'b':
        if (!(i + 1 == n && prev == 'm')) out += 'B';
        break;
      case 'c':
        if (next == 'i' && at(i + 2) == 'a')
          out += 'X';
        else if (next == 'h')
          out += (prev == 's') ? 'K' : 'X';
        else if (next == 'i' || next == 'e' || next == 'y') {
          if (prev != 's') out += 'S';
        } else
          out += 'K';
        break;
      case 'd':
        if (next == 'g' && (at(i + 2) == 'e' || at(i + 2) == 'y' || at(i + 2) == 'i'))
          out += 'J';
        else
          out += 'T';
        break;
      case 'g':
        if (next == 'h' && !(i + 2 >= n || is_vowel(at(i + 2)))) break;  // "night"
        if (next == 'n' && (i + 2 == n || (at(i + 2) == 'e' && at(i + 3) == 'd' && i + 4 == n)))
          break;  // "sign", "signed"
        if ((next == 'i' || next == 'e' || next == 'y') && prev != 'g')
          out += 'J';
        else
          out += 'K';
        break;
      case 'h':
        if (prev == 'c' || prev == 's' || prev == 'p' || prev == 't' || prev == 'g') break;
        if (is_vowel(prev) && !is_vowel(next)) break;
        if (is_vowel(next) || i == 0) out += 'H';
        break;
      case 'k':
        if (prev != 'c') out += 'K';
        break;
      case 'p':
        out += next == 'h' ? 'F' : 'P';
        break;
      case 'q':
        out += 'K';
        break;
      case 's':
        if (next == 'h' || (next == 'i' && (at(i + 2) == 'o' || at(i + 2) == 'a')))
          out += 'X';
        else
          out += 'S';
        break;
      case 't':
        if (next == 'i' && (at(i + 2) == 'o' || at(i + 2) == 'a'))
          out += 'X';
        else if (next == 'h')
          out += '0';
        else if (!(next == 'c' && at(i + 2) == 'h'))
          out += 'T';
        break;
      case 'v':
        out += 'F';
        break;
      case 'w':
      case 'y':
        if (is_vowel(next)) out += static_cast<char>(c - 'a' + 'A');
        break;
      case 'x':
        out += "KS";
        break;
      case 'z':
        out += 'S';
        break;
      default:  // f j l m n r
        out += static_cast<char>(c - 'a' + 'A');
        break;
    }
  }
  return out;
}

std::vector<std::string> sound_keys(std::string_view word) {
  std::vector<std::string> keys;
  for (auto p : pronunciations(word)) {
    std::string key = "p";
    key += p;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
  if (auto m = metaphone(word); !m.empty()) keys.push_back("m" + m);
  return keys;
}

int edit_distance(std::string_view a, std::string_view b, int max) {
  EditDistanceScanner scanner(a, max);
  return scanner.distance(b);
}

EditDistanceScanner::EditDistanceScanner(std::string_view query, int max)
    : m_query(query), m_max(std::max(0, max)), m_stride(m_query.size() + 1) {
  m_rows.resize(m_stride);
  for (size_t j = 0; j < m_stride; ++j) m_rows[j] = std::min(static_cast<int>(j), m_max + 1);
  m_mins.push_back(0);
}

EditDistanceScanner::EditDistanceScanner(std::string_view query, int max, size_t split_column,
                                         int split_max)
    : EditDistanceScanner(query, max) {
  m_split = true;
  m_split_column = std::min(split_column, m_query.size());
  m_split_max = std::max(0, split_max);
  m_split_mins.push_back(0);
  m_split_met.push_back(m_rows[m_split_column] <= m_split_max);
}

bool EditDistanceScanner::dead(size_t row) const {
  // Two rows in a row above the limit: a transposition reaches back one row at cost 1, every
  // other step from the row just above, so no later row comes back under it.
  if (m_mins[row] > m_max && m_mins[row - 1] + 1 > m_max) return true;
  return m_split && !m_split_met[row] && m_split_mins[row] > m_split_max &&
         m_split_mins[row - 1] + 1 > m_split_max;
}

int EditDistanceScanner::distance(std::string_view cand) {
  size_t common = 0;
  const size_t depth = m_mins.size();  // rows computed: for the first depth - 1 bytes of m_prev
  const size_t limit = std::min({cand.size(), m_prev.size(), depth - 1});
  while (common < limit && cand[common] == m_prev[common]) ++common;
  m_mins.resize(common + 1);
  if (m_split) {
    m_split_mins.resize(common + 1);
    m_split_met.resize(common + 1);
  }
  const size_t q = m_query.size();
  const int cap = m_max + 1;  // every value above max is stored as max + 1
  const auto max = static_cast<size_t>(m_max);
  size_t i = common + 1;
  for (; i <= cand.size(); ++i) {
    if (i >= 2 && dead(i - 1)) break;
    if (m_rows.size() < (i + 1) * m_stride) m_rows.resize((i + 1) * m_stride);
    int* row = m_rows.data() + i * m_stride;
    const int* up = row - m_stride;
    // Only the band |i - j| <= max can hold a value within max (Ukkonen): computed, with the
    // cells just outside it capped (the next rows read no further).
    row[0] = std::min(static_cast<int>(i), cap);
    int row_min = row[0];
    int split_min = row[0];
    const char c = cand[i - 1];
    const size_t lo = i > max ? i - max : 1;
    const size_t hi = std::min(q, i + max);
    if (lo > 1) row[lo - 1] = cap;
    if (hi < q) row[hi + 1] = cap;
    for (size_t j = std::max<size_t>(lo, 1); j <= hi; ++j) {
      int v = std::min(up[j] + 1, row[j - 1] + 1);
      v = std::min(v, up[j - 1] + (c == m_query[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && c == m_query[j - 2] && cand[i - 2] == m_query[j - 1])
        v = std::min(v, (up - m_stride)[j - 2] + 1);
      v = std::min(v, cap);
      row[j] = v;
      row_min = std::min(row_min, v);
      if (j <= m_split_column) split_min = std::min(split_min, v);
    }
    m_mins.push_back(row_min);
    if (m_split) {
      // Column a outside the band holds no value within max (nor within s < max).
      const size_t a = m_split_column;
      const int at_a = a == 0 ? row[0] : (a >= std::max<size_t>(lo, 1) && a <= hi ? row[a] : cap);
      m_split_mins.push_back(split_min);
      m_split_met.push_back(m_split_met.back() || at_a <= m_split_max);
    }
  }
  const size_t rows = m_mins.size() - 1;  // bytes of cand with a row
  m_prev.assign(cand.substr(0, rows));
  if (rows < cand.size()) return m_max + 1;  // cut short: hopeless prefix
  if (m_split && !m_split_met[rows]) return m_max + 1;
  // Lengths further apart than max: the corner lies outside the band (and was not computed).
  if (cand.size() > q + max || q > cand.size() + max) return m_max + 1;
  const int d = m_rows[cand.size() * m_stride + q];
  return d > m_max ? m_max + 1 : d;
}

size_t EditDistanceScanner::hopeless_prefix() const {
  for (size_t length = 1; length < m_mins.size(); ++length)
    if (dead(length)) return length;
  return 0;
}

}  // namespace newsdex::analysis
