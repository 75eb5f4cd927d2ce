#include "newsdex/noise/words.hpp"

namespace newsdex::noise {
namespace {

bool ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool word_byte(char c) {
  return ascii_letter(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::vector<Word> scan_words(std::string_view text, std::span<const ProtectedRange> protect) {
  std::vector<Word> words;
  size_t skip = 0;  // next protected range that may overlap
  bool sentence_start = true;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (!word_byte(c)) {
      if (c == '.' || c == '?' || c == '!' || c == '\n' || c == '>') sentence_start = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size()) {
      if (word_byte(text[j])) {
        ++j;
      } else if ((text[j] == '\'') && j + 1 < text.size() && ascii_letter(text[j + 1]) && j > i &&
                 ascii_letter(text[j - 1])) {
        ++j;
      } else {
        break;
      }
    }
    while (skip < protect.size() && protect[skip].end <= i) ++skip;
    const bool is_protected = skip < protect.size() && protect[skip].start < j;
    if (!is_protected) {
      Word w{static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
      w.alpha = true;
      size_t letters = 0, upper = 0;
      for (size_t k = i; k < j; ++k) {
        if (ascii_letter(text[k])) {
          ++letters;
          upper += (text[k] >= 'A' && text[k] <= 'Z');
        } else if (text[k] != '\'') {
          w.alpha = false;
        }
      }
      w.capitalised = text[i] >= 'A' && text[i] <= 'Z';
      w.all_caps = w.alpha && letters >= 2 && upper == letters;
      w.sentence_start = sentence_start;
      words.push_back(w);
    }
    sentence_start = false;
    i = j;
  }
  return words;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string cased_like(std::string_view original, std::string_view replacement) {
  std::string out(replacement);
  size_t letters = 0, upper = 0;
  for (char c : original) {
    letters += ascii_letter(c);
    upper += (c >= 'A' && c <= 'Z');
  }
  const bool all_caps = letters >= 2 && upper == letters;
  for (size_t k = 0; k < out.size(); ++k) {
    const bool first = k == 0;
    if ((all_caps || (first && !original.empty() && original[0] >= 'A' && original[0] <= 'Z')) &&
        out[k] >= 'a' && out[k] <= 'z')
      out[k] = static_cast<char>(out[k] - 'a' + 'A');
  }
  return out;
}

}  // namespace newsdex::noise
