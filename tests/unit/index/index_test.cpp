// Index round trip: documents written by IndexWriter come back from a Snapshot with their
// postings, columns and stored fields; re-ingest does not duplicate; uncommitted work is
// invisible; corruption is detected.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "newsdex/core/file_io.hpp"
#include "newsdex/core/varint.hpp"
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

TEST_F(IndexTest, DocumentsPerShowAndSourceMatchTheColumns) {
  auto w = IndexWriter::open(m_dir);
  ASSERT_TRUE(w) << w.error().to_string();
  const char* shows[] = {"WNT", "GMA", "WNT", "Nightline", "GMA", "WNT", "ABC"};
  for (int i = 0; i < 7; ++i) {
    auto t = make("Story " + std::to_string(i), "2019-08-1" + std::to_string(i),
                  "Report number " + std::to_string(i) + " from the desk.", shows[i]);
    ASSERT_TRUE((*w)->add(t));
  }
  ASSERT_TRUE((*w)->commit());
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap) << snap.error().to_string();
  const auto& seg = *(*snap)->segments()[0].segment;
  ASSERT_EQ(seg.doc_count(), 7u);
  // Every string's lists are exactly the docs whose column holds it, ascending ("ABC" is both a
  // show and every doc's source: the two lists stay apart).
  size_t show_total = 0, source_total = 0;
  for (uint32_t i = 0; i < seg.string_count(); ++i) {
    std::vector<uint32_t> want_show, want_source;
    for (uint32_t d = 0; d < seg.doc_count(); ++d) {
      if (seg.columns(d).show == i) want_show.push_back(d);
      if (seg.columns(d).source == i) want_source.push_back(d);
    }
    const auto show = seg.docs_with_show(i);
    const auto source = seg.docs_with_source(i);
    EXPECT_EQ(std::vector<uint32_t>(show.begin(), show.end()), want_show) << seg.string_at(i);
    EXPECT_EQ(std::vector<uint32_t>(source.begin(), source.end()), want_source) << seg.string_at(i);
    show_total += show.size();
    source_total += source.size();
  }
  EXPECT_EQ(show_total, 7u);
  EXPECT_EQ(source_total, 7u);
  EXPECT_TRUE(seg.docs_with_show(static_cast<uint32_t>(seg.string_count())).empty());
}

// Scoring reads body and title lengths in place (Segment::length_column): the same values as the
// column rows, 0 past the last document and for fields without a length norm.
TEST_F(IndexTest, LengthColumnsReadWhatTheRowsHold) {
  auto w = IndexWriter::open(m_dir);
  ASSERT_TRUE(w) << w.error().to_string();
  std::string body;
  for (int i = 0; i < 9; ++i) {
    body += "word" + std::string(1, static_cast<char>('a' + i)) + " ";
    std::string title = "Story";
    for (int k = 0; k < i % 4; ++k) title += " extra";
    ASSERT_TRUE((*w)->add(make(title, "2019-08-1" + std::to_string(i), body, "WNT")));
  }
  ASSERT_TRUE((*w)->commit());
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap) << snap.error().to_string();
  const auto& seg = *(*snap)->segments()[0].segment;
  ASSERT_EQ(seg.doc_count(), 9u);
  const auto body_len = seg.length_column(Field::kBody);
  const auto title_len = seg.length_column(Field::kTitle);
  std::set<uint32_t> bodies, titles;
  for (uint32_t d = 0; d < seg.doc_count(); ++d) {
    EXPECT_EQ(body_len.at(d), seg.columns(d).body_len) << d;
    EXPECT_EQ(title_len.at(d), seg.columns(d).title_len) << d;
    EXPECT_EQ(seg.length_column(Field::kSpeaker).at(d), 0u);
    bodies.insert(body_len.at(d));
    titles.insert(title_len.at(d));
  }
  EXPECT_EQ(bodies.size(), 9u);  // every length differs: not one row read nine times
  EXPECT_EQ(titles.size(), 4u);
  EXPECT_EQ(body_len.at(seg.doc_count()), 0u);
  EXPECT_EQ(title_len.at(UINT32_MAX), 0u);
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

// The footer's section table of a segment file: (id, offset, length) per section.
struct SectionEntry {
  uint32_t id = 0;
  uint64_t offset = 0, length = 0, entry_at = 0;  // entry_at: where the table entry itself lies
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<SectionEntry> section_table(const fs::path& seg) {
  const std::string all = read_all(seg);
  const auto* b = reinterpret_cast<const uint8_t*>(all.data());
  const size_t tail = all.size() - kFooterTail;
  const uint32_t count = core::get_fixed32(b + tail);
  std::vector<SectionEntry> out;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t e = tail - (count - i) * kSectionEntry;
    out.push_back(
        {core::get_fixed32(b + e), core::get_fixed64(b + e + 4), core::get_fixed64(b + e + 12), e});
  }
  return out;
}

SectionEntry find_section(const fs::path& seg, Section id) {
  for (const auto& e : section_table(seg))
    if (e.id == static_cast<uint32_t>(id)) return e;
  ADD_FAILURE() << "no section " << static_cast<int>(id);
  return {};
}

void flip_byte(const fs::path& path, uint64_t offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  const char c = static_cast<char>(f.get());
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x5a));
}

void write_u32(const fs::path& path, uint64_t offset, uint32_t value) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(offset));
  char bytes[4];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
  f.write(bytes, 4);
}

// Verification policy (docs/format/segment.md "Who verifies what"): a plain open checks structure
// only; a byte flipped inside a large section (postings, stored documents) is caught by the
// whole-file checksum, which check, merges and --verify (verify_checksums) recompute.
class VerifyPolicyTest : public IndexTest {
 protected:
  // Two committed segments of 40 documents each; returns the first segment's path.
  fs::path build() {
    auto w = IndexWriter::open(m_dir);
    EXPECT_TRUE(w);
    for (int part = 0; part < 2; ++part) {
      for (int i = 0; i < 40; ++i) {
        std::string body;
        for (int k = 0; k < 30; ++k) body += "word" + std::to_string((i * 13 + k) % 97) + " ";
        EXPECT_TRUE((*w)->add(make("doc " + std::to_string(part * 40 + i),
                                   "2019-03-0" + std::to_string(1 + i % 9), body)));
      }
      EXPECT_TRUE((*w)->commit());
    }
    auto snap = Snapshot::open(m_dir);
    EXPECT_TRUE(snap);
    EXPECT_EQ((*snap)->segments().size(), 2u);
    return m_dir / (*snap)->manifest().segments[0].name;
  }

  // Plain open succeeds; verified open, check and a merge all refuse the damaged segment, and
  // the failed merge leaves the committed state as it was.
  void expect_caught_by_full_verification(const fs::path& seg) {
    auto plain = Snapshot::open(m_dir);
    ASSERT_TRUE(plain) << plain.error().to_string();
    auto verified = Snapshot::open(m_dir, {.verify_checksums = true});
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, core::ErrorCode::kCorrupt);
    EXPECT_NE(verified.error().to_string().find(seg.filename().string()), std::string::npos);
    auto checked = (*plain)->check();
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, core::ErrorCode::kCorrupt);
    const auto before = (*plain)->manifest().generation;
    {
      auto w = IndexWriter::open(m_dir);
      ASSERT_TRUE(w);
      auto merged = (*w)->force_merge(1);
      ASSERT_FALSE(merged);
      EXPECT_EQ(merged.error().code, core::ErrorCode::kCorrupt);
      EXPECT_NE(merged.error().to_string().find("checksum"), std::string::npos);
    }
    auto after = Snapshot::open(m_dir);
    ASSERT_TRUE(after);
    EXPECT_EQ((*after)->manifest().generation, before);
    EXPECT_EQ((*after)->segments().size(), 2u);
  }

  // Plain open refuses the segment as corrupt.
  void expect_refused_on_open(const fs::path& seg) {
    auto snap = Snapshot::open(m_dir);
    ASSERT_FALSE(snap);
    EXPECT_EQ(snap.error().code, core::ErrorCode::kCorrupt);
    EXPECT_NE(snap.error().to_string().find(seg.filename().string()), std::string::npos);
  }
};

TEST_F(VerifyPolicyTest, FlippedPostingsByteIsCaughtByCheckMergeAndVerify) {
  const fs::path seg = build();
  const auto postings = find_section(seg, Section::kPostings);
  ASSERT_GT(postings.length, 64u);
  flip_byte(seg, postings.offset + postings.length / 2);
  expect_caught_by_full_verification(seg);
}

TEST_F(VerifyPolicyTest, FlippedStoredDocumentByteIsCaughtByCheckMergeAndVerify) {
  const fs::path seg = build();
  const auto store = find_section(seg, Section::kStore);
  ASSERT_GT(store.length, 64u);
  flip_byte(seg, store.offset + store.length / 2);
  expect_caught_by_full_verification(seg);
}

TEST_F(VerifyPolicyTest, MergeOfVerifiedInputsStillWorks) {
  build();
  auto w = IndexWriter::open(m_dir);
  ASSERT_TRUE(w);
  ASSERT_TRUE((*w)->force_merge(1));
  auto snap = Snapshot::open(m_dir, {.verify_checksums = true});
  ASSERT_TRUE(snap);
  EXPECT_EQ((*snap)->segments().size(), 1u);
  EXPECT_EQ((*snap)->live_documents(), 80u);
  EXPECT_TRUE((*snap)->segments()[0].segment->verified());
  EXPECT_TRUE((*snap)->check());
}

TEST_F(VerifyPolicyTest, DamagedFooterChecksumIsRefusedOnOpen) {
  const fs::path seg = build();
  flip_byte(seg, fs::file_size(seg) - 16);  // the footer's checksum no longer names the manifest's
  expect_refused_on_open(seg);
}

TEST_F(VerifyPolicyTest, DamagedSectionTableIsRefusedOnOpen) {
  const fs::path seg = build();
  const auto store = find_section(seg, Section::kStore);
  write_u32(seg, store.entry_at + 4 + 4, 0x7fffffff);  // high half of the offset: past the table
  expect_refused_on_open(seg);
}

TEST_F(VerifyPolicyTest, DamagedTermIndexIsRefusedOnOpen) {
  const fs::path seg = build();
  const auto index = find_section(seg, Section::kTermIndex);
  ASSERT_GE(index.length, 8u + 2 * 4);           // at least two dictionary blocks
  write_u32(seg, index.offset + 4, 0xffffff00);  // block 1 now starts past the dictionary
  expect_refused_on_open(seg);
}

TEST_F(VerifyPolicyTest, DamagedOffsetTableEndIsRefusedOnOpen) {
  const std::vector<std::pair<Section, int>> tables = {
      {Section::kStoreIndex, 8}, {Section::kIdStrings, 4}, {Section::kTitleOffsets, 4}};
  for (const auto& [offsets, width] : tables) {
    fs::remove_all(m_dir);
    const fs::path seg = build();
    const auto table = find_section(seg, offsets);
    flip_byte(seg, table.offset + table.length - static_cast<uint64_t>(width));  // the end offset
    expect_refused_on_open(seg);
  }
}

// Resident bytes (Rss in /proc/self/smaps) of this process's mappings of files under `dir`, and
// the mapped bytes (Size).
std::pair<uint64_t, uint64_t> resident_and_mapped_kb(const fs::path& dir) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  uint64_t rss = 0, size = 0;
  const std::string prefix = dir.string() + "/";
  while (std::getline(smaps, line)) {
    std::istringstream in(line);
    std::string first;
    in >> first;
    if (first.find('-') != std::string::npos && first.back() != ':') {  // a mapping's header
      std::string perms, offset, dev, inode, path;
      in >> perms >> offset >> dev >> inode >> path;
      inside = path.rfind(prefix, 0) == 0;
    } else if (inside && (first == "Rss:" || first == "Size:")) {
      uint64_t kb = 0;
      in >> kb;
      (first == "Rss:" ? rss : size) += kb;
    }
  }
  return {rss, size};
}

// The flush threshold bounds the builder's heap; the segments an ingest flushes and keeps open
// (mapped, for id lookups) must not add their pages to the process's RSS as well. Every flush
// verifies the new file's checksum: that read goes through the file, not the mapping.
TEST_F(IndexTest, FlushedSegmentsAreNotResidentAfterTheirChecksumIsVerified) {
  if (!fs::exists("/proc/self/smaps")) GTEST_SKIP() << "no /proc/self/smaps";
  auto w = IndexWriter::open(m_dir, {.flush_bytes = size_t{24} << 20,
                                     .background_merges = false,
                                     .analysis = analysis::Profile::kPlain});
  ASSERT_TRUE(w) << w.error().to_string();
  // A news-like vocabulary (a few thousand words), so postings and stored documents, not the
  // term dictionary, make up most of each segment.
  uint64_t x = 0x9e3779b97f4a7c15ull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  std::vector<std::string> vocabulary;
  for (int v = 0; v < 3000; ++v) {
    std::string term;
    for (uint64_t n = 3 + next() % 6, bits = next(); n > 0; --n, bits /= 26)
      term += static_cast<char>('a' + bits % 26);
    vocabulary.push_back(std::move(term));
  }
  auto word = [&] { return vocabulary[next() % vocabulary.size()]; };
  for (int d = 0; d < 6000; ++d) {
    std::string body;
    while (body.size() < 2000) body += word() + " ";
    auto t = make("doc " + std::to_string(d), "2020-01-01", std::move(body));
    ASSERT_TRUE((*w)->add(std::move(t)));
  }
  ASSERT_TRUE((*w)->commit());
  const auto [rss_kb, mapped_kb] = resident_and_mapped_kb(m_dir);
  uint64_t file_kb = 0;
  size_t segments = 0;
  for (const auto& entry : fs::directory_iterator(m_dir))
    if (entry.path().extension() == ".seg") file_kb += entry.file_size() / 1024, ++segments;
  ASSERT_GE(segments, 2u);
  EXPECT_GE(mapped_kb + 8, file_kb);  // every segment is still mapped by the writer
  // What stays resident is what opening and id lookups touch (headers, term index, id tables),
  // not the postings and stored documents the checksum read.
  EXPECT_LT(rss_kb * 4, file_kb) << rss_kb << " kB resident of " << file_kb << " kB of segments";
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

namespace newsdex::index {
namespace {

// lookup_sorted() must report exactly what one lookup() per term finds, with the same postings,
// for sorted term sets that are dense, sparse (skipping many blocks, so it gallops), start before
// the first key and end after the last, include absent terms between and inside blocks, and
// include terms of another field (which must not be found under this one).
TEST_F(IndexTest, LookupSortedEqualsOneLookupPerTerm) {
  auto w = IndexWriter::open(m_dir, {.flush_bytes = 6000});
  ASSERT_TRUE(w);
  for (int i = 0; i < 120; ++i) {
    std::string body;
    for (int k = 0; k < 30; ++k) body += "t" + std::to_string(1000 + (i * 13 + k * 7) % 900) + " ";
    ASSERT_TRUE((*w)->add(make("title" + std::to_string(i), "2018-01-01", body)));
  }
  ASSERT_TRUE((*w)->commit());
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap);
  ASSERT_GT((*snap)->segments().size(), 1u);
  std::vector<std::string> all;  // present and absent candidates, in string order
  for (int n = 990; n < 1910; ++n) all.push_back("t" + std::to_string(n));
  for (const char* extra : {"", "a", "t", "t1000a", "title5", "zzz", "t19999"})
    all.push_back(extra);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  size_t found_total = 0;
  for (size_t stride : {1u, 2u, 5u, 37u, 300u}) {
    std::vector<std::string_view> terms;
    for (size_t i = stride / 2; i < all.size(); i += stride) terms.push_back(all[i]);
    for (const auto& s : (*snap)->segments()) {
      std::vector<std::optional<TermInfo>> got(terms.size());
      s.segment->lookup_sorted(Field::kBody, terms, [&](size_t i, const TermInfo& info) {
        ASSERT_LT(i, terms.size());
        EXPECT_FALSE(got[i]) << "reported twice: " << terms[i];
        got[i] = info;
      });
      for (size_t i = 0; i < terms.size(); ++i) {
        const auto want = s.segment->lookup(Field::kBody, terms[i]);
        ASSERT_EQ(want.has_value(), got[i].has_value()) << "stride " << stride << " " << terms[i];
        if (!want) continue;
        ++found_total;
        EXPECT_EQ(want->df, got[i]->df) << terms[i];
        EXPECT_EQ(want->postings.data(), got[i]->postings.data()) << terms[i];
        EXPECT_EQ(want->postings.size(), got[i]->postings.size()) << terms[i];
      }
    }
  }
  EXPECT_GT(found_total, 900u);  // the dense pass alone finds every t1000..t1899 in some segment
}

}  // namespace
}  // namespace newsdex::index

namespace newsdex::index {
namespace {

// The first bytes of a segment's sound keys, by reading every entry.
std::set<unsigned char> scanned_schemes(const Segment& seg) {
  std::set<unsigned char> out;
  seg.for_each_sound([&](std::string_view key, std::string_view) {
    if (!key.empty()) out.insert(static_cast<unsigned char>(key[0]));
    return true;
  });
  return out;
}

// Every byte: has_sound_scheme() (found by binary searches when the segment opens) says exactly
// which first bytes a full scan of the sound dictionary meets.
void expect_schemes_as_scanned(const Segment& seg) {
  const auto scanned = scanned_schemes(seg);
  for (int c = 0; c < 256; ++c)
    EXPECT_EQ(seg.has_sound_scheme(static_cast<char>(c)),
              scanned.count(static_cast<unsigned char>(c)) > 0)
        << "byte " << c;
}

// Segments written before the Double Metaphone keys hold "p" and "m" keys, new ones "p", "d"
// and "a", a merge of both all four; each segment knows which (so queries skip the others).
TEST_F(IndexTest, SegmentsKnowTheirSoundKeySchemes) {
  fs::create_directories(m_dir);
  for (const auto& e :
       fs::directory_iterator(fs::path(NEWSDEX_SOURCE_DIR) / "tests/data/phonetic/metaphone-index"))
    fs::copy_file(e.path(), m_dir / e.path().filename());
  {
    auto snap = Snapshot::open(m_dir);
    ASSERT_TRUE(snap) << snap.error().to_string();
    ASSERT_EQ((*snap)->segments().size(), 1u);
    const auto& old = *(*snap)->segments()[0].segment;
    ASSERT_GT(old.sound_count(), 0u);
    expect_schemes_as_scanned(old);
    EXPECT_EQ(scanned_schemes(old), (std::set<unsigned char>{'m', 'p'}));
  }
  auto w = IndexWriter::open(m_dir, {.background_merges = false});
  ASSERT_TRUE(w) << w.error().to_string();
  ASSERT_TRUE((*w)->add(make("Verdict", "2021-12-29", "A jury found gislaine Maxwell guilty.")));
  ASSERT_TRUE((*w)->commit());
  {
    auto snap = Snapshot::open(m_dir);
    ASSERT_TRUE(snap) << snap.error().to_string();
    ASSERT_EQ((*snap)->segments().size(), 2u);
    for (const auto& v : (*snap)->segments()) expect_schemes_as_scanned(*v.segment);
    const auto& fresh = *(*snap)->segments()[1].segment;
    EXPECT_EQ(scanned_schemes(fresh), (std::set<unsigned char>{'a', 'd', 'p'}));
  }
  ASSERT_TRUE((*w)->force_merge(1));
  auto snap = Snapshot::open(m_dir);
  ASSERT_TRUE(snap) << snap.error().to_string();
  ASSERT_EQ((*snap)->segments().size(), 1u);
  const auto& merged = *(*snap)->segments()[0].segment;
  expect_schemes_as_scanned(merged);
  EXPECT_EQ(scanned_schemes(merged), (std::set<unsigned char>{'a', 'd', 'm', 'p'}));
}

}  // namespace
}  // namespace newsdex::index
