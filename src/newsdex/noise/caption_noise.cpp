#include "newsdex/noise/caption_noise.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/noise/random.hpp"
#include "newsdex/noise/sound_alikes.hpp"
#include "newsdex/noise/words.hpp"

namespace newsdex::noise {
namespace {

constexpr std::string_view kKindNames[kErrorKinds] = {
    "sound_alike", "sound_alike_split", "sound_alike_merge", "dropped_letters", "run_together",
    "split_word",  "dropped_word",      "stutter",           "false_start",     "junk"};

constexpr uint32_t words_touched(ErrorKind k) {
  return k == ErrorKind::kRunTogether || k == ErrorKind::kSoundAlikeMerge ? 2 : 1;
}

// Function words, which captioners drop (content words they garble instead).
constexpr std::string_view kDroppable[] = {
    "a",   "an",   "the",  "of",   "to",   "in",   "on",   "at",   "for",  "and",  "or",
    "but", "is",   "it",   "we",   "he",   "be",   "as",   "by",   "so",   "do",   "i",
    "are", "was",  "has",  "had",  "not",  "you",  "our",  "us",   "its",  "his",  "her",
    "if",  "that", "this", "with", "from", "have", "were", "they", "been", "will", "just"};

struct Edit {
  ErrorKind kind;
  uint32_t first_word, words;
  uint32_t clean_start, clean_end;
  std::string noisy;
};

// One corrupt() call: the text, its words, the random stream and the owed kinds.
class Corruptor {
 public:
  Corruptor(const NoiseOptions& options, const SoundAlikes& alikes, std::string_view text,
            const std::vector<Word>& words, Random& random)
      : m_options(options), m_alikes(alikes), m_text(text), m_words(words), m_random(random) {}

  std::optional<Edit> choose(uint32_t i, uint32_t min_start) {
    m_min_start = min_start;
    // Kinds that could not be made at an earlier word come first, most owed first.
    for (int round = 0; round < 2; ++round) {
      size_t best = kErrorKinds;
      for (size_t k = 0; k < kErrorKinds; ++k)
        if (m_owed[k] > 0 && (best == kErrorKinds || m_owed[k] > m_owed[best])) best = k;
      if (best == kErrorKinds) break;
      if (auto edit = attempt(static_cast<ErrorKind>(best), i)) {
        --m_owed[best];
        return edit;
      }
    }
    for (int tries = 0; tries < 6; ++tries) {
      const ErrorKind k = draw();
      if (auto edit = attempt(k, i)) return edit;
      auto& owed = m_owed[static_cast<size_t>(k)];
      if (owed < 8) ++owed;
    }
    if (auto edit = attempt(ErrorKind::kStutter, i)) return edit;
    return attempt(ErrorKind::kJunk, i);
  }

 private:
  ErrorKind draw() {
    double total = 0;
    for (double s : m_options.mix.share) total += std::max(0.0, s);
    double x = m_random.unit() * total;
    for (size_t k = 0; k < kErrorKinds; ++k) {
      x -= std::max(0.0, m_options.mix.share[k]);
      if (x < 0) return static_cast<ErrorKind>(k);
    }
    return ErrorKind::kStutter;
  }

  std::string_view text_of(uint32_t i) const {
    return m_text.substr(m_words[i].start, m_words[i].end - m_words[i].start);
  }
  // Words i and i + 1 separated by spaces only (so they can run together or merge).
  bool adjacent(uint32_t i) const {
    if (i + 1 >= m_words.size() || !m_words[i].alpha || !m_words[i + 1].alpha) return false;
    for (uint32_t b = m_words[i].end; b < m_words[i + 1].start; ++b)
      if (m_text[b] != ' ') return false;
    return true;
  }
  std::vector<std::string> terms(std::string_view s) {
    std::vector<std::string> out;
    for (auto& t : m_analyzer.tokens(s)) out.push_back(std::move(t.term));
    return out;
  }
  // A weighted pick among candidates that the analyzer does not read as the original.
  std::optional<std::string> pick(std::vector<Candidate> candidates, std::string_view original) {
    const auto original_terms = terms(original);
    double total = 0;
    for (auto& c : candidates) {
      if (terms(c.text) == original_terms) c.weight = 0;
      total += c.weight;
    }
    if (total <= 0) return std::nullopt;
    double x = m_random.unit() * total;
    for (const auto& c : candidates) {
      x -= c.weight;
      if (x < 0 && c.weight > 0) return c.text;
    }
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it)
      if (it->weight > 0) return it->text;
    return std::nullopt;
  }
  Edit whole(ErrorKind kind, uint32_t i, uint32_t count, std::string noisy) const {
    return {kind, i, count, m_words[i].start, m_words[i + count - 1].end, std::move(noisy)};
  }

  std::optional<Edit> attempt(ErrorKind kind, uint32_t i) {
    const Word& w = m_words[i];
    if (w.start < m_min_start) return std::nullopt;
    const std::string_view word = text_of(i);
    const std::string lower = lower_ascii(word);
    switch (kind) {
      case ErrorKind::kSoundAlike: {
        if (!w.alpha) return std::nullopt;
        auto alike = pick(m_alikes.alikes(lower), lower);
        if (!alike) return std::nullopt;
        return whole(kind, i, 1, cased_like(word, *alike));
      }
      case ErrorKind::kSoundAlikeSplit: {
        if (!w.alpha) return std::nullopt;
        auto alike = pick(m_alikes.splits(lower), lower);
        if (!alike) return std::nullopt;
        return whole(kind, i, 1, cased_like(word.substr(0, 1), *alike));
      }
      case ErrorKind::kSoundAlikeMerge: {
        if (!adjacent(i)) return std::nullopt;
        const std::string second = lower_ascii(text_of(i + 1));
        auto alike = pick(m_alikes.merges(lower, second), lower + " " + second);
        if (!alike) return std::nullopt;
        return whole(kind, i, 2, cased_like(word, *alike));
      }
      case ErrorKind::kDroppedLetters: {
        if (!w.alpha || word.size() < 4 || word.find('\'') != std::string_view::npos)
          return std::nullopt;
        for (int tries = 0; tries < 3; ++tries) {
          std::string dropped(word);
          const int count = dropped.size() >= 6 && m_random.chance(0.3) ? 2 : 1;
          for (int n = 0; n < count; ++n) dropped.erase(1 + m_random.below(dropped.size() - 2), 1);
          if (terms(dropped) != terms(word)) return whole(kind, i, 1, dropped);
        }
        return std::nullopt;
      }
      case ErrorKind::kRunTogether: {
        if (!adjacent(i)) return std::nullopt;
        return whole(kind, i, 2, std::string(word) + std::string(text_of(i + 1)));
      }
      case ErrorKind::kSplitWord: {
        if (!w.alpha || word.size() < 5 || word.find('\'') != std::string_view::npos)
          return std::nullopt;
        // Prefer cuts whose parts are words ("every one"), as a captioner's dictionary would.
        std::vector<Candidate> cuts;
        for (size_t k = 2; k + 2 <= word.size(); ++k) {
          const bool head = m_alikes.rank(lower.substr(0, k)) >= 0;
          const bool tail = m_alikes.rank(lower.substr(k)) >= 0;
          cuts.push_back({std::string(word.substr(0, k)) + " " + std::string(word.substr(k)),
                          head && tail ? 4.0
                          : head       ? 1.5
                                       : 0.5});
        }
        auto cut = pick(std::move(cuts), word);
        if (!cut) return std::nullopt;
        return whole(kind, i, 1, *cut);
      }
      case ErrorKind::kDroppedWord: {
        if (!w.alpha) return std::nullopt;
        if (std::find(std::begin(kDroppable), std::end(kDroppable), lower) == std::end(kDroppable))
          return std::nullopt;
        // Take one space with the word, so the text keeps single spacing.
        if (w.end < m_text.size() && m_text[w.end] == ' ' && w.end + 1 < m_text.size())
          return Edit{kind, i, 1, w.start, w.end + 1, ""};
        if (w.start > 0 && m_text[w.start - 1] == ' ' && w.start - 1 >= m_min_start)
          return Edit{kind, i, 1, w.start - 1, w.end, ""};
        return std::nullopt;
      }
      case ErrorKind::kStutter: {
        if (!w.alpha) return std::nullopt;
        if (word.size() >= 5 && m_random.chance(0.5)) {  // "victo victory"
          const size_t cut = m_random.between(2, word.size() - 2);
          return whole(kind, i, 1, std::string(word.substr(0, cut)) + " " + std::string(word));
        }
        return whole(kind, i, 1, std::string(word) + " " + lower_ascii(word));  // "the the"
      }
      case ErrorKind::kFalseStart: {
        if (!w.alpha) return std::nullopt;
        const size_t cut =
            word.size() <= 3 ? 1 : m_random.between(1, std::min<size_t>(4, word.size() - 1));
        return whole(kind, i, 1, std::string(word.substr(0, cut)) + "- " + std::string(word));
      }
      case ErrorKind::kJunk: {
        // Untranslated stenography: a few capitals and digits, at least one of each.
        static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTWXZ";
        std::string junk;
        const uint64_t length = m_random.between(2, 4);
        const uint64_t digit_at = m_random.below(length);
        const uint64_t letter_at = (digit_at + 1 + m_random.below(length - 1)) % length;
        for (uint64_t k = 0; k < length; ++k) {
          const bool digit = k == digit_at || (k != letter_at && m_random.chance(0.4));
          junk.push_back(digit ? static_cast<char>('0' + m_random.below(10))
                               : kLetters[m_random.below(kLetters.size())]);
        }
        if (m_random.chance(0.5)) return whole(kind, i, 1, junk);  // replaces the word
        return whole(kind, i, 1, junk + " " + std::string(word));  // inserted before it
      }
    }
    return std::nullopt;
  }

  const NoiseOptions& m_options;
  const SoundAlikes& m_alikes;
  std::string_view m_text;
  const std::vector<Word>& m_words;
  Random& m_random;
  analysis::Analyzer m_analyzer;
  std::array<int, kErrorKinds> m_owed{};
  uint32_t m_min_start = 0;
};

}  // namespace

std::string_view kind_name(ErrorKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

bool kind_from_name(std::string_view name, ErrorKind& kind) {
  for (size_t k = 0; k < kErrorKinds; ++k) {
    if (kKindNames[k] == name) {
      kind = static_cast<ErrorKind>(k);
      return true;
    }
  }
  return false;
}

uint32_t Corrupted::map_offset(uint32_t clean_offset) const {
  int64_t delta = 0;
  for (const Change& c : changes) {
    if (clean_offset < c.clean_start) break;
    if (clean_offset < c.clean_end) return c.noisy_start;
    delta += static_cast<int64_t>(c.noisy_end - c.noisy_start) -
             static_cast<int64_t>(c.clean_end - c.clean_start);
  }
  return static_cast<uint32_t>(static_cast<int64_t>(clean_offset) + delta);
}

core::Result<CaptionNoise> CaptionNoise::create(const NoiseOptions& options,
                                                std::shared_ptr<const SoundAlikes> alikes) {
  if (!(options.rate >= 0 && options.rate <= 0.5))
    return core::fail(core::ErrorCode::kUsage, "noise rate must be between 0 and 0.5");
  double total = 0;
  for (double s : options.mix.share) {
    if (!(s >= 0)) return core::fail(core::ErrorCode::kUsage, "error shares must not be negative");
    total += s;
  }
  if (total <= 0) return core::fail(core::ErrorCode::kUsage, "error mix has no positive share");
  if (!(options.name_weight > 0))
    return core::fail(core::ErrorCode::kUsage, "name weight must be positive");
  if (!alikes) alikes = SoundAlikes::build();
  if (alikes->vocabulary_size() == 0 || alikes->alikes("there").empty())
    return core::fail(core::ErrorCode::kInternal, "no pronunciations for the caption vocabulary");
  return CaptionNoise(options, std::move(alikes));
}

CaptionNoise::CaptionNoise(const NoiseOptions& options, std::shared_ptr<const SoundAlikes> alikes)
    : m_options(options), m_alikes(std::move(alikes)) {}
CaptionNoise::~CaptionNoise() = default;
CaptionNoise::CaptionNoise(CaptionNoise&&) noexcept = default;
CaptionNoise& CaptionNoise::operator=(CaptionNoise&&) noexcept = default;

Corrupted CaptionNoise::corrupt(std::string_view text, uint64_t stream,
                                std::span<const ProtectedRange> protect) const {
  Corrupted out;
  const std::vector<Word> words = scan_words(text, protect);
  out.words = static_cast<uint32_t>(words.size());
  std::vector<Edit> edits;
  if (!words.empty() && m_options.rate > 0) {
    Random random(m_options.seed, stream);
    Corruptor corruptor(m_options, *m_alikes, text, words, random);
    // An error starting at a word touches m words on average and the next error can start only
    // after them, so an error starts with p = r / (m (1 - r) + r) to touch a share r of words.
    double total = 0, multi = 0;
    for (size_t k = 0; k < kErrorKinds; ++k) {
      total += m_options.mix.share[k];
      multi += m_options.mix.share[k] * (words_touched(static_cast<ErrorKind>(k)) - 1);
    }
    const double m = 1 + multi / total;
    const double r = m_options.rate;
    const double p = r / (m * (1 - r) + r);
    auto weight = [&](const Word& w) {
      return w.capitalised && !w.sentence_start && !w.all_caps && w.end - w.start > 1
                 ? m_options.name_weight
                 : 1.0;
    };
    double mean = 0;
    for (const Word& w : words) mean += weight(w);
    mean /= static_cast<double>(words.size());
    uint32_t min_start = 0;
    for (uint32_t i = 0; i < words.size();) {
      if (!random.chance(std::min(0.95, p * weight(words[i]) / mean))) {
        ++i;
        continue;
      }
      auto edit = corruptor.choose(i, min_start);
      if (!edit) {
        ++i;
        continue;
      }
      min_start = edit->clean_end;
      i = edit->first_word + edit->words;
      edits.push_back(std::move(*edit));
    }
  }
  // Assemble the noisy text and report each change with both spans.
  size_t at = 0;
  for (Edit& e : edits) {
    out.text.append(text.substr(at, e.clean_start - at));
    Change c;
    c.kind = e.kind;
    c.clean_start = e.clean_start;
    c.clean_end = e.clean_end;
    c.noisy_start = static_cast<uint32_t>(out.text.size());
    out.text.append(e.noisy);
    c.noisy_end = static_cast<uint32_t>(out.text.size());
    c.first_word = e.first_word;
    c.words = e.words;
    c.clean = std::string(text.substr(e.clean_start, e.clean_end - e.clean_start));
    c.noisy = std::move(e.noisy);
    out.affected_words += c.words;
    out.changes.push_back(std::move(c));
    at = e.clean_end;
  }
  out.text.append(text.substr(at));
  return out;
}

}  // namespace newsdex::noise
