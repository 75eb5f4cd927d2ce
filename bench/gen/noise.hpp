// Caption-error noise as live captioners make it: stutters ("the the", "w- we"), sound-alike
// substitutions ("their" for "there") and dropped letters ("goverment").
#pragma once

#include <string>

#include "../common/rng.hpp"

namespace bench::gen {

struct NoiseOptions {
  double rate = 0.05;  // share of words that get one error
};

// Appends `word` to `out` (preceded by a space unless `out` is empty or ends in one), with one
// caption error at the configured rate. Returns true when an error was made.
bool append_noisy(std::string& out, const std::string& word, Rng& rng, const NoiseOptions& options);

}  // namespace bench::gen
