// Segment format 8: stored documents compressed with a per-segment zstd dictionary (section 16).
// Round trip with and without a dictionary, the small-segment fallback, a damaged dictionary,
// merges across dictionaries and with format-7 segments, and older formats still read.
#include "newsdex/index/storage/store_dict.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "newsdex/core/file_io.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/core/varint.hpp"
#include "newsdex/index/storage/segment.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/index/writer/segment_builder.hpp"
#include "newsdex/index/writer/segment_merger.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

const fs::path kFormat7 = NEWSDEX_SOURCE_DIR "/fuzz/corpus/segment/four-docs-format7.seg";
const fs::path kFormat6 = NEWSDEX_SOURCE_DIR "/fuzz/corpus/segment/four-docs.seg";

// Transcript-like documents: words drawn from a small vocabulary, a few shows, so that a
// dictionary has something to learn and each document is a few KB.
std::vector<doc::Transcript> make_docs(size_t n, uint32_t seed) {
  static const char* const kWords[] = {
      "the",        "president", "said",    "today",    "officials", "reported", "in",
      "washington", "news",      "tonight", "market",   "storm",     "vote",     "senate",
      "and",        "of",        "a",       "weather",  "police",    "city",     "council",
      "economy",    "jobs",      "report",  "minister", "talks",     "border",   "health"};
  static const char* const kShows[] = {"World News Tonight", "Nightline", "Evening News"};
  std::mt19937 rng(seed);
  std::vector<doc::Transcript> out;
  for (size_t i = 0; i < n; ++i) {
    doc::Transcript t;
    t.source = "ABC";
    t.show = kShows[rng() % 3];
    t.date = "2020-01-" + std::to_string(10 + rng() % 20);
    t.title = "Story " + std::to_string(seed) + "-" + std::to_string(i);
    const size_t words = 400 + rng() % 400;
    for (size_t w = 0; w < words; ++w) {
      t.body += kWords[rng() % std::size(kWords)];
      t.body += (w % 17 == 16) ? ". " : " ";
    }
    doc::assign_id(t);
    out.push_back(std::move(t));
  }
  return out;
}

AnalyzedDoc analysed(const doc::Transcript& t) {
  AnalyzedDoc d;
  d.transcript = t;
  d.turns = std::string("\x01\x00\x00\x00", 4);  // one empty turn (storage/turns.hpp)
  return d;
}

uint64_t raw_bytes(const std::vector<doc::Transcript>& docs) {
  uint64_t n = 0;
  for (const auto& t : docs) n += stored_doc_json(t).size();
  return n;
}

struct SectionAt {
  uint64_t offset = 0, length = 0;
};

SectionAt find_section(const fs::path& path, Section id) {
  std::string all = core::read_file(path).value();
  const auto* tail = reinterpret_cast<const uint8_t*>(all.data()) + all.size() - kFooterTail;
  const uint32_t count = core::get_fixed32(tail);
  const size_t table = all.size() - kFooterTail - count * kSectionEntry;
  for (uint32_t i = 0; i < count; ++i) {
    const auto* e = reinterpret_cast<const uint8_t*>(all.data()) + table + i * kSectionEntry;
    if (core::get_fixed32(e) == static_cast<uint32_t>(id))
      return {core::get_fixed64(e + 4), core::get_fixed64(e + 12)};
  }
  return {};
}

// Overwrites bytes at `offset` and recomputes the footer checksum, so that only the section's
// own validation can catch the damage.
void patch(const fs::path& path, uint64_t offset, std::string_view bytes) {
  std::string all = core::read_file(path).value();
  all.replace(offset, bytes.size(), bytes);
  std::string sum;
  core::put_fixed64(sum, core::hash64(std::string_view(all).substr(0, all.size() - 16)));
  all.replace(all.size() - 16, 8, sum);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << all;
}

class StoreDictTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = newsdex::testing::scratch_dir("store_dict_test");
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  std::shared_ptr<const Segment> build(const std::string& name,
                                       const std::vector<doc::Transcript>& docs,
                                       SegmentBuilder builder = SegmentBuilder()) {
    for (const auto& t : docs) builder.add(analysed(t));
    const auto path = m_dir / name;
    EXPECT_TRUE(builder.write(path));
    m_last_dict = builder.store_dictionary();
    auto seg = Segment::open(path);
    EXPECT_TRUE(seg) << seg.error().to_string();
    return seg ? *seg : nullptr;
  }

  static void expect_documents(const Segment& seg, const std::vector<doc::Transcript>& docs,
                               size_t first = 0) {
    for (size_t i = 0; i < docs.size(); ++i) {
      auto t = seg.document(static_cast<uint32_t>(first + i));
      ASSERT_TRUE(t) << t.error().to_string();
      EXPECT_EQ(t->id, docs[i].id);
      EXPECT_EQ(t->title, docs[i].title);
      EXPECT_EQ(t->body, docs[i].body);
    }
  }

  fs::path m_dir;
  std::shared_ptr<const StoreDictionary> m_last_dict;
};

TEST_F(StoreDictTest, LargeSegmentTrainsADictionaryAndRoundTrips) {
  auto docs = make_docs(1500, 1);
  ASSERT_GE(raw_bytes(docs), kStoreDictMinSegmentBytes);
  auto seg = build("a.seg", docs);
  ASSERT_TRUE(seg);
  EXPECT_EQ(seg->version(), 8u);
  ASSERT_NE(seg->store_dictionary(), nullptr);
  EXPECT_NE(seg->store_dictionary()->id(), 0u);
  EXPECT_LE(seg->store_dictionary()->bytes().size(), kStoreDictCapacity);
  EXPECT_EQ(seg->section_size(Section::kStoreDict), 1 + seg->store_dictionary()->bytes().size());
  expect_documents(*seg, docs);
  // Smaller than the same documents as plain frames (what format 7 stores).
  uint64_t plain = 0;
  for (const auto& t : docs) plain += encode_stored_doc(t).size();
  EXPECT_LT(seg->section_size(Section::kStore), plain);
  // Every frame names the dictionary; decompressing without it is refused.
  auto frame = seg->stored_frame(0);
  ASSERT_TRUE(frame);
  EXPECT_FALSE(decompress_stored(*frame, nullptr));
  EXPECT_FALSE(decode_stored_doc(*frame));
}

TEST_F(StoreDictTest, FramesCompressedByAnalysisThreadsAreKeptAndOthersRecompressed) {
  auto first = make_docs(1500, 2);
  ASSERT_TRUE(build("a.seg", first));
  ASSERT_NE(m_last_dict, nullptr);
  // The next segment of the same writer: documents arrive compressed with the dictionary (as
  // analysis threads leave them), raw (analysed before it existed) or as plain frames.
  auto docs = make_docs(1300, 3);
  ASSERT_GE(raw_bytes(docs), kStoreDictMinSegmentBytes);
  SegmentBuilder builder(m_last_dict);
  for (size_t i = 0; i < docs.size(); ++i) {
    AnalyzedDoc d = analysed(docs[i]);
    if (i % 3 == 0) {
      d.stored = encode_stored_doc(docs[i], m_last_dict.get());
      d.stored_dict = m_last_dict;
    } else if (i % 3 == 1) {
      d.stored = stored_doc_json(docs[i]);
      d.stored_raw = true;
    } else {
      d.stored = encode_stored_doc(docs[i]);
    }
    builder.add(d);
  }
  ASSERT_TRUE(builder.write(m_dir / "b.seg"));
  auto seg = Segment::open(m_dir / "b.seg");
  ASSERT_TRUE(seg);
  ASSERT_NE((*seg)->store_dictionary(), nullptr);
  EXPECT_TRUE((*seg)->store_dictionary()->same_as(*m_last_dict));
  expect_documents(**seg, docs);
}

TEST_F(StoreDictTest, SmallSegmentsHaveNoDictionary) {
  // Too little text to fill the sample: plain frames, kind 0.
  auto tiny = make_docs(5, 4);
  auto seg = build("tiny.seg", tiny);
  ASSERT_TRUE(seg);
  EXPECT_EQ(seg->store_dictionary(), nullptr);
  EXPECT_EQ(seg->section_size(Section::kStoreDict), 1u);
  expect_documents(*seg, tiny);
  // A dictionary from an earlier segment, but under kStoreDictMinSegmentBytes of text: written
  // without it (the frames recompressed), and the writer keeps the dictionary for what follows.
  auto big = make_docs(1500, 5);
  ASSERT_TRUE(build("big.seg", big));
  ASSERT_NE(m_last_dict, nullptr);
  const auto dict = m_last_dict;
  auto small = build("small.seg", make_docs(20, 6), SegmentBuilder(dict));
  ASSERT_TRUE(small);
  EXPECT_EQ(small->store_dictionary(), nullptr);
  EXPECT_EQ(m_last_dict, dict);
  expect_documents(*small, make_docs(20, 6));
}

TEST_F(StoreDictTest, DamagedDictionaryIsCorruptNamingSegmentAndSection) {
  auto docs = make_docs(1500, 7);
  ASSERT_TRUE(build("a.seg", docs));
  const auto path = m_dir / "a.seg";
  const auto section = find_section(path, Section::kStoreDict);
  ASSERT_GT(section.length, 64u);
  const std::string copy = core::read_file(path).value();

  // The kind byte: refused on open.
  patch(path, section.offset, std::string(1, '\x07'));
  auto opened = Segment::open(path);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, core::ErrorCode::kCorrupt);
  EXPECT_NE(opened.error().to_string().find("a.seg"), std::string::npos);
  EXPECT_NE(opened.error().message.find("section (16)"), std::string::npos);

  // The dictionary's magic: refused on open.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << copy;
  patch(path, section.offset + 1, "XXXX");
  opened = Segment::open(path);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("not a zstd dictionary"), std::string::npos);

  // Its entropy tables: the segment opens (only the header is checked), and the first document
  // read names the section.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << copy;
  patch(path, section.offset + 1 + 8, std::string(64, '\xff'));
  opened = Segment::open(path);
  ASSERT_TRUE(opened) << opened.error().to_string();
  EXPECT_TRUE((*opened)->verify());  // the checksum was recomputed: only the tables are wrong
  auto loaded = (*opened)->load_store_dictionary();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, core::ErrorCode::kCorrupt);
  EXPECT_NE(loaded.error().to_string().find("a.seg"), std::string::npos);
  EXPECT_NE(loaded.error().message.find("section (16)"), std::string::npos);
  auto t = (*opened)->document(0);
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("section (16)"), std::string::npos);

  // A format-8 segment without the section at all.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << copy;
  const std::string all = copy;
  const auto* tail = reinterpret_cast<const uint8_t*>(all.data()) + all.size() - kFooterTail;
  const uint32_t count = core::get_fixed32(tail);
  const size_t table = all.size() - kFooterTail - count * kSectionEntry;
  for (uint32_t i = 0; i < count; ++i) {
    const auto* e = reinterpret_cast<const uint8_t*>(all.data()) + table + i * kSectionEntry;
    if (core::get_fixed32(e) != static_cast<uint32_t>(Section::kStoreDict)) continue;
    std::string id;
    core::put_fixed32(id, 31);  // an id format 8 allows but does not know
    patch(path, table + i * kSectionEntry, id);
  }
  opened = Segment::open(path);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("section (16) is missing"), std::string::npos);
}

TEST_F(StoreDictTest, SectionIdCapIs16UpToFormat7And32FromFormat8) {
  const auto old = m_dir / "old.seg";
  fs::copy_file(kFormat7, old);
  const auto store = find_section(old, Section::kStore);
  ASSERT_GT(store.length, 0u);
  // The first section table entry renumbered to 16: format 7 refuses it.
  std::string all = core::read_file(old).value();
  const auto* tail = reinterpret_cast<const uint8_t*>(all.data()) + all.size() - kFooterTail;
  const size_t table = all.size() - kFooterTail - core::get_fixed32(tail) * kSectionEntry;
  std::string id;
  core::put_fixed32(id, 16);
  patch(old, table, id);
  auto opened = Segment::open(old);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("section out of bounds"), std::string::npos);

  auto seg = build("new.seg", make_docs(3, 8));
  ASSERT_TRUE(seg);
  const auto path = m_dir / "new.seg";
  all = core::read_file(path).value();
  tail = reinterpret_cast<const uint8_t*>(all.data()) + all.size() - kFooterTail;
  const size_t table8 = all.size() - kFooterTail - core::get_fixed32(tail) * kSectionEntry;
  id.clear();
  core::put_fixed32(id, 32);
  patch(path, table8, id);
  opened = Segment::open(path);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("section out of bounds"), std::string::npos);
}

TEST_F(StoreDictTest, OlderFormatsStillRead) {
  for (const auto& path : {kFormat7, kFormat6}) {
    auto seg = Segment::open(path);
    ASSERT_TRUE(seg) << seg.error().to_string();
    EXPECT_LT((*seg)->version(), 8u);
    EXPECT_EQ((*seg)->store_dictionary(), nullptr);
    EXPECT_EQ((*seg)->section_size(Section::kStoreDict), 0u);
    ASSERT_GT((*seg)->doc_count(), 0u);
    for (uint32_t d = 0; d < (*seg)->doc_count(); ++d) {
      auto t = (*seg)->document(d);
      ASSERT_TRUE(t) << t.error().to_string();
      EXPECT_EQ(t->id, (*seg)->external_id(d));
    }
  }
}

TEST_F(StoreDictTest, MergeOfFormat7AndFormat8KeepsTheLargerInputsDictionary) {
  auto docs = make_docs(1500, 9);
  auto big = build("big.seg", docs);
  ASSERT_TRUE(big);
  ASSERT_NE(big->store_dictionary(), nullptr);
  auto old = Segment::open(kFormat7);
  ASSERT_TRUE(old);
  const uint32_t old_docs = (*old)->doc_count();
  std::vector<MergeInput> inputs = {{*old, {}}, {big, {1}}};  // one deletion in the big input
  auto merged = merge_segments(inputs, m_dir / "merged.seg");
  ASSERT_TRUE(merged) << merged.error().to_string();
  auto seg = Segment::open(m_dir / "merged.seg");
  ASSERT_TRUE(seg);
  ASSERT_TRUE((*seg)->verify());
  ASSERT_NE((*seg)->store_dictionary(), nullptr);
  EXPECT_TRUE((*seg)->store_dictionary()->same_as(*big->store_dictionary()));
  EXPECT_EQ((*seg)->doc_count(), old_docs + docs.size() - 1);
  for (uint32_t d = 0; d < old_docs; ++d) {  // recompressed with the dictionary
    auto t = (*seg)->document(d);
    ASSERT_TRUE(t) << t.error().to_string();
    EXPECT_EQ(t->id, (*old)->external_id(d));
  }
  docs.erase(docs.begin() + 1);
  expect_documents(**seg, docs, old_docs);
  // The big input's frames were copied byte for byte.
  EXPECT_EQ(*(*seg)->stored_frame(old_docs), *big->stored_frame(0));
}

TEST_F(StoreDictTest, MergeAcrossDictionariesAndOfPlainSegments) {
  auto a_docs = make_docs(1500, 10), b_docs = make_docs(1100, 11);
  auto a = build("a.seg", a_docs);
  auto b = build("b.seg", b_docs);
  ASSERT_TRUE(a && b);
  ASSERT_NE(a->store_dictionary(), nullptr);
  ASSERT_NE(b->store_dictionary(), nullptr);
  ASSERT_FALSE(a->store_dictionary()->same_as(*b->store_dictionary()));
  std::vector<MergeInput> inputs = {{b, {}}, {a, {}}};
  auto merged = merge_segments(inputs, m_dir / "ab.seg");
  ASSERT_TRUE(merged) << merged.error().message << " @ " << merged.error().where.file;
  auto ab = Segment::open(m_dir / "ab.seg");
  ASSERT_TRUE(ab);
  ASSERT_NE((*ab)->store_dictionary(), nullptr);
  EXPECT_TRUE((*ab)->store_dictionary()->same_as(*a->store_dictionary()));  // more documents
  expect_documents(**ab, b_docs);
  expect_documents(**ab, a_docs, b_docs.size());

  // Segments without dictionaries (written without training), enough text together: the merge
  // trains one on the first documents.
  auto p_docs = make_docs(700, 12), q_docs = make_docs(700, 13);
  auto p = build("p.seg", p_docs, SegmentBuilder(nullptr, /*train=*/false));
  auto q = build("q.seg", q_docs, SegmentBuilder(nullptr, /*train=*/false));
  ASSERT_TRUE(p && q);
  EXPECT_EQ(p->store_dictionary(), nullptr);
  std::vector<MergeInput> plain = {{p, {}}, {q, {}}};
  ASSERT_TRUE(merge_segments(plain, m_dir / "pq.seg"));
  auto pq = Segment::open(m_dir / "pq.seg");
  ASSERT_TRUE(pq);
  EXPECT_NE((*pq)->store_dictionary(), nullptr);
  EXPECT_LT((*pq)->section_size(Section::kStore),
            p->section_size(Section::kStore) + q->section_size(Section::kStore));
  expect_documents(**pq, p_docs);
  expect_documents(**pq, q_docs, p_docs.size());

  // Too little text: a merge of small segments stays without a dictionary.
  auto s = build("s.seg", make_docs(4, 14));
  std::vector<MergeInput> small = {{s, {}}, {*Segment::open(kFormat7), {}}};
  ASSERT_TRUE(merge_segments(small, m_dir / "small.seg"));
  auto sm = Segment::open(m_dir / "small.seg");
  ASSERT_TRUE(sm);
  EXPECT_EQ((*sm)->store_dictionary(), nullptr);
  expect_documents(**sm, make_docs(4, 14));
}

// A 17-byte frame whose header declares 1.6 GB of content (found by the `store` fuzz target,
// which ran out of memory allocating it) is corrupt. That it is refused before allocating is
// pinned by the same input in fuzz/corpus/store/ (the fuzz run's RSS limit is 2 GB).
TEST(StoreDictFrame, DeclaredSizeBeyondWhatTheFrameCanHoldIsCorrupt) {
  const unsigned char finding[] = {0x28, 0xb5, 0x2f, 0xfd, 0x80, 0x8c, 0x01, 0x00, 0x10,
                                   0x61, 0x00, 0x00, 0x1a, 0x00, 0x25, 0x2b, 0x2f};
  const std::string_view frame(reinterpret_cast<const char*>(finding), sizeof finding);
  auto raw = decompress_stored(frame, nullptr);
  ASSERT_FALSE(raw);
  EXPECT_EQ(raw.error().code, core::ErrorCode::kCorrupt);
  EXPECT_FALSE(decode_stored_doc(frame, nullptr));
  // Real frames of every size still decompress: repetitive text compresses far below 1/1000.
  for (size_t n : {size_t{1}, size_t{1000}, size_t{1} << 20}) {
    const std::string text(n, 'a');
    auto back = decompress_stored(compress_stored(text, nullptr), nullptr);
    ASSERT_TRUE(back) << n;
    EXPECT_EQ(*back, text);
  }
}

TEST(StoreDictSection, ParsesKindsAndRefusesGarbage) {
  auto none = parse_store_dict_section(std::string(1, '\0'));
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, nullptr);
  EXPECT_FALSE(parse_store_dict_section(""));
  EXPECT_FALSE(parse_store_dict_section(std::string("\0x", 2)));
  EXPECT_FALSE(parse_store_dict_section(std::string("\x01short", 6)));
  EXPECT_FALSE(parse_store_dict_section(std::string("\x02") + std::string(64, 'a')));
  EXPECT_EQ(store_dict_section(nullptr), std::string(1, '\0'));
}

}  // namespace
}  // namespace newsdex::index
