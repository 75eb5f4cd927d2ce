#include "newsdex/analysis/phonetic.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
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

// Double Metaphone, written from Lawrence Philips' description of the algorithm (C/C++ Users
// Journal, June 2000). The word is read as upper-case ASCII letters (anything else is dropped);
// positions past its end read as spaces, before its start as nothing, as in the original, so
// rules such as "IER " (a French ending) see the end of the word.
namespace {

class DoubleMetaphoneEncoder {
 public:
  explicit DoubleMetaphoneEncoder(std::string_view input) {
    for (char c : input) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c >= 'A' && c <= 'Z') m_w += c;
    }
    m_n = static_cast<long>(m_w.size());
    m_last = m_n - 1;
    m_slavo_germanic = m_w.find('W') != std::string::npos || m_w.find('K') != std::string::npos ||
                       m_w.find("CZ") != std::string::npos;
  }

  DoubleMetaphoneKeys run() {
    if (m_n == 0) return {};
    long i = 0;
    if (is(0, {"GN", "KN", "PN", "WR", "PS"})) i = 1;
    if (at(0) == 'X') {
      add("S");
      i = 1;
    }
    while (i < m_n) i = step(i);
    return {std::move(m_primary), std::move(m_alternate)};
  }

 private:
  char at(long i) const {
    if (i < 0) return '\0';
    return i < m_n ? m_w[static_cast<size_t>(i)] : ' ';
  }
  // The letters from `start` read as one of `options` (all of one length).
  bool is(long start, std::initializer_list<std::string_view> options) const {
    if (start < 0) return false;
    for (std::string_view o : options) {
      bool same = true;
      for (size_t k = 0; k < o.size() && same; ++k) same = at(start + static_cast<long>(k)) == o[k];
      if (same) return true;
    }
    return false;
  }
  bool vowel(long i) const {
    const char c = at(i);
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
  }
  bool germanic_start() const { return is(0, {"VAN ", "VON "}) || is(0, {"SCH"}); }
  void add(std::string_view both) {
    m_primary += both;
    m_alternate += both;
  }
  void add(std::string_view primary, std::string_view alternate) {
    m_primary += primary;
    m_alternate += alternate;
  }

  // Encodes the letter at i (with its context); returns where the next one starts.
  long step(long i) {
    const char c = at(i);
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (i == 0) add("A");
        return i + 1;
      case 'B':
        add("P");
        return at(i + 1) == 'B' ? i + 2 : i + 1;
      case 'C':
        return letter_c(i);
      case 'D':
        if (is(i, {"DG"})) {
          if (is(i + 2, {"I", "E", "Y"})) {
            add("J");  // "edge"
            return i + 3;
          }
          add("TK");  // "edgar"
          return i + 2;
        }
        add("T");
        return is(i, {"DT", "DD"}) ? i + 2 : i + 1;
      case 'F':
        add("F");
        return at(i + 1) == 'F' ? i + 2 : i + 1;
      case 'G':
        return letter_g(i);
      case 'H':
        // Sounded only between vowels or at the start before one.
        if ((i == 0 || vowel(i - 1)) && vowel(i + 1)) {
          add("H");
          return i + 2;
        }
        return i + 1;
      case 'J':
        return letter_j(i);
      case 'K':
        add("K");
        return at(i + 1) == 'K' ? i + 2 : i + 1;
      case 'L':
        if (at(i + 1) == 'L') {
          // Spanish "-illo", "-illa", "-alle": no L in the alternate.
          if ((i == m_n - 3 && is(i - 1, {"ILLO", "ILLA", "ALLE"})) ||
              ((is(m_last - 1, {"AS", "OS"}) || is(m_last, {"A", "O"})) && is(i - 1, {"ALLE"}))) {
            add("L", "");
            return i + 2;
          }
          add("L");
          return i + 2;
        }
        add("L");
        return i + 1;
      case 'M':
        add("M");
        // "dumb", "thumbed": the B is silent.
        if ((is(i - 1, {"UMB"}) && (i + 1 == m_last || is(i + 2, {"ER"}))) || at(i + 1) == 'M')
          return i + 2;
        return i + 1;
      case 'N':
        add("N");
        return at(i + 1) == 'N' ? i + 2 : i + 1;
      case 'P':
        if (at(i + 1) == 'H') {
          add("F");
          return i + 2;
        }
        add("P");
        return is(i + 1, {"P", "B"}) ? i + 2 : i + 1;
      case 'Q':
        add("K");
        return at(i + 1) == 'Q' ? i + 2 : i + 1;
      case 'R':
        // French "-ier" at the end ("rogier"), not "-meier".
        if (i == m_last && !m_slavo_germanic && is(i - 2, {"IE"}) && !is(i - 4, {"ME", "MA"}))
          add("", "R");
        else
          add("R");
        return at(i + 1) == 'R' ? i + 2 : i + 1;
      case 'S':
        return letter_s(i);
      case 'T':
        return letter_t(i);
      case 'V':
        add("F");
        return at(i + 1) == 'V' ? i + 2 : i + 1;
      case 'W':
        return letter_w(i);
      case 'X':
        // French "-eaux", "-iaux", "-aux", "-oux" at the end are silent.
        if (!(i == m_last && (is(i - 3, {"IAU", "EAU"}) || is(i - 2, {"AU", "OU"})))) add("KS");
        return is(i + 1, {"C", "X"}) ? i + 2 : i + 1;
      case 'Z':
        if (at(i + 1) == 'H') {
          add("J");  // pinyin "zhao"
          return i + 2;
        }
        if (is(i + 1, {"ZO", "ZI", "ZA"}) || (m_slavo_germanic && i > 0 && at(i - 1) != 'T'))
          add("S", "TS");
        else
          add("S");
        return at(i + 1) == 'Z' ? i + 2 : i + 1;
      default:
        return i + 1;
    }
  }

  long letter_c(long i) {
    // Germanic "-ach-" ("bacher", "macher") but not "-ache", "-achi".
    if (i > 1 && !vowel(i - 2) && is(i - 1, {"ACH"}) && at(i + 2) != 'I' &&
        (at(i + 2) != 'E' || is(i - 2, {"BACHER", "MACHER"}))) {
      add("K");
      return i + 2;
    }
    if (i == 0 && is(i, {"CAESAR"})) {
      add("S");
      return i + 2;
    }
    if (is(i, {"CHIA"})) {  // "chianti"
      add("K");
      return i + 2;
    }
    if (is(i, {"CH"})) {
      if (i > 0 && is(i, {"CHAE"})) {  // "michael"
        add("K", "X");
        return i + 2;
      }
      // Greek roots at the start: "character", "charisma", "chorus", "chemistry" (not "chore").
      if (i == 0 && (is(i + 1, {"HARAC", "HARIS"}) || is(i + 1, {"HOR", "HYM", "HIA", "HEM"})) &&
          !is(0, {"CHORE"})) {
        add("K");
        return i + 2;
      }
      if (germanic_start() || is(i - 2, {"ORCHES", "ARCHIT", "ORCHID"}) || is(i + 2, {"T", "S"}) ||
          ((is(i - 1, {"A", "O", "U", "E"}) || i == 0) &&
           is(i + 2, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "}))) {
        add("K");
      } else if (i > 0) {
        if (is(0, {"MC"}))
          add("K");  // "mchugh"
        else
          add("X", "K");
      } else {
        add("X");
      }
      return i + 2;
    }
    if (is(i, {"CZ"}) && !is(i - 2, {"WICZ"})) {  // "czerny"
      add("S", "X");
      return i + 2;
    }
    if (is(i + 1, {"CIA"})) {  // "focaccia"
      add("X");
      return i + 3;
    }
    if (is(i, {"CC"}) && !(i == 1 && at(0) == 'M')) {  // not "mcclellan"
      if (is(i + 2, {"I", "E", "H"}) && !is(i + 2, {"HU"})) {
        // "accident", "succeed" against Italian "bacci".
        if ((i == 1 && at(i - 1) == 'A') || is(i - 1, {"UCCEE", "UCCES"}))
          add("KS");
        else
          add("X");
        return i + 3;
      }
      add("K");
      return i + 2;
    }
    if (is(i, {"CK", "CG", "CQ"})) {
      add("K");
      return i + 2;
    }
    if (is(i, {"CI", "CE", "CY"})) {
      if (is(i, {"CIO", "CIE", "CIA"}))
        add("S", "X");  // Italian
      else
        add("S");
      return i + 2;
    }
    add("K");
    if (is(i + 1, {" C", " Q", " G"})) return i + 3;
    if (is(i + 1, {"C", "K", "Q"}) && !is(i + 1, {"CE", "CI"})) return i + 2;
    return i + 1;
  }

  long letter_g(long i) {
    if (at(i + 1) == 'H') {
      if (i > 0 && !vowel(i - 1)) {
        add("K");
        return i + 2;
      }
      if (i == 0) {  // "ghislane", "ghent"
        add(at(i + 2) == 'I' ? "J" : "K");
        return i + 2;
      }
      // Silent after B, H, D a little before: "hugh", "bough", "broughton".
      if ((i > 1 && is(i - 2, {"B", "H", "D"})) || (i > 2 && is(i - 3, {"B", "H", "D"})) ||
          (i > 3 && is(i - 4, {"B", "H"})))
        return i + 2;
      if (i > 2 && at(i - 1) == 'U' && is(i - 3, {"C", "G", "L", "R", "T"}))
        add("F");  // "laugh", "cough", "tough"
      else if (i > 0 && at(i - 1) != 'I')
        add("K");
      return i + 2;
    }
    if (at(i + 1) == 'N') {
      if (i == 1 && vowel(0) && !m_slavo_germanic)
        add("KN", "N");
      else if (!is(i + 2, {"EY"}) && at(i + 1) != 'Y' && !m_slavo_germanic)
        add("N", "KN");
      else
        add("KN");
      return i + 2;
    }
    if (is(i + 1, {"LI"}) && !m_slavo_germanic) {  // "tagliaro"
      add("KL", "L");
      return i + 2;
    }
    // "ges", "gep", "gel", "gie"... at the start.
    if (i == 0 && (at(i + 1) == 'Y' ||
                   is(i + 1, {"ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"}))) {
      add("K", "J");
      return i + 2;
    }
    // "-ger-", "-gy-" but not "danger", "ranger", "manger", "-rgy", "-ogy".
    if ((is(i + 1, {"ER"}) || at(i + 1) == 'Y') && !is(0, {"DANGER", "RANGER", "MANGER"}) &&
        !is(i - 1, {"E", "I"}) && !is(i - 1, {"RGY", "OGY"})) {
      add("K", "J");
      return i + 2;
    }
    // Italian "biaggi" and soft G before E, I, Y.
    if (is(i + 1, {"E", "I", "Y"}) || is(i - 1, {"AGGI", "OGGI"})) {
      if (germanic_start() || is(i + 1, {"ET"}))
        add("K");
      else if (is(i + 1, {"IER "}))
        add("J");
      else
        add("J", "K");
      return i + 2;
    }
    add("K");
    return at(i + 1) == 'G' ? i + 2 : i + 1;
  }

  long letter_j(long i) {
    // Spanish "jose", "san jacinto".
    if (is(i, {"JOSE"}) || is(0, {"SAN "})) {
      if ((i == 0 && at(i + 4) == ' ') || is(0, {"SAN "}))
        add("H");
      else
        add("J", "H");
      return i + 1;
    }
    if (i == 0 && !is(i, {"JOSE"})) {
      add("J", "A");  // "jankelowicz" as "yankelovich"
    } else if (vowel(i - 1) && !m_slavo_germanic && (at(i + 1) == 'A' || at(i + 1) == 'O')) {
      add("J", "H");  // Spanish "bajador"
    } else if (i == m_last) {
      add("J", "");
    } else if (!is(i + 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) &&
               !is(i - 1, {"S", "K", "L"})) {
      add("J");
    }
    return at(i + 1) == 'J' ? i + 2 : i + 1;
  }

  long letter_s(long i) {
    if (is(i - 1, {"ISL", "YSL"})) return i + 1;  // "island", "carlisle"
    if (i == 0 && is(i, {"SUGAR"})) {
      add("X", "S");
      return i + 1;
    }
    if (is(i, {"SH"})) {
      add(is(i + 1, {"HEIM", "HOEK", "HOLM", "HOLZ"}) ? "S" : "X");  // Germanic "-sheim"
      return i + 2;
    }
    if (is(i, {"SIO", "SIA"}) || is(i, {"SIAN"})) {  // Italian, Armenian
      if (!m_slavo_germanic)
        add("S", "X");
      else
        add("S");
      return i + 3;
    }
    // "smith" against "schmidt", "snider" against "schneider"; Slavic "-sz-".
    if ((i == 0 && is(i + 1, {"M", "N", "L", "W"})) || is(i + 1, {"Z"})) {
      add("S", "X");
      return is(i + 1, {"Z"}) ? i + 2 : i + 1;
    }
    if (is(i, {"SC"})) {
      if (at(i + 2) == 'H') {
        if (is(i + 3, {"OO", "ER", "EN", "UY", "ED", "EM"})) {  // Dutch "school", "schooner"
          if (is(i + 3, {"ER", "EN"}))
            add("X", "SK");  // "schermerhorn", "schenker"
          else
            add("SK");
          return i + 3;
        }
        if (i == 0 && !vowel(3) && at(3) != 'W')
          add("X", "S");
        else
          add("X");
        return i + 3;
      }
      add(is(i + 2, {"I", "E", "Y"}) ? "S" : "SK");
      return i + 3;
    }
    if (i == m_last && is(i - 2, {"AI", "OI"}))
      add("", "S");  // French "resnais", "artois"
    else
      add("S");
    return is(i + 1, {"S", "Z"}) ? i + 2 : i + 1;
  }

  long letter_t(long i) {
    if (is(i, {"TION"})) {
      add("X");
      return i + 3;
    }
    if (is(i, {"TIA", "TCH"})) {
      add("X");
      return i + 3;
    }
    if (is(i, {"TH"}) || is(i, {"TTH"})) {
      if (is(i + 2, {"OM", "AM"}) || germanic_start())
        add("T");  // "thomas", "thames"
      else
        add("0", "T");
      return i + 2;
    }
    add("T");
    return is(i + 1, {"T", "D"}) ? i + 2 : i + 1;
  }

  long letter_w(long i) {
    if (is(i, {"WR"})) {
      add("R");
      return i + 2;
    }
    if (i == 0 && (vowel(i + 1) || is(i, {"WH"}))) {
      if (vowel(i + 1))
        add("A", "F");  // "wasserman" as "vasserman"
      else
        add("A");
    }
    // "arnow" as "arnoff", Polish "-ewski".
    if ((i == m_last && vowel(i - 1)) || is(i - 1, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) ||
        is(0, {"SCH"})) {
      add("", "F");
      return i + 1;
    }
    if (is(i, {"WICZ", "WITZ"})) {  // Polish "filipowicz"
      add("TS", "FX");
      return i + 4;
    }
    return i + 1;
  }

  std::string m_w;
  long m_n = 0;
  long m_last = 0;
  bool m_slavo_germanic = false;
  std::string m_primary;
  std::string m_alternate;
};

}  // namespace

DoubleMetaphoneKeys double_metaphone(std::string_view word, size_t max_length) {
  DoubleMetaphoneKeys keys = DoubleMetaphoneEncoder(word).run();
  if (max_length > 0) {
    if (keys.primary.size() > max_length) keys.primary.resize(max_length);
    if (keys.alternate.size() > max_length) keys.alternate.resize(max_length);
  }
  return keys;
}

std::vector<std::string> sound_keys(std::string_view word) {
  std::vector<std::string> keys;
  for (auto p : pronunciations(word)) {
    std::string key(1, kPhonemeKey);
    key += p;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
  auto dm = double_metaphone(word);
  if (!dm.primary.empty()) keys.push_back(kDoublePrimaryKey + dm.primary);
  if (!dm.alternate.empty() && dm.alternate != dm.primary)
    keys.push_back(kDoubleAlternateKey + dm.alternate);
  return keys;
}

std::string metaphone_key(std::string_view word) {
  auto m = metaphone(word);
  return m.empty() ? std::string() : kMetaphoneKey + m;
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
