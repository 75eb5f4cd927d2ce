// SegmentBuilder::write with several threads: the postings of a flushed segment are encoded in
// groups of terms on helper threads and written in term order, so the file must be byte for byte
// the one a single thread writes, and read back the same.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/file_io.hpp"
#include "newsdex/index/storage/segment.hpp"
#include "newsdex/index/storage/store_dict.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/index/writer/segment_builder.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

// Documents over a vocabulary of 30,000 made-up words (several encoding groups of 4,096 terms)
// plus a few very common words (groups that end on their value count, not their term count).
std::vector<AnalyzedDoc> make_docs(size_t n) {
  analysis::Analyzer analyzer(analysis::analyzer_options(analysis::Profile::kPlain));
  std::mt19937 rng(7);
  std::vector<AnalyzedDoc> out;
  for (size_t i = 0; i < n; ++i) {
    doc::Transcript t;
    t.source = "ABC";
    t.show = "Nightly";
    t.date = "2021-03-04";
    t.title = "story " + std::to_string(i);
    for (size_t w = 0; w < 600; ++w) {
      if (w % 3 == 0) {
        t.body += "the news ";
      } else {
        const auto word = static_cast<uint32_t>(rng() % 30000);
        t.body += "w" + std::to_string(word) + "x" + std::to_string(word % 7) + " ";
      }
    }
    doc::assign_id(t);
    out.push_back(analyze_document(std::move(t), analyzer, analysis::Profile::kPlain));
  }
  return out;
}

TEST(SegmentWriteTest, PostingsEncodedOnSeveralThreadsGiveTheSameFile) {
  const fs::path dir = newsdex::testing::scratch_dir("segment_write_test");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto docs = make_docs(1200);
  std::vector<std::string> files;
  for (unsigned threads : {1u, 2u, 4u}) {
    SegmentBuilder builder;
    for (const auto& d : docs) builder.add(d);
    const fs::path path = dir / ("t" + std::to_string(threads) + ".seg");
    auto written = builder.write(path, threads);
    ASSERT_TRUE(written) << written.error().to_string();
    files.push_back(core::read_file(path).value());
  }
  ASSERT_GT(files[0].size(), 0u);
  EXPECT_TRUE(files[1] == files[0]);
  EXPECT_TRUE(files[2] == files[0]);

  auto seg = Segment::open(dir / "t4.seg");
  ASSERT_TRUE(seg) << seg.error().to_string();
  ASSERT_TRUE((*seg)->verify());
  EXPECT_GT((*seg)->term_count(), 7u * 4096u);  // several encoding groups were in play
  auto info = (*seg)->lookup(Field::kBody, "news");
  ASSERT_TRUE(info);
  auto cursor = (*seg)->cursor(*info);
  EXPECT_EQ(cursor.doc_count(), docs.size());
  uint32_t seen = 0;
  for (; cursor.doc() != kEndDoc; cursor.next()) {
    EXPECT_EQ(cursor.doc(), seen++);
    EXPECT_EQ(cursor.positions().size(), 200u);  // "the news" every third word of 600
  }
  EXPECT_EQ(seen, docs.size());
  fs::remove_all(dir);
}

// The ingest pipeline tokenises a batch first and stores its documents after
// (analyze_document(..., store_now = false), then store_document): each document's analysis is
// what one pass gives — the same terms and the same stored bytes, raw (the writer collecting its
// dictionary sample), compressed with a dictionary, or plain — for both profiles.
TEST(SegmentWriteTest, StoringAfterAnalysisGivesWhatOnePassGives) {
  std::string sample;
  std::vector<size_t> sizes;
  std::vector<doc::Transcript> transcripts;
  std::mt19937 rng(3);
  const std::vector<std::string> words = {"storm", "senator", "Houston", "mayor",  "tonight",
                                          "rain",  "said",    "the",     "budget", "vote"};
  for (size_t i = 0; i < 400; ++i) {
    doc::Transcript t;
    t.source = "ABC";
    t.show = "Nightly";
    t.date = "2021-03-04";
    t.title = "Story " + std::to_string(i);
    t.body = ">> ANCHOR: Good evening. Senator Smith said the storm reached Houston " +
             std::to_string(i) + " times, and the mayor said it again tonight.";
    for (size_t w = 0; w < 120; ++w) t.body += " " + words[rng() % words.size()];
    doc::assign_id(t);
    transcripts.push_back(t);
  }
  for (const auto& t : transcripts) {
    const std::string json = stored_doc_json(t);
    sample += json;
    sizes.push_back(json.size());
  }
  const auto dict = StoreDictionary::train(sample, sizes);
  ASSERT_NE(dict, nullptr);
  std::vector<StoreCompression> modes(3);
  modes[0].defer = true;
  modes[1].dict = dict;
  for (auto profile : {analysis::Profile::kPlain, analysis::Profile::kFull}) {
    analysis::Analyzer one(analysis::analyzer_options(profile));
    analysis::Analyzer two(analysis::analyzer_options(profile));
    for (const auto& store : modes) {
      for (const auto& t : transcripts) {
        const AnalyzedDoc a = analyze_document(t, one, profile, store);
        AnalyzedDoc b = analyze_document(t, two, profile, store, /*store_now=*/false);
        EXPECT_TRUE(b.stored.empty());
        store_document(b, store);
        EXPECT_FALSE(a.stored.empty());
        EXPECT_EQ(b.stored, a.stored);
        EXPECT_EQ(b.stored_raw, a.stored_raw);
        EXPECT_EQ(b.stored_dict, a.stored_dict);
        EXPECT_EQ(b.terms.keys, a.terms.keys);
        EXPECT_EQ(b.terms.positions, a.terms.positions);
        EXPECT_EQ(b.turns, a.turns);
        EXPECT_EQ(b.content_hash, a.content_hash);
      }
    }
  }
}

}  // namespace
}  // namespace newsdex::index
