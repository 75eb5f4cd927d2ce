// Error-tolerant phrase alignment: given, for each word of a phrase, the positions in one document
// where one of its alternatives occurs (exactly, by edit distance or by sound), finds chains that
// read the phrase in order while tolerating what live captions do to it:
//   - an inserted token between two words (a stutter or false start: "electoral victo victory");
//   - up to `max_misses` words not found at all (garbled beyond recognition, dropped, or split),
//     each of which may occupy zero to two tokens.
// A chain's quality is the sum of the matched alternatives' weights minus 0.25 per inserted token;
// a chain is exact when every word matched itself at consecutive positions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace newsdex::query {

struct SlotHit {
  uint32_t position = 0;
  uint32_t alternative = 0;  // index into the slot's alternatives
  double weight = 1;
};

struct AlignOptions {
  int max_misses = 0;         // words that may be missing from a chain
  bool allow_inserts = true;  // one extra token between consecutive words
  size_t min_matched = 1;     // a chain must match at least this many words
  size_t min_exact = 0;       // ...and this many of them exactly (as typed, after analysis)
};

struct Chain {
  double quality = 0;
  bool exact = false;
  // Per slot, the hit used (position, alternative), or nullptr-like: matched[i] false when missed.
  std::vector<bool> matched;
  std::vector<SlotHit> hits;  // hits[i] valid when matched[i]
  uint32_t first = 0;         // first and last matched positions
  uint32_t last = 0;
};

// `slots[i]` holds slot i's hits sorted by position. Returns non-overlapping chains, best first
// (greedy by quality), at most `max_chains`.
std::vector<Chain> align_phrase(const std::vector<std::vector<SlotHit>>& slots,
                                const AlignOptions& options, size_t max_chains = 64);

// The misses a phrase of n words tolerates: none up to 2 words, one up to 7, then two.
int robust_max_misses(size_t words);
// The alignment robust:"..." (tolerant) and sounds:"..." (not tolerant) use for n words.
AlignOptions robust_align_options(size_t words, bool tolerant);

}  // namespace newsdex::query
