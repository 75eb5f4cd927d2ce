// MaxScore must be an optimisation only: for disjunctions, the pruned top k equals the exhaustive
// top k (same documents, same scores) on a multi-segment index with deletions.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>

#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::query {
namespace {

namespace fs = std::filesystem;

// A Zipf-like vocabulary so that some terms are common and others rare, as in real text.
struct ZipfWords {
  std::vector<std::string> vocab;
  std::mt19937& rng;
  explicit ZipfWords(std::mt19937& r) : rng(r) {
    for (int i = 0; i < 300; ++i) vocab.push_back("w" + std::to_string(i));
  }
  const std::string& operator()() {
    const double u = std::uniform_real_distribution<>(0, 1)(rng);
    return vocab[static_cast<size_t>(std::pow(u, 3.0) * static_cast<double>(vocab.size()))];
  }
};

// 1,500 documents of Zipf words over several segments; with `replace`, every 7th is replaced in a
// second commit (deletions in the old segments).
void write_zipf_index(const fs::path& dir, ZipfWords& word, bool replace) {
  auto w = index::IndexWriter::open(dir, {.flush_bytes = 200000});  // several segments
  ASSERT_TRUE(w);
  for (int d = 0; d < 1500; ++d) {
    doc::Transcript t;
    t.title = d % 5 == 0 ? word() + " " + word() : "doc " + std::to_string(d);
    t.date = "2018-01-01";
    const int len = 20 + static_cast<int>(word.rng() % 200);
    for (int k = 0; k < len; ++k) t.body += word() + " ";
    t.id = "d" + std::to_string(d);
    ASSERT_TRUE((*w)->add(t));
  }
  ASSERT_TRUE((*w)->commit());
  if (!replace) return;
  for (int d = 0; d < 1500; d += 7) {
    doc::Transcript t;
    t.id = "d" + std::to_string(d);
    t.title = "replaced";
    t.body = "w1 w2 w3";
    ASSERT_TRUE((*w)->add(t));
  }
  ASSERT_TRUE((*w)->commit());
}

// The pruned top 10 of `query` has the exhaustive top 10's documents and scores.
void expect_pruned_equals_exhaustive(Searcher& searcher, const std::string& query) {
  SearchRequest exact{.query = query, .limit = 10, .snippets = 0};
  SearchRequest pruned = exact;
  pruned.exact_total = false;
  auto a = searcher.search(exact);
  auto b = searcher.search(pruned);
  ASSERT_TRUE(a && b) << query;
  EXPECT_TRUE(a->total_exact);
  EXPECT_FALSE(b->total_exact);
  EXPECT_LE(b->total, a->total);
  ASSERT_EQ(a->hits.size(), b->hits.size()) << query;
  for (size_t i = 0; i < a->hits.size(); ++i) {
    EXPECT_NEAR(a->hits[i].score, b->hits[i].score, 1e-3) << query << " rank " << i;
    // Ids agree unless two hits tie on score (then either order is right).
    const bool tie =
        (i > 0 && std::abs(a->hits[i].score - a->hits[i - 1].score) < 1e-3) ||
        (i + 1 < a->hits.size() && std::abs(a->hits[i].score - a->hits[i + 1].score) < 1e-3);
    if (!tie) {
      EXPECT_EQ(a->hits[i].id, b->hits[i].id) << query << " rank " << i;
    }
  }
}

TEST(MaxScore, PrunedTopKEqualsExhaustive) {
  const fs::path dir = newsdex::testing::scratch_dir("maxscore_test");
  fs::remove_all(dir);
  std::mt19937 rng(42);
  ZipfWords word(rng);
  write_zipf_index(dir, word, /*replace=*/true);
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  ASSERT_GT((*snap)->segments().size(), 2u);
  Searcher searcher(*snap);
  for (int q = 0; q < 150; ++q) {
    std::string query;
    const int terms = 2 + static_cast<int>(rng() % 3);
    for (int k = 0; k < terms; ++k) query += (k ? " OR " : "") + word();
    expect_pruned_equals_exhaustive(searcher, query);
  }
  fs::remove_all(dir);
}

// Without deletions or filters a word whose title clause is non-essential passes the docs of its
// body blocks that cannot enter the top k in one loop (DocIterator::skip_uncompetitive): the same
// top k as scoring every doc, for single words (common and rare) and ORs.
TEST(MaxScore, BulkPassedDocsNeverBelongToTheTopK) {
  const fs::path dir = newsdex::testing::scratch_dir("maxscore_bulk_test");
  fs::remove_all(dir);
  std::mt19937 rng(7);
  ZipfWords word(rng);
  write_zipf_index(dir, word, /*replace=*/false);
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  ASSERT_GT((*snap)->segments().size(), 1u);
  for (const auto& view : (*snap)->segments()) ASSERT_EQ(view.deleted_count, 0u);
  Searcher searcher(*snap);
  for (size_t v = 0; v < 60; ++v) expect_pruned_equals_exhaustive(searcher, word.vocab[v]);
  for (int q = 0; q < 60; ++q) expect_pruned_equals_exhaustive(searcher, word() + " OR " + word());
  fs::remove_all(dir);
}

// Letters only ("fa", "fb", ... "fba"), so the analyzer keeps each filler word whole.
std::string filler_word(size_t i) {
  std::string s = "f";
  do {
    s += static_cast<char>('a' + i % 26);
    i /= 26;
  } while (i > 0);
  return s;
}
std::string fillers(size_t from, size_t n) {
  std::string s;
  for (size_t k = 0; k < n; ++k) s += filler_word((from + k) % 500) + " ";
  return s;
}

// A phrase in the body and the same phrase in the title are two clauses of one top-k sum. The
// title phrase is rare, so its block bound is far above the top 10's threshold, and the body
// phrase's block bounds are loose (short documents with one of its words many times): both
// clauses are essential, and the floor the body phrase gets alone is negative. A body-only
// document whose own bound is below the threshold must still be ruled out before its positions:
// the body phrase looks at the title phrase (a companion, DocIterator::set_companions), which
// stands past that document, so the document is skipped unproven — the lower-bound total stays
// below half the exact one (without companions 503 of the 968 matches were proven) — and the
// top 10 is the exhaustive one.
TEST(MaxScore, PhraseLooksAtTitleCompanionBeforePositions) {
  const fs::path dir = newsdex::testing::scratch_dir("maxscore_companion_test");
  fs::remove_all(dir);
  {
    auto w = index::IndexWriter::open(dir, {});
    ASSERT_TRUE(w);
    for (size_t d = 0; d < 1000; ++d) {
      doc::Transcript t;
      t.id = "d" + std::to_string(d);
      t.date = "2018-01-01";
      t.title = d % 300 == 3 ? "alpha beta" : "news " + filler_word(d);
      if (d % 64 == 17) {
        t.body = "alpha fa alpha fb alpha fc alpha fd alpha";  // no phrase: a loose block bound
      } else if (d % 64 == 18) {
        t.body = "beta fa beta fb beta fc beta";
      } else {  // the phrase once, in ever longer bodies (ever lower scores)
        t.body = fillers(d, 10) + "alpha beta " + fillers(d + 10, 10 + d);
      }
      ASSERT_TRUE((*w)->add(t));
    }
    ASSERT_TRUE((*w)->commit());
  }
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  SearchRequest exact{.query = "\"alpha beta\"", .limit = 10, .snippets = 0};
  SearchRequest pruned = exact;
  pruned.exact_total = false;
  auto a = searcher.search(exact);
  auto b = searcher.search(pruned);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->total, 1000u - 2 * 16);
  ASSERT_EQ(a->hits.size(), 10u);
  ASSERT_EQ(b->hits.size(), 10u);
  for (size_t i = 0; i < a->hits.size(); ++i) {
    EXPECT_EQ(a->hits[i].id, b->hits[i].id) << "rank " << i;
    EXPECT_NEAR(a->hits[i].score, b->hits[i].score, 1e-4) << "rank " << i;
  }
  EXPECT_EQ(a->hits[0].id, "d3");
  // (The first window runs before the top 10 fills: its documents are all proven.)
  EXPECT_LT(b->total, a->total / 2) << "body-only documents were position-checked";
  fs::remove_all(dir);
}

// A conjunction's window is its cheapest clause's postings block, which spans several blocks of
// a denser clause; that clause is bounded over the window by the largest bound of the blocks the
// window overlaps (DocIterator::range_max), not by its whole list's. Here the denser word ("beta",
// in every 4th document) is in one early title, which lifts its list bound (title boost, a
// one-word title) far above its body blocks' bounds; "alpha" (every 16th document, 4 blocks)
// leads. Ten short early documents fill the top 10, after which every later window of "alpha"
// is bounded below the threshold — with the list bound for "beta" it was not, and all 512
// matches were scored. The top 10 is the exhaustive one.
TEST(MaxScore, ConjunctionBoundsDenserClauseOverTheWindow) {
  const fs::path dir = newsdex::testing::scratch_dir("maxscore_and_window_test");
  fs::remove_all(dir);
  {
    auto w = index::IndexWriter::open(dir, {});
    ASSERT_TRUE(w);
    for (size_t d = 0; d < 8192; ++d) {
      doc::Transcript t;
      t.id = "d" + std::to_string(d);
      t.date = "2018-01-01";
      t.title = d == 1 ? "beta" : "news";
      if (d < 160 && d % 16 == 0) {
        t.body = "alpha beta";
      } else {
        t.body =
            std::string(d % 16 == 0 ? "alpha " : "") + (d % 4 == 0 ? "beta " : "") + fillers(d, 40);
      }
      ASSERT_TRUE((*w)->add(t));
    }
    ASSERT_TRUE((*w)->commit());
  }
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  ASSERT_EQ((*snap)->segments().size(), 1u);
  Searcher searcher(*snap);
  SearchRequest exact{.query = "alpha beta", .limit = 10, .snippets = 0};
  SearchRequest pruned = exact;
  pruned.exact_total = false;
  auto a = searcher.search(exact);
  auto b = searcher.search(pruned);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->total, 8192u / 16);
  ASSERT_EQ(a->hits.size(), 10u);
  ASSERT_EQ(b->hits.size(), 10u);
  for (size_t i = 0; i < a->hits.size(); ++i) {
    EXPECT_EQ(a->hits[i].id, b->hits[i].id) << "rank " << i;
    EXPECT_NEAR(a->hits[i].score, b->hits[i].score, 1e-4) << "rank " << i;
  }
  // Only the first window (before the top 10 is full) is scored.
  EXPECT_LT(b->total, a->total / 2) << "later windows were not skipped";
  fs::remove_all(dir);
}

// A bare word of an AND (body OR title, one iterator over both fields' postings) scores what the
// word scores alone: a document's score for "a b" is its score for "a" plus its score for "b".
TEST(MaxScore, ConjunctionScoresAreSumsOfWordScores) {
  const fs::path dir = newsdex::testing::scratch_dir("maxscore_and_sum_test");
  fs::remove_all(dir);
  std::mt19937 rng(3);
  {
    auto w = index::IndexWriter::open(dir, {});
    ASSERT_TRUE(w);
    for (size_t d = 0; d < 600; ++d) {
      doc::Transcript t;
      t.id = "d" + std::to_string(d);
      t.date = "2018-01-01";
      t.title = filler_word(rng() % 12) + " " + filler_word(rng() % 40);
      for (size_t k = 0, n = 5 + rng() % 60; k < n; ++k) t.body += filler_word(rng() % 30) + " ";
      ASSERT_TRUE((*w)->add(t));
    }
    ASSERT_TRUE((*w)->commit());
  }
  auto snap = index::Snapshot::open(dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  auto scores = [&](const std::string& query) {
    std::map<std::string, double> out;
    auto r = searcher.search({.query = query, .limit = 1000, .snippets = 0});
    EXPECT_TRUE(r) << query;
    if (r)
      for (const auto& h : r->hits) out[h.id] = h.score;
    return out;
  };
  size_t checked = 0, with_title = 0;
  for (size_t a = 0; a < 12; ++a) {
    const std::string wa = filler_word(a), wb = filler_word(a + 5);
    const auto sa = scores(wa), sb = scores(wb), both = scores(wa + " " + wb);
    for (const auto& [id, s] : both) {
      ASSERT_TRUE(sa.count(id) && sb.count(id)) << id;
      EXPECT_NEAR(s, sa.at(id) + sb.at(id), 2e-4) << wa << " " << wb << " " << id;
      ++checked;
    }
    with_title += !scores("title:" + wa).empty();
  }
  EXPECT_GT(checked, 100u);
  EXPECT_GT(with_title, 5u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsdex::query
