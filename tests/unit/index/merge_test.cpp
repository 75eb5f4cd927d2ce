// Segment merging (and ingest's bounded batches): the tiered policy's choices, force-merges that
// drop deleted documents, merges that commit only what was committed, readers on an old snapshot,
// and background merges.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/index/writer/ingest.hpp"
#include "newsdex/index/writer/merge_policy.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMiB = uint64_t{1} << 20;

std::vector<SegmentSize> sizes(std::initializer_list<uint64_t> mib) {
  std::vector<SegmentSize> out;
  for (uint64_t m : mib) out.push_back({m * kMiB, 1000, 0, false});
  return out;
}

TEST(MergePolicy, WithinBudgetNothingIsMerged) {
  MergePolicyOptions o;
  EXPECT_FALSE(find_merge(sizes({1, 1, 1}), o));
  EXPECT_FALSE(find_merge(sizes({}), o));
  // Up to segments_per_tier segments at the floor are allowed.
  EXPECT_EQ(allowed_segment_count(sizes({1, 1, 1, 1, 1, 1, 1, 1}), o), 8u);
  EXPECT_FALSE(find_merge(sizes({1, 1, 1, 1, 1, 1, 1, 1}), o));
}

TEST(MergePolicy, OverBudgetMergesSimilarSmallSegments) {
  MergePolicyOptions o;
  auto s = sizes({1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  auto m = find_merge(s, o);
  ASSERT_TRUE(m);
  EXPECT_GE(m->size(), 2u);
  EXPECT_LE(m->size(), o.max_merge_at_once);
}

TEST(MergePolicy, LargeSegmentIsLeftOutOfASkewedMerge) {
  MergePolicyOptions o;
  auto s = sizes({2000});
  for (int i = 0; i < 30; ++i) s.push_back({kMiB, 1000, 0, false});
  ASSERT_LT(allowed_segment_count(s, o), s.size());
  auto m = find_merge(s, o);
  ASSERT_TRUE(m);
  EXPECT_GE(m->first, 1u) << "merging the 2000 MiB segment with 1 MiB ones is all skew";
}

TEST(MergePolicy, BudgetGrowsByTiers) {
  MergePolicyOptions o;
  // 8 segments of 4 MiB fill the first tier; 8 of 32 MiB the second.
  std::vector<SegmentSize> s;
  for (int i = 0; i < 8; ++i) s.push_back({32 * kMiB, 1000, 0, false});
  for (int i = 0; i < 8; ++i) s.push_back({4 * kMiB, 1000, 0, false});
  EXPECT_EQ(allowed_segment_count(s, o), 16u);
  EXPECT_FALSE(find_merge(s, o));
  s.push_back({4 * kMiB, 1000, 0, false});
  EXPECT_EQ(allowed_segment_count(s, o), 17u);  // a third tier has begun
  s.push_back({4 * kMiB, 1000, 0, false});
  auto m = find_merge(s, o);
  ASSERT_TRUE(m);
  EXPECT_GE(m->first, 8u) << "the 4 MiB tier merges, not the 32 MiB one";
}

TEST(MergePolicy, SegmentsBeingMergedOrTooLargeAreSkipped) {
  MergePolicyOptions o;
  auto s = sizes({1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  for (size_t i = 0; i < 5; ++i) s[i].merging = true;
  auto m = find_merge(s, o);
  ASSERT_TRUE(m);
  EXPECT_GE(m->first, 5u);
  o.max_merged_bytes = kMiB;  // every segment is past half of it
  EXPECT_FALSE(find_merge(sizes({1, 1, 1, 1, 1, 1, 1, 1, 1, 1}), o));
}

TEST(MergePolicy, DeletionsShrinkSizeAndFavourReclaimingMerges) {
  MergePolicyOptions o;
  o.floor_bytes = kMiB;
  std::vector<SegmentSize> s;
  for (int i = 0; i < 20; ++i) s.push_back({10 * kMiB, 1000, 0, false});
  s[6].deleted = 900;
  s[7].deleted = 900;
  auto m = find_merge(s, o);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->first <= 6 && m->last >= 8) << m->first << ".." << m->last;
}

TEST(MergePolicy, ForcedMerges) {
  auto s = sizes({5, 1, 1, 1, 9});
  EXPECT_EQ(find_forced_merge(s, 1), (MergeRange{0, 5}));
  EXPECT_EQ(find_forced_merge(s, 3), (MergeRange{1, 4}));  // the smallest adjacent run of three
  EXPECT_FALSE(find_forced_merge(s, 5));
  auto one = sizes({5});
  EXPECT_FALSE(find_forced_merge(one, 1));
  one[0].deleted = 3;
  EXPECT_EQ(find_forced_merge(one, 1), (MergeRange{0, 1}));
  s[2].merging = true;
  EXPECT_FALSE(find_forced_merge(s, 1));
}

class MergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = newsdex::testing::scratch_dir("merge_test");
    fs::remove_all(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  static doc::Transcript make(int i, const std::string& extra = "") {
    doc::Transcript t;
    t.id = "doc-" + std::to_string(i);
    t.source = i % 2 ? "ABC" : "CBS";
    t.show = i % 3 ? "WNT" : "GMA";
    t.date = "2018-03-" + std::to_string(10 + i % 20);
    t.title = "Report number " + std::to_string(i);
    t.body = "President Putin spoke with reporters about the storm number " + std::to_string(i) +
             (i % 4 == 0 ? " and the summit in Helsinki." : ". Hurricane season starts.") + extra;
    return t;
  }
  // `segments` commits of `per` documents each, numbered from `first`.
  void build(int segments, int per, int first = 0) {
    auto w = IndexWriter::open(m_dir, {.background_merges = false});
    ASSERT_TRUE(w) << w.error().to_string();
    for (int s = 0; s < segments; ++s) {
      for (int i = 0; i < per; ++i) ASSERT_TRUE((*w)->add(make(first + s * per + i)));
      ASSERT_TRUE((*w)->commit());
    }
  }
  std::shared_ptr<const Snapshot> open() {
    auto s = Snapshot::open(m_dir);
    EXPECT_TRUE(s) << s.error().to_string();
    return s ? *s : nullptr;
  }
  static uint64_t count_term(const Snapshot& snap, Field field, const std::string& term) {
    uint64_t n = 0;
    for (const auto& v : snap.segments()) {
      auto info = v.segment->lookup(field, term);
      if (!info) continue;
      for (auto c = v.segment->cursor(*info); c.doc() != kEndDoc; c.next())
        if (!v.is_deleted(c.doc())) ++n;
    }
    return n;
  }

  fs::path m_dir;
};

TEST_F(MergeTest, ForceMergeDropsDeletedDocumentsAndKeepsTheRest) {
  build(5, 10);
  {
    auto w = IndexWriter::open(m_dir, {.background_merges = false});
    ASSERT_TRUE(w);
    // Replace three documents (their old copies become deletions) and commit.
    for (int i : {3, 17, 44})
      ASSERT_EQ(*(*w)->add(make(i, " Changed text zebra.")), AddOutcome::kReplaced);
    ASSERT_TRUE((*w)->commit());
  }
  auto before = open();
  ASSERT_EQ(before->segments().size(), 6u);
  ASSERT_EQ(before->live_documents(), 50u);
  {
    auto w = IndexWriter::open(m_dir, {.background_merges = false});
    ASSERT_TRUE(w);
    auto info = (*w)->force_merge(1);
    ASSERT_TRUE(info) << info.error().to_string();
    EXPECT_EQ(info->segments_before, 6u);
    EXPECT_EQ(info->segments_after, 1u);
  }
  auto after = open();
  ASSERT_EQ(after->segments().size(), 1u);
  EXPECT_EQ(after->segments()[0].segment->doc_count(), 50u) << "deleted copies are gone";
  EXPECT_EQ(after->segments()[0].deleted_count, 0u);
  EXPECT_EQ(after->live_documents(), 50u);
  ASSERT_TRUE(after->check()) << after->check().error().to_string();
  for (int i : {3, 17, 44}) {
    auto d = after->find_document("doc-" + std::to_string(i));
    ASSERT_TRUE(d && *d);
    EXPECT_NE((*d)->body.find("zebra"), std::string::npos);
  }
  // Postings agree with the unmerged index, live documents only.
  for (const char* term : {"putin", "zebra", "helsinki", "storm", "number"})
    EXPECT_EQ(count_term(*after, Field::kBody, term), count_term(*before, Field::kBody, term))
        << term;
  EXPECT_EQ(count_term(*after, Field::kTitle, "report"), 50u);
  // Every unreferenced file is gone: one segment, one manifest, the lock.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(m_dir)) files += e.path().filename() != "LOCK";
  EXPECT_EQ(files, 2u);
}

TEST_F(MergeTest, MergeCommitsOnlyCommittedWork) {
  build(4, 5);
  auto w = IndexWriter::open(m_dir, {.flush_bytes = 1, .background_merges = false});
  ASSERT_TRUE(w);
  // Uncommitted: a new document (flushed to its own segment at once) and a replacement.
  ASSERT_EQ(*(*w)->add(make(100)), AddOutcome::kAdded);
  ASSERT_EQ(*(*w)->add(make(2, " Replaced later.")), AddOutcome::kReplaced);
  auto info = (*w)->force_merge(1);
  ASSERT_TRUE(info) << info.error().to_string();
  auto mid = open();
  EXPECT_EQ(mid->segments().size(), 1u);
  EXPECT_EQ(mid->live_documents(), 20u);
  EXPECT_FALSE(*mid->find_document("doc-100")) << "a merge never publishes uncommitted documents";
  auto old = mid->find_document("doc-2");
  ASSERT_TRUE(old && *old);
  EXPECT_EQ((*old)->body.find("Replaced later"), std::string::npos);
  // The writer's commit publishes them, on top of the merged segment, without duplicates.
  auto c = (*w)->commit();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->documents, 21u);
  auto end = open();
  EXPECT_EQ(end->live_documents(), 21u);
  auto now = end->find_document("doc-2");
  ASSERT_TRUE(now && *now);
  EXPECT_NE((*now)->body.find("Replaced later"), std::string::npos);
  EXPECT_TRUE(*end->find_document("doc-100"));
  ASSERT_TRUE(end->check());
  // Re-adding the same content is still a duplicate after the merge renumbered documents.
  EXPECT_EQ(*(*w)->add(make(7)), AddOutcome::kDuplicate);
}

TEST_F(MergeTest, ReadersOnAnOldSnapshotKeepWorking) {
  build(6, 8);
  auto old = open();
  ASSERT_EQ(old->segments().size(), 6u);
  const uint64_t putin = count_term(*old, Field::kBody, "putin");
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  // A reader thread opens fresh snapshots while merges remove files under it.
  std::thread reader([&] {
    while (!done) {
      auto s = Snapshot::open(m_dir);
      if (!s || (*s)->live_documents() != 48u) ++failures;
    }
  });
  {
    auto w = IndexWriter::open(m_dir, {.background_merges = false});
    ASSERT_TRUE(w);
    ASSERT_TRUE((*w)->force_merge(3));
    ASSERT_TRUE((*w)->force_merge(1));
  }
  done = true;
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(fs::exists(m_dir / old->segments()[0].segment->name())) << "inputs were removed";
  // The old snapshot still reads its (unlinked, mapped) files.
  EXPECT_EQ(count_term(*old, Field::kBody, "putin"), putin);
  EXPECT_TRUE(old->check());
  auto d = old->find_document("doc-40");
  ASSERT_TRUE(d && *d);
  EXPECT_EQ((*d)->title, "Report number 40");
  EXPECT_EQ(open()->segments().size(), 1u);
}

TEST_F(MergeTest, BackgroundMergesKeepTheIndexWithinBudget) {
  auto w = IndexWriter::open(m_dir);  // background merges on, default policy
  ASSERT_TRUE(w);
  for (int c = 0; c < 30; ++c) {
    for (int i = 0; i < 3; ++i) ASSERT_TRUE((*w)->add(make(c * 3 + i)));
    ASSERT_TRUE((*w)->commit());
  }
  auto info = (*w)->wait_for_merges();
  ASSERT_TRUE(info) << info.error().to_string();
  EXPECT_GT(info->merges, 0u);
  auto snap = open();
  std::vector<SegmentSize> s;
  for (const auto& e : snap->manifest().segments)
    s.push_back({e.bytes, e.docs, e.deleted_docs, false});
  EXPECT_LE(snap->segments().size(), allowed_segment_count(s, MergePolicyOptions{}));
  EXPECT_EQ(snap->live_documents(), 90u);
  EXPECT_TRUE(snap->check());
  EXPECT_EQ(count_term(*snap, Field::kTitle, "report"), 90u);
}

}  // namespace
}  // namespace newsdex::index

namespace newsdex::index {
namespace {

// One large input file is analysed and added in batches while it is read, not whole: memory is
// bounded by the batch size, not by the size of a file.
TEST(IngestBatches, ALargeFileIsAddedBatchByBatchWhileReading) {
  const auto dir = newsdex::testing::scratch_dir("ingest_batches");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "big.jsonl");
    for (int i = 0; i < 95; ++i)
      out << R"({"id": "d)" << i << R"(", "title": "Item )" << i
          << R"(", "body": "The council voted on the budget for the harbour, item )" << i
          << "\"}\n";
  }
  auto w = IndexWriter::open(dir / "idx", {.background_merges = false});
  ASSERT_TRUE(w);
  IngestOptions options;
  options.threads = 1;
  options.batch_documents = 10;
  std::vector<uint64_t> seen;
  options.on_progress = [&](const IngestProgress& p) { seen.push_back(p.documents); };
  auto r = ingest_files(**w, {dir / "big.jsonl"}, options);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->added, 95u);
  ASSERT_GE(seen.size(), 9u) << "batches of 10 while the one file is read, then the rest";
  EXPECT_EQ(seen.front(), 10u);
  EXPECT_EQ(seen.back(), 95u);
  std::filesystem::remove_all(dir);
}

// Twelve words of a 600-word vocabulary for record `id`: each word recurs in documents that
// different analysis threads read, as the words of real transcripts do.
std::string vocabulary_words(int id) {
  static const char* kSyllables[] = {"ba", "ko", "ri", "mu", "sel", "tan", "vor", "pli"};
  std::string out;
  for (int k = 0; k < 12; ++k) {
    const int w = (id * 37 + k * 101) % 600;
    out += ' ';
    out += kSyllables[w % 8];
    out += kSyllables[(w / 8) % 8];
    out += kSyllables[(w / 64) % 8];
    out += "ton";
  }
  return out;
}

// With worker threads, batches are analysed while the file is read and written in input order:
// the index (every segment file byte, the manifest) is the same as with one thread, and the
// duplicates and replacements inside the input are resolved the same way.
TEST(IngestBatches, WorkerThreadsBuildTheSameIndexAsOneThread) {
  const auto dir = newsdex::testing::scratch_dir("ingest_threads");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "big.jsonl");
    for (int i = 0; i < 1200; ++i) {
      // Every 7th record repeats an earlier id: some with the same text, some with new text.
      const int id = i % 7 == 6 ? i - 6 : i;
      const char* tail = i % 14 == 6 ? "again" : "";
      out << R"({"id": "d)" << id << R"(", "title": "Item )" << id << R"(", "show": "Show )"
          << id % 5 << R"(", "date": "2020-01-0)" << 1 + id % 9
          << R"(", "body": ">> Governor Allen said the council voted on the budget for the harbour, item )"
          << id << " " << tail << " " << vocabulary_words(id) << R"(. >> Thank you, Governor."})"
          << "\n";
    }
  }
  std::vector<std::string> files[2];
  IngestReport reports[2];
  for (unsigned threads : {1u, 2u}) {
    const auto idx = dir / ("idx" + std::to_string(threads));
    auto w = IndexWriter::open(idx, {.flush_bytes = 1 << 20, .background_merges = false});
    ASSERT_TRUE(w);
    IngestOptions options;
    options.threads = threads;
    options.batch_documents = 4;  // many batches in flight at once
    auto r = ingest_files(**w, {dir / "big.jsonl"}, options);
    ASSERT_TRUE(r) << r.error().to_string();
    reports[threads - 1] = *r;
    for (const auto& entry : std::filesystem::directory_iterator(idx)) {
      const auto name = entry.path().filename().string();
      if (name == "LOCK") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      files[threads - 1].push_back(name + ":" +
                                   std::string(std::istreambuf_iterator<char>(in), {}));
    }
    std::sort(files[threads - 1].begin(), files[threads - 1].end());
  }
  EXPECT_EQ(reports[0].added, reports[1].added);
  EXPECT_EQ(reports[0].duplicates, reports[1].duplicates);
  EXPECT_EQ(reports[0].replaced, reports[1].replaced);
  EXPECT_GT(reports[1].duplicates, 0u);
  EXPECT_GT(reports[1].replaced, 0u);
  EXPECT_GT(files[0].size(), 2u) << "several segments (small flush threshold)";
  EXPECT_TRUE(files[0] == files[1]) << "the index differs between 1 and 2 threads";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace newsdex::index
