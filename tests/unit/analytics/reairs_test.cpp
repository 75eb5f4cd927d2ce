// Re-airs on a generated archive: original segments re-aired later on other shows with caption
// noise (substituted, dropped, inserted and upper-cased words) and edits (trimmed ends, a replaced
// passage), mixed with unrelated documents and partial overlaps (a shared passage is not a re-air).
// Pairwise precision and recall against the planted families; first airings; first_aired.
#include "newsdex/analytics/reairs.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <iostream>
#include <map>
#include <random>
#include <set>

#include "generated_corpus.hpp"
#include "newsdex/index/snapshot.hpp"

namespace newsdex::analytics {
namespace {

std::vector<std::string> vocabulary(std::mt19937& rng) {
  std::vector<std::string> v;
  for (int i = 0; i < 3000; ++i) {
    std::string w;
    const size_t n = 3 + rng() % 6;
    for (size_t k = 0; k < n; ++k) w.push_back(static_cast<char>('a' + rng() % 26));
    v.push_back(w);
  }
  return v;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out + ".";
}

std::vector<std::string> noisy(std::vector<std::string> words,
                               const std::vector<std::string>& vocab, std::mt19937& rng) {
  // Edits: trim up to 10% at each end; one time in three, replace a 10% passage.
  const size_t n = words.size();
  const size_t head = rng() % (n / 10 + 1), tail = rng() % (n / 10 + 1);
  words = std::vector<std::string>(words.begin() + static_cast<long>(head),
                                   words.end() - static_cast<long>(tail));
  if (rng() % 3 == 0) {
    const size_t at = rng() % (words.size() * 9 / 10);
    for (size_t k = 0; k < words.size() / 10; ++k) words[at + k] = vocab[rng() % vocab.size()];
  }
  // Caption noise: 4% substituted, 3% dropped, 2% inserted, 10% upper-cased.
  std::vector<std::string> out;
  for (auto w : words) {
    const auto r = rng() % 100;
    if (r < 4)
      w = vocab[rng() % vocab.size()];
    else if (r < 7)
      continue;
    else if (r < 9)
      out.push_back(vocab[rng() % vocab.size()]);
    if (rng() % 10 == 0)
      for (auto& c : w) c = static_cast<char>(c - 'a' + 'A');
    out.push_back(w);
  }
  return out;
}

struct Planted {
  std::vector<doc::Transcript> docs;
  std::map<std::string, int> family;    // id -> family (-1: no re-airs)
  std::map<int, std::string> original;  // family -> id of the first airing
};

Planted plant(uint32_t seed) {
  std::mt19937 rng(seed);
  const auto vocab = vocabulary(rng);
  const std::vector<std::string> shows = {"WNT", "GMA", "NIGHTLINE", "THIS WEEK"};
  Planted p;
  int serial = 0;
  auto add = [&](const std::vector<std::string>& words, int day, int family) {
    doc::Transcript t;
    t.source = "ABC";
    t.show = shows[rng() % shows.size()];
    t.date = core::format_iso_date(core::days_from_ymd(2019, 1, 1) + day);
    t.title = "Segment " + std::to_string(serial++);
    t.body = join(words);
    doc::assign_id(t);
    p.family[t.id] = family;
    p.docs.push_back(t);
    return t.id;
  };
  auto random_text = [&](size_t n) {
    std::vector<std::string> w;
    // A third of the words from a few very common ones, as in English, so unrelated texts share
    // word pairs ("of the", "in a").
    static const std::vector<std::string> kCommon = {"the", "of",  "and",  "to", "a",
                                                     "in",  "is",  "that", "it", "for",
                                                     "on",  "was", "with", "he", "as"};
    for (size_t i = 0; i < n; ++i)
      w.push_back(rng() % 3 == 0 ? kCommon[rng() % kCommon.size()] : vocab[rng() % vocab.size()]);
    return w;
  };
  for (int f = 0; f < 40; ++f) {
    const auto words = random_text(80 + rng() % 150);
    const int day = static_cast<int>(rng() % 200);
    p.original[f] = add(words, day, f);
    const int reairs = 1 + static_cast<int>(rng() % 3);
    for (int r = 0; r < reairs; ++r)
      add(noisy(words, vocab, rng), day + 1 + static_cast<int>(rng() % 100), f);
    // A partial overlap: a third of the segment inside a new report; not a re-air.
    if (f % 4 == 0) {
      auto other = random_text(150);
      std::copy(words.begin(), words.begin() + static_cast<long>(words.size() / 3), other.begin());
      add(other, day + 3, -1);
    }
  }
  for (int i = 0; i < 120; ++i)
    add(random_text(60 + rng() % 200), static_cast<int>(rng() % 300), -1);
  return p;
}

TEST(Reairs, PrecisionAndRecallOnPlantedReairs) {
  const auto planted = plant(2024);
  const auto dir = testing::temp_dir("reairs");
  testing::write_index(dir, planted.docs);
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  SignatureCache cache;
  auto r = find_reairs(**snap, {.limit = 1000}, &cache);
  ASSERT_TRUE(r) << r.error().to_string();
  // Pairs in one predicted cluster vs pairs in one planted family.
  std::set<std::pair<std::string, std::string>> predicted, truth;
  for (const auto& c : r->clusters) {
    std::vector<std::string> ids{c.first.id};
    for (const auto& a : c.airings) ids.push_back(a.id);
    for (size_t i = 0; i < ids.size(); ++i)
      for (size_t j = 0; j < ids.size(); ++j)
        if (ids[i] < ids[j]) predicted.insert({ids[i], ids[j]});
  }
  for (const auto& [a, fa] : planted.family)
    for (const auto& [b, fb] : planted.family)
      if (fa >= 0 && fa == fb && a < b) truth.insert({a, b});
  size_t hits = 0;
  for (const auto& pair : predicted) hits += truth.count(pair);
  const double precision =
      predicted.empty() ? 0 : static_cast<double>(hits) / static_cast<double>(predicted.size());
  const double recall = static_cast<double>(hits) / static_cast<double>(truth.size());
  std::cout << "re-air pairs: planted " << truth.size() << ", found " << predicted.size()
            << ", correct " << hits << "; precision " << precision << ", recall " << recall << "\n";
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.9);
  // The first airing of each correctly found cluster is the planted original.
  size_t right_first = 0, clusters = 0;
  for (const auto& c : r->clusters) {
    const int f = planted.family.at(c.first.id);
    if (f < 0) continue;
    ++clusters;
    right_first += planted.original.at(f) == c.first.id ? 1 : 0;
    for (const auto& a : c.airings) EXPECT_GE(a.date, c.first.date);
  }
  EXPECT_GE(static_cast<double>(right_first), 0.95 * static_cast<double>(clusters));

  // first_aired: a re-air names its original; an original and an unrelated document name none.
  for (const auto& [f, original] : planted.original) {
    if (f % 10 != 0) continue;
    auto none = first_aired(**snap, original, &cache);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value()) << original;
    for (const auto& [id, family] : planted.family) {
      if (family != f || id == original) continue;
      auto first = first_aired(**snap, id, &cache);
      ASSERT_TRUE(first);
      ASSERT_TRUE(first->has_value()) << id;
      EXPECT_EQ((*first)->id, original);
    }
  }
  // reairs_of: the airings of one document, by a direct comparison with every other one.
  size_t family_members = 0, found_members = 0;
  for (const auto& [f, original] : planted.original) {
    if (f % 5 != 0) continue;
    auto of = reairs_of(**snap, original, &cache);
    ASSERT_TRUE(of) << of.error().to_string();
    ASSERT_EQ(of->clusters.size(), 1u) << original;
    const auto& c = of->clusters[0];
    EXPECT_EQ(c.first.id, original) << "the original aired first";
    for (const auto& a : c.airings) {
      EXPECT_EQ(planted.family.at(a.id), f) << a.id << " is no re-air of " << original;
      EXPECT_GE(a.similarity, 0.4);
      EXPECT_GE(a.date, c.first.date);
      // Asked from a re-air, the cluster starts at the same original.
      auto from_reair = reairs_of(**snap, a.id, &cache);
      ASSERT_TRUE(from_reair);
      ASSERT_EQ(from_reair->clusters.size(), 1u);
      EXPECT_EQ(from_reair->clusters[0].first.id, original);
    }
    found_members += c.airings.size();
    for (const auto& [id, family] : planted.family) family_members += family == f && id != original;
  }
  EXPECT_GE(static_cast<double>(found_members), 0.9 * static_cast<double>(family_members));
  auto missing = reairs_of(**snap, "no-such-id", &cache);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(reairs_of(**snap, planted.original.at(0), &cache, 1.5));

  const auto json = to_json(*r);
  ASSERT_FALSE(json["clusters"].empty());
  EXPECT_TRUE(json["clusters"][0]["first"].contains("date"));
  EXPECT_TRUE(json["clusters"][0]["airings"][0].contains("similarity"));

  // A second run reads the signatures from the disk cache and finds the same clusters.
  EXPECT_TRUE(std::filesystem::exists(dir / "reairs-cache"));
  auto again = find_reairs(**snap, {.limit = 1000});
  ASSERT_TRUE(again);
  EXPECT_EQ(to_json(*again), json);
  std::filesystem::remove_all(dir);
}

TEST(Reairs, SignatureToleratesCaseAndIsStable) {
  analysis::Analyzer analyzer;
  const auto a = signature_of(
      analyzer, "The storm made landfall near the coast early this morning, officials said.");
  const auto b = signature_of(
      analyzer, "THE STORM MADE LANDFALL NEAR THE COAST EARLY THIS MORNING, OFFICIALS SAID.");
  const auto c = signature_of(
      analyzer, "A completely different story about the stock market and interest rates.");
  EXPECT_EQ(similarity(a, b), 1.0);
  EXPECT_LT(similarity(a, c), 0.2);
  EXPECT_EQ(a.words, 12u);
}

}  // namespace
}  // namespace newsdex::analytics
