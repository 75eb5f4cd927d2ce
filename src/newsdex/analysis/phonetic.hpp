// How words sound, for matching caption errors: pronunciations from the CMU Pronouncing
// Dictionary (CMUdict 0.4 as packaged by Debian's festlex-cmu, compiled in), Double Metaphone
// keys for words the dictionary lacks (and Metaphone, for the noise model and older segments), the
// sound keys a word is indexed under, and a bounded Damerau–Levenshtein distance (optimal string
// alignment: an adjacent transposition is one edit).
//
// Phonemes are coded one character each, stress dropped, schwa (`ax`) merged with `ah`:
// vowels A @ ^ O W Y E R e I i o Q U u (aa ae ah ao aw ay eh er ey ih iy ow oy uh uw), consonants
// b c d D f g h j k l m n N p r s S t T v w y z Z (b ch d dh f g hh jh k l m n ng p r s sh t th v w
// y z zh). Words are folded (lower-case ASCII letters and apostrophes).
//
// Thread-safe: the dictionary is parsed once, on first use.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::analysis {

// The pronunciations of `word` (phoneme codes), in dictionary order; empty when CMUdict lacks it.
std::vector<std::string_view> pronunciations(std::string_view word);
// Every (word, pronunciation) pair of the dictionary, in word order.
void for_each_pronunciation(
    const std::function<void(std::string_view word, std::string_view phonemes)>& fn);
size_t pronunciation_count();
// ARPAbet name of one phoneme code ("k", "ae"); "?" for an unknown code.
std::string_view phoneme_name(char code);
// "k ae p ah t ah l" for display.
std::string describe_phonemes(std::string_view codes);

// Metaphone (Philips 1990) of a folded word: a consonant skeleton such as "KPTL" for "capital".
std::string metaphone(std::string_view word);

// Double Metaphone (Philips 2000) of a word: a primary and an alternate consonant skeleton
// ("XMT" and "SMT" for "Schmidt"; the two are equal for most English words). Only ASCII letters
// count (case-folded; anything else is dropped, so "don't" reads as "dont"). `max_length` 0 keeps
// the whole keys (as the npm `double-metaphone` package does); Philips' original stops at 4,
// which is the same as max_length 4. Deterministic and total over arbitrary bytes.
struct DoubleMetaphoneKeys {
  std::string primary;
  std::string alternate;
};
DoubleMetaphoneKeys double_metaphone(std::string_view word, size_t max_length = 0);

// The first byte of a sound key names its scheme, so segments written with different schemes
// (and merges of them) answer each lookup under the scheme they carry.
inline constexpr char kPhonemeKey = 'p';          // CMUdict phonemes
inline constexpr char kMetaphoneKey = 'm';        // Metaphone 1990 (segments written before the
                                                  // Double Metaphone keys; never written now)
inline constexpr char kDoublePrimaryKey = 'd';    // Double Metaphone primary
inline constexpr char kDoubleAlternateKey = 'a';  // Double Metaphone alternate, when it differs

// The keys a word is indexed under in a segment's sound dictionary: "p" + phonemes for each
// pronunciation CMUdict has, "d" + its Double Metaphone primary and, when it differs, "a" + its
// alternate (every word with letters: a word CMUdict lacks meets the others only through these).
std::vector<std::string> sound_keys(std::string_view word);
// "m" + metaphone(word) (empty without letters): the letter key of segments written before
// Double Metaphone, which queries still look up there.
std::string metaphone_key(std::string_view word);

// Optimal-string-alignment distance between a and b; returns max + 1 as soon as it must exceed max.
int edit_distance(std::string_view a, std::string_view b, int max);

// Incremental edit distance of one query against many sorted candidates sharing prefixes (a
// dictionary scan): rows for a common prefix are reused, so each candidate costs only its new
// suffix, and a candidate stops as soon as its prefix can no longer come within max.
// distance() returns max + 1 when the candidate is farther than max.
//
// With a split (`split_column` a, `split_max` s), a candidate also has to begin with a prefix
// within s of the query's first a bytes (some row i with D[i][a] <= s); candidates that do not
// count as farther than max, and prefixes that can no longer meet it are hopeless. This is the
// pigeonhole filter of a split scan: a word within max of q = A·B has a prefix within s of A or
// a suffix within s of B (scanned over the reversed dictionary), for s = max - 1 when max = 2,
// s = 0 when max = 1 (plus the one word with A's last and B's first byte swapped). It prunes
// far earlier than max alone, where every prefix of up to max bytes is still alive.
class EditDistanceScanner {
 public:
  EditDistanceScanner(std::string_view query, int max);
  EditDistanceScanner(std::string_view query, int max, size_t split_column, int split_max);
  int distance(std::string_view candidate);
  // After distance(c): a length L > 0 such that no word starting with c's first L bytes is within
  // max (or meets the split) — the scan may skip them all — or 0 when there is none.
  size_t hopeless_prefix() const;

 private:
  bool dead(size_t row) const;  // no extension of the first `row` bytes can match (row >= 1)

  std::string m_query;
  int m_max;
  size_t m_stride;  // query bytes + 1
  bool m_split = false;
  size_t m_split_column = 0;
  int m_split_max = 0;
  std::string m_prev;
  // Row i (the DP row after the candidate's first i bytes) at [i * m_stride, (i + 1) * m_stride),
  // values capped at max + 1; one flat buffer reused from candidate to candidate.
  std::vector<int> m_rows;
  std::vector<int> m_mins;        // minimum of each computed row
  std::vector<int> m_split_mins;  // with a split: minimum of each row over columns 0..a
  std::vector<char> m_split_met;  // with a split: some row up to this one has D[i][a] <= s
};

}  // namespace newsdex::analysis
