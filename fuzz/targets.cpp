#include "targets.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/analysis/phonetic.hpp"
#include "newsdex/doc/reader.hpp"
#include "newsdex/index/codec/postings.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/storage/manifest.hpp"
#include "newsdex/index/storage/segment.hpp"
#include "newsdex/index/storage/store_dict.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/index/writer/segment_builder.hpp"
#include "newsdex/query/parse/parser.hpp"
#include "newsdex/query/plan/plan.hpp"

namespace newsdex::fuzz {
namespace {

namespace fs = std::filesystem;

// A broken invariant is a finding: print it and abort so libFuzzer (or the test) reports it.
[[noreturn]] void violated(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant violated: %s\n", file, line, what);
  std::abort();
}
#define FUZZ_CHECK(cond)                              \
  do {                                                \
    if (!(cond)) violated(#cond, __FILE__, __LINE__); \
  } while (0)

std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A private scratch directory for targets that need files (segments are memory-mapped, the
// manifest is read from a directory). Removed at exit.
class Scratch {
 public:
  Scratch() {
    std::error_code ec;
    fs::path base = fs::exists("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    m_dir = base / ("newsdex-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(m_dir, ec);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(m_dir, ec);
  }
  const fs::path& dir() const { return m_dir; }
  fs::path write(const std::string& name, std::string_view bytes) const {
    fs::path p = m_dir / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }

 private:
  fs::path m_dir;
};

Scratch& scratch() {
  static Scratch s;
  return s;
}

analysis::Analyzer& analyzer() {
  static analysis::Analyzer a;
  return a;
}

class Sink final : public doc::DocumentSink {
 public:
  explicit Sink(std::string_view path) : m_path(path) {}
  void document(doc::Transcript&& t) override { docs.push_back(std::move(t)); }
  void diagnostic(doc::Diagnostic&& d) override {
    // Every diagnostic names its file and says what went wrong.
    FUZZ_CHECK(!d.error.message.empty());
    FUZZ_CHECK(d.error.where.file == m_path);
  }
  std::vector<doc::Transcript> docs;

 private:
  std::string_view m_path;
};

template <class Range>
void check_ranges(const Range& ranges, size_t body_size) {
  for (const auto& r : ranges) FUZZ_CHECK(r.start <= r.end && r.end <= body_size);
}

// Reads the bytes with one reader, checks the document model's promises (every range inside the
// body, markup sorted and non-overlapping), then takes each document down the ingest path:
// analysis, a segment built from it, the segment opened, verified and its document read back.
void run_reader(doc::Format format, const uint8_t* data, size_t size) {
  static const std::string path = "fuzz-input.txt";
  std::istringstream in{std::string(as_text(data, size))};
  Sink sink(path);
  doc::make_reader(format)->read(in, doc::ReadContext{path, {}, {}}, sink);
  if (sink.docs.empty()) return;
  index::SegmentBuilder builder;
  std::vector<std::string> ids;
  for (auto& t : sink.docs) {
    const size_t n = t.body.size();
    check_ranges(t.turns, n);
    check_ranges(t.cues, n);
    check_ranges(t.markup, n);
    for (size_t i = 1; i < t.markup.size(); ++i)
      FUZZ_CHECK(t.markup[i - 1].end <= t.markup[i].start);
    doc::assign_id(t);
    FUZZ_CHECK(!t.id.empty());
    auto analysed = index::analyze_document(std::move(t), analyzer());
    const auto& a = analysed.transcript;
    check_ranges(a.turns, a.body.size());
    check_ranges(a.quotes, a.body.size());
    for (const auto& e : a.entities) check_ranges(e.mentions, a.body.size());
    ids.push_back(a.id);
    builder.add(analysed);
  }
  // The segment is streamed to a new file (O_EXCL), so the previous run's file goes first.
  const auto file = scratch().dir() / "reader.seg";
  fs::remove(file);
  auto written = builder.write(file);
  FUZZ_CHECK(written.has_value());
  auto seg = index::Segment::open(file);
  FUZZ_CHECK(seg.has_value());
  FUZZ_CHECK((*seg)->verify().has_value());
  FUZZ_CHECK((*seg)->doc_count() == ids.size());
  for (uint32_t d = 0; d < (*seg)->doc_count(); ++d) {
    auto t = (*seg)->document(d);
    FUZZ_CHECK(t.has_value());
    FUZZ_CHECK(t->id == ids[d]);
    FUZZ_CHECK((*seg)->external_id(d) == ids[d]);
  }
}

void page(const uint8_t* d, size_t n) {
  run_reader(doc::Format::kPage, d, n);
}
void jsonl(const uint8_t* d, size_t n) {
  run_reader(doc::Format::kJsonl, d, n);
}
void vtt(const uint8_t* d, size_t n) {
  run_reader(doc::Format::kVtt, d, n);
}
void srt(const uint8_t* d, size_t n) {
  run_reader(doc::Format::kSrt, d, n);
}
void cable(const uint8_t* d, size_t n) {
  run_reader(doc::Format::kCable, d, n);
}
void plain(const uint8_t* d, size_t n) {
  run_reader(doc::Format::kPlain, d, n);
}

// Format detection looks at a name and the first bytes; the first line of the input is the name.
void detect(const uint8_t* d, size_t n) {
  auto text = as_text(d, n);
  auto nl = text.find('\n');
  auto name = text.substr(0, nl == std::string_view::npos ? text.size() : nl);
  auto head = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  FUZZ_CHECK(doc::detect_format(name, head) != doc::Format::kAuto);
}

// The query parser and planner: either an AST that renders and plans, or a query/limit error
// whose column points inside the query (or just past its end).
void query(const uint8_t* d, size_t n) {
  auto text = as_text(d, n);
  auto ast = query::parse_query(text);
  if (!ast) {
    const auto& e = ast.error();
    FUZZ_CHECK(e.code == core::ErrorCode::kQuery || e.code == core::ErrorCode::kLimit);
    FUZZ_CHECK(!e.message.empty());
    FUZZ_CHECK(e.where.column <= text.size() + 1);
    return;
  }
  FUZZ_CHECK(!query::describe(**ast).empty());
  auto plan = query::plan_query(**ast, analyzer());
  if (!plan) FUZZ_CHECK(!plan.error().message.empty());
}

// The letter keys over arbitrary bytes (a word of a document or a query): keys of consonant
// codes only, the same for the word's ASCII letters alone (everything else is dropped, case
// folded), the 4-letter cap a prefix, and sound_keys() tagged with the schemes it documents.
void phonetic(const uint8_t* d, size_t n) {
  const auto text = as_text(d, n);
  std::string letters;
  for (char c : text)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letters += c;
  const auto keys = analysis::double_metaphone(text);
  const auto codes = [](const std::string& k) {
    return k.find_first_not_of("0AFHJKLMNPRSTX") == std::string::npos;
  };
  FUZZ_CHECK(codes(keys.primary) && codes(keys.alternate));
  FUZZ_CHECK(keys.primary.size() <= 2 * letters.size() &&
             keys.alternate.size() <= 2 * letters.size());
  const auto again = analysis::double_metaphone(letters);
  FUZZ_CHECK(again.primary == keys.primary && again.alternate == keys.alternate);
  const auto capped = analysis::double_metaphone(text, 4);
  FUZZ_CHECK(keys.primary.starts_with(capped.primary) && capped.primary.size() <= 4);
  FUZZ_CHECK(keys.alternate.starts_with(capped.alternate) && capped.alternate.size() <= 4);
  FUZZ_CHECK(analysis::metaphone(text) == analysis::metaphone(letters));
  for (const auto& key : analysis::sound_keys(text)) {
    FUZZ_CHECK(key.size() >= 2);
    FUZZ_CHECK(key[0] == analysis::kPhonemeKey || key[0] == analysis::kDoublePrimaryKey ||
               key[0] == analysis::kDoubleAlternateKey);
  }
}

// Reads everything a corrupted segment offers, as a search, `show` and `check` would; every
// accessor must stay in bounds whatever the bytes say.
void segment(const uint8_t* d, size_t n) {
  auto file = scratch().write("fuzz.seg", as_text(d, n));
  auto opened = index::Segment::open(file);
  if (!opened) {
    FUZZ_CHECK(opened.error().code == core::ErrorCode::kCorrupt);
    return;
  }
  const auto& seg = **opened;
  (void)seg.verify();
  (void)seg.stored_checksum();
  size_t terms = 0;
  seg.for_each_term([&](std::string_view key, uint32_t) {
    if (key.empty() || ++terms > 2000) return false;
    auto info = seg.lookup(static_cast<index::Field>(key[0]), key.substr(1));
    if (!info) return true;
    auto cur = seg.cursor(*info);
    for (size_t i = 0; cur.doc() != index::kEndDoc && i < 10000; ++i) {
      (void)cur.positions();
      cur.next();
    }
    auto seek = seg.cursor(*info);
    seek.seek(seg.doc_count() / 2);
    return true;
  });
  for (auto field : {index::Field::kBody, index::Field::kTitle})
    seg.for_each_term_with_prefix(field, "a", [](std::string_view, uint32_t) { return true; });
  (void)seg.lookup(index::Field::kBody, "putin");
  for (uint32_t doc = 0; doc < seg.doc_count() && doc < 64; ++doc) {
    auto row = seg.columns(doc);
    (void)seg.string_at(row.show);
    (void)seg.string_at(row.source);
    auto id = seg.external_id(doc);
    (void)seg.find_id(id);
    (void)seg.title(doc);
    auto t = seg.document(doc);
    if (!t) FUZZ_CHECK(t.error().code == core::ErrorCode::kCorrupt);
  }
}

// One postings blob of any codec (v2, v3, v4), followed by the zero padding a segment's postings
// section ends with: every cursor operation stays in bounds, documents ascend, and a cursor that
// did not find corruption returns as many positions as the document's frequency.
void postings(const uint8_t* d, size_t n) {
  std::vector<uint8_t> buffer(d, d + n);
  buffer.resize(n + index::kPostingsPadding, 0);
  const std::span<const uint8_t> blob(buffer.data(), n);
  (void)index::postings_bytes(blob);
  for (bool bulk : {true, false}) {
    index::PostingsCursor cur(blob);
    cur.set_bulk_positions(bulk);
    uint32_t last = 0;
    for (size_t i = 0; cur.doc() != index::kEndDoc && i < 100000; ++i) {
      FUZZ_CHECK(i == 0 || cur.doc() > last);
      last = cur.doc();
      // Every other document, so the per-document and the whole-block decoders both run.
      if (bulk || i % 2 == 0) {
        auto positions = cur.positions();
        if (!cur.corrupt()) FUZZ_CHECK(positions.size() == cur.freq());
      }
      cur.next();
    }
  }
  index::PostingsCursor seek(blob);
  (void)seek.bound_for(seek.doc_count());
  seek.seek(seek.doc_count());
  if (seek.doc() != index::kEndDoc) {
    (void)seek.positions();
    (void)seek.block_freqs();
    seek.next_block();
  }
}

// The manifest: a whole commit or a kCorrupt error; what reads must write and read back the same.
// The stored-document dictionary section (format 8, kStoreDict) and a frame read with it:
// u16 section length, the section, then one frame. Parsing and decompressing never read out of
// bounds and fail as `corrupt`; a dictionary that loads must round-trip what it compresses.
void store(const uint8_t* d, size_t n) {
  if (n < 2) return;
  const size_t len = std::min<size_t>(n - 2, size_t{d[0]} | size_t{d[1]} << 8);
  const std::string_view section = as_text(d + 2, len);
  const std::string_view frame = as_text(d + 2 + len, n - 2 - len);
  auto dict = index::parse_store_dict_section(section);
  if (!dict) {
    FUZZ_CHECK(dict.error().code == core::ErrorCode::kCorrupt);
    return;
  }
  const index::StoreDictionary* dictionary = dict->get();
  if (dictionary && !dictionary->load()) return;
  auto raw = index::decompress_stored(frame, dictionary);
  if (!raw) FUZZ_CHECK(raw.error().code == core::ErrorCode::kCorrupt);
  auto t = index::decode_stored_doc(frame, dictionary);
  if (!t) FUZZ_CHECK(t.error().code == core::ErrorCode::kCorrupt);
  try {
    const std::string again = index::compress_stored(frame, dictionary);
    auto back = index::decompress_stored(again, dictionary);
    FUZZ_CHECK(back && *back == frame);
  } catch (const std::runtime_error&) {
    // zstd would not build a compression dictionary from these bytes (documented: throws)
  }
}

void manifest(const uint8_t* d, size_t n) {
  const auto& dir = scratch().dir();
  scratch().write(index::kManifestName, as_text(d, n));
  auto m = index::read_manifest(dir);
  if (!m) {
    FUZZ_CHECK(m.error().code == core::ErrorCode::kCorrupt);
    return;
  }
  for (const auto& s : m->segments) FUZZ_CHECK(s.name.find('/') == std::string::npos);
  FUZZ_CHECK(index::write_manifest(dir, *m).has_value());
  auto again = index::read_manifest(dir);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->generation == m->generation && again->segments.size() == m->segments.size());
}

// Deletion bitmaps (roaring with a trailing checksum).
void deletes(const uint8_t* d, size_t n) {
  auto file = scratch().write("fuzz.del", as_text(d, n));
  auto docs = index::decode_deletes(file);
  if (!docs) FUZZ_CHECK(docs.error().code == core::ErrorCode::kCorrupt);
}

constexpr std::array<NamedTarget, 14> kTargets{{
    {"page", page},
    {"jsonl", jsonl},
    {"vtt", vtt},
    {"srt", srt},
    {"cable", cable},
    {"plain", plain},
    {"detect", detect},
    {"query", query},
    {"segment", segment},
    {"postings", postings},
    {"store", store},
    {"manifest", manifest},
    {"deletes", deletes},
    {"phonetic", phonetic},
}};

}  // namespace

std::span<const NamedTarget> targets() {
  return kTargets;
}

Target find_target(std::string_view name) {
  for (const auto& t : kTargets)
    if (t.name == name) return t.run;
  return nullptr;
}

}  // namespace newsdex::fuzz
