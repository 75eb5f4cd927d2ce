// A caption-error model: corrupts clean transcript text the way live captions garble it, at a
// target word error rate, deterministically for a seed, and reports every change it made.
//
// The error types (what real live captions do; see docs/robust-search.md for examples):
//   sound_alike        a word heard as another that sounds the same or nearly ("their" for
//                      "there", "raids" for "raise"): candidates from CMUdict pronunciations
//   sound_alike_split  a word heard as two ("Putin" -> "put in"): the word's phonemes cut in two,
//                      each part a common word's pronunciation (one part may be one phoneme off)
//   sound_alike_merge  two words heard as one ("a lot" -> "allot")
//   dropped_letters    one or two letters dropped inside a word ("goverment")
//   run_together       two words written as one ("whitehouse")
//   split_word         a word written as two ("to gether", "every one")
//   dropped_word       a short word left out ("of", "the", "that")
//   stutter            a word or its start repeated ("the the", "victo victory")
//   false_start        a cut-off start before the word ("w- we", "pres- president")
//   junk               a token of letters and digits replacing the word or inserted before it
//
// The rate is the share of clean words an error touches (a two-word error touches two). Words
// are picked at random, capitalised words inside a sentence (names, mostly) `name_weight` times
// as often as others; the kind of error follows `ErrorMix`, and a kind that cannot apply to the
// picked word (no sound-alike known, too short to drop letters) is owed and made at a later word,
// so the realised mix follows the requested one. A replacement that the analyzer would fold and
// stem to the same terms as the original ("capitals" for "capital") is never chosen: it would
// not be an error for search.
//
// Thread-safe: `corrupt` is const and keeps its state on the stack.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/core/error.hpp"

namespace newsdex::noise {

enum class ErrorKind : uint8_t {
  kSoundAlike,
  kSoundAlikeSplit,
  kSoundAlikeMerge,
  kDroppedLetters,
  kRunTogether,
  kSplitWord,
  kDroppedWord,
  kStutter,
  kFalseStart,
  kJunk,
};
inline constexpr size_t kErrorKinds = 10;
std::string_view kind_name(ErrorKind kind);  // "sound_alike", "sound_alike_split", ...
bool kind_from_name(std::string_view name, ErrorKind& kind);

// Shares of errors by kind (relative weights; they need not sum to 1). The defaults are the
// documented mix: sound-alikes 38% (single 24, split 10, merge 4), dropped letters 14, run
// together 8, split word 6, dropped word 12, stutter 10, false start 6, junk 6.
struct ErrorMix {
  std::array<double, kErrorKinds> share = {0.24, 0.10, 0.04, 0.14, 0.08,
                                           0.06, 0.12, 0.10, 0.06, 0.06};
  double& operator[](ErrorKind k) { return share[static_cast<size_t>(k)]; }
  double operator[](ErrorKind k) const { return share[static_cast<size_t>(k)]; }
};

struct NoiseOptions {
  double rate = 0.10;  // target share of clean words affected, in [0, 0.5]
  uint64_t seed = 1;
  ErrorMix mix{};
  double name_weight = 2.0;  // how much more often a capitalised word inside a sentence is hit
};

// One change: the clean bytes [clean_start, clean_end) became the noisy bytes
// [noisy_start, noisy_end). `first_word`/`words` are the clean words it touched (0-based, in the
// order `corrupt` counts words). A dropped word's span includes one adjacent space.
struct Change {
  ErrorKind kind = ErrorKind::kJunk;
  uint32_t clean_start = 0, clean_end = 0;
  uint32_t noisy_start = 0, noisy_end = 0;
  uint32_t first_word = 0, words = 1;
  std::string clean, noisy;
};

struct Corrupted {
  std::string text;
  std::vector<Change> changes;  // in text order, non-overlapping
  uint32_t words = 0;           // clean words that could be corrupted (outside protected ranges)
  uint32_t affected_words = 0;  // sum of Change::words
  // Where a clean byte offset lands in `text` (an offset inside a change maps to its start).
  uint32_t map_offset(uint32_t clean_offset) const;
};

// A byte range of the clean text that must stay as it is (speaker labels, time stamps).
struct ProtectedRange {
  uint32_t start = 0, end = 0;
};

class SoundAlikes;

class CaptionNoise {
 public:
  // Builds the sound-alike index (CMUdict pronunciations of the caption vocabulary: the most
  // frequent words of English speech, as fitted for the benchmark generator); ~0.5 s.
  // `alikes` lets several models (e.g. one per rate) share one index.
  static core::Result<CaptionNoise> create(const NoiseOptions& options,
                                           std::shared_ptr<const SoundAlikes> alikes = nullptr);
  ~CaptionNoise();
  CaptionNoise(CaptionNoise&&) noexcept;
  CaptionNoise& operator=(CaptionNoise&&) noexcept;

  // Corrupts `text`. `stream` picks an independent random stream for this text (e.g. a hash of
  // the document id), so each document's errors depend only on the seed and its stream, not on
  // the order documents are processed. `protect` is sorted and non-overlapping.
  Corrupted corrupt(std::string_view text, uint64_t stream,
                    std::span<const ProtectedRange> protect = {}) const;

  const NoiseOptions& options() const { return m_options; }
  const std::shared_ptr<const SoundAlikes>& sound_alikes() const { return m_alikes; }

 private:
  CaptionNoise(const NoiseOptions& options, std::shared_ptr<const SoundAlikes> alikes);
  NoiseOptions m_options;
  std::shared_ptr<const SoundAlikes> m_alikes;
};

}  // namespace newsdex::noise
