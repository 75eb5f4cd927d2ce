// Index round trip: documents written by IndexWriter come back from a Snapshot with their
// postings, columns and stored fields; re-ingest does not duplicate; uncommitted work is
// invisible; corruption is detected.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "newsdex/core/file_io.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = newsdex::testing::scratch_dir("index_test");
    fs::remove_all(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  static doc::Transcript make(std::string title, std::string date, std::string body,
                              std::string show = "WNT") {
    doc::Transcript t;
    t.source = "ABC";
    t.show = std::move(show);
    t.date = std::move(date);
    t.title = std::move(title);
    t.body = std::move(body);
    doc::assign_id(t);
    return t;
  }

  fs::path m_dir;
};

TEST_F(IndexTest, RoundTripPostingsColumnsAndStoredFields) {
  auto w = IndexWriter::open(m_dir);
  ASSERT_TRUE(w) << w.error().to_string();
  auto a = make("Putin call", "2018-03-21", "I had a call with president Putin. Putin won.");
  a.markup.push_back({0, 1, doc::Markup::Kind::kSpeakerLabel});
  doc::Turn turn;
  turn.start = 0;
  turn.end = 10;
  turn.speaker = "Cecilia Vega";
  turn.label = "Reporter:";
  turn.role = doc::Role::kReporter;
  a.turns.push_back(turn);
  auto b = make("Storm", "2019-08-30", "The storm reached Houston tonight.", "GMA");
  ASSERT_EQ(*(*w)->add(a), AddOutcome::kAdded);
  ASSERT_EQ(*(*w)->add(b), AddOutcome::kAdded);
  auto info = (*w)->commit();
  ASSERT_TRUE(info) << info.error().to_string();
  EXPECT_EQ(info->documents, 2u);

  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap) << snap.error().to_string();
  ASSERT_EQ((*snap)->segments().size(), 1u);
  const auto& seg = *(*snap)->segments()[0].segment;
  EXPECT_EQ(seg.doc_count(), 2u);

  auto putin = seg.lookup(Field::kBody, "putin");
  ASSERT_TRUE(putin);
  EXPECT_EQ(putin->df, 1u);
  auto cur = seg.cursor(*putin);
  EXPECT_EQ(cur.doc(), 0u);
  EXPECT_EQ(cur.freq(), 2u);
  // "I" at 0 is skipped as markup, so "had" is position 0 and "putin" positions 5 and 6.
  auto positions = cur.positions();
  EXPECT_EQ(std::vector<uint32_t>(positions.begin(), positions.end()),
            (std::vector<uint32_t>{5, 6}));
  EXPECT_FALSE(seg.lookup(Field::kBody, "moscow"));
  EXPECT_TRUE(seg.lookup(Field::kTitle, "storm"));

  auto row = seg.columns(1);
  EXPECT_EQ(seg.string_at(row.show), "GMA");
  EXPECT_EQ(seg.string_at(row.source), "ABC");
  EXPECT_EQ(row.body_len, 5u);

  auto found = (*snap)->find_document(a.id);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->body, a.body);
  ASSERT_EQ((*found)->turns.size(), 1u);
  EXPECT_EQ((*found)->turns[0].speaker, "Cecilia Vega");
  EXPECT_EQ((*found)->turns[0].role, doc::Role::kReporter);

  auto stats = (*snap)->stats();
  EXPECT_EQ(stats.documents, 2u);
  EXPECT_EQ(stats.first_date, "2018-03-21");
  EXPECT_EQ(stats.last_date, "2019-08-30");
  EXPECT_GT(stats.terms, 10u);
  EXPECT_TRUE((*snap)->check()) << (*snap)->check().error().to_string();
}

TEST_F(IndexTest, ReingestDoesNotDuplicateAndChangedContentReplaces) {
  auto a = make("Putin call", "2018-03-21", "first text");
  {
    auto w = IndexWriter::open(m_dir);
    ASSERT_TRUE(w);
    ASSERT_EQ(*(*w)->add(a), AddOutcome::kAdded);
    ASSERT_EQ(*(*w)->add(a), AddOutcome::kDuplicate);  // within one batch
    ASSERT_TRUE((*w)->commit());
  }
  {
    auto w = IndexWriter::open(m_dir);
    ASSERT_TRUE(w);
    ASSERT_EQ(*(*w)->add(a), AddOutcome::kDuplicate);  // across commits
    auto changed = a;
    changed.body = "second text";  // same explicit id, new content
    ASSERT_EQ(*(*w)->add(changed), AddOutcome::kReplaced);
    auto info = (*w)->commit();
    ASSERT_TRUE(info);
    EXPECT_EQ(info->documents, 1u);
  }
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  EXPECT_EQ((*snap)->live_documents(), 1u);
  auto found = (*snap)->find_document(a.id);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->body, "second text");
  EXPECT_TRUE((*snap)->check());
}

TEST_F(IndexTest, UncommittedDocumentsAreInvisibleAndCleanedUp) {
  {
    auto w = IndexWriter::open(m_dir, {.flush_bytes = 1});  // flush after every document
    ASSERT_TRUE(w);
    ASSERT_TRUE((*w)->add(make("one", "2018-01-01", "committed words")));
    ASSERT_TRUE((*w)->commit());
    ASSERT_TRUE((*w)->add(make("two", "2018-01-02", "never committed")));
    // The writer goes away without commit: a crash as far as the index is concerned.
  }
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  EXPECT_EQ((*snap)->live_documents(), 1u);
  size_t segment_files = 0;
  for (const auto& e : fs::directory_iterator(m_dir))
    segment_files += e.path().extension() == ".seg";
  EXPECT_EQ(segment_files, 2u);           // the orphan is still there...
  ASSERT_TRUE(IndexWriter::open(m_dir));  // ...until the next writer opens
  segment_files = 0;
  for (const auto& e : fs::directory_iterator(m_dir))
    segment_files += e.path().extension() == ".seg";
  EXPECT_EQ(segment_files, 1u);
}

TEST_F(IndexTest, SecondWriterIsRefused) {
  auto w = IndexWriter::open(m_dir);
  ASSERT_TRUE(w);
  auto second = IndexWriter::open(m_dir);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("locked"), std::string::npos);
}

TEST_F(IndexTest, CorruptionIsDetected) {
  {
    auto w = IndexWriter::open(m_dir);
    ASSERT_TRUE(w);
    ASSERT_TRUE((*w)->add(make("one", "2018-01-01", "some words to flip")));
    ASSERT_TRUE((*w)->commit());
  }
  fs::path seg;
  for (const auto& e : fs::directory_iterator(m_dir))
    if (e.path().extension() == ".seg") seg = e.path();
  ASSERT_FALSE(seg.empty());
  {
    // Flip one byte in the middle: the footer still parses, the checksum does not match.
    std::fstream f(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(10);
    f.put('\xff');
  }
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  auto st = (*snap)->check();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::kCorrupt);
  // A torn (truncated) file is refused at open.
  fs::resize_file(seg, fs::file_size(seg) / 2);
  auto torn = Snapshot::open(m_dir);
  ASSERT_FALSE(torn);
  EXPECT_EQ(torn.error().code, core::ErrorCode::kCorrupt);
}

TEST_F(IndexTest, MissingIndexIsNotFound) {
  auto snap = Snapshot::open(m_dir / "nope");
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.error().code, core::ErrorCode::kNotFound);
}

TEST_F(IndexTest, ManyTermsAcrossBlocksAndSegments) {
  auto w = IndexWriter::open(m_dir, {.flush_bytes = 2000});
  ASSERT_TRUE(w);
  for (int i = 0; i < 60; ++i) {
    std::string body;
    for (int k = 0; k < 40; ++k) body += "w" + std::to_string(i * 7 + k) + " ";
    ASSERT_TRUE((*w)->add(make("doc " + std::to_string(i), "2018-01-01", body)));
  }
  ASSERT_TRUE((*w)->commit());
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  EXPECT_GT((*snap)->segments().size(), 1u);
  uint64_t df = 0;
  for (const auto& s : (*snap)->segments())
    if (auto info = s.segment->lookup(Field::kBody, "w100")) df += info->df;
  // w100 is in docs i with i*7 <= 100 < i*7+40, i.e. i = 9..14.
  EXPECT_EQ(df, 6u);
  // Distinct terms across segments: body w0..w452, title "doc" and 0..59, plus whatever the
  // understanding fields (role, entity, ...) hold; stats() must count each key once.
  std::set<std::string> keys;
  size_t body = 0, title = 0;
  for (const auto& s : (*snap)->segments())
    s.segment->for_each_term([&](std::string_view key, uint32_t) {
      if (keys.emplace(key).second) {
        body += key[0] == static_cast<char>(Field::kBody);
        title += key[0] == static_cast<char>(Field::kTitle);
      }
      return true;
    });
  EXPECT_EQ(body, 453u);
  EXPECT_EQ(title, 61u);
  EXPECT_EQ((*snap)->stats().terms, keys.size());
  EXPECT_TRUE((*snap)->check());
}

}  // namespace
}  // namespace newsdex::index

namespace newsdex::index {
namespace {

// Terms are sorted by an 8-byte prefix first (ingest's term table and the segment writer): keys
// that share their first eight bytes, or differ only past them or in length, must still come
// out in byte order and be found.
TEST_F(IndexTest, TermsSharingLongPrefixesAreSortedAndFound) {
  auto w = IndexWriter::open(m_dir, {});
  ASSERT_TRUE(w);
  const std::vector<std::string> words = {"zzzzzzzzzb", "zzzzzzzzza", "zzzzzzz",   "zzzzzzzza",
                                          "zzzzzzzz",   "zzzzzzzzz",  "zzzzzzzzc", "zzzzzzzyzz"};
  std::string body;
  for (const auto& word : words) body += word + " ";
  ASSERT_TRUE((*w)->add(make("prefixes", "2018-01-01", body)));
  ASSERT_TRUE((*w)->add(make("again", "2018-01-02", "zzzzzzzzza zzzzzzzz")));
  ASSERT_TRUE((*w)->commit());
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  std::vector<std::string> keys;
  for (const auto& s : (*snap)->segments())
    s.segment->for_each_term([&](std::string_view key, uint32_t) {
      if (key[0] == static_cast<char>(Field::kBody)) keys.emplace_back(key.substr(1));
      return true;
    });
  std::vector<std::string> sorted_words = words;
  std::sort(sorted_words.begin(), sorted_words.end());
  EXPECT_EQ(keys, sorted_words);
  for (const auto& word : words) {
    uint64_t df = 0;
    for (const auto& s : (*snap)->segments())
      if (auto info = s.segment->lookup(Field::kBody, word)) df += info->df;
    EXPECT_EQ(df, word == "zzzzzzzzza" || word == "zzzzzzzz" ? 2u : 1u) << word;
  }
  EXPECT_TRUE((*snap)->check());
}

}  // namespace
}  // namespace newsdex::index
