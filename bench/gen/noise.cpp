#include "noise.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace bench::gen {
namespace {

// Pairs of words that captioners confuse; either side may be replaced by the other.
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> kSoundAlikes = {{
    {"there", "their"}, {"their", "they're"}, {"to", "too"}, {"two", "to"}, {"for", "four"},
    {"whether", "weather"}, {"its", "it's"}, {"your", "you're"}, {"then", "than"},
    {"affect", "effect"}, {"accept", "except"}, {"right", "write"}, {"know", "no"},
    {"new", "knew"}, {"here", "hear"}, {"one", "won"}, {"by", "buy"}, {"peace", "piece"},
    {"principal", "principle"}, {"capital", "capitol"}, {"council", "counsel"},
    {"sight", "site"}, {"whole", "hole"}, {"week", "weak"}, {"would", "wood"}, {"our", "hour"},
    {"made", "maid"}, {"rain", "reign"}, {"role", "roll"}, {"fair", "fare"}, {"way", "weigh"},
    {"board", "bored"}}};

void append_word(std::string& out, std::string_view word) {
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
  out.append(word);
}

bool lower_ascii(const std::string& w) {
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}

}  // namespace

bool append_noisy(std::string& out, const std::string& word, Rng& rng, const NoiseOptions& options) {
  if (!rng.chance(options.rate)) {
    append_word(out, word);
    return false;
  }
  const uint64_t kind = rng.below(3);
  if (kind == 0) {  // stutter: repeat the word, or a cut-off start "w- we"
    if (word.size() > 3 && rng.chance(0.5)) {
      append_word(out, word.substr(0, 1) + "-");
    } else {
      append_word(out, word);
    }
    append_word(out, word);
    return true;
  }
  if (kind == 1) {  // sound-alike
    for (const auto& [a, b] : kSoundAlikes) {
      if (word == a) return append_word(out, b), true;
      if (word == b) return append_word(out, a), true;
    }
    // No listed partner: a spelling that sounds the same ("ph" -> "f", doubled consonant).
    std::string alike = word;
    if (auto p = alike.find("ph"); p != std::string::npos) {
      alike.replace(p, 2, "f");
    } else if (alike.size() > 3 && lower_ascii(alike)) {
      const size_t at = 1 + rng.below(alike.size() - 2);
      alike.insert(at, 1, alike[at]);
    }
    append_word(out, alike);
    return true;
  }
  // dropped letter (inside the word, so the first letter still reads right)
  std::string dropped = word;
  if (dropped.size() >= 4 && lower_ascii(dropped)) dropped.erase(1 + rng.below(dropped.size() - 2), 1);
  append_word(out, dropped);
  return true;
}

}  // namespace bench::gen
