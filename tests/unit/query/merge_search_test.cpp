// A merged index answers every query exactly as the unmerged one did: the same ids in the same
// order, the same totals, the same scores (within rounding) and the same snippets. Run over
// data/sample (every input format, the understanding fields) and over generated documents.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/index/writer/ingest.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::query {
namespace {

namespace fs = std::filesystem;

class MergeSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = newsdex::testing::scratch_dir("merge_search");
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  // Copies the index in `a` to `b` and force-merges the copy down to `segments`.
  void merge_copy(const fs::path& a, const fs::path& b, size_t segments) {
    fs::copy(a, b, fs::copy_options::recursive);
    auto w = index::IndexWriter::open(b, {.background_merges = false});
    ASSERT_TRUE(w) << w.error().to_string();
    auto info = (*w)->force_merge(segments);
    ASSERT_TRUE(info) << info.error().to_string();
    ASSERT_GT(info->merges, 0u);
  }

  static void expect_same_results(const fs::path& a, const fs::path& b,
                                  const std::vector<std::string>& queries) {
    auto sa = index::Snapshot::open(a);
    auto sb = index::Snapshot::open(b);
    ASSERT_TRUE(sa && sb);
    ASSERT_GT((*sa)->segments().size(), (*sb)->segments().size());
    Searcher searcher_a(*sa), searcher_b(*sb);
    size_t nonempty = 0;
    for (const auto& q : queries) {
      for (auto sort : {SortOrder::kRelevance, SortOrder::kDateDesc}) {
        SearchRequest req{.query = q, .limit = 20, .sort = sort};
        auto ra = searcher_a.search(req);
        auto rb = searcher_b.search(req);
        ASSERT_TRUE(ra) << q << ": " << ra.error().to_string();
        ASSERT_TRUE(rb) << q << ": " << rb.error().to_string();
        EXPECT_EQ(ra->total, rb->total) << q;
        ASSERT_EQ(ra->hits.size(), rb->hits.size()) << q;
        nonempty += ra->total > 0;
        for (size_t i = 0; i < ra->hits.size(); ++i) {
          const auto& ha = ra->hits[i];
          const auto& hb = rb->hits[i];
          EXPECT_EQ(ha.id, hb.id) << q << " hit " << i;
          EXPECT_NEAR(ha.score, hb.score, 1e-9 * std::max(1.0, std::abs(ha.score)))
              << q << " hit " << i;
          EXPECT_EQ(ha.title, hb.title) << q;
          EXPECT_EQ(ha.date, hb.date) << q;
          EXPECT_EQ(ha.show, hb.show) << q;
          EXPECT_EQ(ha.source, hb.source) << q;
          EXPECT_EQ(ha.snippets, hb.snippets) << q;
        }
      }
    }
    EXPECT_GT(nonempty, queries.size()) << "the queries should mostly match something";
  }

  fs::path m_dir;
};

TEST_F(MergeSearchTest, SampleCorpusMergedAnswersLikeUnmerged) {
  const fs::path sample = fs::path(NEWSDEX_SOURCE_DIR) / "data" / "sample";
  const auto a = m_dir / "a";
  {
    auto w =
        index::IndexWriter::open(a, {.flush_bytes = size_t{1} << 20, .background_merges = false});
    ASSERT_TRUE(w);
    index::IngestOptions options;
    options.threads = 2;
    options.commit_bytes = 64 << 10;  // a commit (and a segment) every 64 KB of input
    auto r = index::ingest_files(**w, index::expand_inputs({sample}), options);
    ASSERT_TRUE(r) << r.error().to_string();
  }
  merge_copy(a, m_dir / "b", 1);
  merge_copy(a, m_dir / "c", 3);
  const std::vector<std::string> queries = {
      "putin", "president", "the", "do not congratulate", "\"phone call\" putin", "trump OR obama",
      "storm OR hurricane OR flood", "congress -senate", "title:president", "speaker:trump",
      "quote:\"fake news\"", "entity:putin", "role:reporter", "show:WNT", "source:CNN", "date:2018",
      "war date:..1950", "\"united states\"", "people OR america", "economy jobs", "freedom",
      // expanded over the merged dictionaries
      "sounds:there", "capital~1", "congrat*", "robust:\"did the president not raise the issue\""};
  expect_same_results(a, m_dir / "b", queries);
  expect_same_results(a, m_dir / "c", queries);
}

TEST_F(MergeSearchTest, GeneratedDocumentsMergedAnswersLikeUnmerged) {
  // Documents drawn from a small Zipf-like vocabulary, so terms span many postings blocks.
  std::mt19937 rng(42);
  const std::vector<std::string> vocab = {
      "senate", "vote",     "budget",   "storm",    "coast",   "rescue", "market", "stocks",
      "fell",   "rose",     "election", "campaign", "rally",   "court",  "ruling", "justice",
      "border", "wall",     "trade",    "tariff",   "china",   "summit", "korea",  "missile",
      "fire",   "wildfire", "smoke",    "school",   "teacher", "strike", "oil",    "price",
      "jobs",   "report",   "doctor",   "virus"};
  std::vector<double> weights;
  for (size_t i = 0; i < vocab.size(); ++i) weights.push_back(1.0 / static_cast<double>(i + 1));
  std::discrete_distribution<size_t> word(weights.begin(), weights.end());
  const auto a = m_dir / "a";
  {
    auto w = index::IndexWriter::open(a, {.background_merges = false});
    ASSERT_TRUE(w);
    for (int d = 0; d < 1500; ++d) {
      doc::Transcript t;
      t.id = "gen-" + std::to_string(d);
      t.source = d % 3 ? "ABC" : "NBC";
      t.show = d % 5 ? "Nightly" : "Today";
      t.date = "20" + std::to_string(10 + d % 9) + "-0" + std::to_string(1 + d % 9) + "-1" +
               std::to_string(d % 10);
      for (int k = 0; k < 3; ++k) t.title += vocab[word(rng)] + " ";
      const int words = 20 + static_cast<int>(rng() % 200);
      for (int k = 0; k < words; ++k) t.body += vocab[word(rng)] + (k % 12 == 11 ? ". " : " ");
      ASSERT_TRUE((*w)->add(std::move(t)));
      if (d % 100 == 99) {
        ASSERT_TRUE((*w)->commit());
      }
    }
    ASSERT_TRUE((*w)->commit());
  }
  merge_copy(a, m_dir / "b", 1);
  const std::vector<std::string> queries = {"senate",
                                            "virus",
                                            "doctor virus",
                                            "\"stocks fell\"",
                                            "\"storm coast rescue\"",
                                            "market OR trade OR china",
                                            "senate -vote",
                                            "title:storm",
                                            "show:Today jobs",
                                            "source:NBC court",
                                            "date:2012..2014 wildfire",
                                            "summit korea missile"};
  expect_same_results(a, m_dir / "b", queries);
}

}  // namespace
}  // namespace newsdex::query
