#include "newsdex/analysis/analyzer.hpp"

#include <libstemmer.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex::analysis {
namespace {

// NFKC with full case folding; default-ignorable code points (soft hyphen, zero-width joiners)
// are dropped so "co\u00ADoperate" and "cooperate" meet.
constexpr auto kFoldOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

constexpr char32_t kRightSingleQuote = 0x2019;  // ’ — the apostrophe of typeset text

enum class CharClass : uint8_t {
  kOther,   // separators, punctuation, symbols, invalid bytes
  kLetter,  // Unicode L*
  kDigit,   // Unicode N*
  kMark,    // Unicode M*: continues a word, never starts one
  kFormat,  // Unicode Cf (soft hyphen, zero-width joiner): continues a word when one follows
};

constexpr std::array<CharClass, 128> make_ascii_classes() {
  std::array<CharClass, 128> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<size_t>(c)] = CharClass::kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<size_t>(c)] = CharClass::kLetter;
  for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] = CharClass::kDigit;
  return table;
}
constexpr std::array<CharClass, 128> kAsciiClasses = make_ascii_classes();

struct CodePoint {
  int32_t value = -1;  // -1 for an invalid or truncated sequence
  uint32_t length = 1;
  CharClass cls = CharClass::kOther;
};

CharClass classify(int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::kMark;
    case UTF8PROC_CATEGORY_CF:
      return CharClass::kFormat;
    default:
      return CharClass::kOther;
  }
}

// Decodes the multi-byte sequence at text[i], never reading at or past `limit`.
CodePoint decode_multibyte(std::string_view text, size_t i, size_t limit) {
  int32_t cp = -1;
  const auto avail = static_cast<utf8proc_ssize_t>(std::min<size_t>(limit - i, 4));
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i), avail, &cp);
  if (n <= 0 || cp < 0) return {-1, 1, CharClass::kOther};
  return {cp, static_cast<uint32_t>(n), classify(cp)};
}

// Decodes the code point at text[i], never reading at or past `limit`.
inline CodePoint decode(std::string_view text, size_t i, size_t limit) {
  const auto byte = static_cast<uint8_t>(text[i]);
  if (byte < 0x80) return {byte, 1, kAsciiClasses[byte]};
  return decode_multibyte(text, i, limit);
}

bool is_word_char(CharClass cls) {
  return cls == CharClass::kLetter || cls == CharClass::kDigit || cls == CharClass::kMark;
}
bool starts_word(CharClass cls) {
  return cls == CharClass::kLetter || cls == CharClass::kDigit;
}

// The end of the run of ASCII letters and digits that starts at text[begin]: the first offset
// before `limit` whose byte is anything else (or `limit`). Sixteen bytes at a time with SSE2 (a
// word of the 100M benchmark corpus averages ~5 bytes: one vector step instead of a table lookup
// per byte); the same offsets as the byte loop, which finishes the last bytes before `limit`.
inline size_t ascii_word_end(const char* text, size_t begin, size_t limit) {
  size_t j = begin;
#if defined(__SSE2__)
  const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
  const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20);
  while (j + 16 <= limit) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + j));
    // Signed compares: bytes >= 0x80 are negative, so neither letters nor digits.
    const __m128i lower = _mm_or_si128(x, case_bit);
    const __m128i letter =
        _mm_and_si128(_mm_cmpgt_epi8(lower, before_a), _mm_cmpgt_epi8(after_z, lower));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, before_0), _mm_cmpgt_epi8(after_9, x));
    const auto word = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
    if (word != 0xFFFF) return j + static_cast<size_t>(__builtin_ctz(~word));
    j += 16;
  }
#endif
  while (j < limit) {
    const auto byte = static_cast<uint8_t>(text[j]);
    if (byte >= 0x80 || kAsciiClasses[byte] == CharClass::kOther) break;
    ++j;
  }
  return j;
}

constexpr size_t kNotAsciiWord = SIZE_MAX;

// The ASCII fast path of a word starting at text[begin]: a run of ASCII letters and digits ended
// by a byte that cannot join a word (white space, most punctuation) or by `limit` is the whole
// word and its raw form; returns its end. kNotAsciiWord when the run is followed by a non-ASCII
// byte or by ' or . and a word character ("don't", "U.S", "3.5"): the general path
// (Impl::scan_word) reads those. Inlined into the scan loop: most words end here.
inline size_t ascii_word(std::string_view text, size_t begin, size_t limit) {
  const size_t j = ascii_word_end(text.data(), begin, limit);
  if (j >= limit) return j;
  const auto stop = static_cast<uint8_t>(text[j]);
  if (stop >= 0x80) return kNotAsciiWord;
  // ' and . join only when a word character follows: not before white space, punctuation or
  // the end ("tonight." ends a sentence, not a word).
  if (stop != '\'' && stop != '.') return j;
  const bool ends =
      j + 1 >= limit || (static_cast<uint8_t>(text[j + 1]) < 0x80 &&
                         kAsciiClasses[static_cast<uint8_t>(text[j + 1])] == CharClass::kOther);
  return ends ? j : kNotAsciiWord;
}

// NFKC + case fold of valid UTF-8 into `out`, reusing `buffer` between calls.
void fold_utf8(std::string_view text, std::vector<int32_t>& buffer, std::string& out) {
  out.clear();
  const auto* src = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto len = static_cast<utf8proc_ssize_t>(text.size());
  if (buffer.size() < text.size() + 1) buffer.resize(text.size() + 1);
  utf8proc_ssize_t n = utf8proc_decompose(
      src, len, buffer.data(), static_cast<utf8proc_ssize_t>(buffer.size()), kFoldOptions);
  if (n >= 0 && static_cast<size_t>(n) + 1 > buffer.size()) {
    buffer.resize(static_cast<size_t>(n) + 1);
    n = utf8proc_decompose(src, len, buffer.data(), static_cast<utf8proc_ssize_t>(buffer.size()),
                           kFoldOptions);
  }
  if (n < 0) return;  // invalid input; callers pass validated text
  const utf8proc_ssize_t bytes = utf8proc_reencode(buffer.data(), n, kFoldOptions);
  if (bytes < 0) return;
  out.assign(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(bytes));
}

void ascii_lower(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

void append_utf8(std::string& out, int32_t cp) {
  std::array<utf8proc_uint8_t, 4> bytes{};
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, bytes.data());
  out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<size_t>(n));
}

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Stemming dominates analysis time and word frequencies are Zipfian, so recent stems are cached.
// The cache is cleared when full rather than evicting one by one: simple, and refills quickly.
constexpr size_t kStemCacheCapacity = 1 << 16;

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

}  // namespace

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
  std::string raw_buffer;  // a word's raw form when it is not one slice of the text
  std::string_view raw;    // the current word: apostrophes normalised, acronym dots removed
  std::string folded;      // `raw` after NFKC + case fold
  std::vector<int32_t> fold_buffer;
  std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>> stem_cache;
  Token token;

  explicit Impl(AnalyzerOptions opts) : options(std::move(opts)) {
    if (options.stem) stemmer.reset(sb_stemmer_new(options.language.c_str(), "UTF_8"));
  }

  // Scans the word starting at text[begin] (a letter or digit) and returns its end offset.
  // Sets `raw`; sets `ascii` when the word needs no Unicode folding. The general path, for the
  // words ascii_word() does not take (it gives the same result for those it does).
  size_t scan_word(std::string_view text, size_t begin, size_t limit, bool* ascii);
  // Turns `raw` into token.term; false when nothing is left (all ignorable).
  bool make_term(bool ascii);
  // Calls on_word(begin, end, ascii) for every word of `text` outside `skip`, with `raw` set.
  template <class OnWord>
  void scan(std::string_view text, std::span<const SkipRange> skip, OnWord&& on_word);
  void run(std::string_view text, std::span<const SkipRange> skip,
           const std::function<void(const Token&)>& emit);
};

size_t Analyzer::Impl::scan_word(std::string_view text, size_t begin, size_t limit, bool* ascii) {
  *ascii = true;
  raw_buffer.clear();
  // Acronym state: "U.S." joins only while every dot-separated segment is one letter.
  bool acronym_ok = true;
  size_t segment_letters = 0;
  CharClass prev = CharClass::kOther;  // class of the last letter or digit
  auto count = [&](CharClass cls) {
    if (cls == CharClass::kMark) return;
    prev = cls;
    ++segment_letters;
    if (cls == CharClass::kDigit) acronym_ok = false;
  };
  size_t j = begin;
  for (;;) {
    // A run of word characters.
    const size_t run_start = j;
    while (j < limit) {
      const auto byte = static_cast<uint8_t>(text[j]);
      if (byte < 0x80) {
        const CharClass cls = kAsciiClasses[byte];
        if (cls == CharClass::kOther) break;
        count(cls);
        ++j;
        continue;
      }
      const CodePoint c = decode_multibyte(text, j, limit);
      if (!is_word_char(c.cls)) break;
      *ascii = false;
      count(c.cls);
      j += c.length;
    }
    raw_buffer.append(text.substr(run_start, j - run_start));
    if (j >= limit) break;
    // Only ' and . (and non-ASCII joiners) can continue a word: any other ASCII byte ends it
    // without decoding what follows.
    if (const auto stop = static_cast<uint8_t>(text[j]); stop < 0x80 && stop != '\'' && stop != '.')
      break;

    // A joiner is kept only when a word character follows it.
    const CodePoint c = decode(text, j, limit);
    const size_t after = j + c.length;
    if (after >= limit) break;
    const CodePoint next = decode(text, after, limit);
    if (c.cls == CharClass::kFormat && is_word_char(next.cls)) {
      *ascii = false;
      raw_buffer.append(text.substr(j, c.length));  // dropped by the fold (UTF8PROC_IGNORE)
      j = after;
      continue;
    }
    if ((c.value == '\'' || c.value == static_cast<int32_t>(kRightSingleQuote)) &&
        starts_word(next.cls)) {
      raw_buffer.push_back('\'');
      acronym_ok = false;
      j = after;
      continue;
    }
    if (c.value == '.') {
      if (prev == CharClass::kDigit && next.cls == CharClass::kDigit) {  // 3.5
        raw_buffer.push_back('.');
        segment_letters = 0;
        j = after;
        continue;
      }
      if (acronym_ok && segment_letters == 1 && prev == CharClass::kLetter &&
          next.cls == CharClass::kLetter) {
        const size_t after_next = after + next.length;
        const bool single =
            after_next >= limit || !is_word_char(decode(text, after_next, limit).cls);
        if (single) {  // U.S -> "US": the dot is not part of the term
          segment_letters = 0;
          j = after;
          continue;
        }
      }
    }
    break;
  }
  raw = raw_buffer;
  return j;
}

bool Analyzer::Impl::make_term(bool ascii) {
  if (ascii && !stemmer) {  // the term is the lower-cased word: one copy
    token.term.assign(raw);
    ascii_lower(token.term);
    return true;
  }
  if (ascii) {
    folded.assign(raw);
    ascii_lower(folded);
  } else {
    fold_utf8(raw, fold_buffer, folded);
    if (folded.empty()) return false;
  }
  if (stemmer && folded.size() <= static_cast<size_t>(std::numeric_limits<int>::max())) {
    if (auto it = stem_cache.find(std::string_view(folded)); it != stem_cache.end()) {
      token.term.assign(it->second);
      return !token.term.empty();
    }
    const sb_symbol* stemmed =
        sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(folded.data()),
                        static_cast<int>(folded.size()));
    if (stemmed != nullptr) {
      token.term.assign(reinterpret_cast<const char*>(stemmed),
                        static_cast<size_t>(sb_stemmer_length(stemmer.get())));
      if (stem_cache.size() >= kStemCacheCapacity) stem_cache.clear();
      stem_cache.emplace(folded, token.term);
      return !token.term.empty();
    }
  }
  token.term.assign(folded);
  return true;
}

template <class OnWord>
void Analyzer::Impl::scan(std::string_view text, std::span<const SkipRange> skip,
                          OnWord&& on_word) {
  // Offsets are 32-bit: text past 4 GiB is not analysed.
  const size_t n = std::min<size_t>(text.size(), std::numeric_limits<uint32_t>::max());
  size_t k = 0;
  size_t i = 0;
  while (i < n) {
    while (k < skip.size() && skip[k].end <= i) ++k;
    if (k < skip.size() && skip[k].start <= i) {
      i = skip[k].end;
      ++k;
      continue;
    }
    const size_t limit = k < skip.size() ? std::min<size_t>(n, skip[k].start) : n;
    // Every word up to the next skipped range.
    while (i < limit) {
      const auto byte = static_cast<uint8_t>(text[i]);
      if (byte < 0x80) {
        if (kAsciiClasses[byte] == CharClass::kOther) {
          ++i;
          continue;
        }
      } else if (const CodePoint c = decode_multibyte(text, i, limit); !starts_word(c.cls)) {
        i += c.length;
        continue;
      }
      bool ascii = true;
      size_t end = ascii_word(text, i, limit);
      if (end != kNotAsciiWord)
        raw = std::string_view(text.data() + i, end - i);
      else
        end = scan_word(text, i, limit, &ascii);
      on_word(i, end, ascii);
      i = end;
    }
  }
}

void Analyzer::Impl::run(std::string_view text, std::span<const SkipRange> skip,
                         const std::function<void(const Token&)>& emit) {
  uint32_t position = 0;
  scan(text, skip, [&](size_t begin, size_t end, bool ascii) {
    if (!make_term(ascii)) return;
    token.start = static_cast<uint32_t>(begin);
    token.end = static_cast<uint32_t>(end);
    token.position = position++;
    emit(token);
  });
}

std::string_view profile_name(Profile profile) {
  return profile == Profile::kPlain ? "plain" : "full";
}

std::optional<Profile> profile_from_name(std::string_view name) {
  if (name == "full") return Profile::kFull;
  if (name == "plain") return Profile::kPlain;
  return std::nullopt;
}

AnalyzerOptions analyzer_options(Profile profile) {
  AnalyzerOptions options;
  options.stem = profile == Profile::kFull;
  options.profile = profile;
  return options;
}

Analyzer::Analyzer(AnalyzerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

Profile Analyzer::profile() const {
  return m_impl->options.profile;
}

bool Analyzer::stems() const {
  return m_impl->stemmer != nullptr;
}

std::string Analyzer::signature() const {
  std::string out(profile_name(m_impl->options.profile));
  out += '/';
  out += stems() ? m_impl->options.language : std::string("-");
  return out;
}

void Analyzer::analyze(std::string_view text, std::span<const SkipRange> skip,
                       const std::function<void(const Token&)>& emit) {
  m_impl->run(text, skip, emit);
}

void Analyzer::analyze(std::string_view text, std::span<const SkipRange> skip, WordSink& sink) {
  uint32_t position = 0;
  Impl& impl = *m_impl;
  impl.scan(text, skip, [&](size_t begin, size_t end, bool ascii) {
    const Word word{impl.raw, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), position};
    if (sink.cached(word)) {
      ++position;
    } else if (impl.make_term(ascii)) {
      sink.add(word, impl.token.term);
      ++position;
    }
  });
}

std::vector<Token> Analyzer::tokens(std::string_view text, std::span<const SkipRange> skip) {
  std::vector<Token> out;
  m_impl->run(text, skip, [&](const Token& t) { out.push_back(t); });
  return out;
}

std::string Analyzer::term(std::string_view word) {
  std::string out;
  bool found = false;
  // The first token only; later tokens of e.g. "e-mail" are the planner's business.
  m_impl->run(word, {}, [&](const Token& t) {
    if (!found) out = t.term;
    found = true;
  });
  return out;
}

std::string Analyzer::fold(std::string_view text) {
  // Drop invalid bytes, turn ’ into ', and collapse runs of white space so that stored names and
  // typed filter values compare equal.
  std::string clean;
  clean.reserve(text.size());
  bool ascii = true;
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    const CodePoint c = decode(text, i, text.size());
    i += c.length;
    if (c.value < 0) continue;
    if (c.value < 0x80 ? (c.value == ' ' || (c.value >= '\t' && c.value <= '\r'))
                       : utf8proc_category(c.value) == UTF8PROC_CATEGORY_ZS) {
      pending_space = !clean.empty();
      continue;
    }
    if (pending_space) clean.push_back(' ');
    pending_space = false;
    if (c.value == static_cast<int32_t>(kRightSingleQuote)) {
      clean.push_back('\'');
    } else if (c.value < 0x80) {
      clean.push_back(static_cast<char>(c.value));
    } else {
      ascii = false;
      append_utf8(clean, c.value);
    }
  }
  if (ascii) {
    ascii_lower(clean);
    return clean;
  }
  std::vector<int32_t> buffer;
  std::string out;
  fold_utf8(clean, buffer, out);
  return out;
}

}  // namespace newsdex::analysis
