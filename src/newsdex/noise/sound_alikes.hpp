// What a word may be heard as: sound-alike candidates built from CMUdict pronunciations
// (analysis/phonetic.hpp, one character per phoneme) over the caption vocabulary, the words a
// captioner's dictionary produces most often. Candidates are ranked by how close they sound (same
// phonemes, or one phoneme off, a similar one counting more) and how common they are. A word
// CMUdict lacks (many names) is matched by its Metaphone key instead.
//
// Immutable after build(); safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::noise {

struct Candidate {
  std::string text;  // lower case; one word, or two separated by a space (splits)
  double weight = 0;
};

class SoundAlikes {
 public:
  // `vocabulary_size` caps how many of the most frequent words may appear as replacements.
  static std::shared_ptr<const SoundAlikes> build(size_t vocabulary_size = 20000);

  // 0-based frequency rank in the caption vocabulary, or -1 when the word is not in it.
  int64_t rank(std::string_view word) const;
  size_t vocabulary_size() const { return m_vocab.size(); }

  // Another vocabulary word that sounds like `word` (lower case), excluding `word` itself.
  std::vector<Candidate> alikes(std::string_view word) const;
  // Two vocabulary words that together sound like `word` ("back rash" for "backlash"); for a
  // word without a pronunciation, the two words its spelling splits into ("put in" for "putin").
  std::vector<Candidate> splits(std::string_view word) const;
  // One vocabulary word that sounds like `first` followed by `second` ("allot" for "a lot").
  std::vector<Candidate> merges(std::string_view first, std::string_view second) const;

 private:
  struct Entry {
    uint32_t word;              // index into m_vocab
    std::string_view phonemes;  // into analysis' dictionary
  };
  // Vocabulary entries whose phonemes equal `phonemes` (weight 1) or are one phoneme off
  // (weight by similarity, < 1) — `near` false keeps only the exact ones.
  void sounding_like(std::string_view phonemes, bool near,
                     std::vector<std::pair<uint32_t, double>>& out) const;
  double frequency_weight(uint32_t word) const;

  std::vector<std::string> m_vocab;  // by rank
  std::unordered_map<std::string, uint32_t> m_rank;
  std::vector<Entry> m_entries;
  // phonemes -> entries with exactly those phonemes
  std::unordered_map<std::string, std::vector<uint32_t>> m_exact;
  // phonemes with one phoneme deleted (and the phonemes themselves) -> entries
  std::unordered_map<std::string, std::vector<uint32_t>> m_deletes;
  // Metaphone key -> vocabulary words, for words without a pronunciation
  std::unordered_map<std::string, std::vector<uint32_t>> m_metaphone;
};

}  // namespace newsdex::noise
