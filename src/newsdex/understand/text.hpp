// Words and sentences of transcript text with byte offsets: the units every understanding stage
// works on. ASCII-only case folding is enough here (names are matched against the gazetteer,
// which folds the same way); other UTF-8 letters are kept as they are.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::understand {

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
};

struct Word {
  uint32_t start = 0;  // byte offsets of the word in the text (a possessive 's included)
  uint32_t end = 0;
  uint32_t name_end = 0;     // `end` without a possessive 's
  std::string lower;         // ASCII-folded, curly apostrophe as ', possessive 's removed
  bool capitalised = false;  // starts with an upper-case ASCII letter
  bool all_caps = false;     // two or more letters, all upper-case
  bool possessive = false;   // "Putin's", "ABC’s"
};

// Words are runs of letters and digits (non-ASCII bytes count as letters); an apostrophe or a
// hyphen between letters stays inside ("don't", "Reyes-Moore"); dotted initialisms ("U.S.",
// "D.C.") are one word with their dots. Only [from, to) is read.
std::vector<Word> split_words(std::string_view text, uint32_t from, uint32_t to);
inline std::vector<Word> split_words(std::string_view text) {
  return split_words(text, 0, static_cast<uint32_t>(text.size()));
}
// split_words(text, from, to) appended to `out`.
void append_words(std::string_view text, uint32_t from, uint32_t to, std::vector<Word>& out);
// split_words(text).size(), but stops counting at `at_most` (cheap for "at least two words?").
size_t count_words(std::string_view text, size_t at_most);
// The words of text outside `skip` (byte ranges that are not spoken text, sorted by start).
std::vector<Word> split_spoken_words(std::string_view text, std::span<const Span> skip);

// Sentences of text[from, to): a sentence ends after . ! ? (and any closing quotation marks) that
// are followed by white space, and at a line break. Abbreviations ("Mr.", "Gen.") and initials
// ("H. W.") do not end one. Leading white space is not part of a sentence.
std::vector<Span> split_sentences(std::string_view text, uint32_t from, uint32_t to);

// While one is alive on this thread, split_sentences(text, from, to) on exactly the text it was
// made for (same bytes at the same address) remembers its answers: the understanding stages ask
// for the sentences of the same body and turns several times. The text must not change meanwhile.
// A memo made while another is alive does nothing.
class SentenceMemo {
 public:
  explicit SentenceMemo(std::string_view text);
  ~SentenceMemo();
  SentenceMemo(const SentenceMemo&) = delete;
  SentenceMemo& operator=(const SentenceMemo&) = delete;

 private:
  bool m_owner = false;
};

std::string lower_ascii(std::string_view text);
bool equals_ci(std::string_view a, std::string_view b);
// "MARA KESSLER" -> "Mara Kessler", "REYES-MOORE" -> "Reyes-Moore", "MCCONNELL" -> "McConnell";
// names already in mixed case are kept.
std::string title_case(std::string_view name);
// Trims white space and the punctuation in `extra` from both ends.
std::string_view trim_text(std::string_view text, std::string_view extra = "");
bool is_space(char c);
// Length in bytes of a quotation mark at text[pos] (1 for ", 3 for “ ” ‘ ’), 0 if none.
size_t quote_mark_length(std::string_view text, size_t pos);

}  // namespace newsdex::understand
