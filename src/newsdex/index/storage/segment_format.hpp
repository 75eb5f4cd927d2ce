// On-disk layout of a segment file (format version 8); see docs/format/segment.md.
//
//   section*                      sections in any order, located by the footer
//   footer:  (u32 id, u64 offset, u64 length) * count | u32 count | u32 version |
//            u64 checksum (XXH3 of every byte before it) | 8-byte magic "NDXSEG\0\1"
//
// All fixed-width integers are little-endian.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsdex::index {

inline constexpr std::string_view kSegmentMagic{"NDXSEG\0\1", 8};
// 2: block postings; 3: title column; 4: understanding fields; 5: sound dictionary; 6: postings
// codec v3 (bit-packed frequencies; 4 and 5 hold v2 blobs, still read); 7: postings codec v4
// (PFOR positions; 6 holds v3 blobs, still read); 8: stored documents compressed with a
// per-segment zstd dictionary (section kStoreDict; section ids up to 31).
inline constexpr uint32_t kSegmentVersion = 8;
// The oldest version this build still reads (a version-4 segment has no sound dictionary:
// `sounds:` and the phonetic part of `robust:` find nothing in it until it is re-ingested).
inline constexpr uint32_t kSegmentMinVersion = 4;
inline constexpr size_t kFooterTail = 4 + 4 + 8 + 8;  // count, version, checksum, magic
inline constexpr size_t kSectionEntry = 4 + 8 + 8;
// Section ids must be below this: 16 up to format 7, 32 from format 8.
inline constexpr uint32_t kMaxSectionsV7 = 16;
inline constexpr uint32_t kMaxSections = 32;

enum class Section : uint32_t {
  kPostings = 1,       // concatenated postings blobs (codec/postings.hpp)
  kTermDict = 2,       // front-coded blocks of (field+term, df, postings offset, length)
  kTermIndex = 3,      // u32 offset of each term block in kTermDict, then u64 term count
  kStore = 4,          // concatenated zstd frames, one per document
  kStoreIndex = 5,     // u64 offset of each document's frame, plus a final end offset
  kColumns = 6,        // fixed-width rows, one per document (ColumnRow)
  kStrings = 7,        // varint count, then (varint length, bytes)*: show and source values
  kIds = 8,            // u32 doc ids ordered by external id (for binary search)
  kIdStrings = 9,      // u32 offsets per doc into kIdBlob, plus a final end offset
  kIdBlob = 10,        // external ids, concatenated in doc-id order
  kFieldStats = 11,    // u64 total tokens per field
  kTitleOffsets = 12,  // u32 offsets per doc into kTitleBlob, plus a final end offset
  kTitleBlob = 13,     // titles, concatenated in doc-id order (hits render without the store)
  kSoundBlob = 14,     // sound dictionary: sorted "key\tterm" entries, concatenated
  kSoundOffsets = 15,  // u32 offset of each entry in kSoundBlob, plus a final end offset
  // Optional (absent from segments written before it; readers fall back): per document, its turns
  // as body position ranges and their entities (storage/turns.hpp). Id 0, so that a reader that
  // does not know it ignores it.
  kTurns = 0,
  // Format 8 (required there): a kind byte, then the zstd dictionary every kStore frame is
  // compressed with (storage/store_dict.hpp).
  kStoreDict = 16,
};

// Indexed fields; a term key is one field byte followed by the term.
enum class Field : uint8_t {
  kBody = 0,
  kTitle = 1,
  kSpeaker = 2,  // names of the speakers of the document's turns
  kQuote = 3,    // text of its quotes and soundbites
  kEntity = 4,   // canonical names and aliases of the people, organisations and places it names
  kRole = 5,     // roles of its turns: anchor, reporter, soundbite, ...
};
inline constexpr size_t kFieldCount = 6;
// Positions jump this far between two values of one field (two quotes, two speakers), so a phrase
// never matches across them.
inline constexpr uint32_t kValuePositionGap = 100;

inline constexpr size_t kTermBlockSize = 16;

// A document's columns: read by filters and aggregations without touching stored text.
struct ColumnRow {
  int32_t date = 0;        // days since 1970-01-01, core::kNoDate when unknown
  uint32_t show = 0;       // index into kStrings
  uint32_t source = 0;     // index into kStrings
  uint32_t body_len = 0;   // tokens in the body (BM25 length norm)
  uint32_t title_len = 0;  // tokens in the title
  uint64_t content_hash =
      0;  // hash of source, show, date, title, url, body: detects changed re-ingests
};
inline constexpr size_t kColumnRowSize = 4 + 4 + 4 + 4 + 4 + 8;

}  // namespace newsdex::index
