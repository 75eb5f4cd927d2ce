// Error-tolerant phrase search on caption-garbled text, end to end in-process: corrupt 30 sample
// transcripts at a 10% word error rate, index them, and query 100 clean phrases (each found
// exactly in one clean document) as "phrase" and robust:"phrase".
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "newsdex/core/hash.hpp"
#include "newsdex/doc/reader.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/index/writer/ingest.hpp"
#include "newsdex/noise/caption_noise.hpp"
#include "newsdex/query/exec/searcher.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

struct Collect : doc::DocumentSink {
  std::vector<doc::Transcript> docs;
  void document(doc::Transcript&& t) override { docs.push_back(std::move(t)); }
  void diagnostic(doc::Diagnostic&&) override {}
};

size_t count_words(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (std::isalpha(static_cast<unsigned char>(s[i])) &&
        (i == 0 || !std::isalpha(static_cast<unsigned char>(s[i - 1]))))
      ++n;
  return n;
}

// The garbled copy: same id and metadata, corrupted body, offsets moved.
doc::Transcript garble(const noise::CaptionNoise& model, const doc::Transcript& clean) {
  std::vector<noise::ProtectedRange> protect;
  for (const auto& m : clean.markup) protect.push_back({m.start, m.end});
  const noise::Corrupted c = model.corrupt(clean.body, core::hash64(clean.id), protect);
  doc::Transcript t = clean;
  t.body = c.text;
  for (auto& m : t.markup) {
    const uint32_t length = m.end - m.start;
    m.start = c.map_offset(m.start);
    m.end = m.start + length;
  }
  for (auto& turn : t.turns) {
    turn.start = c.map_offset(turn.start);
    turn.end = c.map_offset(turn.end);
  }
  for (auto& cue : t.cues) {
    cue.start = c.map_offset(cue.start);
    cue.end = c.map_offset(cue.end);
  }
  return t;
}

std::shared_ptr<const index::Snapshot> build(const fs::path& dir,
                                             std::vector<doc::Transcript> docs) {
  fs::remove_all(dir);
  auto writer = index::IndexWriter::open(dir);
  EXPECT_TRUE(writer.has_value());
  for (auto& d : docs) EXPECT_TRUE((*writer)->add(std::move(d)).has_value());
  EXPECT_TRUE((*writer)->commit().has_value());
  auto snapshot = index::Snapshot::open(dir);
  EXPECT_TRUE(snapshot.has_value());
  return *snapshot;
}

std::vector<std::string> top10(query::Searcher& searcher, const std::string& q) {
  auto r = searcher.search({.query = q, .limit = 10, .snippets = 0});
  EXPECT_TRUE(r.has_value()) << q << ": " << (r ? "" : r.error().to_string());
  std::vector<std::string> ids;
  if (r)
    for (const auto& h : r->hits) ids.push_back(h.id);
  return ids;
}

TEST(RobustRecall, FindsGarbledPhrasesAndRanksExactMatchesFirst) {
  Collect sink;
  for (const auto& f : index::expand_inputs({fs::path(NEWSDEX_SOURCE_DIR) / "data/sample"}))
    ASSERT_TRUE(doc::read_path(f, {}, sink).has_value());
  std::vector<doc::Transcript> clean;
  for (auto& t : sink.docs) {
    doc::assign_id(t);
    if (count_words(t.body) >= 150 && clean.size() < 30) clean.push_back(t);
  }
  ASSERT_EQ(clean.size(), 30u);

  auto model = noise::CaptionNoise::create({.rate = 0.10, .seed = 5});
  ASSERT_TRUE(model.has_value());
  std::vector<doc::Transcript> noisy;
  for (const auto& t : clean) noisy.push_back(garble(*model, t));

  const fs::path dir = fs::temp_directory_path() / ("newsdex-robust-" + std::to_string(::getpid()));
  auto clean_index = build(dir / "clean", clean);
  auto noisy_index = build(dir / "noisy", noisy);
  query::Searcher clean_search(clean_index), noisy_search(noisy_index);

  // 100 clean phrases of 4-8 words, each an exact phrase of exactly one clean document.
  std::mt19937_64 rng(42);
  struct Phrase {
    std::string doc, text;
  };
  std::vector<Phrase> phrases;
  std::set<std::string> seen;
  for (int tries = 0; phrases.size() < 100 && tries < 2000; ++tries) {
    const doc::Transcript& t = clean[rng() % clean.size()];
    std::vector<std::string> words;
    std::string w;
    for (char c : t.body + " ") {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (!w.empty()) {
        words.push_back(std::move(w));
        w.clear();
      }
    }
    const size_t length = 4 + rng() % 5;
    const size_t start = rng() % (words.size() - length);
    std::string text;
    for (size_t k = start; k < start + length; ++k) text += (text.empty() ? "" : " ") + words[k];
    if (!seen.insert(text).second) continue;
    auto r = clean_search.search({.query = "\"" + text + "\"", .limit = 2, .snippets = 0});
    ASSERT_TRUE(r.has_value());
    if (r->total == 1 && r->hits[0].id == t.id) phrases.push_back({t.id, text});
  }
  ASSERT_GE(phrases.size(), 80u);

  size_t exact_found = 0, robust_found = 0;
  for (const auto& p : phrases) {
    const auto exact = top10(noisy_search, "\"" + p.text + "\"");
    const auto robust = top10(noisy_search, "robust:\"" + p.text + "\"");
    exact_found += std::find(exact.begin(), exact.end(), p.doc) != exact.end();
    robust_found += std::find(robust.begin(), robust.end(), p.doc) != robust.end();
    // Exact matches first: the robust ranking starts with every exact match.
    ASSERT_LE(exact.size(), robust.size()) << p.text;
    std::set<std::string> exact_set(exact.begin(), exact.end());
    std::set<std::string> robust_head(robust.begin(),
                                      robust.begin() + static_cast<long>(exact.size()));
    EXPECT_EQ(exact_set, robust_head) << p.text;
  }
  const double exact_recall =
      static_cast<double>(exact_found) / static_cast<double>(phrases.size());
  const double robust_recall =
      static_cast<double>(robust_found) / static_cast<double>(phrases.size());
  RecordProperty("exact_recall", std::to_string(exact_recall));
  RecordProperty("robust_recall", std::to_string(robust_recall));
  EXPECT_GE(robust_recall, 0.85) << "exact recall " << exact_recall;
  EXPECT_GT(robust_recall, exact_recall);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsdex
