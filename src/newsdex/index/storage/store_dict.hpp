// The zstd dictionary of a segment's stored documents (segment format 8, section kStoreDict; see
// docs/format/segment.md "Stored documents"). Each document stays one zstd frame, compressed with
// the segment's dictionary when it has one, so fetching one document still decompresses one small
// frame; the dictionary holds what documents share (JSON keys, show names, boilerplate).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "newsdex/core/error.hpp"

namespace newsdex::index {

// Raw stored JSON the writer collects before it trains a dictionary (the sample), and the least
// raw stored JSON a segment must hold to be written with a dictionary (below it the dictionary
// would cost more than it saves: its ~110 KB against roughly 14% of the segment's raw JSON).
inline constexpr size_t kStoreDictSampleBytes = size_t{1} << 20;
inline constexpr size_t kStoreDictMinSegmentBytes = size_t{4} << 20;
// Capacity asked of the trainer (zstd's default, `zstd --train`'s 112640).
inline constexpr size_t kStoreDictCapacity = 112640;

// kStoreDict's first byte.
enum class StoreDictKind : uint8_t {
  kNone = 0,  // the frames are plain zstd frames (too little text to train, or training failed)
  kZstd = 1,  // a zstd dictionary (ZDICT format) follows; every frame is compressed with it
};

class StoreDictionary {
 public:
  // Trains a dictionary on the documents' stored JSON (`samples` concatenated, `sizes` each).
  // nullptr when zstd cannot train one (too few or too small samples).
  static std::shared_ptr<const StoreDictionary> train(std::string_view samples,
                                                      std::span<const size_t> sizes);
  // Wraps dictionary bytes without copying them (they must outlive the dictionary: a segment's
  // mapped file). Checks only the zstd dictionary magic and id; the entropy tables are loaded on
  // first use (load()).
  static core::Result<std::shared_ptr<const StoreDictionary>> view(std::string_view bytes);
  // The same, owning a copy of the bytes.
  static core::Result<std::shared_ptr<const StoreDictionary>> copy(std::string_view bytes);

  ~StoreDictionary();
  StoreDictionary(const StoreDictionary&) = delete;
  StoreDictionary& operator=(const StoreDictionary&) = delete;

  std::string_view bytes() const { return m_bytes; }
  uint32_t id() const { return m_id; }
  bool same_as(const StoreDictionary& other) const { return m_bytes == other.m_bytes; }
  // Loads the decompression tables (once; thread-safe). Fails when they do not load.
  core::Status load() const;

  // One zstd frame (level 3, content size in the header, the dictionary id in the header).
  std::string compress(std::string_view raw) const;
  // The frame's content; `corrupt` when it does not decompress with this dictionary.
  core::Result<std::string> decompress(std::string_view frame) const;

 private:
  StoreDictionary() = default;
  void* cdict() const;
  std::string m_owned;
  std::string_view m_bytes;
  uint32_t m_id = 0;
  mutable std::once_flag m_cdict_once, m_ddict_once;
  mutable void* m_cdict = nullptr;  // ZSTD_CDict*
  mutable void* m_ddict = nullptr;  // ZSTD_DDict*
};

// kStoreDict's bytes for `dict` (kNone when null).
std::string store_dict_section(const StoreDictionary* dict);
// Parses kStoreDict: nullptr for kNone; `corrupt` (naming the problem, without a location) when
// the section is empty, of an unknown kind, or not a zstd dictionary.
core::Result<std::shared_ptr<const StoreDictionary>> parse_store_dict_section(
    std::string_view section);

// A stored document's frame from its raw JSON: plain zstd (level 3) without a dictionary.
std::string compress_stored(std::string_view raw, const StoreDictionary* dict);
// The raw size a frame's header declares (0 when it declares none or is not a frame).
uint64_t stored_raw_size(std::string_view frame);
// A frame's raw JSON. A frame naming a dictionary other than `dict`'s (or any, when `dict` is
// null) is `corrupt`.
core::Result<std::string> decompress_stored(std::string_view frame, const StoreDictionary* dict);

}  // namespace newsdex::index
