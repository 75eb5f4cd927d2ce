// Text analysis: Unicode normalisation (NFKC) and case folding with utf8proc, word tokenization
// that keeps byte offsets (for highlighting) and positions (for phrases), and English Snowball
// stemming (libstemmer). Stop words are kept so phrases like "do not congratulate" work.
//
// Words are maximal runs of Unicode letters and digits (combining marks continue a word). An
// apostrophe (' or ’) between letters stays inside the word ("don't", "president's"), dots join
// single-letter acronyms ("U.S." -> "us") and decimals ("3.5"); hyphens and other punctuation split
// words. Invalid UTF-8 bytes are separators. ASCII words skip utf8proc entirely.
//
// Not thread-safe (the stemmer has state): use one Analyzer per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::analysis {

struct Token {
  std::string term;    // normalised, folded and (when enabled) stemmed
  uint32_t start = 0;  // byte offsets of the word in the analysed text
  uint32_t end = 0;
  uint32_t position = 0;  // 0-based word position; skipped ranges do not consume positions
};

// A byte range of the input to skip (markup such as speaker labels); sorted, non-overlapping.
struct SkipRange {
  uint32_t start = 0;
  uint32_t end = 0;
};

// The analysis profile of an index, chosen when the index is created and recorded in its manifest
// (docs/format/segment.md). kFull: folded and stemmed words plus the understanding fields
// (speaker:, quote:, entity:, role:) and the sound dictionary (sounds:, robust:). kPlain: folded
// (lower-case, NFKC) words without stemming, body and title only, no understanding pass and no
// sound dictionary — the analysis search-engine benchmarks compare.
enum class Profile : uint8_t { kFull, kPlain };
struct AnalyzerOptions {
  bool stem = true;
  // The index profile the analyzer serves; the query planner refuses fields it lacks.
  Profile profile = Profile::kFull;
  std::string language = "english";  // a libstemmer algorithm name
};

std::string_view profile_name(Profile profile);                   // "full", "plain"
std::optional<Profile> profile_from_name(std::string_view name);  // nullopt when unknown
AnalyzerOptions analyzer_options(Profile profile);                // stem = (profile == kFull)

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Calls `emit` for every token of `text` outside `skip`, in order.
  void analyze(std::string_view text, std::span<const SkipRange> skip,
               const std::function<void(const Token&)>& emit);
  std::vector<Token> tokens(std::string_view text, std::span<const SkipRange> skip = {});

  // For callers that cache terms by a word's raw form (the index builder). A word's raw form is
  // its bytes with ’ turned into ' and acronym dots dropped: what folding and stemming take, so
  // one analyzer (one set of options) always makes the same term of the same raw form.
  struct Word {
    std::string_view raw;  // valid only during the call
    uint32_t start = 0;    // as in Token
    uint32_t end = 0;
    uint32_t position = 0;
  };
  class WordSink {
   public:
    virtual ~WordSink() = default;
    // True when the caller knows the term of `word.raw`: the word is then a token at
    // word.position and the analyzer makes no term for it.
    virtual bool cached(const Word& word) = 0;
    // A word cached() did not know, with its term. A word whose raw form folds to nothing (all
    // ignorable) is passed to cached() but not here, and takes no position, as in analyze().
    virtual void add(const Word& word, std::string_view term) = 0;
  };
  // The same tokens as analyze(), in order, through `sink`.
  void analyze(std::string_view text, std::span<const SkipRange> skip, WordSink& sink);

  // The indexed form of one query word (folded and stemmed); empty when `word` has no token.
  std::string term(std::string_view word);
  // Folds without stemming (NFKC + case fold), e.g. for show names and filters. Also drops invalid
  // UTF-8 bytes, turns ’ into ' and trims and collapses white space, so "World  News Tonight "
  // and "world news tonight" fold alike.
  static std::string fold(std::string_view text);
  // False when the stemmer for options.language could not be created (unknown algorithm name);
  // the analyzer then folds without stemming.
  bool stems() const;
  Profile profile() const;
  // Names the mapping from a word's raw form to its term: two analyzers with equal signatures
  // make the same term of every raw form (callers caching terms by raw form key on it).
  std::string signature() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace newsdex::analysis
