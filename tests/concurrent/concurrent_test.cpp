// Readers never see a partial commit: searches on snapshots, snapshot reopening and HTTP requests
// run while a writer adds and commits. Meant for ThreadSanitizer (tsan preset), and useful in
// every build: each answer must be whole (totals agree with the snapshot, never go backwards).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "newsdex/server/server.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

constexpr int kCommits = 12;
constexpr int kDocsPerCommit = 5;

doc::Transcript make(int commit, int i) {
  doc::Transcript t;
  t.source = "ABC";
  t.show = "WNT";
  t.date = "2018-03-21";
  t.title = "Bulletin " + std::to_string(commit) + "-" + std::to_string(i);
  t.body = "Evening bulletin number " + std::to_string(commit * 100 + i) +
           " about the storm and the bridge vote in the valley.";
  doc::assign_id(t);
  return t;
}

class ConcurrentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("newsdex_concurrent_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
             std::to_string(::getpid()));
    fs::remove_all(m_dir);
    commit_batch(0);  // the index exists before readers start
  }
  void TearDown() override { fs::remove_all(m_dir); }

  void commit_batch(int commit) {
    auto writer = index::IndexWriter::open(m_dir);
    ASSERT_TRUE(writer) << writer.error().to_string();
    for (int i = 0; i < kDocsPerCommit; ++i) ASSERT_TRUE((*writer)->add(make(commit, i)));
    ASSERT_TRUE((*writer)->commit());
  }

  // Commits kCommits batches, one writer session each, while `readers` run.
  void write_while(const std::function<void(std::atomic<bool>&)>& reader, int readers) {
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    for (int r = 0; r < readers; ++r) threads.emplace_back([&] { reader(done); });
    for (int c = 1; c <= kCommits; ++c) commit_batch(c);
    done = true;
    for (auto& t : threads) t.join();
  }

  fs::path m_dir;
};

TEST_F(ConcurrentTest, SearchesDuringCommitsSeeWholeCommits) {
  std::atomic<int> searches{0};
  write_while(
      [&](std::atomic<bool>& done) {
        uint64_t last = 0;
        while (!done) {
          auto snap = index::Snapshot::open(m_dir);
          ASSERT_TRUE(snap) << snap.error().to_string();
          query::Searcher searcher(*snap);
          auto result = searcher.search({.query = "bulletin storm", .limit = 3});
          ASSERT_TRUE(result) << result.error().to_string();
          // Every live document matches; a commit is seen whole or not at all.
          EXPECT_EQ(result->total, (*snap)->live_documents());
          EXPECT_EQ(result->total % kDocsPerCommit, 0u);
          EXPECT_GE(result->total, last);
          last = result->total;
          ++searches;
        }
      },
      2);
  EXPECT_GT(searches.load(), 0);
  auto snap = index::Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  EXPECT_EQ((*snap)->live_documents(), uint64_t{(kCommits + 1) * kDocsPerCommit});
  EXPECT_TRUE((*snap)->check());
}

TEST_F(ConcurrentTest, SharedSnapshotSearchedFromManyThreads) {
  auto snap = index::Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  std::vector<std::thread> threads;
  std::vector<uint64_t> totals(4, 0);
  for (size_t i = 0; i < totals.size(); ++i)
    threads.emplace_back([&, i] {
      query::Searcher searcher(*snap);  // one Searcher per thread, one shared snapshot
      for (int k = 0; k < 20; ++k) {
        auto r = searcher.search({.query = "\"bridge vote\" OR valley", .limit = 2});
        if (r) totals[i] = r->total;
      }
    });
  for (auto& t : threads) t.join();
  for (auto t : totals) EXPECT_EQ(t, uint64_t{kDocsPerCommit});
}

TEST_F(ConcurrentTest, ServerAnswersWhileAWriterCommits) {
  server::ServerOptions options;
  options.index_dir = m_dir.string();
  options.port = 0;
  options.threads = 3;
  server::Server srv(options);
  ASSERT_TRUE(srv.start());
  std::atomic<int> answered{0};
  write_while(
      [&](std::atomic<bool>& done) {
        httplib::Client client("127.0.0.1", srv.port());
        client.set_read_timeout(30);
        int64_t last = 0;
        while (!done) {
          auto res = client.Get("/api/search?q=bulletin&limit=2");
          ASSERT_TRUE(res);
          ASSERT_EQ(res->status, 200) << res->body;
          auto total = nlohmann::json::parse(res->body)["total"].get<int64_t>();
          EXPECT_EQ(total % kDocsPerCommit, 0);
          EXPECT_GE(total, last);
          last = total;
          ++answered;
        }
      },
      3);
  srv.stop();
  EXPECT_GT(answered.load(), 0);
}

}  // namespace
}  // namespace newsdex
