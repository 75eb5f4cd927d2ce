// Top-k pruning (exact_total=false: block-max MaxScore for terms, OR and phrases, block-max
// conjunction for AND) must be an optimisation only: on generated news-like text spread over
// several segments with deletions, the pruned top k equals the exhaustive top k — same documents
// (up to ties), same scores — for every query class the benchmark runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/query/exec/searcher.hpp"

namespace newsdex::query {
namespace {

namespace fs = std::filesystem;

// Text with a Zipf vocabulary (a few words in most documents, most words in few) and recurring
// word pairs, so that terms span many postings blocks with varied frequencies and phrases repeat.
class NewsText {
 public:
  explicit NewsText(uint32_t seed) : m_rng(seed) {
    for (size_t i = 0; i < 2000; ++i) m_vocab.push_back(name(i));
    for (size_t i = 1; i <= m_vocab.size(); ++i)
      m_cdf.push_back(m_total += 1.0 / static_cast<double>(i));
  }
  // Letters only ("zqa", "zqb", ...), so the analyzer keeps each word whole.
  static std::string name(size_t i) {
    std::string s = "zq";
    do {
      s += static_cast<char>('a' + i % 26);
      i /= 26;
    } while (i > 0);
    return s;
  }
  size_t index_of_word() {
    const double u = std::uniform_real_distribution<>(0, m_total)(m_rng);
    const auto at = std::lower_bound(m_cdf.begin(), m_cdf.end(), u) - m_cdf.begin();
    return std::min(static_cast<size_t>(at), m_vocab.size() - 1);
  }
  const std::string& word() { return m_vocab[index_of_word()]; }
  std::string text(int words) {
    std::string out;
    for (int k = 0; k < words; ++k) {
      // Now and then a fixed pair: "wN wN+1" reads like a collocation.
      if (m_rng() % 8 == 0) {
        const size_t i = index_of_word();
        out += m_vocab[i] + " " + m_vocab[(i + 1) % m_vocab.size()] + " ";
        ++k;
      } else {
        out += word() + " ";
      }
    }
    return out;
  }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(m_rng() % n); }

 private:
  std::mt19937 m_rng;
  std::vector<std::string> m_vocab;
  std::vector<double> m_cdf;
  double m_total = 0;
};

class TopKEquivalence : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = fs::temp_directory_path() / ("newsdex_topk_test_" + std::to_string(::getpid()));
    fs::remove_all(s_dir);
    NewsText gen(7);
    auto w = index::IndexWriter::open(s_dir, {.flush_bytes = 3'000'000});  // several segments
    ASSERT_TRUE(w);
    auto add = [&](int d, const std::string& title) {
      doc::Transcript t;
      t.id = "d" + std::to_string(d);
      t.title = title;
      t.show = d % 3 == 0 ? "Evening News" : "Morning Report";
      t.date = "20" + std::to_string(15 + d % 8) + "-0" + std::to_string(1 + d % 9) + "-1" +
               std::to_string(d % 10);
      t.body = gen.text(30 + static_cast<int>(gen.below(500)));
      ASSERT_TRUE((*w)->add(t));
      s_bodies.push_back(t.body);
    };
    for (int d = 0; d < 6000; ++d) add(d, gen.text(3 + static_cast<int>(gen.below(6))));
    ASSERT_TRUE((*w)->commit());
    for (int d = 0; d < 6000; d += 11) add(d, "replaced");  // deletions in older segments
    ASSERT_TRUE((*w)->commit());
    s_gen = std::make_unique<NewsText>(gen);
  }
  static void TearDownTestSuite() {
    fs::remove_all(s_dir);
    s_bodies.clear();
    s_gen.reset();
  }

  // Words `count` long starting at a random word of a random body: a phrase that occurs.
  static std::vector<std::string> words_from_corpus(size_t count) {
    const auto& body = s_bodies[s_gen->below(static_cast<uint32_t>(s_bodies.size()))];
    std::vector<std::string> words;
    size_t at = 0;
    while (at < body.size()) {
      const size_t sp = body.find(' ', at);
      words.push_back(body.substr(at, sp - at));
      at = sp + 1;
    }
    const size_t start = s_gen->below(static_cast<uint32_t>(words.size() - count + 1));
    return {words.begin() + static_cast<std::ptrdiff_t>(start),
            words.begin() + static_cast<std::ptrdiff_t>(start + count)};
  }

  // Returns whether the pruned run skipped matches (its total is below the exact one).
  static bool expect_same_top_k(Searcher& searcher, const std::string& query, size_t limit) {
    SearchRequest exact{.query = query, .limit = limit, .snippets = 0};
    SearchRequest pruned = exact;
    pruned.exact_total = false;
    auto a = searcher.search(exact);
    auto b = searcher.search(pruned);
    EXPECT_TRUE(a && b) << query;
    if (!a || !b) return false;
    EXPECT_TRUE(a->total_exact);
    EXPECT_FALSE(b->total_exact);
    EXPECT_LE(b->total, a->total) << query;
    EXPECT_GE(b->total, b->hits.size()) << query;
    EXPECT_EQ(a->hits.size(), b->hits.size()) << query;
    if (a->hits.size() != b->hits.size()) return false;
    for (size_t i = 0; i < a->hits.size(); ++i) {
      EXPECT_NEAR(a->hits[i].score, b->hits[i].score, 1e-4) << query << " rank " << i;
      // Ids agree unless two hits tie on (rounded) score: then either order is right.
      const bool tie =
          (i > 0 && std::abs(a->hits[i].score - a->hits[i - 1].score) < 2e-4) ||
          (i + 1 < a->hits.size() && std::abs(a->hits[i].score - a->hits[i + 1].score) < 2e-4);
      if (!tie) {
        EXPECT_EQ(a->hits[i].id, b->hits[i].id) << query << " rank " << i;
      }
    }
    return b->total < a->total;
  }

  static fs::path s_dir;
  static std::vector<std::string> s_bodies;
  static std::unique_ptr<NewsText> s_gen;
};

fs::path TopKEquivalence::s_dir;
std::vector<std::string> TopKEquivalence::s_bodies;
std::unique_ptr<NewsText> TopKEquivalence::s_gen;

std::string join(const std::vector<std::string>& words, const std::string& sep) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

TEST_F(TopKEquivalence, IndexHasSeveralSegmentsAndLongLists) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  EXPECT_GT((*snap)->segments().size(), 2u);
  Searcher searcher(*snap);
  // The commonest word is in most documents: its lists span many 128-document blocks.
  auto r = searcher.search({.query = NewsText::name(0), .limit = 1, .snippets = 0});
  ASSERT_TRUE(r);
  EXPECT_GT(r->total, 3000u);
}

TEST_F(TopKEquivalence, SingleTerms) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  int pruned = 0;
  for (int q = 0; q < 60; ++q) {
    const auto w = words_from_corpus(1);
    for (size_t limit : {1u, 10u, 50u}) pruned += expect_same_top_k(searcher, w[0], limit);
  }
  EXPECT_GT(pruned, 0);  // the comparison exercised pruning
}

TEST_F(TopKEquivalence, Disjunctions) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  int pruned = 0;
  for (int q = 0; q < 60; ++q) {
    std::vector<std::string> words;
    const size_t n = 2 + s_gen->below(3);
    for (size_t i = 0; i < n; ++i) words.push_back(words_from_corpus(1)[0]);
    pruned += expect_same_top_k(searcher, join(words, " OR "), 10);
  }
  EXPECT_GT(pruned, 0);
}

TEST_F(TopKEquivalence, Conjunctions) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  int pruned = 0;
  for (int q = 0; q < 60; ++q) {
    // Words of one document, not adjacent: the conjunction has hits.
    const auto words = words_from_corpus(2 + s_gen->below(5));
    std::vector<std::string> picked;
    for (size_t i = 0; i < words.size(); i += 2) picked.push_back(words[i]);
    pruned += expect_same_top_k(searcher, join(picked, " "), 10);
  }
  EXPECT_GT(pruned, 0);
}

TEST_F(TopKEquivalence, Phrases) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  int pruned = 0;
  for (int q = 0; q < 60; ++q) {
    const auto words = words_from_corpus(2 + s_gen->below(2));
    pruned += expect_same_top_k(searcher, "\"" + join(words, " ") + "\"", 10);
  }
  EXPECT_GT(pruned, 0);
}

// robust:"..." under top-k pruning skips documents whose score bound (from the frequencies) is
// at or below the collector's floor without decoding positions: the same top k as the exhaustive
// run. Phrases of the corpus, garbled the way captions are (a letter changed, a word dropped, a
// stutter), so that approximate chains of every quality compete for the top k.
TEST_F(TopKEquivalence, RobustPhrases) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  int pruned = 0;
  for (int q = 0; q < 40; ++q) {
    auto words = words_from_corpus(3 + s_gen->below(5));
    const size_t at = s_gen->below(static_cast<uint32_t>(words.size()));
    switch (q % 4) {
      case 0:  // a letter changed (the vocabulary's words differ in their last letters)
        words[at].back() = words[at].back() == 'a' ? 'b' : 'a';
        break;
      case 1:  // a word dropped
        words.erase(words.begin() + static_cast<std::ptrdiff_t>(at));
        break;
      case 2:  // a stutter
        words.insert(words.begin() + static_cast<std::ptrdiff_t>(at), words[at]);
        break;
      default:  // as it was said
        break;
    }
    for (size_t limit : {1u, 10u}) {
      pruned += expect_same_top_k(searcher, "robust:\"" + join(words, " ") + "\"", limit);
    }
  }
  EXPECT_GT(pruned, 0);
}

TEST_F(TopKEquivalence, MixedAndFiltered) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  Searcher searcher(*snap);
  for (int q = 0; q < 40; ++q) {
    const auto a = words_from_corpus(2);
    const auto b = words_from_corpus(1);
    expect_same_top_k(searcher, "\"" + join(a, " ") + "\" OR " + b[0], 10);
    expect_same_top_k(searcher, b[0] + " show:\"Evening News\" date:2016-01-01..2020-12-31", 10);
    expect_same_top_k(searcher, a[0] + " -" + b[0], 10);
    expect_same_top_k(searcher, "(" + a[0] + " OR " + a[1] + ") " + b[0], 10);
  }
}

}  // namespace
}  // namespace newsdex::query
