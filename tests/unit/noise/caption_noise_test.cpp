#include "newsdex/noise/caption_noise.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "newsdex/noise/sound_alikes.hpp"

namespace newsdex::noise {
namespace {

namespace fs = std::filesystem;

// The bundled public-domain speeches: plenty of ordinary English (~100k words).
const std::string& speeches() {
  static const std::string text = [] {
    std::vector<fs::path> files;
    for (const auto& e :
         fs::directory_iterator(fs::path(NEWSDEX_SOURCE_DIR) / "data/sample/speeches"))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string all;
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream buffer;
      buffer << in.rdbuf();
      all += buffer.str();
      all += "\n";
    }
    return all;
  }();
  return text;
}

std::shared_ptr<const SoundAlikes> alikes() {
  static const auto index = SoundAlikes::build();
  return index;
}

CaptionNoise model(double rate, uint64_t seed = 7) {
  auto m = CaptionNoise::create({.rate = rate, .seed = seed}, alikes());
  EXPECT_TRUE(m.has_value());
  return std::move(*m);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool has(const std::vector<Candidate>& cs, std::string_view text) {
  return std::any_of(cs.begin(), cs.end(), [&](const Candidate& c) { return c.text == text; });
}

TEST(SoundAlikes, FindsHomophonesSplitsAndMerges) {
  EXPECT_TRUE(has(alikes()->alikes("there"), "their"));
  EXPECT_TRUE(has(alikes()->alikes("raise"), "rays"));
  EXPECT_FALSE(has(alikes()->alikes("there"), "there"));
  EXPECT_TRUE(has(alikes()->splits("zika"), "sick a"));   // a virus heard as two words
  EXPECT_TRUE(has(alikes()->splits("putin"), "put in"));  // not in CMUdict: split by spelling
  EXPECT_TRUE(has(alikes()->merges("a", "lot"), "allot"));
}

TEST(CaptionNoise, RejectsBadOptions) {
  EXPECT_FALSE(CaptionNoise::create({.rate = 0.7}, alikes()).has_value());
  NoiseOptions none{.rate = 0.1};
  none.mix.share.fill(0);
  EXPECT_FALSE(CaptionNoise::create(none, alikes()).has_value());
}

TEST(CaptionNoise, HitsTheTargetRate) {
  for (double rate : {0.05, 0.10, 0.15}) {
    const Corrupted c = model(rate).corrupt(speeches(), 1);
    ASSERT_GT(c.words, 50000u);
    const double measured = static_cast<double>(c.affected_words) / c.words;
    EXPECT_NEAR(measured, rate, 0.01) << "rate " << rate;
  }
  EXPECT_TRUE(model(0).corrupt(speeches(), 1).changes.empty());
}

TEST(CaptionNoise, FollowsTheMix) {
  const NoiseOptions defaults;
  const Corrupted c = model(0.15).corrupt(speeches(), 2);
  std::map<ErrorKind, double> count;
  for (const Change& ch : c.changes) count[ch.kind] += 1;
  double total_share = 0;
  for (double s : defaults.mix.share) total_share += s;
  for (size_t k = 0; k < kErrorKinds; ++k) {
    const auto kind = static_cast<ErrorKind>(k);
    EXPECT_GT(count[kind], 0) << kind_name(kind);
    EXPECT_NEAR(count[kind] / static_cast<double>(c.changes.size()),
                defaults.mix.share[k] / total_share, 0.03)
        << kind_name(kind);
  }
}

TEST(CaptionNoise, EachKindLooksRight) {
  const Corrupted c = model(0.15).corrupt(speeches(), 3);
  for (const Change& ch : c.changes) {
    const std::string from = lower(ch.clean), to = lower(ch.noisy);
    SCOPED_TRACE(std::string(kind_name(ch.kind)) + ": '" + ch.clean + "' -> '" + ch.noisy + "'");
    switch (ch.kind) {
      case ErrorKind::kSoundAlike:
        EXPECT_TRUE(has(alikes()->alikes(from), to));
        break;
      case ErrorKind::kSoundAlikeSplit:
        EXPECT_TRUE(has(alikes()->splits(from), to));
        break;
      case ErrorKind::kSoundAlikeMerge: {
        const size_t space = from.find(' ');
        ASSERT_NE(space, std::string::npos);
        EXPECT_TRUE(
            has(alikes()->merges(from.substr(0, space), from.substr(from.rfind(' ') + 1)), to));
        EXPECT_EQ(ch.words, 2u);
        break;
      }
      case ErrorKind::kDroppedLetters: {
        EXPECT_GE(from.size() - to.size(), 1u);
        EXPECT_LE(from.size() - to.size(), 2u);
        EXPECT_EQ(from.front(), to.front());
        EXPECT_EQ(from.back(), to.back());
        size_t k = 0;  // `to` is `from` with letters left out
        for (char x : from)
          if (k < to.size() && to[k] == x) ++k;
        EXPECT_EQ(k, to.size());
        break;
      }
      case ErrorKind::kRunTogether: {
        std::string joined = from;
        joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
        EXPECT_NE(from.find(' '), std::string::npos);
        EXPECT_EQ(to, joined);
        EXPECT_EQ(ch.words, 2u);
        break;
      }
      case ErrorKind::kSplitWord: {
        std::string joined = to;
        joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
        EXPECT_EQ(joined, from);
        EXPECT_EQ(std::count(to.begin(), to.end(), ' '), 1);
        break;
      }
      case ErrorKind::kDroppedWord: {
        EXPECT_TRUE(to.empty());
        std::string word = from;
        word.erase(std::remove(word.begin(), word.end(), ' '), word.end());
        EXPECT_LE(word.size(), 4u);
        EXPECT_EQ(word.size() + 1, from.size());  // one space goes with it
        break;
      }
      case ErrorKind::kStutter: {
        const size_t space = to.rfind(' ');
        ASSERT_NE(space, std::string::npos);
        EXPECT_EQ(to.substr(space + 1), from);
        EXPECT_EQ(from.rfind(to.substr(0, space), 0), 0u);  // the repeat is a start of the word
        break;
      }
      case ErrorKind::kFalseStart: {
        const size_t dash = to.find("- ");
        ASSERT_NE(dash, std::string::npos);
        EXPECT_EQ(to.substr(dash + 2), from);
        EXPECT_EQ(from.rfind(to.substr(0, dash), 0), 0u);
        break;
      }
      case ErrorKind::kJunk: {
        const std::string junk = to.substr(0, to.find(' '));
        EXPECT_TRUE(std::any_of(junk.begin(), junk.end(), ::isdigit));
        EXPECT_TRUE(std::any_of(junk.begin(), junk.end(), ::isalpha));
        EXPECT_TRUE(to == junk || to == junk + " " + from);
        break;
      }
    }
  }
}

TEST(CaptionNoise, IsDeterministicPerSeedAndStream) {
  const std::string_view text = std::string_view(speeches()).substr(0, 20000);
  const Corrupted a = model(0.1, 7).corrupt(text, 11);
  const Corrupted b = model(0.1, 7).corrupt(text, 11);
  EXPECT_EQ(a.text, b.text);
  ASSERT_EQ(a.changes.size(), b.changes.size());
  EXPECT_NE(a.text, model(0.1, 7).corrupt(text, 12).text);
  EXPECT_NE(a.text, model(0.1, 8).corrupt(text, 11).text);
}

TEST(CaptionNoise, ReportsEveryChangeWithItsSpans) {
  const std::string& text = speeches();
  const Corrupted c = model(0.12).corrupt(text, 4);
  ASSERT_FALSE(c.changes.empty());
  std::string rebuilt;  // undo the changes: the clean text comes back exactly
  uint32_t clean_at = 0, noisy_at = 0, affected = 0, last_word = 0;
  for (const Change& ch : c.changes) {
    ASSERT_GE(ch.clean_start, clean_at);
    ASSERT_GE(ch.first_word, last_word);
    EXPECT_EQ(text.substr(ch.clean_start, ch.clean_end - ch.clean_start), ch.clean);
    EXPECT_EQ(c.text.substr(ch.noisy_start, ch.noisy_end - ch.noisy_start), ch.noisy);
    EXPECT_EQ(text.substr(clean_at, ch.clean_start - clean_at),
              c.text.substr(noisy_at, ch.noisy_start - noisy_at));
    EXPECT_EQ(c.map_offset(ch.clean_start), ch.noisy_start);
    rebuilt += text.substr(clean_at, ch.clean_start - clean_at) + ch.clean;
    clean_at = ch.clean_end;
    noisy_at = ch.noisy_end;
    affected += ch.words;
    last_word = ch.first_word + ch.words;
  }
  rebuilt += text.substr(clean_at);
  EXPECT_EQ(rebuilt, text);
  EXPECT_EQ(affected, c.affected_words);
  EXPECT_EQ(c.map_offset(static_cast<uint32_t>(text.size())), c.text.size());
}

TEST(CaptionNoise, LeavesProtectedRangesAlone) {
  const std::string text =
      "ANCHOR: the president said there would be a summit with the leader. "
      "[14:00:28] REPORTER: the talks were held in the capital today.";
  const std::vector<ProtectedRange> protect = {{0, 7}, {69, 89}};
  for (uint64_t stream = 0; stream < 50; ++stream) {
    const Corrupted c = model(0.4).corrupt(text, stream, protect);
    for (const Change& ch : c.changes)
      for (const auto& p : protect) EXPECT_TRUE(ch.clean_end <= p.start || ch.clean_start >= p.end);
    EXPECT_EQ(c.text.substr(0, 7), "ANCHOR:");
  }
}

}  // namespace
}  // namespace newsdex::noise
