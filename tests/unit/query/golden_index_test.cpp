// A committed index written by an earlier build must stay readable and answer as it did: the
// golden index in tests/data/golden/format-8 (the fixture collection, full analysis, two commits:
// the second replaces one document of the first, so the first segment carries a deletion file) is
// opened from a copy, checked, and asked every query of tests/data/search/cases.txt plus the query
// forms cases.txt does not cover; the answers must equal those of the same history written now.
// A change to the segment or manifest format, the analysis or the scoring that would make an
// existing index answer differently fails here. When it is deliberate (a new format version),
// keep this directory — older formats must still read — and add the new one beside it:
//
//   NEWSDEX_WRITE_GOLDEN=$PWD/tests/data/golden/format-N ctest --test-dir build/release -R Golden
//
// Understanding fields (speaker:, quote:, entity:, role:) are checked against the golden index's
// own stored analysis, not against today's rules, which may rightly have changed since.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "fixture_collection.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/query/exec/searcher.hpp"
#include "search_cases.hpp"
#include "test_index.hpp"

namespace newsdex::query {
namespace {

using namespace newsdex::query::testing;
namespace fs = std::filesystem;

const fs::path kGolden = NEWSDEX_SOURCE_DIR "/tests/data/golden/format-8";

// The history every golden index records: the first five fixture documents and a first version
// of the sixth, then the sixth (same id, new text: the first version is deleted) and the rest.
constexpr size_t kReplaced = 5;
constexpr const char* kReplacedId = "golden-markets";

// The fixture as the golden index holds it (the replaced document with its explicit id).
std::vector<DocSpec> live_documents() {
  std::vector<DocSpec> docs = kFixture;
  docs[kReplaced].id = kReplacedId;
  return docs;
}

void write_history(const fs::path& dir) {
  const index::WriterOptions options{.background_merges = false};
  const auto live = live_documents();
  DocSpec first_version = live[kReplaced];
  first_version.body =
      "Stocks fell again today. A trader said the market had its worst week in years and the Fed "
      "is expected to act before the weekend.";
  std::vector<DocSpec> session1(live.begin(), live.begin() + kReplaced);
  session1.push_back(first_version);
  std::vector<DocSpec> session2(live.begin() + kReplaced, live.end());
  for (const auto* docs : {&session1, &session2}) {
    auto writer = index::IndexWriter::open(dir, options);
    ASSERT_TRUE(writer) << writer.error().to_string();
    for (const auto& d : *docs) {
      auto added = (*writer)->add(make_transcript(d));
      ASSERT_TRUE(added) << added.error().to_string();
    }
    auto info = (*writer)->commit();
    ASSERT_TRUE(info) << info.error().to_string();
  }
}

// Queries beyond cases.txt: every other operator of the query language on body and title.
const std::vector<std::string> kMoreQueries = {
    "kreml*",
    "putn~1",
    "sounds:kremlin",
    "robust:\"the phone call ignored\"",
    "\"phone call\"~2",
    "putin NEAR/5 kremlin",
    "show:News*",
    "source:ABC -summit",
    "title:putin",
    "date:2018",
    "storm OR rain OR fire",
    "\"storm surge\"",
};

class GoldenIndex : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("newsdex_golden_" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  fs::path m_dir;
};

SearchResult search(const std::shared_ptr<const index::Snapshot>& snap, SearchRequest request) {
  Searcher searcher(snap);
  auto result = searcher.search(request);
  EXPECT_TRUE(result) << "[" << request.query << "]: " << result.error().to_string();
  return result ? *result : SearchResult{};
}

void expect_same(const SearchResult& golden, const SearchResult& fresh, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(golden.total, fresh.total);
  ASSERT_EQ(golden.hits.size(), fresh.hits.size());
  for (size_t i = 0; i < golden.hits.size(); ++i) {
    EXPECT_EQ(golden.hits[i].id, fresh.hits[i].id) << "rank " << i + 1;
    EXPECT_DOUBLE_EQ(golden.hits[i].score, fresh.hits[i].score) << "rank " << i + 1;
    EXPECT_EQ(golden.hits[i].snippets, fresh.hits[i].snippets) << "rank " << i + 1;
  }
}

TEST_F(GoldenIndex, Format8AnswersAsTheSameHistoryWrittenNow) {
  if (const char* out = std::getenv("NEWSDEX_WRITE_GOLDEN")) {
    fs::remove_all(out);
    write_history(out);
    fs::remove(fs::path(out) / "LOCK");
    GTEST_SKIP() << "wrote the golden index to " << out;
  }
  ASSERT_TRUE(fs::exists(kGolden / "manifest.json")) << kGolden;
  const fs::path golden_copy = m_dir / "golden";
  fs::copy(kGolden, golden_copy, fs::copy_options::recursive);
  const fs::path fresh_dir = m_dir / "fresh";
  write_history(fresh_dir);

  auto golden = index::Snapshot::open(golden_copy);
  ASSERT_TRUE(golden) << golden.error().to_string();
  EXPECT_TRUE((*golden)->check()) << "checksums and structure of every committed file";
  auto fresh = index::Snapshot::open(fresh_dir);
  ASSERT_TRUE(fresh) << fresh.error().to_string();
  EXPECT_EQ((*golden)->live_documents(), kFixture.size());
  EXPECT_EQ((*golden)->segments().size(), 2u);
  EXPECT_EQ((*golden)->total_documents(), kFixture.size() + 1) << "one replaced version";
  const auto& first = (*golden)->segments()[0];
  size_t deleted = 0;
  for (uint32_t d = 0; d < first.segment->doc_count(); ++d) deleted += first.is_deleted(d);
  EXPECT_EQ(deleted, 1u) << "the first version, deleted by the second commit";

  const auto cases = load_cases();
  ASSERT_GE(cases.size(), 30u);
  for (const auto& c : cases)
    expect_same(search(*golden, c.request), search(*fresh, c.request),
                "cases.txt:" + std::to_string(c.line) + ": [" + c.query + "]");
  for (const auto& q : kMoreQueries) {
    const SearchRequest request{.query = q, .limit = 100};
    const auto g = search(*golden, request);
    EXPECT_GT(g.total, 0u) << "[" << q << "] should match the fixture";
    expect_same(g, search(*fresh, request), "[" + q + "]");
  }
}

TEST_F(GoldenIndex, StoredDocumentsAndUnderstandingFieldsReadBack) {
  if (std::getenv("NEWSDEX_WRITE_GOLDEN")) GTEST_SKIP();
  const fs::path golden_copy = m_dir / "golden";
  fs::copy(kGolden, golden_copy, fs::copy_options::recursive);
  auto golden = index::Snapshot::open(golden_copy);
  ASSERT_TRUE(golden) << golden.error().to_string();
  size_t quotes = 0, entities = 0;
  for (const auto& spec : live_documents()) {
    const auto expected = make_transcript(spec);
    auto stored = (*golden)->find_document(expected.id);
    ASSERT_TRUE(stored) << stored.error().to_string();
    ASSERT_TRUE(stored->has_value()) << spec.title;
    const auto& t = **stored;
    EXPECT_EQ(t.title, expected.title);
    EXPECT_EQ(t.body, expected.body) << "the replacing version is the live one";
    EXPECT_EQ(t.show, expected.show);
    EXPECT_EQ(t.date, expected.date);
    // What understanding stored then is what its fields find now.
    for (const auto& q : t.quotes) {
      const auto text = q.text.substr(0, q.text.find_first_of(".,;!?\""));
      if (text.find_first_not_of(' ') == std::string::npos) continue;
      ++quotes;
      const auto r = search(*golden, {.query = "quote:\"" + text + "\"", .limit = 100});
      EXPECT_TRUE(
          std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == t.id; }))
          << "quote:\"" << text << "\" misses " << spec.title;
    }
    for (const auto& e : t.entities) {
      ++entities;
      const auto r = search(*golden, {.query = "entity:\"" + e.name + "\"", .limit = 100});
      EXPECT_TRUE(
          std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == t.id; }))
          << "entity:\"" << e.name << "\" misses " << spec.title;
    }
  }
  EXPECT_GT(quotes, 0u);
  EXPECT_GT(entities, 5u);
}

}  // namespace
}  // namespace newsdex::query
