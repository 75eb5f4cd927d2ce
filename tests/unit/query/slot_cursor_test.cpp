// The merged cursor per word (SlotCursor::Mode::kMerged, exec/slot_cursor.hpp) must be an
// optimisation only: on several segments with deletions, it visits the same documents as the
// per-alternative walk (kSeek) and reports the same frequencies, weights and hits (positions and
// the alternative matched there); and robust phrases score every document the same either way.
#include "newsdex/query/exec/slot_cursor.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/query/exec/iterators.hpp"
#include "newsdex/query/parse/parser.hpp"
#include "newsdex/query/plan/expand.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::query {
namespace {

namespace fs = std::filesystem;

// Words of a small vocabulary and their garbled forms (a letter changed, dropped or doubled), so
// that a word's alternatives overlap in many documents and sit side by side in some.
class GarbledText {
 public:
  explicit GarbledText(uint32_t seed) : m_rng(seed) {
    const char* base[] = {"president", "capital",  "letters", "issue",   "raise",   "victory",
                          "election",  "campaign", "senate",  "economy", "the",     "of",
                          "nation",    "people",   "country", "foreign", "between", "budget"};
    for (const char* w : base) m_words.emplace_back(w);
  }
  std::string word() {
    std::string w = m_words[pick(static_cast<uint32_t>(m_words.size()))];
    switch (pick(6)) {
      case 0:  // a letter changed
        w[pick(static_cast<uint32_t>(w.size()))] = static_cast<char>('a' + pick(26));
        break;
      case 1:  // a letter dropped
        if (w.size() > 3) w.erase(pick(static_cast<uint32_t>(w.size())), 1);
        break;
      default:
        break;
    }
    return w;
  }
  std::string text(int words) {
    std::string out;
    for (int k = 0; k < words; ++k) {
      const std::string w = word();
      out += w + " ";
      if (pick(10) == 0) out += w + " ";  // a stutter: the same word twice
    }
    return out;
  }
  uint32_t pick(uint32_t n) { return static_cast<uint32_t>(m_rng() % n); }

 private:
  std::mt19937 m_rng;
  std::vector<std::string> m_words;
};

class SlotCursorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = fs::temp_directory_path() / ("newsdex_slot_cursor_test_" + std::to_string(::getpid()));
    fs::remove_all(s_dir);
    GarbledText gen(11);
    auto w = index::IndexWriter::open(s_dir, {.flush_bytes = 400'000});  // several segments
    ASSERT_TRUE(w);
    auto add = [&](int d) {
      doc::Transcript t;
      t.id = "d" + std::to_string(d);
      t.title = "t" + std::to_string(d);
      t.date = "2020-01-01";
      t.body = gen.text(20 + static_cast<int>(gen.pick(300)));
      ASSERT_TRUE((*w)->add(t));
    };
    for (int d = 0; d < 1500; ++d) add(d);
    ASSERT_TRUE((*w)->commit());
    for (int d = 0; d < 1500; d += 7) add(d);  // replaced: deletions in the older segments
    ASSERT_TRUE((*w)->commit());
  }
  static void TearDownTestSuite() { fs::remove_all(s_dir); }

  // The alternatives of `word` in one segment, as a robust phrase expands them.
  static std::vector<SlotCursor::Alt> alternatives(const index::Segment& seg,
                                                   const std::vector<Alternative>& slot) {
    std::vector<SlotCursor::Alt> alts;
    for (uint32_t a = 0; a < slot.size(); ++a)
      if (auto info = seg.lookup(index::Field::kBody, slot[a].term)) {
        alts.push_back({seg.cursor(*info), a, slot[a].weight});
        alts.back().cursor.set_bulk_positions(false);
      }
    return alts;
  }

  static PlanNode robust_plan(const index::Snapshot& snap, const std::string& query) {
    analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
    auto ast = parse_query(query, {});
    EXPECT_TRUE(ast);
    auto plan = plan_query(**ast, analyzer);
    EXPECT_TRUE(plan);
    EXPECT_TRUE(expand_plan(*plan, snap));
    return std::move(*plan);
  }

  static fs::path s_dir;
};

fs::path SlotCursorTest::s_dir;

void expect_same_doc(SlotCursor& seek, SlotCursor& merged, std::mt19937& rng) {
  ASSERT_EQ(seek.doc(), merged.doc());
  const uint32_t d = seek.doc();
  if (d == index::kEndDoc) return;
  uint32_t any_a = 0, exact_a = 0, any_b = 0, exact_b = 0;
  seek.freqs_on(d, any_a, exact_a);
  merged.freqs_on(d, any_b, exact_b);
  EXPECT_EQ(any_a, any_b) << "doc " << d;
  EXPECT_EQ(exact_a, exact_b) << "doc " << d;
  EXPECT_EQ(seek.freq_on(d, true), merged.freq_on(d, true));
  EXPECT_EQ(seek.exact_on(d), merged.exact_on(d));
  EXPECT_EQ(seek.max_weight_on(d), merged.max_weight_on(d));
  EXPECT_EQ(seek.block_end(d), merged.block_end(d));
  if (rng() % 3 != 0) return;  // positions on every third doc (as the filter reads a few)
  const auto on_a = seek.on();
  const auto on_b = merged.on();
  ASSERT_EQ(std::vector<uint32_t>(on_a.begin(), on_a.end()),
            std::vector<uint32_t>(on_b.begin(), on_b.end()));
  for (uint32_t alt : on_a) {
    const auto pa = seek.positions_of(alt);
    const auto pb = merged.positions_of(alt);
    EXPECT_EQ(std::vector<uint32_t>(pa.begin(), pa.end()),
              std::vector<uint32_t>(pb.begin(), pb.end()));
  }
  std::vector<SlotHit> ha, hb;
  std::vector<std::pair<uint32_t, uint32_t>> windows;
  if (rng() % 2 == 0) windows = {{3, 9}, {20, 60}, {100, 400}};
  seek.hits(ha, windows);
  merged.hits(hb, windows);
  ASSERT_EQ(ha.size(), hb.size()) << "doc " << d;
  for (size_t i = 0; i < ha.size(); ++i) {
    EXPECT_EQ(ha[i].position, hb[i].position);
    EXPECT_EQ(ha[i].alternative, hb[i].alternative);
    EXPECT_EQ(ha[i].weight, hb[i].weight);
  }
}

TEST_F(SlotCursorTest, MergedCursorWalksLikeTheAlternativesOneByOne) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  ASSERT_GT((*snap)->segments().size(), 2u);
  const PlanNode plan = robust_plan(**snap,
                                    "robust:\"the president raise the issue of the capital "
                                    "letters between campaign budget\"");
  ASSERT_EQ(plan.slots.size(), 12u);
  std::mt19937 rng(5);
  size_t merged_words = 0, docs = 0;
  for (const auto& view : (*snap)->segments()) {
    const auto& seg = *view.segment;
    for (const auto& slot : plan.slots) {
      auto alts = alternatives(seg, slot);
      SlotCursor seek(alternatives(seg, slot), SlotCursor::Mode::kSeek, seg.doc_count());
      SlotCursor merged(std::move(alts), SlotCursor::Mode::kMerged, seg.doc_count());
      ASSERT_EQ(seek.mode(), SlotCursor::Mode::kSeek);
      merged_words += merged.mode() == SlotCursor::Mode::kMerged;
      EXPECT_EQ(seek.cost(), merged.cost());
      // Ascending targets: the next doc, or a jump of up to a few hundred docs.
      for (uint32_t target = 0; seek.doc() != index::kEndDoc;) {
        expect_same_doc(seek, merged, rng);
        ++docs;
        target = std::max(target, seek.doc()) + 1 +
                 (rng() % 4 == 0 ? static_cast<uint32_t>(rng() % 300) : 0u);
        seek.seek(target);
        merged.seek(target);
      }
      EXPECT_EQ(merged.doc(), index::kEndDoc);
    }
  }
  EXPECT_GT(merged_words, 0u);
  EXPECT_GT(docs, 1000u);
}

// Every robust phrase, on every segment, walked to the end with each word merged, or each walked
// alternative by alternative, or as the cost model chooses: the same documents with the same
// scores (which follow from the chains: their count, best quality and exactness).
TEST_F(SlotCursorTest, RobustPhrasesMatchTheSameDocumentsWhicheverWayWordsAreWalked) {
  auto snap = index::Snapshot::open(s_dir);
  ASSERT_TRUE(snap);
  const std::vector<std::string> queries = {"robust:\"the president raise the issue\"",
                                            "robust:\"capital letters of the nation\"",
                                            "robust:\"victory election campaign\"",
                                            "robust:\"people of the country between\"",
                                            "robust:\"presdent rayse the isue of foreign budget\"",
                                            "sounds:\"raise the issue\""};
  size_t matched = 0;
  for (const auto& query : queries) {
    PlanNode plan = robust_plan(**snap, query);
    for (const auto& view : (*snap)->segments()) {
      ScoringContext ctx;
      ctx.segment = view.segment.get();
      ctx.documents = (*snap)->total_documents();
      ctx.df = [&](index::Field field, const std::string& term) -> uint64_t {
        uint64_t df = 0;
        for (const auto& s : (*snap)->segments())
          if (auto info = s.segment->lookup(field, term)) df += info->df;
        return df;
      };
      std::vector<std::vector<std::pair<uint32_t, double>>> runs;
      for (auto mode : {SlotModes::kSeek, SlotModes::kMerged, SlotModes::kByCost}) {
        ctx.slot_modes = mode;
        auto it = build_iterator(plan, ctx);
        runs.emplace_back();
        if (!it) continue;
        for (; it->doc() != index::kEndDoc; it->next())
          runs.back().emplace_back(it->doc(), it->score());
      }
      EXPECT_EQ(runs[0], runs[1]) << query << " in " << view.segment->name();
      EXPECT_EQ(runs[0], runs[2]) << query << " in " << view.segment->name();
      matched += runs[0].size();
    }
  }
  EXPECT_GT(matched, 100u);
}

}  // namespace
}  // namespace newsdex::query
