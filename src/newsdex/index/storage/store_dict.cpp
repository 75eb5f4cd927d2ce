#include "newsdex/index/storage/store_dict.hpp"

#include <zdict.h>
#include <zstd.h>

#include <stdexcept>
#include <vector>

namespace newsdex::index {
namespace {

constexpr int kLevel = 3;
constexpr uint32_t kDictMagic = 0xEC30A437;  // ZSTD_MAGIC_DICTIONARY, little-endian on disk
constexpr unsigned long long kMaxContent = 1ull << 31;

core::Error corrupt(std::string what) {
  return core::Error{core::ErrorCode::kCorrupt, std::move(what), core::Location{}};
}

ZSTD_CCtx* thread_cctx() {
  struct Deleter {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  };
  thread_local std::unique_ptr<ZSTD_CCtx, Deleter> context(ZSTD_createCCtx());
  if (!context) throw std::runtime_error("zstd: cannot create a compression context");
  return context.get();
}

// One frame, compressed by `compress(out, capacity)` (zstd's result) into a per-thread buffer of
// ZSTD_compressBound bytes and copied out at its size: no zero-filled bound-sized string per
// document. (A buffer for a document over 1 MiB is not kept.)
template <class Compress>
std::string compress_frame(size_t raw_size, Compress&& compress) {
  const size_t bound = ZSTD_compressBound(raw_size);
  thread_local std::string kept;
  std::string large;
  std::string& buffer = bound <= (size_t{1} << 20) ? kept : large;
  if (buffer.size() < bound) buffer.resize(bound);
  const size_t n = compress(buffer.data(), bound);
  if (ZSTD_isError(n)) throw std::runtime_error("zstd compression failed");
  return std::string(buffer.data(), n);
}

ZSTD_DCtx* thread_dctx() {
  struct Deleter {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
  };
  thread_local std::unique_ptr<ZSTD_DCtx, Deleter> context(ZSTD_createDCtx());
  return context.get();
}

uint32_t read_u32(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

// The most a frame of `frame_bytes` can hold, whatever its header declares (so a damaged header
// cannot make us allocate gigabytes before decompression fails): a block yields at most
// ZSTD_BLOCKSIZE_MAX (128 KiB) and takes at least 4 bytes (3-byte header + 1).
unsigned long long max_content_of(size_t frame_bytes) {
  return (static_cast<unsigned long long>(frame_bytes) / 4 + 1) * ZSTD_BLOCKSIZE_MAX;
}

// One frame into a string of its declared size: `decode(dctx, out, size)` returns zstd's result.
template <class Decode>
core::Result<std::string> decompress_frame(std::string_view frame, Decode&& decode) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxContent ||
      size > max_content_of(frame.size()))
    return tl::unexpected(corrupt("stored document: bad zstd frame"));
  ZSTD_DCtx* dctx = thread_dctx();
  if (dctx == nullptr) return tl::unexpected(corrupt("zstd: cannot create a context"));
  std::string raw(static_cast<size_t>(size), '\0');
  const size_t n = decode(dctx, raw.data(), raw.size());
  if (ZSTD_isError(n) || n != raw.size())
    return tl::unexpected(corrupt("stored document: zstd decompression failed"));
  return raw;
}

}  // namespace

StoreDictionary::~StoreDictionary() {
  ZSTD_freeCDict(static_cast<ZSTD_CDict*>(m_cdict));
  ZSTD_freeDDict(static_cast<ZSTD_DDict*>(m_ddict));
}

std::shared_ptr<const StoreDictionary> StoreDictionary::train(std::string_view samples,
                                                              std::span<const size_t> sizes) {
  std::string buffer(kStoreDictCapacity, '\0');
  const size_t n = ZDICT_trainFromBuffer(buffer.data(), buffer.size(), samples.data(), sizes.data(),
                                         static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) return nullptr;
  buffer.resize(n);
  auto dict = copy(buffer);
  return dict ? *dict : nullptr;
}

core::Result<std::shared_ptr<const StoreDictionary>> StoreDictionary::view(std::string_view bytes) {
  if (bytes.size() < 8 || read_u32(bytes) != kDictMagic)
    return tl::unexpected(corrupt("not a zstd dictionary (bad magic)"));
  std::shared_ptr<StoreDictionary> dict(new StoreDictionary());
  dict->m_bytes = bytes;
  dict->m_id = read_u32(bytes.substr(4));
  if (dict->m_id == 0) return tl::unexpected(corrupt("zstd dictionary without an id"));
  return std::shared_ptr<const StoreDictionary>(std::move(dict));
}

core::Result<std::shared_ptr<const StoreDictionary>> StoreDictionary::copy(std::string_view bytes) {
  auto viewed = view(bytes);
  if (!viewed) return viewed;
  std::shared_ptr<StoreDictionary> dict(new StoreDictionary());
  dict->m_owned.assign(bytes);
  dict->m_bytes = dict->m_owned;
  dict->m_id = (*viewed)->m_id;
  return std::shared_ptr<const StoreDictionary>(std::move(dict));
}

core::Status StoreDictionary::load() const {
  std::call_once(m_ddict_once, [&] { m_ddict = ZSTD_createDDict(m_bytes.data(), m_bytes.size()); });
  if (m_ddict == nullptr)
    return tl::unexpected(corrupt("zstd dictionary does not load (bad entropy tables)"));
  return {};
}

void* StoreDictionary::cdict() const {
  std::call_once(m_cdict_once,
                 [&] { m_cdict = ZSTD_createCDict(m_bytes.data(), m_bytes.size(), kLevel); });
  if (m_cdict == nullptr)
    throw std::runtime_error("zstd: cannot load the stored-document dictionary");
  return m_cdict;
}

std::string StoreDictionary::compress(std::string_view raw) const {
  return compress_frame(raw.size(), [&](char* out, size_t capacity) {
    return ZSTD_compress_usingCDict(thread_cctx(), out, capacity, raw.data(), raw.size(),
                                    static_cast<const ZSTD_CDict*>(cdict()));
  });
}

core::Result<std::string> StoreDictionary::decompress(std::string_view frame) const {
  if (auto st = load(); !st) return tl::unexpected(st.error());
  return decompress_frame(frame, [&](ZSTD_DCtx* dctx, char* out, size_t size) {
    return ZSTD_decompress_usingDDict(dctx, out, size, frame.data(), frame.size(),
                                      static_cast<const ZSTD_DDict*>(m_ddict));
  });
}

std::string store_dict_section(const StoreDictionary* dict) {
  std::string out(1, static_cast<char>(dict ? StoreDictKind::kZstd : StoreDictKind::kNone));
  if (dict) out.append(dict->bytes());
  return out;
}

core::Result<std::shared_ptr<const StoreDictionary>> parse_store_dict_section(
    std::string_view section) {
  if (section.empty())
    return tl::unexpected(corrupt("stored-document dictionary section (16) is missing or empty"));
  const auto kind = static_cast<uint8_t>(section[0]);
  if (kind == static_cast<uint8_t>(StoreDictKind::kNone)) {
    if (section.size() != 1)
      return tl::unexpected(
          corrupt("stored-document dictionary section (16): bytes after kind 0 (no dictionary)"));
    return std::shared_ptr<const StoreDictionary>();
  }
  if (kind != static_cast<uint8_t>(StoreDictKind::kZstd))
    return tl::unexpected(
        corrupt("stored-document dictionary section (16): unknown kind " + std::to_string(kind)));
  auto dict = StoreDictionary::view(section.substr(1));
  if (!dict)
    return tl::unexpected(
        corrupt("stored-document dictionary section (16): " + dict.error().message));
  return dict;
}

std::string compress_stored(std::string_view raw, const StoreDictionary* dict) {
  if (dict) return dict->compress(raw);
  return compress_frame(raw.size(), [&](char* out, size_t capacity) {
    return ZSTD_compressCCtx(thread_cctx(), out, capacity, raw.data(), raw.size(), kLevel);
  });
}

uint64_t stored_raw_size(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  return size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ? 0 : size;
}

core::Result<std::string> decompress_stored(std::string_view frame, const StoreDictionary* dict) {
  const unsigned frame_dict = ZSTD_getDictID_fromFrame(frame.data(), frame.size());
  const uint32_t want = dict ? dict->id() : 0;
  if (frame_dict != want)
    return tl::unexpected(corrupt("stored document: frame compressed with dictionary " +
                                  std::to_string(frame_dict) + ", segment has " +
                                  (dict ? "dictionary " + std::to_string(want) : "none")));
  if (dict) return dict->decompress(frame);
  return decompress_frame(frame, [&](ZSTD_DCtx* dctx, char* out, size_t size) {
    return ZSTD_decompressDCtx(dctx, out, size, frame.data(), frame.size());
  });
}

}  // namespace newsdex::index
