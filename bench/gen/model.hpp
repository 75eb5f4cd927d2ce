// The language model behind the generated corpus: word unigram counts and word-pair (bigram)
// counts, fitted to real public-domain text and saved compactly in bench/gen/model/ so generation
// works on machines without the fitting corpus. Sentence ends are the token "</s>" (index 0).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "../common/rng.hpp"

namespace bench::gen {

inline constexpr const char* kSentenceEnd = "</s>";

struct ModelLimits {
  size_t unigrams = 30000;  // most frequent words kept (plus "</s>")
  size_t bigrams = 200000;  // most frequent pairs of kept words
};

class Model {
 public:
  // Tokenises every *.txt under `dir` (lower-case ASCII words, apostrophes inside words kept,
  // '.', '!' and '?' end sentences) and keeps the most frequent words and pairs.
  static Model fit(const std::filesystem::path& dir, const ModelLimits& limits);
  // Reads unigrams.tsv and bigrams.tsv from `dir`; throws std::runtime_error when missing or bad.
  static Model load(const std::filesystem::path& dir);
  void save(const std::filesystem::path& dir) const;

  size_t size() const { return m_words.size(); }
  const std::string& word(uint32_t i) const { return m_words[i]; }
  // A word drawn by unigram frequency (never "</s>").
  uint32_t sample_unigram(Rng& rng) const;
  // A successor of `prev` drawn by bigram frequency, or UINT32_MAX when `prev` has none.
  uint32_t sample_successor(uint32_t prev, Rng& rng) const;

 private:
  void build_tables();

  std::vector<std::string> m_words;
  std::vector<uint64_t> m_counts;
  struct Pair {
    uint32_t first, second;
    uint64_t count;
  };
  std::vector<Pair> m_pairs;  // sorted by (first, second) after build_tables
  std::vector<uint64_t> m_unigram_cdf;
  std::vector<uint32_t> m_pair_begin;  // per word: its first pair in m_pairs (CSR)
  std::vector<uint64_t> m_pair_cdf;    // cumulative counts within each word's run
};

}  // namespace bench::gen
