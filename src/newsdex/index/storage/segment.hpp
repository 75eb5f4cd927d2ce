// Read access to one immutable, memory-mapped segment file. Opening checks the structure (magic,
// version, section bounds, section sizes against each other, the end offsets of the offset tables
// and the term-block offsets) without reading the large sections; verify() recomputes the
// whole-file checksum (docs/format/segment.md "Who verifies what"). Every lookup is
// bounds-checked and reports corruption instead of reading out of range.
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/core/file_io.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/index/codec/postings.hpp"
#include "newsdex/index/storage/deletion_index.hpp"
#include "newsdex/index/storage/segment_format.hpp"
#include "newsdex/index/storage/store_dict.hpp"

namespace newsdex::index {

struct TermInfo {
  uint32_t df = 0;
  std::span<const uint8_t> postings;
};

// Every term of one field of a segment, decoded once and kept (for dictionary scans that visit
// most of it: fuzzy expansion). Sorted bytewise. The segment's own lists (Segment::terms) also
// keep each term's postings location, so that a term found here needs no dictionary lookup.
class TermList {
 public:
  size_t size() const { return m_dfs.size(); }
  std::string_view term(size_t i) const {
    return std::string_view(m_blob).substr(m_offsets[i], m_offsets[i + 1] - m_offsets[i]);
  }
  uint32_t df(size_t i) const { return m_dfs[i]; }
  // Index of the first term >= key.
  size_t lower_bound(std::string_view key) const;
  // Index of `term`, or size() when the list lacks it.
  size_t find(std::string_view term) const {
    const size_t i = lower_bound(term);
    return i < size() && this->term(i) == term ? i : size();
  }
  // Term i's df and postings (only for a list built with them: has_postings()).
  bool has_postings() const { return !m_postings.empty() || m_dfs.empty(); }
  TermInfo info(size_t i) const { return TermInfo{m_dfs[i], m_postings[i]}; }
  // Index of the first term after every term starting with `prefix`, searching from `from`
  // (which must not be past the first such term).
  size_t skip_prefix(std::string_view prefix, size_t from = 0) const;
  void add(std::string_view term, uint32_t df) {
    m_blob += term;
    m_offsets.push_back(static_cast<uint32_t>(m_blob.size()));
    m_dfs.push_back(df);
  }
  void add(std::string_view term, uint32_t df, std::span<const uint8_t> postings) {
    add(term, df);
    m_postings.push_back(postings);
  }
  // After the last add(): builds the short-prefix skip table (what a trie's sibling links give).
  void finish();

 private:
  // m_run_end[L - 1][i], for L <= kSkipLevels and a term i of L bytes or more: the index of the
  // first term after i that does not start with term i's first L bytes. skip_prefix() answers
  // from it in O(1) instead of searching.
  static constexpr size_t kSkipLevels = 4;
  std::array<std::vector<uint32_t>, kSkipLevels> m_run_end;
  std::string m_blob;
  std::vector<uint32_t> m_offsets{0};
  std::vector<uint32_t> m_dfs;
  std::vector<std::span<const uint8_t>> m_postings;  // empty, or one per term
};

class Segment {
 public:
  static core::Result<std::shared_ptr<const Segment>> open(const std::filesystem::path& path);

  const std::string& name() const { return m_name; }
  uint32_t doc_count() const { return m_doc_count; }
  uint64_t term_count() const { return m_term_count; }
  uint64_t file_size() const { return m_file.size(); }
  uint64_t field_tokens(Field field) const { return m_field_tokens[static_cast<size_t>(field)]; }

  // Postings of `term` in `field`; nullopt when the segment lacks it. Once terms(field) is built
  // (the first fuzzy or robust query), answered by a binary search of that in-memory list instead
  // of the dictionary blocks.
  std::optional<TermInfo> lookup(Field field, std::string_view term) const;
  // The postings of many terms of `field` in one forward pass over the dictionary: `terms` sorted
  // ascending (std::string_view order), each present one reported as fn(index into terms, info).
  // Each block is found by galloping from the previous term's block and read once, where
  // terms.size() lookup() calls binary-search the whole term index every time. Stops at the first
  // undecodable entry (as lookup() then finds nothing).
  void lookup_sorted(Field field, std::span<const std::string_view> terms,
                     const std::function<void(size_t, const TermInfo&)>& fn) const;
  PostingsCursor cursor(const TermInfo& info) const { return PostingsCursor(info.postings); }
  // Visits every term key (field byte + term) in sorted order with its df; stops when fn is false.
  void for_each_term(const std::function<bool(std::string_view key, uint32_t df)>& fn) const;
  // Visits terms of `field` whose text starts with `prefix`, in order.
  void for_each_term_with_prefix(
      Field field, std::string_view prefix,
      const std::function<bool(std::string_view term, uint32_t df)>& fn) const;

  // The sound dictionary (analysis/phonetic.hpp): the terms indexed under a sound key, and every
  // (key, term) pair in key order. Empty for a version-4 segment.
  std::vector<std::string_view> sound_terms(std::string_view key) const;
  void for_each_sound(
      const std::function<bool(std::string_view key, std::string_view term)>& fn) const;
  uint32_t sound_count() const { return m_sound_count; }
  // Whether any sound key starts with `scheme` (a key's first byte names its scheme,
  // analysis/phonetic.hpp): found once when the segment opens, one binary search per scheme
  // present, so a lookup under a scheme the segment was not written with can be skipped.
  bool has_sound_scheme(char scheme) const {
    return m_sound_schemes.test(static_cast<unsigned char>(scheme));
  }

  // Walks the term dictionary in key order, one entry per next(); for merges.
  class DictCursor {
   public:
    // Moves to the next entry; false at the end or when the dictionary does not decode.
    bool next();
    std::string_view key() const { return m_key; }
    uint32_t df() const { return m_df; }
    std::span<const uint8_t> postings() const { return m_postings; }
    bool corrupt() const { return m_corrupt; }

   private:
    friend class Segment;
    const Segment* m_segment = nullptr;
    const uint8_t* m_p = nullptr;
    const uint8_t* m_end = nullptr;
    uint64_t m_index = 0;
    std::string m_key;
    uint32_t m_df = 0;
    std::span<const uint8_t> m_postings;
    bool m_corrupt = false;
  };
  DictCursor dict_cursor() const;

  // The terms of `field`, with their postings locations, decoded on first use and cached for the
  // segment's lifetime (thread-safe).
  const TermList& terms(Field field) const;
  // The same terms spelt backwards, sorted (built from terms() on first use and cached): a fuzzy
  // scan finds words by their suffix here, as it finds them by their prefix in terms().
  const TermList& reversed_terms(Field field) const;
  // The symmetric-delete neighbourhoods of terms(field) (storage/deletion_index.hpp), built on
  // first use and cached like the lists: fuzzy expansion of up to two edits looks terms up there
  // instead of scanning. Indexes refer to terms(field).
  const DeletionIndex& deletions(Field field) const;

  ColumnRow columns(uint32_t doc) const;
  // One field's length column (body or title: the BM25 length norm, ColumnRow's body_len and
  // title_len) read in place, without decoding the row: scoring asks it once per document and
  // field. at(doc) is 0 past the last document, as columns() reads; the other fields have no
  // length column (at() is always 0).
  class LengthColumn {
   public:
    LengthColumn() = default;
    LengthColumn(const uint8_t* first, uint32_t count) : m_first(first), m_count(count) {}
    uint32_t at(uint32_t doc) const {
      if (doc >= m_count) return 0;
      uint32_t v = 0;
      std::memcpy(&v, m_first + static_cast<size_t>(doc) * kColumnRowSize, 4);
      if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
      return v;
    }

   private:
    const uint8_t* m_first = nullptr;  // the column's value in row 0
    uint32_t m_count = 0;
  };
  LengthColumn length_column(Field field) const;
  // The documents (ascending ids) whose show, or source, is string `index`: built from the column
  // rows in one pass on first use and cached for the segment's lifetime (thread-safe), so a
  // show: or source: filter walks its documents instead of scanning every row. Empty when out of
  // range.
  std::span<const uint32_t> docs_with_show(uint32_t index) const;
  std::span<const uint32_t> docs_with_source(uint32_t index) const;
  std::string_view string_at(uint32_t index) const;  // show/source value; "" when out of range
  size_t string_count() const { return m_strings.size(); }
  std::string_view external_id(uint32_t doc) const;
  std::string_view title(uint32_t doc) const;
  std::optional<uint32_t> find_id(std::string_view id) const;
  core::Result<doc::Transcript> document(uint32_t doc) const;
  // The document's compressed stored form, as written (merges copy it without recompressing
  // when the output has the same dictionary).
  core::Result<std::string_view> stored_frame(uint32_t doc) const;
  // The document's stored JSON, decompressed (merges recompress it with another dictionary).
  core::Result<std::string> stored_json(uint32_t doc) const;
  // The dictionary the stored frames are compressed with: null for a segment without one (format
  // 7 and older, or a format-8 segment with too little text to train one).
  const StoreDictionary* store_dictionary() const { return m_store_dict.get(); }
  uint32_t version() const { return m_version; }
  // Loads the dictionary's tables (once); `corrupt` naming the segment and section 16 when they
  // do not load. document() and stored_json() call it.
  core::Status load_store_dictionary() const;
  // The turn table (storage/turns.hpp): false for a segment written without it. A document's
  // record is empty when its offsets are out of order or past the section (decode_turns fails).
  bool has_turns() const { return m_has_turns; }
  std::span<const uint8_t> turns_record(uint32_t doc) const;
  // Drops the mapped file's resident pages (see core::MappedFile::drop_pages).
  void drop_pages() const { m_file.drop_pages(); }

  // Bytes of one section (0 when the segment lacks it), for `newsdex stats --parts`.
  uint64_t section_size(Section s) const { return section(s).size(); }

  // Recomputes the whole-file checksum (reads every byte: about a second per GB from the page
  // cache). A success is remembered: later calls on this open segment return at once.
  core::Status verify() const;
  // True once verify() has succeeded on this open segment.
  bool verified() const { return m_verified.load(std::memory_order_acquire); }
  // The checksum the footer records (what the manifest names), without recomputing it.
  uint64_t stored_checksum() const;

 private:
  Segment() = default;
  core::Error corrupt(std::string what, uint64_t offset = 0) const;
  std::string_view section(Section s) const;
  uint64_t store_offset() const;  // of kStore in the file
  bool read_block_first_term(size_t block, std::string* out) const;
  // The last term block whose first key (field byte + term) is <= key (0 when none is); nullopt
  // when a block's first term does not read.
  std::optional<size_t> block_at_or_before(std::string_view key) const;
  std::string_view doc_string(Section offsets, Section blob, uint32_t doc) const;
  std::string_view sound_entry(uint32_t i) const;
  std::bitset<256> find_sound_schemes() const;

  std::string m_name;
  std::filesystem::path m_path;
  core::MappedFile m_file;
  std::string_view m_sections[kMaxSections];
  uint32_t m_version = 0;
  std::shared_ptr<const StoreDictionary> m_store_dict;
  uint32_t m_doc_count = 0;
  uint64_t m_term_count = 0;
  uint32_t m_sound_count = 0;
  std::bitset<256> m_sound_schemes;
  bool m_has_turns = false;
  mutable std::atomic<bool> m_verified{false};
  mutable std::once_flag m_terms_once[kFieldCount];
  mutable TermList m_terms[kFieldCount];
  // terms(f) is built and holds the whole field (its build met no undecodable entry): lookup()
  // may answer from it.
  mutable std::atomic<bool> m_terms_ready[kFieldCount] = {};
  mutable std::once_flag m_reversed_once[kFieldCount];
  mutable TermList m_reversed[kFieldCount];
  mutable std::once_flag m_deletions_once[kFieldCount];
  mutable DeletionIndex m_deletions[kFieldCount];
  uint64_t m_field_tokens[kFieldCount] = {};
  std::vector<std::string_view> m_strings;
  // docs_with_show / docs_with_source: per string, its documents, as offsets into one array each.
  struct StringDocs {
    std::vector<uint32_t> offsets;  // string_count() + 1
    std::vector<uint32_t> docs;
  };
  void build_string_docs() const;
  mutable std::once_flag m_string_docs_once;
  mutable StringDocs m_show_docs, m_source_docs;
};

}  // namespace newsdex::index
