#include "newsdex/index/storage/segment.hpp"

#include <algorithm>

#include "newsdex/core/hash.hpp"
#include "newsdex/core/varint.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/index/storage/turns.hpp"

namespace newsdex::index {
namespace {

const uint8_t* bytes(std::string_view s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

// One decoded term-dictionary entry; `key` is rebuilt from the front coding.
struct DictEntry {
  std::string key;
  uint32_t df = 0;
  uint64_t offset = 0;
  uint64_t length = 0;
};

bool read_entry(const uint8_t** p, const uint8_t* end, DictEntry* e) {
  uint64_t shared = 0, suffix = 0;
  if (!core::get_varint(p, end, &shared) || !core::get_varint(p, end, &suffix)) return false;
  if (shared > e->key.size() || suffix > static_cast<uint64_t>(end - *p)) return false;
  e->key.resize(shared);
  e->key.append(reinterpret_cast<const char*>(*p), suffix);
  *p += suffix;
  return core::get_varint32(p, end, &e->df) && core::get_varint(p, end, &e->offset) &&
         core::get_varint(p, end, &e->length);
}

}  // namespace

core::Error Segment::corrupt(std::string what, uint64_t offset) const {
  return core::Error{core::ErrorCode::kCorrupt, std::move(what),
                     core::Location{m_path.string(), 0, 0, offset}};
}

std::string_view Segment::section(Section s) const {
  auto i = static_cast<size_t>(s);
  return i < std::size(m_sections) ? m_sections[i] : std::string_view();
}

core::Result<std::shared_ptr<const Segment>> Segment::open(const std::filesystem::path& path) {
  auto file = core::MappedFile::open(path);
  if (!file) return tl::unexpected(file.error());
  std::shared_ptr<Segment> seg(new Segment());
  seg->m_path = path;
  seg->m_name = path.filename().string();
  seg->m_file = std::move(*file);
  std::string_view all = seg->m_file.view();
  if (all.size() < kFooterTail || all.substr(all.size() - 8) != kSegmentMagic)
    return tl::unexpected(seg->corrupt("not a segment file (bad magic)", all.size()));
  const uint8_t* tail = bytes(all) + all.size() - kFooterTail;
  uint32_t count = core::get_fixed32(tail);
  uint32_t version = core::get_fixed32(tail + 4);
  if (version < kSegmentMinVersion || version > kSegmentVersion)
    return tl::unexpected(seg->corrupt("unsupported segment version " + std::to_string(version)));
  seg->m_version = version;
  const uint32_t max_id = version >= 8 ? kMaxSections : kMaxSectionsV7;
  if (count > 64 || count * kSectionEntry > all.size() - kFooterTail)
    return tl::unexpected(seg->corrupt("bad section count", all.size() - kFooterTail));
  const size_t table = all.size() - kFooterTail - count * kSectionEntry;
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t* e = bytes(all) + table + i * kSectionEntry;
    uint32_t id = core::get_fixed32(e);
    uint64_t off = core::get_fixed64(e + 4), len = core::get_fixed64(e + 12);
    if (off > table || len > table - off || id >= max_id)
      return tl::unexpected(seg->corrupt("section out of bounds", table + i * kSectionEntry));
    seg->m_sections[id] = all.substr(off, len);
  }
  // Derived counts, each checked against its section's size.
  auto columns = seg->section(Section::kColumns);
  if (columns.size() % kColumnRowSize != 0)
    return tl::unexpected(seg->corrupt("column section has a partial row"));
  seg->m_doc_count = static_cast<uint32_t>(columns.size() / kColumnRowSize);
  if (seg->section(Section::kStoreIndex).size() != (seg->m_doc_count + 1ull) * 8 ||
      seg->section(Section::kIdStrings).size() != (seg->m_doc_count + 1ull) * 4 ||
      seg->section(Section::kTitleOffsets).size() != (seg->m_doc_count + 1ull) * 4 ||
      seg->section(Section::kIds).size() != seg->m_doc_count * 4ull)
    return tl::unexpected(seg->corrupt("document sections disagree on the document count"));
  // Offset tables: the first offset is 0 and the final end offset is the size of the section
  // they index (the writer emits the blobs back to back), so a torn or zeroed end of either is
  // refused here without reading the large sections.
  const auto ends_at = [&](Section offsets, size_t width, Section blob) {
    auto offs = seg->section(offsets);
    if (offs.size() < width) return offs.empty() && seg->section(blob).empty();
    const uint8_t* t = bytes(offs);
    const uint64_t first = width == 8 ? core::get_fixed64(t) : core::get_fixed32(t);
    const uint64_t last = width == 8 ? core::get_fixed64(t + offs.size() - 8)
                                     : core::get_fixed32(t + offs.size() - 4);
    return first == 0 && last == seg->section(blob).size();
  };
  if (!ends_at(Section::kStoreIndex, 8, Section::kStore) ||
      !ends_at(Section::kIdStrings, 4, Section::kIdBlob) ||
      !ends_at(Section::kTitleOffsets, 4, Section::kTitleBlob) ||
      !ends_at(Section::kSoundOffsets, 4, Section::kSoundBlob))
    return tl::unexpected(
        seg->corrupt("an offset table's first or end offset disagrees with its section's size"));
  auto sound_offsets = seg->section(Section::kSoundOffsets);
  if (sound_offsets.size() % 4 != 0 || (sound_offsets.empty() && version >= 5))
    return tl::unexpected(seg->corrupt("bad sound dictionary offsets"));
  seg->m_sound_count =
      sound_offsets.empty() ? 0 : static_cast<uint32_t>(sound_offsets.size() / 4 - 1);
  seg->m_sound_schemes = seg->find_sound_schemes();
  auto turns = seg->section(Section::kTurns);
  if (!turns.empty()) {
    const uint64_t base = 1 + (seg->m_doc_count + 1ull) * 8;
    if (turns.size() < base || bytes(turns)[0] != kTurnsLayout ||
        core::get_fixed64(bytes(turns) + 1) != 0 ||
        core::get_fixed64(bytes(turns) + base - 8) != turns.size() - base)
      return tl::unexpected(seg->corrupt("bad turn table"));
    seg->m_has_turns = true;
  }
  if (version >= 8) {
    auto dict = parse_store_dict_section(seg->section(Section::kStoreDict));
    if (!dict)
      return tl::unexpected(seg->corrupt(
          dict.error().message,
          static_cast<uint64_t>(seg->section(Section::kStoreDict).data() - all.data())));
    seg->m_store_dict = std::move(*dict);
  }
  auto term_index = seg->section(Section::kTermIndex);
  if (term_index.size() < 8 || (term_index.size() - 8) % 4 != 0)
    return tl::unexpected(seg->corrupt("bad term index"));
  seg->m_term_count = core::get_fixed64(bytes(term_index) + term_index.size() - 8);
  if ((seg->m_term_count + kTermBlockSize - 1) / kTermBlockSize != (term_index.size() - 8) / 4)
    return tl::unexpected(seg->corrupt("term index disagrees with the term count"));
  // Term blocks: increasing offsets inside the dictionary, the first at 0 (a few KB per segment).
  {
    const size_t blocks = (term_index.size() - 8) / 4;
    const uint64_t dict_size = seg->section(Section::kTermDict).size();
    uint64_t prev = 0;
    for (size_t b = 0; b < blocks; ++b) {
      const uint64_t off = core::get_fixed32(bytes(term_index) + 4 * b);
      if ((b == 0 && off != 0) || (b > 0 && off <= prev) || off >= dict_size)
        return tl::unexpected(
            seg->corrupt("term index block offsets out of order or bounds",
                         static_cast<uint64_t>(term_index.data() - all.data()) + 4 * b));
      prev = off;
    }
  }
  auto stats = seg->section(Section::kFieldStats);
  if (stats.size() != kFieldCount * 8) return tl::unexpected(seg->corrupt("bad field stats"));
  for (size_t f = 0; f < kFieldCount; ++f)
    seg->m_field_tokens[f] = core::get_fixed64(bytes(stats) + 8 * f);
  auto strings = seg->section(Section::kStrings);
  const uint8_t* p = bytes(strings);
  const uint8_t* end = p + strings.size();
  uint64_t n = 0;
  if (!core::get_varint(&p, end, &n) || n > strings.size())
    return tl::unexpected(seg->corrupt("bad string table"));
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t len = 0;
    if (!core::get_varint(&p, end, &len) || len > static_cast<uint64_t>(end - p))
      return tl::unexpected(seg->corrupt("bad string table entry"));
    seg->m_strings.emplace_back(reinterpret_cast<const char*>(p), len);
    p += len;
  }
  return std::shared_ptr<const Segment>(std::move(seg));
}

bool Segment::read_block_first_term(size_t block, std::string* out) const {
  auto index = section(Section::kTermIndex);
  auto dict = section(Section::kTermDict);
  uint32_t off = core::get_fixed32(bytes(index) + 4 * block);
  if (off > dict.size()) return false;
  const uint8_t* p = bytes(dict) + off;
  DictEntry e;
  if (!read_entry(&p, bytes(dict) + dict.size(), &e)) return false;
  *out = std::move(e.key);
  return true;
}

std::optional<size_t> Segment::block_at_or_before(std::string_view key) const {
  const size_t blocks = (m_term_count + kTermBlockSize - 1) / kTermBlockSize;
  size_t lo = 0, hi = blocks;
  std::string first;
  while (hi - lo > 1) {
    const size_t mid = (lo + hi) / 2;
    if (!read_block_first_term(mid, &first)) return std::nullopt;
    if (first <= key)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

std::optional<TermInfo> Segment::lookup(Field field, std::string_view term) const {
  if (m_term_count == 0) return std::nullopt;
  if (const auto f = static_cast<size_t>(field);
      f < kFieldCount && m_terms_ready[f].load(std::memory_order_acquire)) {
    const TermList& list = m_terms[f];
    const size_t i = list.find(term);
    if (i == list.size()) return std::nullopt;
    return list.info(i);
  }
  std::string key(1, static_cast<char>(field));
  key += term;
  const auto block = block_at_or_before(key);
  if (!block) return std::nullopt;
  const size_t lo = *block;
  auto dict = section(Section::kTermDict);
  auto postings = section(Section::kPostings);
  uint32_t off = core::get_fixed32(bytes(section(Section::kTermIndex)) + 4 * lo);
  if (off > dict.size()) return std::nullopt;
  const uint8_t* p = bytes(dict) + off;
  const uint8_t* end = bytes(dict) + dict.size();
  DictEntry e;
  for (size_t i = 0; i < kTermBlockSize && lo * kTermBlockSize + i < m_term_count; ++i) {
    if (!read_entry(&p, end, &e)) return std::nullopt;
    if (e.key == key) {
      if (e.offset > postings.size() || e.length > postings.size() - e.offset) return std::nullopt;
      return TermInfo{e.df, {bytes(postings) + e.offset, e.length}};
    }
    if (e.key > key) break;
  }
  return std::nullopt;
}

void Segment::lookup_sorted(Field field, std::span<const std::string_view> terms,
                            const std::function<void(size_t, const TermInfo&)>& fn) const {
  if (m_term_count == 0 || terms.empty()) return;
  const size_t blocks = (m_term_count + kTermBlockSize - 1) / kTermBlockSize;
  const auto dict = section(Section::kTermDict);
  const auto postings = section(Section::kPostings);
  const uint8_t* index = bytes(section(Section::kTermIndex));
  const uint8_t* end = bytes(dict) + dict.size();
  std::string key(1, static_cast<char>(field)), first;
  // The current block, the read position inside it and the entry last read (kept while it is
  // past the key looked up: the next, larger key may be that very entry).
  size_t block = 0, next = 0;  // next: index of the next entry to read
  const uint8_t* p = nullptr;
  DictEntry e;
  bool have = false;
  auto first_le = [&](size_t b, bool* ok) {
    *ok = read_block_first_term(b, &first);
    return *ok && first <= key;
  };
  for (size_t t = 0; t < terms.size(); ++t) {
    key.resize(1);
    key += terms[t];
    // Gallop to the last block whose first term is <= key, starting from the current one.
    size_t lo = block, hi = block + 1, step = 1;
    bool ok = true;
    while (hi < blocks && first_le(hi, &ok)) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (!ok) return;
    hi = std::min(hi, blocks);
    while (hi - lo > 1) {
      const size_t mid = lo + (hi - lo) / 2;
      if (first_le(mid, &ok))
        lo = mid;
      else if (!ok)
        return;
      else
        hi = mid;
    }
    if (p == nullptr || lo != block) {
      block = lo;
      const uint32_t off = core::get_fixed32(index + 4 * block);
      if (off > dict.size()) return;
      p = bytes(dict) + off;
      next = block * kTermBlockSize;
      e.key.clear();
      have = false;
    }
    const size_t block_end = std::min<uint64_t>(m_term_count, (block + 1) * kTermBlockSize);
    for (;;) {
      if (!have) {
        if (next >= block_end) break;
        if (!read_entry(&p, end, &e)) return;
        ++next;
        have = true;
      }
      if (e.key < key) {
        have = false;
        continue;
      }
      if (e.key == key && e.offset <= postings.size() && e.length <= postings.size() - e.offset)
        fn(t, TermInfo{e.df, {bytes(postings) + e.offset, e.length}});
      break;
    }
  }
}

void Segment::for_each_term(const std::function<bool(std::string_view, uint32_t)>& fn) const {
  auto dict = section(Section::kTermDict);
  const uint8_t* p = bytes(dict);
  const uint8_t* end = p + dict.size();
  DictEntry e;
  for (uint64_t i = 0; i < m_term_count; ++i) {
    if (i % kTermBlockSize == 0) e.key.clear();
    if (!read_entry(&p, end, &e)) return;
    if (!fn(e.key, e.df)) return;
  }
}

Segment::DictCursor Segment::dict_cursor() const {
  DictCursor c;
  c.m_segment = this;
  auto dict = section(Section::kTermDict);
  c.m_p = bytes(dict);
  c.m_end = c.m_p + dict.size();
  return c;
}

bool Segment::DictCursor::next() {
  if (m_corrupt || m_index >= m_segment->m_term_count) return false;
  if (m_index % kTermBlockSize == 0) m_key.clear();
  DictEntry e;
  e.key = std::move(m_key);
  const auto postings = m_segment->section(Section::kPostings);
  if (!read_entry(&m_p, m_end, &e) || e.key.empty() || e.offset > postings.size() ||
      e.length > postings.size() - e.offset) {
    m_corrupt = true;
    return false;
  }
  m_key = std::move(e.key);
  m_df = e.df;
  m_postings = {bytes(postings) + e.offset, e.length};
  ++m_index;
  return true;
}

size_t TermList::lower_bound(std::string_view key) const {
  size_t lo = 0, hi = size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (term(mid) < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void TermList::finish() {
  const size_t n = size();
  for (size_t level = 1; level <= kSkipLevels; ++level) {
    auto& ends = m_run_end[level - 1];
    ends.assign(n, 0);
    for (size_t i = n; i-- > 0;) {
      const std::string_view t = term(i);
      const bool same =
          i + 1 < n && t.size() >= level && term(i + 1).starts_with(t.substr(0, level));
      ends[i] = same ? ends[i + 1] : static_cast<uint32_t>(i + 1);
    }
  }
}

size_t TermList::skip_prefix(std::string_view prefix, size_t from) const {
  if (!prefix.empty() && prefix.size() <= kSkipLevels && from < size() &&
      m_run_end[prefix.size() - 1].size() == size() && term(from).starts_with(prefix))
    return m_run_end[prefix.size() - 1][from];
  // Terms starting with `prefix` are contiguous; the run after `from` is usually short (a
  // hopeless prefix in a fuzzy scan covers a few terms), so gallop from there before the binary
  // search, as Lucene's and PISA's skip-to-term searches do.
  const auto has_prefix = [&](size_t i) { return term(i).starts_with(prefix); };
  size_t lo = from;  // every term in [from, lo) starts with the prefix (or precedes it)
  size_t step = 1;
  while (lo + step < size() && (has_prefix(lo + step) || term(lo + step) < prefix)) {
    lo += step;
    step *= 2;
  }
  size_t hi = std::min(size(), lo + step);
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (has_prefix(mid) || term(mid) < prefix)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

const TermList& Segment::terms(Field field) const {
  const auto f = static_cast<size_t>(field);
  std::call_once(m_terms_once[f], [&] {
    // The field's entries in key order, with their postings (the same walk as
    // for_each_term_with_prefix with an empty prefix, which also stops at an undecodable entry).
    if (m_term_count == 0) {
      m_terms[f].finish();
      m_terms_ready[f].store(true, std::memory_order_release);
      return;
    }
    const std::string key(1, static_cast<char>(field));
    const size_t blocks = (m_term_count + kTermBlockSize - 1) / kTermBlockSize;
    size_t lo = 0, hi = blocks;
    std::string first;
    bool complete = true;
    while (hi - lo > 1) {
      const size_t mid = (lo + hi) / 2;
      if (!read_block_first_term(mid, &first)) {
        complete = false;
        break;
      }
      if (first < key)
        lo = mid;
      else
        hi = mid;
    }
    const auto dict = section(Section::kTermDict);
    const auto postings = section(Section::kPostings);
    const uint32_t off =
        complete ? core::get_fixed32(bytes(section(Section::kTermIndex)) + 4 * lo) : 0;
    complete = complete && off <= dict.size();
    const uint8_t* p = complete ? bytes(dict) + off : nullptr;
    const uint8_t* end = bytes(dict) + dict.size();
    DictEntry e;
    for (uint64_t i = lo * kTermBlockSize; complete && i < m_term_count; ++i) {
      if (i % kTermBlockSize == 0) e.key.clear();
      if (!read_entry(&p, end, &e) || e.offset > postings.size() ||
          e.length > postings.size() - e.offset) {
        complete = false;
        break;
      }
      const std::string_view k = e.key;
      if (k < key) continue;
      if (k.substr(0, 1) != key) break;
      m_terms[f].add(k.substr(1), e.df, {bytes(postings) + e.offset, e.length});
    }
    m_terms[f].finish();
    if (complete) m_terms_ready[f].store(true, std::memory_order_release);
  });
  return m_terms[f];
}

const TermList& Segment::reversed_terms(Field field) const {
  const auto f = static_cast<size_t>(field);
  std::call_once(m_reversed_once[f], [&] {
    const TermList& forward = terms(field);
    std::vector<std::pair<std::string, uint32_t>> reversed;
    reversed.reserve(forward.size());
    for (size_t i = 0; i < forward.size(); ++i) {
      const std::string_view t = forward.term(i);
      reversed.emplace_back(std::string(t.rbegin(), t.rend()), forward.df(i));
    }
    std::sort(reversed.begin(), reversed.end());
    for (const auto& [term, df] : reversed) m_reversed[f].add(term, df);
    m_reversed[f].finish();
  });
  return m_reversed[f];
}

const DeletionIndex& Segment::deletions(Field field) const {
  const auto f = static_cast<size_t>(field);
  std::call_once(m_deletions_once[f], [&] { m_deletions[f] = DeletionIndex(terms(field)); });
  return m_deletions[f];
}

void Segment::for_each_term_with_prefix(
    Field field, std::string_view prefix,
    const std::function<bool(std::string_view, uint32_t)>& fn) const {
  if (m_term_count == 0) return;
  std::string key(1, static_cast<char>(field));
  key += prefix;
  // Start at the last block whose first term is <= key, not at the beginning of the dictionary.
  const auto block = block_at_or_before(key);
  if (!block) return;
  const size_t lo = *block;
  auto dict = section(Section::kTermDict);
  const uint32_t off = core::get_fixed32(bytes(section(Section::kTermIndex)) + 4 * lo);
  if (off > dict.size()) return;
  const uint8_t* p = bytes(dict) + off;
  const uint8_t* end = bytes(dict) + dict.size();
  DictEntry e;
  for (uint64_t i = lo * kTermBlockSize; i < m_term_count; ++i) {
    if (i % kTermBlockSize == 0) e.key.clear();
    if (!read_entry(&p, end, &e)) return;
    std::string_view k = e.key;
    if (k < key) continue;
    if (k.substr(0, key.size()) != key) return;
    if (!fn(k.substr(1), e.df)) return;
  }
}

ColumnRow Segment::columns(uint32_t doc) const {
  ColumnRow row;
  if (doc >= m_doc_count) return row;
  const uint8_t* p = bytes(section(Section::kColumns)) + static_cast<size_t>(doc) * kColumnRowSize;
  row.date = static_cast<int32_t>(core::get_fixed32(p));
  row.show = core::get_fixed32(p + 4);
  row.source = core::get_fixed32(p + 8);
  row.body_len = core::get_fixed32(p + 12);
  row.title_len = core::get_fixed32(p + 16);
  row.content_hash = core::get_fixed64(p + 20);
  return row;
}

Segment::LengthColumn Segment::length_column(Field field) const {
  if (field != Field::kBody && field != Field::kTitle) return {};
  // ColumnRow's layout: date, show, source, body_len (offset 12), title_len (16), content_hash.
  const size_t offset = field == Field::kBody ? 12 : 16;
  return {bytes(section(Section::kColumns)) + offset, m_doc_count};
}

void Segment::build_string_docs() const {
  std::call_once(m_string_docs_once, [&] {
    const size_t n = m_strings.size();
    std::vector<ColumnRow> rows(m_doc_count);
    for (uint32_t d = 0; d < m_doc_count; ++d) rows[d] = columns(d);
    const auto fill = [&](StringDocs& out, uint32_t ColumnRow::*column) {
      out.offsets.assign(n + 1, 0);
      for (const auto& row : rows)
        if (row.*column < n) ++out.offsets[row.*column + 1];
      for (size_t i = 0; i < n; ++i) out.offsets[i + 1] += out.offsets[i];
      out.docs.resize(out.offsets[n]);
      std::vector<uint32_t> at(out.offsets.begin(), out.offsets.end() - 1);
      for (uint32_t d = 0; d < m_doc_count; ++d)
        if (rows[d].*column < n) out.docs[at[rows[d].*column]++] = d;
    };
    fill(m_show_docs, &ColumnRow::show);
    fill(m_source_docs, &ColumnRow::source);
  });
}

namespace {
// The documents of string `index` in one of the per-string lists built by build_string_docs().
template <class Lists>
std::span<const uint32_t> docs_of(const Lists& lists, uint32_t index) {
  return std::span<const uint32_t>(lists.docs)
      .subspan(lists.offsets[index], lists.offsets[index + 1] - lists.offsets[index]);
}
}  // namespace

std::span<const uint32_t> Segment::docs_with_show(uint32_t index) const {
  build_string_docs();
  if (index >= m_strings.size()) return {};
  return docs_of(m_show_docs, index);
}

std::span<const uint32_t> Segment::docs_with_source(uint32_t index) const {
  build_string_docs();
  if (index >= m_strings.size()) return {};
  return docs_of(m_source_docs, index);
}

std::string_view Segment::string_at(uint32_t index) const {
  return index < m_strings.size() ? m_strings[index] : std::string_view();
}

std::string_view Segment::external_id(uint32_t doc) const {
  return doc_string(Section::kIdStrings, Section::kIdBlob, doc);
}

std::string_view Segment::title(uint32_t doc) const {
  return doc_string(Section::kTitleOffsets, Section::kTitleBlob, doc);
}

std::string_view Segment::sound_entry(uint32_t i) const {
  if (i >= m_sound_count) return {};
  auto offsets = section(Section::kSoundOffsets);
  auto blob = section(Section::kSoundBlob);
  const uint32_t a = core::get_fixed32(bytes(offsets) + 4 * static_cast<size_t>(i));
  const uint32_t b = core::get_fixed32(bytes(offsets) + 4 * (static_cast<size_t>(i) + 1));
  if (a > b || b > blob.size()) return {};  // corrupt offsets read as a missing entry
  return blob.substr(a, b - a);
}

void Segment::for_each_sound(
    const std::function<bool(std::string_view key, std::string_view term)>& fn) const {
  for (uint32_t i = 0; i < m_sound_count; ++i) {
    auto entry = sound_entry(i);
    const size_t tab = entry.find('\t');
    if (tab == std::string_view::npos) continue;
    if (!fn(entry.substr(0, tab), entry.substr(tab + 1))) return;
  }
}

std::bitset<256> Segment::find_sound_schemes() const {
  // Entries sort by byte, so each scheme is one run: note the first entry's first byte, then
  // binary-search past the run.
  std::bitset<256> out;
  uint32_t i = 0;
  while (i < m_sound_count) {
    const auto entry = sound_entry(i);
    if (entry.empty()) {  // corrupt offsets read as a missing entry
      ++i;
      continue;
    }
    const auto first = static_cast<unsigned char>(entry[0]);
    out.set(first);
    uint32_t lo = i + 1, hi = m_sound_count;
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      const auto e = sound_entry(mid);
      if (e.empty() || static_cast<unsigned char>(e[0]) <= first)
        lo = mid + 1;
      else
        hi = mid;
    }
    i = lo;
  }
  return out;
}

std::vector<std::string_view> Segment::sound_terms(std::string_view key) const {
  // First entry whose key is >= `key`: entries sort as "key\tterm", and '\t' sorts below every
  // character a key has.
  uint32_t lo = 0, hi = m_sound_count;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    auto entry = sound_entry(mid);
    if (entry.substr(0, entry.find('\t')) < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  std::vector<std::string_view> out;
  for (uint32_t i = lo; i < m_sound_count; ++i) {
    auto entry = sound_entry(i);
    const size_t tab = entry.find('\t');
    if (tab == std::string_view::npos || entry.substr(0, tab) != key) break;
    out.push_back(entry.substr(tab + 1));
  }
  return out;
}

std::string_view Segment::doc_string(Section offsets_section, Section blob_section,
                                     uint32_t doc) const {
  if (doc >= m_doc_count) return {};
  auto offsets = section(offsets_section);
  auto blob = section(blob_section);
  uint32_t a = core::get_fixed32(bytes(offsets) + 4 * doc);
  uint32_t b = core::get_fixed32(bytes(offsets) + 4 * (doc + 1));
  if (a > b || b > blob.size()) return {};
  return blob.substr(a, b - a);
}

std::optional<uint32_t> Segment::find_id(std::string_view id) const {
  auto ids = section(Section::kIds);
  size_t lo = 0, hi = m_doc_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    uint32_t doc = core::get_fixed32(bytes(ids) + 4 * mid);
    auto value = external_id(doc);
    if (value == id) return doc;
    if (value < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return std::nullopt;
}

core::Result<doc::Transcript> Segment::document(uint32_t doc) const {
  if (doc >= m_doc_count) return core::fail(core::ErrorCode::kNotFound, "no such document");
  auto index = section(Section::kStoreIndex);
  auto store = section(Section::kStore);
  uint64_t a = core::get_fixed64(bytes(index) + 8 * doc);
  uint64_t b = core::get_fixed64(bytes(index) + 8 * (doc + 1));
  if (a > b || b > store.size()) return tl::unexpected(corrupt("stored document out of bounds"));
  if (auto st = load_store_dictionary(); !st) return tl::unexpected(st.error());
  auto result = decode_stored_doc(store.substr(a, b - a), m_store_dict.get());
  if (!result) return tl::unexpected(corrupt(result.error().message, store_offset() + a));
  return result;
}

core::Result<std::string> Segment::stored_json(uint32_t doc) const {
  auto frame = stored_frame(doc);
  if (!frame) return tl::unexpected(frame.error());
  if (auto st = load_store_dictionary(); !st) return tl::unexpected(st.error());
  auto raw = decompress_stored(*frame, m_store_dict.get());
  if (!raw)
    return tl::unexpected(corrupt(
        raw.error().message,
        static_cast<uint64_t>(frame->data() - section(Section::kStore).data()) + store_offset()));
  return raw;
}

core::Status Segment::load_store_dictionary() const {
  if (!m_store_dict) return {};
  if (auto st = m_store_dict->load(); !st)
    return tl::unexpected(
        corrupt("stored-document dictionary section (16): " + st.error().message,
                static_cast<uint64_t>(section(Section::kStoreDict).data() - m_file.view().data())));
  return {};
}

uint64_t Segment::store_offset() const {
  return static_cast<uint64_t>(section(Section::kStore).data() - m_file.view().data());
}

core::Result<std::string_view> Segment::stored_frame(uint32_t doc) const {
  if (doc >= m_doc_count) return core::fail(core::ErrorCode::kNotFound, "no such document");
  auto index = section(Section::kStoreIndex);
  auto store = section(Section::kStore);
  uint64_t a = core::get_fixed64(bytes(index) + 8 * doc);
  uint64_t b = core::get_fixed64(bytes(index) + 8 * (doc + 1));
  if (a > b || b > store.size()) return tl::unexpected(corrupt("stored document out of bounds"));
  return store.substr(a, b - a);
}

std::span<const uint8_t> Segment::turns_record(uint32_t doc) const {
  if (!m_has_turns || doc >= m_doc_count) return {};
  auto turns = section(Section::kTurns);
  const uint8_t* head = bytes(turns) + 1;
  const uint64_t base = 1 + (uint64_t{m_doc_count} + 1) * 8;
  const uint64_t a = core::get_fixed64(head + 8 * uint64_t{doc});
  const uint64_t b = core::get_fixed64(head + 8 * (uint64_t{doc} + 1));
  if (a > b || b > turns.size() - base) return {};
  return {bytes(turns) + base + a, b - a};
}

uint64_t Segment::stored_checksum() const {
  auto all = m_file.view();
  return core::get_fixed64(bytes(all) + all.size() - 16);
}

core::Status Segment::verify() const {
  if (verified()) return {};
  auto all = m_file.view();
  uint64_t stored = core::get_fixed64(bytes(all) + all.size() - 16);
  // Hashed a chunk at a time, each chunk's pages dropped once hashed: otherwise the whole segment
  // would stay resident in this process (an ingest verifies every segment it flushes or merges and
  // keeps them all mapped, so its RSS grew with the index). Dropping is harmless to other readers
  // of the mapping: the pages come back from the page cache when touched.
  constexpr size_t kChunk = size_t{8} << 20;
  core::Checksummer sum;
  const size_t covered = all.size() - 16;
  for (size_t at = 0; at < covered; at += kChunk) {
    const size_t n = std::min(kChunk, covered - at);
    sum.update(all.substr(at, n));
    m_file.drop_pages(at, n);
  }
  if (sum.digest() != stored)
    return tl::unexpected(corrupt("checksum mismatch: bytes 0.." + std::to_string(all.size() - 16) +
                                      " differ from the footer's checksum (torn or zeroed write?)",
                                  all.size() - 16));
  m_verified.store(true, std::memory_order_release);
  return {};
}

}  // namespace newsdex::index
