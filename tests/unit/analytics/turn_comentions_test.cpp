// Co-mentions within turns from the index (the turn table, docs/format/segment.md "Turns", and the
// postings' positions): planted within-turn and across-turn co-mentions with the generator's
// counts, equality with the stored-text reference path (reading every foreground document) on three
// segments with deletions and after a merge, and the fallback for a segment without the table.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "generated_corpus.hpp"
#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analytics/association.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/core/varint.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/storage/turns.hpp"

namespace newsdex::analytics {
namespace {

constexpr size_t kTurnsPerDoc = 3;

struct Planted {
  std::vector<doc::Transcript> docs;
  uint64_t zebra_docs = 0, zebra_turns = 0;
  uint64_t savanna_within = 0, savanna_across = 0;  // zebra turns with / zebra docs only elsewhere
  uint64_t savanna_docs_with_zebra = 0;             // document-level co-mentions
  uint64_t putin_within = 0, putin_docs_with_zebra = 0;
};

// 450 documents of three caption turns each (">>" speaker changes). "zebra" in one turn of
// every third document (in two turns of every ninth); "savanna" in the same turn as zebra, in
// another turn, or in both; Vladimir Putin named in a zebra turn or elsewhere; filler words
// otherwise.
Planted plant(uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const std::vector<std::string> vocab = testing::syllable_words(200);
  Planted p;
  for (int i = 0; i < 450; ++i) {
    std::vector<std::string> turns(kTurnsPerDoc);
    for (auto& t : turns)
      for (int w = 0; w < 25; ++w) {
        const double x = u(rng);
        t += vocab[static_cast<size_t>(static_cast<double>(vocab.size()) * x * x)] + " ";
      }
    std::vector<bool> zebra(kTurnsPerDoc, false), savanna(kTurnsPerDoc, false),
        putin(kTurnsPerDoc, false);
    if (i % 3 == 0) {
      const size_t z = rng() % kTurnsPerDoc;
      zebra[z] = true;
      if (i % 9 == 0) zebra[(z + 1) % kTurnsPerDoc] = true;
      const double r = u(rng);
      if (r < 0.4)
        savanna[z] = true;  // within
      else if (r < 0.7)
        savanna[(z + 2) % kTurnsPerDoc] = true;  // across (or within, every 9th)
      else if (r < 0.8)
        savanna[z] = savanna[(z + 2) % kTurnsPerDoc] = true;
      if (u(rng) < 0.5) putin[u(rng) < 0.5 ? z : (z + 2) % kTurnsPerDoc] = true;
    } else if (u(rng) < 0.05) {
      savanna[rng() % kTurnsPerDoc] = true;
    } else if (u(rng) < 0.05) {
      putin[rng() % kTurnsPerDoc] = true;
    }
    doc::Transcript tr;
    bool any_zebra = false, any_savanna = false, any_putin = false, within = false;
    for (size_t t = 0; t < kTurnsPerDoc; ++t) {
      if (zebra[t]) turns[t] += "zebra ";
      if (savanna[t]) turns[t] += "savanna ";
      if (putin[t]) turns[t] += "President Vladimir Putin spoke ";
      // Caption-style speaker changes, as a reader of ">>" captions gives them.
      doc::Turn turn;
      turn.start = static_cast<uint32_t>(tr.body.size());
      tr.body += turns[t];
      turn.end = static_cast<uint32_t>(tr.body.size());
      turn.label = ">>";
      tr.turns.push_back(turn);
      tr.body += "\n";
      any_zebra = any_zebra || zebra[t];
      any_savanna = any_savanna || savanna[t];
      any_putin = any_putin || putin[t];
      if (zebra[t]) {
        ++p.zebra_turns;
        p.savanna_within += savanna[t];
        p.putin_within += putin[t];
        within = within || savanna[t];
      }
    }
    p.zebra_docs += any_zebra;
    p.savanna_docs_with_zebra += any_zebra && any_savanna;
    p.savanna_across += any_zebra && any_savanna && !within;
    p.putin_docs_with_zebra += any_zebra && any_putin;
    tr.cues.push_back({0, 1, 0, 1});
    tr.source = i % 2 ? "ABC" : "CBS";
    tr.show = i % 3 == 1 ? "NIGHTLINE" : "WNT";
    tr.date = core::format_iso_date(core::days_from_ymd(2022, 1, 1) + i % 100);
    tr.title = "Segment " + std::to_string(i);
    doc::assign_id(tr);
    p.docs.push_back(std::move(tr));
  }
  return p;
}

using testing::comparable;

// Rewrites the footer entry of section `id` of a segment to length 0 (the section then reads as
// missing) and fixes the footer and manifest checksums: a segment as written before the section.
void drop_section(const std::filesystem::path& dir, const std::string& name, uint32_t id) {
  const auto path = dir / name;
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const size_t tail = bytes.size() - index::kFooterTail;
  const auto* u = reinterpret_cast<const uint8_t*>(bytes.data());
  const uint32_t count = core::get_fixed32(u + tail);
  const size_t table = tail - count * index::kSectionEntry;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t e = table + i * index::kSectionEntry;
    if (core::get_fixed32(u + e) != id) continue;
    std::memset(bytes.data() + e + 12, 0, 8);
  }
  const uint64_t sum = core::hash64(std::string_view(bytes).substr(0, bytes.size() - 16));
  std::string fixed;
  core::put_fixed64(fixed, sum);
  bytes.replace(bytes.size() - 16, 8, fixed);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  nlohmann::json manifest;
  {
    std::ifstream in(dir / "manifest.json");
    in >> manifest;
  }
  for (auto& seg : manifest["segments"])
    if (seg["name"] == name) seg["checksum"] = fmt::format("{:016x}", sum);
  std::ofstream(dir / "manifest.json") << manifest.dump(1);
}

class TurnComentions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_planted = new Planted(plant(11));
    // Three segments: 150 documents, 150, then the rest with a new version of every 8th earlier
    // document (the old copies become deletions).
    testing::write_three_segments(testing::temp_dir("turn_comentions"), s_planted->docs, 150, 300,
                                  2, 8, " replaced");
    // One segment holding every document once, for the planted counts.
    testing::write_index(testing::temp_dir("turn_comentions_one"), s_planted->docs);
  }
  static void TearDownTestSuite() {
    for (const char* name : {"turn_comentions", "turn_comentions_one", "turn_comentions_old"})
      std::filesystem::remove_all(testing::temp_dir(name));
    delete s_planted;
  }
  static Planted* s_planted;
};
Planted* TurnComentions::s_planted = nullptr;

TEST_F(TurnComentions, EveryDocumentHasItsLabelledTurns) {
  auto snap = index::Snapshot::open(testing::temp_dir("turn_comentions_one"));
  ASSERT_TRUE(snap) << snap.error().to_string();
  const auto& seg = *(*snap)->segments()[0].segment;
  ASSERT_TRUE(seg.has_turns());
  std::vector<index::TurnRange> turns;
  uint32_t previous_end = 0;
  for (uint32_t d = 0; d < seg.doc_count(); ++d) {
    auto t = seg.document(d);
    ASSERT_TRUE(t);
    ASSERT_EQ(t->turns.size(), kTurnsPerDoc) << t->body;
    ASSERT_TRUE(index::decode_turns(seg.turns_record(d), turns));
    ASSERT_EQ(turns.size(), kTurnsPerDoc);
    previous_end = 0;
    for (const auto& r : turns) {
      EXPECT_EQ(r.begin, previous_end);  // the labels take no position: turns tile the body
      EXPECT_GT(r.end, r.begin);
      previous_end = r.end;
    }
    EXPECT_EQ(previous_end, seg.columns(d).body_len);
  }
  EXPECT_TRUE((*snap)->check());
}

TEST_F(TurnComentions, PlantedWithinTurnCountsAreExact) {
  auto snap = index::Snapshot::open(testing::temp_dir("turn_comentions_one"));
  ASSERT_TRUE(snap);
  analysis::Analyzer analyzer;
  AssociationRequest r{.query = "zebra", .limit = 100000, .min_count = 1, .within = Within::kTurn};
  auto a = compute_comentions(**snap, r);
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_TRUE(a->exact);
  EXPECT_EQ(a->foreground, s_planted->zebra_docs);
  EXPECT_EQ(a->units, s_planted->zebra_turns);
  auto find = [&](const std::vector<Associated>& items, const std::string& name) {
    return std::find_if(items.begin(), items.end(),
                        [&](const Associated& x) { return x.name == name; });
  };
  const auto savanna = find(a->terms, analyzer.term("savanna"));
  ASSERT_NE(savanna, a->terms.end());
  EXPECT_EQ(savanna->count, s_planted->savanna_within);
  const auto putin = find(a->entities, "Vladimir Putin");
  ASSERT_NE(putin, a->entities.end());
  EXPECT_EQ(putin->count, s_planted->putin_within);
  // Per document, across-turn co-mentions count too: the difference is the planted across ones.
  r.within = Within::kDocument;
  auto d = compute_comentions(**snap, r);
  ASSERT_TRUE(d);
  const auto savanna_doc = find(d->terms, analyzer.term("savanna"));
  ASSERT_NE(savanna_doc, d->terms.end());
  EXPECT_EQ(savanna_doc->count, s_planted->savanna_docs_with_zebra);
  EXPECT_GT(s_planted->savanna_across, 0u);
  const auto putin_doc = find(d->entities, "Vladimir Putin");
  ASSERT_NE(putin_doc, d->entities.end());
  EXPECT_EQ(putin_doc->count, s_planted->putin_docs_with_zebra);
  EXPECT_LT(putin->count, putin_doc->count);
}

// Index path == reference path (every foreground document read) for many requests.
void expect_paths_equal(const index::Snapshot& snap, const std::string& what) {
  const std::vector<std::string> queries = {
      "zebra",          "savanna",          "zebra savanna",
      "zebra -savanna", "zebra OR savanna", "\"zebra savanna\"",
      "putin",          "zebra show:WNT",   "replaced",
      "nosuchword",     "zebra source:CBS", "president putin"};
  size_t listed = 0, compared = 0;
  for (const auto& q : queries)
    for (auto measure : {Measure::kG2, Measure::kPmi})
      for (size_t min_count : {1, 6})
        for (size_t limit : {4, 100000}) {
          AssociationRequest r{.query = q,
                               .limit = limit,
                               .min_count = min_count,
                               .sample = 1000000,
                               .within = Within::kTurn,
                               .measure = measure};
          auto ref = compute_comentions_reference(snap, r);
          ASSERT_TRUE(ref) << q << ": " << ref.error().to_string();
          // Terms from postings in bound order; from the stored text of the documents with a
          // matching turn (a small foreground).
          for (size_t stored_max : {size_t{0}, size_t{1000000}}) {
            r.stored_count_max = stored_max;
            auto fast = compute_comentions(snap, r);
            ASSERT_TRUE(fast) << q << ": " << fast.error().to_string();
            EXPECT_TRUE(fast->exact);
            EXPECT_EQ(fast->sampled, fast->foreground);
            EXPECT_EQ(comparable(*fast).dump(1), comparable(*ref).dump(1))
                << what << ": " << q << " measure " << static_cast<int>(measure) << " min_count "
                << min_count << " limit " << limit << " stored_max " << stored_max;
            listed += fast->terms.size() + fast->entities.size();
            ++compared;
          }
        }
  EXPECT_GT(listed, compared);
}

TEST_F(TurnComentions, IndexPathEqualsReferenceWithDeletions) {
  auto snap = index::Snapshot::open(testing::temp_dir("turn_comentions"));
  ASSERT_TRUE(snap) << snap.error().to_string();
  ASSERT_EQ((*snap)->segments().size(), 3u);
  uint64_t deleted = 0;
  for (const auto& v : (*snap)->segments()) deleted += v.deleted_count;
  ASSERT_GT(deleted, 0u);
  expect_paths_equal(**snap, "three segments");
}

TEST_F(TurnComentions, MergeKeepsTheTurnTable) {
  const auto dir = testing::temp_dir("turn_comentions_old");
  std::filesystem::remove_all(dir);
  std::filesystem::copy(testing::temp_dir("turn_comentions"), dir);
  {
    auto writer = index::IndexWriter::open(dir);
    ASSERT_TRUE(writer);
    auto merged = (*writer)->force_merge(1);
    ASSERT_TRUE(merged) << merged.error().to_string();
  }
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  ASSERT_EQ((*snap)->segments().size(), 1u);
  ASSERT_TRUE((*snap)->segments()[0].segment->has_turns());
  EXPECT_TRUE((*snap)->check());
  expect_paths_equal(**snap, "merged");
}

TEST_F(TurnComentions, SegmentsWithoutTheTableFallBackToStoredText) {
  const auto dir = testing::temp_dir("turn_comentions_old");
  std::filesystem::remove_all(dir);
  std::filesystem::copy(testing::temp_dir("turn_comentions"), dir);
  std::string name;
  {
    auto snap = index::Snapshot::open(dir);
    ASSERT_TRUE(snap);
    name = (*snap)->segments()[1].segment->name();
  }
  drop_section(dir, name, static_cast<uint32_t>(index::Section::kTurns));
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap) << snap.error().to_string();
  EXPECT_FALSE((*snap)->segments()[1].segment->has_turns());
  EXPECT_TRUE((*snap)->segments()[0].segment->has_turns());
  AssociationRequest r{
      .query = "zebra", .limit = 10, .min_count = 1, .sample = 1000000, .within = Within::kTurn};
  auto a = compute_comentions(**snap, r);
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_FALSE(a->exact);
  EXPECT_FALSE(to_json(*a)["exact"].get<bool>());
  auto ref = compute_comentions_reference(**snap, r);
  ASSERT_TRUE(ref);
  EXPECT_EQ(comparable(*a).dump(), comparable(*ref).dump());
  // A merge of inputs of which one lacks the table writes none.
  {
    auto writer = index::IndexWriter::open(dir);
    ASSERT_TRUE(writer);
    ASSERT_TRUE((*writer)->force_merge(1));
  }
  auto merged = index::Snapshot::open(dir);
  ASSERT_TRUE(merged);
  EXPECT_FALSE((*merged)->segments()[0].segment->has_turns());
}

}  // namespace
}  // namespace newsdex::analytics
