// The words the noise model may corrupt: maximal runs of letters and digits (an apostrophe
// between letters stays inside, bytes of UTF-8 sequences count as letters), with what the model
// needs to know about each, and case helpers for replacements.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/noise/caption_noise.hpp"

namespace newsdex::noise {

struct Word {
  uint32_t start = 0, end = 0;
  bool alpha = false;           // ASCII letters (and inner apostrophes) only
  bool capitalised = false;     // first letter upper case
  bool all_caps = false;        // two or more letters, all upper case
  bool sentence_start = false;  // first word of the text, of a line or after . ? ! or >>
};

// Words of `text` outside `protect` (sorted, non-overlapping), in order.
std::vector<Word> scan_words(std::string_view text, std::span<const ProtectedRange> protect);

std::string lower_ascii(std::string_view s);
// `replacement` (lower case) cased like `original`: all caps stays all caps, a capital first
// letter stays a capital first letter.
std::string cased_like(std::string_view original, std::string_view replacement);

}  // namespace newsdex::noise
