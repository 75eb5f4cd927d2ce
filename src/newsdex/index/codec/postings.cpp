#include "newsdex/index/codec/postings.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define NEWSDEX_SVB_SSSE3 1
#endif

#include "newsdex/core/varint.hpp"

namespace newsdex::index {
namespace {

static_assert(std::endian::native == std::endian::little, "Stream VByte data is little-endian");

// Data bytes of one control byte: four 2-bit codes, each value taking code + 1 bytes.
constexpr std::array<uint8_t, 256> make_key_lengths() {
  std::array<uint8_t, 256> t{};
  for (int k = 0; k < 256; ++k)
    t[k] = static_cast<uint8_t>((k & 3) + ((k >> 2) & 3) + ((k >> 4) & 3) + ((k >> 6) & 3) + 4);
  return t;
}
constexpr auto kKeyLengths = make_key_lengths();

#ifdef NEWSDEX_SVB_SSSE3
// pshufb masks: for each control byte, where each of the four values' bytes lie in the 16 data
// bytes loaded (0xFF zeroes a byte).
constexpr std::array<std::array<uint8_t, 16>, 256> make_shuffles() {
  std::array<std::array<uint8_t, 16>, 256> t{};
  for (int key = 0; key < 256; ++key) {
    int src = 0;
    for (int lane = 0; lane < 4; ++lane) {
      const int len = ((key >> (2 * lane)) & 3) + 1;
      for (int b = 0; b < 4; ++b)
        t[static_cast<size_t>(key)][static_cast<size_t>(lane * 4 + b)] =
            b < len ? static_cast<uint8_t>(src++) : uint8_t{0xFF};
    }
  }
  return t;
}
alignas(16) constexpr auto kShuffles = make_shuffles();

// Decodes whole groups of four values while 16 bytes can be loaded inside [data, data_end);
// returns how many values it decoded and advances `data` (and `prev`, the running sum for
// delta streams) past them.
__attribute__((target("ssse3"))) uint32_t svb_quads_ssse3(const uint8_t* control,
                                                          const uint8_t*& data,
                                                          const uint8_t* data_end, uint32_t* out,
                                                          uint32_t quads, bool delta,
                                                          uint32_t& prev) {
  __m128i last = _mm_set1_epi32(static_cast<int>(prev));
  uint32_t q = 0;
  for (; q < quads && data_end - data >= 16; ++q) {
    const uint8_t key = control[q];
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
    v = _mm_shuffle_epi8(v,
                         _mm_load_si128(reinterpret_cast<const __m128i*>(kShuffles[key].data())));
    if (delta) {  // prefix sum of the four gaps, plus the previous value
      v = _mm_add_epi32(v, _mm_slli_si128(v, 4));
      v = _mm_add_epi32(v, _mm_slli_si128(v, 8));
      v = _mm_add_epi32(v, last);
      last = _mm_shuffle_epi32(v, 0xFF);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4 * q), v);
    data += kKeyLengths[key];
  }
  if (delta) prev = static_cast<uint32_t>(_mm_cvtsi128_si32(last));
  return 4 * q;
}

const bool kHaveSsse3 = __builtin_cpu_supports("ssse3");
#endif

void put_svb(std::string& out, const uint32_t* values, uint32_t count, bool delta, uint32_t prev) {
  const size_t at = out.size();
  out.resize(at + (size_t{count} + 3) / 4 + size_t{4} * count);  // the most it can take
  auto* dst = reinterpret_cast<uint8_t*>(out.data() + at);
  out.resize(at + svb_encode(values, count, dst, delta, prev));
}

// Frequencies of a v3 blob: (frequency - 1) bit-packed, LSB first, `width` bits each, where the
// width follows from the block's max_freq in the skip table (0 bits: every frequency is 1).
uint32_t freq_width(uint32_t max_freq) {
  return max_freq <= 1 ? 0u : static_cast<uint32_t>(std::bit_width(max_freq - 1));
}
size_t packed_size(uint32_t count, uint32_t width) {
  return (size_t{count} * width + 7) / 8;
}
// Appends `count` values' low `width` bits (1..32), LSB first, after subtracting `minus`.
void put_bits(std::string& out, const uint32_t* values, uint32_t count, uint32_t width,
              uint32_t minus) {
  const size_t at = out.size();
  out.resize(at + packed_size(count, width));
  char* p = out.data() + at;
  const uint64_t mask = width >= 32 ? 0xFFFFFFFFull : (uint64_t{1} << width) - 1;
  // Up to 31 pending bits plus a value's 32 fit in the 64-bit accumulator; whole 32-bit words go
  // out at once (little-endian: the same bytes as one byte at a time).
  uint64_t acc = 0;
  uint32_t bits = 0;
  for (uint32_t i = 0; i < count; ++i) {
    acc |= (uint64_t{values[i] - minus} & mask) << bits;
    bits += width;
    if (bits >= 32) {
      const auto word = static_cast<uint32_t>(acc);
      std::memcpy(p, &word, 4);
      p += 4;
      acc >>= 32;
      bits -= 32;
    }
  }
  for (; bits > 0; bits = bits > 8 ? bits - 8 : 0, acc >>= 8) *p++ = static_cast<char>(acc & 0xFF);
}
void put_packed_freqs(std::string& out, const uint32_t* freqs, uint32_t count, uint32_t width) {
  if (width > 0) put_bits(out, freqs, count, width, 1);
}
// Reads exactly packed_size(count, width) bytes.
void get_packed_freqs(const uint8_t* in, uint32_t count, uint32_t width, uint32_t* out) {
  if (width == 0) {
    std::fill(out, out + count, 1u);
    return;
  }
  const uint64_t mask = (uint64_t{1} << width) - 1;
  uint64_t acc = 0;
  uint32_t bits = 0;
  for (uint32_t i = 0; i < count; ++i) {
    for (; bits < width; bits += 8) acc |= uint64_t{*in++} << bits;
    out[i] = static_cast<uint32_t>(acc & mask) + 1;
    acc >>= width;
    bits -= width;
  }
}

// The blob header (a v2 blob starts with its doc count, >= 1; v3 with 0, then the doc count;
// v4 with 0 0, then the doc count; an empty list is "0 0" and nothing else). Sets `codec` to
// 2, 3 or 4 (4 for the empty list). Returns false on bad varints or a v4 count of 0.
bool read_header(const uint8_t** p, const uint8_t* stop, uint32_t* count, uint32_t* codec) {
  uint32_t first = 0;
  if (!core::get_varint32(p, stop, &first)) return false;
  if (first != 0) {
    *codec = 2;
    *count = first;
    return true;
  }
  uint32_t second = 0;
  if (!core::get_varint32(p, stop, &second)) return false;
  if (second != 0) {
    *codec = 3;
    *count = second;
    return true;
  }
  *codec = 4;
  *count = 0;
  if (*p == stop) return true;  // "0 0": the empty list
  return core::get_varint32(p, stop, count) && *count > 0;
}

// Positions of a v4 blob: PFOR chunks of kPosChunk values (the last of a block holds the rest).
//   chunk := token (u8: exceptions << 5 | width code) | packed(low `width` bits of each value) |
//            exception* (u8 index in the chunk, u8 value >> width)
// Width code 0..30 is the width, 31 means 32. The encoder picks, per chunk, the width (down to
// 8 bits below the widest value, with at most 7 exceptions) that takes the fewest bytes.
constexpr uint32_t kPosChunk = 128;
constexpr uint32_t kMaxExceptions = 7;
constexpr uint32_t width_of_code(uint32_t code) {
  return code == 31 ? 32 : code;
}

void put_packed(std::string& out, const uint32_t* values, uint32_t count, uint32_t width) {
  if (width > 0) put_bits(out, values, count, width, 0);
}

void put_pfor_chunk(std::string& out, const uint32_t* values, uint32_t n) {
  std::array<uint32_t, 33> hist{};
  for (uint32_t i = 0; i < n; ++i) ++hist[static_cast<size_t>(std::bit_width(values[i]))];
  uint32_t max_bits = 32;
  while (max_bits > 0 && hist[max_bits] == 0) --max_bits;
  uint32_t best = max_bits == 31 ? 32 : max_bits;  // no exceptions (31 bits are written as 32)
  size_t best_cost = packed_size(n, best);
  uint32_t best_exceptions = 0, exceptions = 0;
  for (uint32_t b = max_bits; b-- > 0 && b + 8 >= max_bits;) {
    exceptions += hist[b + 1];
    if (exceptions > kMaxExceptions) break;
    if (b == 31) continue;  // 31 is not a width (its code means 32)
    const size_t cost = packed_size(n, b) + 2 * size_t{exceptions};
    if (cost < best_cost) {
      best = b;
      best_cost = cost;
      best_exceptions = exceptions;
    }
  }
  out.push_back(static_cast<char>(best_exceptions << 5 | (best == 32 ? 31u : best)));
  put_packed(out, values, n, best);
  if (best_exceptions == 0) return;
  for (uint32_t i = 0; i < n; ++i) {
    if (static_cast<uint32_t>(std::bit_width(values[i])) > best) {
      out.push_back(static_cast<char>(i));
      out.push_back(static_cast<char>(values[i] >> best));
    }
  }
}

// Values [j0, j1) of `width`-bit values packed LSB first from `data`, into out[0 .. j1 - j0).
// Nothing at or past `limit` is read: one 8-byte load per value when the last load fits, else
// byte by byte.
void unpack_range(const uint8_t* data, const uint8_t* limit, uint32_t width, uint32_t j0,
                  uint32_t j1, uint32_t* out) {
  if (width == 0 || j1 <= j0) {
    std::fill(out, out + (j1 - j0), 0u);
    return;
  }
  const uint64_t mask = (uint64_t{1} << width) - 1;
  const size_t last_byte = (size_t{j1 - 1} * width) >> 3;
  if (static_cast<size_t>(limit - data) >= last_byte + 8) {
    for (uint32_t j = j0; j < j1; ++j) {
      const size_t bit = size_t{j} * width;
      uint64_t word = 0;
      std::memcpy(&word, data + (bit >> 3), 8);
      *out++ = static_cast<uint32_t>((word >> (bit & 7)) & mask);
    }
    return;
  }
  for (uint32_t j = j0; j < j1; ++j) {
    const size_t bit = size_t{j} * width;
    const uint8_t* at = data + (bit >> 3);
    uint64_t word = 0;
    for (size_t b = 0; b < 8 && at + b < limit; ++b) word |= uint64_t{at[b]} << (8 * b);
    *out++ = static_cast<uint32_t>((word >> (bit & 7)) & mask);
  }
}

// A whole chunk of kPosChunk values at a width known at compile time (shifts and offsets become
// constants); the caller checked that kUnpackSlack bytes past the packed values are readable.
template <uint32_t B>
void unpack_chunk(const uint8_t* data, uint32_t* out) {
  if constexpr (B == 0) {
    std::fill(out, out + kPosChunk, 0u);
  } else {
    constexpr uint64_t kMask = (uint64_t{1} << B) - 1;
    for (uint32_t j = 0; j < kPosChunk; ++j) {
      const size_t bit = size_t{j} * B;
      uint64_t word = 0;
      std::memcpy(&word, data + (bit >> 3), 8);
      out[j] = static_cast<uint32_t>((word >> (bit & 7)) & kMask);
    }
  }
}
using UnpackChunk = void (*)(const uint8_t*, uint32_t*);
template <size_t... B>
constexpr std::array<UnpackChunk, sizeof...(B)> make_unpackers(std::index_sequence<B...>) {
  return {&unpack_chunk<static_cast<uint32_t>(B)>...};
}
constexpr auto kUnpackChunk = make_unpackers(std::make_index_sequence<33>());

}  // namespace

size_t svb_encode(const uint32_t* values, uint32_t count, uint8_t* out, bool delta, uint32_t prev) {
  const size_t control_bytes = (size_t{count} + 3) / 4;
  uint8_t* data = out + control_bytes;
  for (size_t c = 0; c < control_bytes; ++c) {
    const uint32_t in_group = std::min<uint32_t>(4, count - static_cast<uint32_t>(4 * c));
    uint32_t key = 0;
    for (uint32_t k = 0; k < in_group; ++k) {
      const uint32_t value = values[4 * c + k];
      const uint32_t v = delta ? value - prev : value;
      prev = value;
      const uint32_t code = (v > 0xFFu) + (v > 0xFFFFu) + (v > 0xFFFFFFu);  // bytes - 1
      key |= code << (2 * k);
      std::memcpy(data, &v, 4);  // little-endian; the bytes past code + 1 are overwritten
      data += code + 1;
    }
    out[c] = static_cast<uint8_t>(key);
  }
  return static_cast<size_t>(data - out);
}

size_t svb_stream_size(const uint8_t* in, uint32_t count, size_t available) {
  const size_t control = (count + 3) / 4;
  if (control > available) return SIZE_MAX;
  size_t data = 0;
  for (size_t i = 0; i < control; ++i) data += kKeyLengths[in[i]];
  // The last control byte may describe fewer than four values; its unused codes are zero.
  const uint32_t unused = static_cast<uint32_t>(control * 4 - count);
  if (unused > 0) {
    const uint8_t last = in[control - 1];
    for (uint32_t k = 4 - unused; k < 4; ++k) data -= ((last >> (2 * k)) & 3) + 1;
  }
  return control + data;
}

void svb_decode(const uint8_t* in, size_t bytes, uint32_t count, uint32_t* out, bool delta,
                uint32_t prev) {
  const size_t control_bytes = (size_t{count} + 3) / 4;
  const uint8_t* control = in;
  const uint8_t* data = in + control_bytes;
  const uint8_t* data_end = in + bytes;
  uint32_t i = 0;
#ifdef NEWSDEX_SVB_SSSE3
  if (kHaveSsse3) i = svb_quads_ssse3(control, data, data_end, out, count / 4, delta, prev);
#endif
  // The rest (and everything without SSSE3), byte by byte: never reads past data_end.
  for (; i < count; ++i) {
    const uint32_t len = ((control[i >> 2] >> (2 * (i & 3))) & 3) + 1;
    uint32_t v = 0;
    for (uint32_t b = 0; b < len; ++b) v |= uint32_t{data[b]} << (8 * b);
    data += len;
    if (delta) {
      prev += v;
      v = prev;
    }
    out[i] = v;
  }
}

void PostingsEncoder::add(uint32_t doc, std::span<const uint32_t> positions, uint32_t doc_length) {
  m_docs.push_back(doc);
  m_freqs.push_back(static_cast<uint32_t>(positions.size()));
  m_lengths.push_back(doc_length);
  uint32_t last = 0;
  for (uint32_t p : positions) {
    m_positions.push_back(p - last);
    last = p;
  }
  ++m_count;
}

void PostingsEncoder::append_to(std::string& out) const {
  append_postings(out, m_count, m_docs.data(), m_freqs.data(), m_lengths.data(),
                  m_positions.data());
}

void append_postings(std::string& out, uint32_t count, const uint32_t* docs, const uint32_t* freqs,
                     const uint32_t* lengths, const uint32_t* position_gaps) {
  const uint32_t blocks = (count + kBlockSize - 1) / kBlockSize;
  if (count == 0) {  // "0 0", the empty list of every codec
    core::put_varint(out, 0);
    core::put_varint(out, 0);
    return;
  }
  core::put_varint(out, 0);  // v4 marker: 0 0
  core::put_varint(out, 0);
  core::put_varint(out, count);
  core::put_varint(out, blocks);
  // The skip table comes before the blocks, and each skip entry holds its block's sizes: the
  // blocks are written to a scratch buffer first (one per thread, so a flush allocates nothing
  // per term).
  thread_local std::string data;
  data.clear();
  uint32_t prev_last = 0;
  size_t pos_at = 0;
  for (uint32_t b = 0; b < blocks; ++b) {
    const uint32_t first = b * kBlockSize;
    const uint32_t n = std::min(kBlockSize, count - first);
    size_t npos = 0;
    uint32_t max_freq = 0, min_len = UINT32_MAX;
    for (uint32_t i = first; i < first + n; ++i) {
      npos += freqs[i];
      max_freq = std::max(max_freq, freqs[i]);
      min_len = std::min(min_len, lengths[i]);
    }
    size_t start = data.size();
    put_svb(data, docs + first, n, true, prev_last);
    const size_t doc_bytes = data.size() - start;
    start = data.size();
    put_packed_freqs(data, freqs + first, n, freq_width(max_freq));
    const size_t freq_bytes = data.size() - start;
    start = data.size();
    for (size_t c = 0; c < npos; c += kPosChunk)
      put_pfor_chunk(data, position_gaps + pos_at + c,
                     static_cast<uint32_t>(std::min<size_t>(kPosChunk, npos - c)));
    const size_t pos_bytes = data.size() - start;
    pos_at += npos;
    const uint32_t last = docs[first + n - 1];
    core::put_varint(out, last - prev_last);
    core::put_varint(out, doc_bytes);
    core::put_varint(out, freq_bytes);
    core::put_varint(out, pos_bytes);
    core::put_varint(out, max_freq);
    core::put_varint(out, min_len);
    prev_last = last;
  }
  out += data;
}

std::optional<PostingsBytes> postings_bytes(std::span<const uint8_t> blob) {
  const uint8_t* p = blob.data();
  const uint8_t* stop = p + blob.size();
  uint32_t count = 0, blocks = 0, codec = 0;
  if (!read_header(&p, stop, &count, &codec)) return std::nullopt;
  if (count > 0 && !core::get_varint32(&p, stop, &blocks)) return std::nullopt;
  if (blocks != (count + kBlockSize - 1) / kBlockSize) return std::nullopt;
  PostingsBytes out;
  for (uint32_t b = 0; b < blocks; ++b) {
    uint32_t gap = 0, doc_bytes = 0, freq_bytes = 0, pos_bytes = 0, max_freq = 0, min_len = 0;
    if (!core::get_varint32(&p, stop, &gap) || !core::get_varint32(&p, stop, &doc_bytes) ||
        !core::get_varint32(&p, stop, &freq_bytes) || !core::get_varint32(&p, stop, &pos_bytes) ||
        !core::get_varint32(&p, stop, &max_freq) || !core::get_varint32(&p, stop, &min_len))
      return std::nullopt;
    out.docs += doc_bytes;
    out.freqs += freq_bytes;
    out.positions += pos_bytes;
  }
  const uint64_t streams = out.docs + out.freqs + out.positions;
  if (streams > static_cast<uint64_t>(stop - p)) return std::nullopt;
  out.skips = blob.size() - streams;  // header, skip table (and any trailing bytes)
  return out;
}

PostingsCursor::PostingsCursor(std::span<const uint8_t> blob) {
  const uint8_t* p = blob.data();
  const uint8_t* stop = p + blob.size();
  uint32_t count = 0, blocks = 0;
  m_blob_end = stop;
  if (!read_header(&p, stop, &count, &m_codec) ||
      (count > 0 && !core::get_varint32(&p, stop, &blocks)) ||
      blocks != (count + kBlockSize - 1) / kBlockSize) {
    fail();
    return;
  }
  m_count = count;
  m_skips.resize(blocks);
  uint32_t last = 0;
  for (uint32_t b = 0; b < blocks; ++b) {
    Skip& s = m_skips[b];
    uint32_t gap = 0;
    if (!core::get_varint32(&p, stop, &gap) || !core::get_varint32(&p, stop, &s.doc_bytes) ||
        !core::get_varint32(&p, stop, &s.freq_bytes) ||
        !core::get_varint32(&p, stop, &s.pos_bytes) ||
        !core::get_varint32(&p, stop, &s.bound.max_freq) ||
        !core::get_varint32(&p, stop, &s.bound.min_len) || (b > 0 && gap == 0) ||
        gap > kEndDoc - 1 - last) {
      fail();
      return;
    }
    last += gap;
    s.bound.last_doc = last;
    s.count = std::min(kBlockSize, count - b * kBlockSize);
    m_max_freq = std::max(m_max_freq, s.bound.max_freq);
    m_min_len = std::min(m_min_len, s.bound.min_len);
  }
  for (auto& s : m_skips) {
    const uint64_t size = uint64_t{s.doc_bytes} + s.freq_bytes + s.pos_bytes;
    if (size > static_cast<uint64_t>(stop - p)) {
      fail();
      return;
    }
    s.docs = p;
    p += size;
  }
  if (blocks == 0) {
    end();
    return;
  }
  if (!load_block(0)) return;
}

void PostingsCursor::fail() {
  m_corrupt = true;
  end();
}

void PostingsCursor::end() {
  m_doc = kEndDoc;
  m_in_block = 0;
  m_freqs[0] = 0;
  m_block = m_skips.empty() ? 0 : static_cast<uint32_t>(m_skips.size() - 1);
  m_freqs_block = m_block;  // freq() reads 0 after the end
}

bool PostingsCursor::load_block(uint32_t block) {
  const Skip& s = m_skips[block];
  const uint32_t prev = block == 0 ? 0 : m_skips[block - 1].bound.last_doc;
  const bool freqs_ok =
      m_codec >= 3 ? packed_size(s.count, freq_width(s.bound.max_freq)) == s.freq_bytes
                   : svb_stream_size(s.docs + s.doc_bytes, s.count, s.freq_bytes) == s.freq_bytes;
  if (svb_stream_size(s.docs, s.count, s.doc_bytes) != s.doc_bytes || !freqs_ok) {
    fail();
    return false;
  }
  svb_decode(s.docs, s.doc_bytes, s.count, m_docs.data(), true, prev);
  // Decoded doc ids must be consistent with the skip table: increasing, ending at last_doc.
  // (Frequencies are decoded and checked on first use, load_freqs.)
  // (Branch-free, so the compiler vectorises it: blocks are loaded on every seek past one.)
  unsigned bad = block > 0 && m_docs[0] <= prev;
  for (uint32_t i = 1; i < s.count; ++i) bad |= static_cast<unsigned>(m_docs[i] <= m_docs[i - 1]);
  if (bad != 0 || m_docs[s.count - 1] != s.bound.last_doc) {
    fail();
    return false;
  }
  m_block = block;
  m_in_block = 0;
  m_doc = m_docs[0];
  m_positions_loaded = false;
  return true;
}

void PostingsCursor::load_freqs() const {
  const Skip& s = m_skips[m_block];
  // The stream's size was checked (against its control bytes, or its bit width) by load_block.
  if (m_codec >= 3) {
    const uint8_t* in = s.docs + s.doc_bytes;
    const uint32_t width = freq_width(s.bound.max_freq);
    // A full block is a kPosChunk-value run at one width: the width-specialised unpacker (8-byte
    // loads, constant shifts) when its last load stays inside the blob; else byte by byte.
    static_assert(kPosChunk == kBlockSize);
    if (s.count == kBlockSize && width > 0 &&
        static_cast<size_t>(m_blob_end - in) >= ((kBlockSize - 1) * width >> 3) + 8) {
      kUnpackChunk[width](in, m_freqs.data());
      for (uint32_t i = 0; i < kBlockSize; ++i) m_freqs[i] += 1;  // stored as frequency - 1
    } else {
      get_packed_freqs(in, s.count, width, m_freqs.data());
    }
  } else {
    svb_decode(s.docs + s.doc_bytes, s.freq_bytes, s.count, m_freqs.data(), false, 0);
  }
  uint32_t lo = UINT32_MAX, hi = 0;  // min/max reductions vectorise; the clamp is the rare path
  for (uint32_t i = 0; i < s.count; ++i) {
    lo = std::min(lo, m_freqs[i]);
    hi = std::max(hi, m_freqs[i]);
  }
  if (lo == 0 || hi > s.bound.max_freq) {
    m_corrupt = true;
    for (uint32_t i = 0; i < s.count; ++i)
      m_freqs[i] = std::clamp(m_freqs[i], 1u, std::max(1u, s.bound.max_freq));
  }
  m_freqs_block = m_block;
}

uint32_t PostingsCursor::freq_slow() const {
  if (m_doc == kEndDoc) return 0;
  if (m_single_block != m_block) {
    m_single_block = m_block;
    m_single_reads = 0;
  }
  if (m_codec < 3 || ++m_single_reads > kSingleFreqReads) {
    load_freqs();
    return m_freqs[m_in_block];
  }
  // One value of the block's bit-packed (frequency - 1) stream, whose size load_block checked.
  const Skip& s = m_skips[m_block];
  const uint32_t width = freq_width(s.bound.max_freq);
  if (width == 0) return 1;
  const uint8_t* in = s.docs + s.doc_bytes;
  const size_t bit = size_t{m_in_block} * width;
  const uint8_t* at = in + (bit >> 3);
  uint64_t word = 0;
  if (m_blob_end - at >= 8) {
    std::memcpy(&word, at, 8);
  } else {
    for (size_t b = 0; at + b < m_blob_end; ++b) word |= uint64_t{at[b]} << (8 * b);
  }
  const uint32_t f = static_cast<uint32_t>((word >> (bit & 7)) & ((uint64_t{1} << width) - 1)) + 1;
  if (f > s.bound.max_freq) {
    m_corrupt = true;
    return std::max(1u, s.bound.max_freq);
  }
  return f;
}

void PostingsCursor::next() {
  if (m_doc == kEndDoc) return;
  if (++m_in_block < m_skips[m_block].count) {
    m_doc = m_docs[m_in_block];
    return;
  }
  if (m_block + 1 >= m_skips.size()) {
    end();
    return;
  }
  load_block(m_block + 1);
}

void PostingsCursor::next_block() {
  if (m_doc == kEndDoc) return;
  if (m_block + 1 >= m_skips.size()) {
    end();
    return;
  }
  load_block(m_block + 1);
}

void PostingsCursor::seek_block(uint32_t target) {
  // Gallop over the skip table to the first block whose last doc reaches the target.
  uint32_t lo = m_block + 1, step = 1;
  const auto n = static_cast<uint32_t>(m_skips.size());
  while (lo + step < n && m_skips[lo + step].bound.last_doc < target) {
    lo += step;
    step *= 2;
  }
  uint32_t hi = std::min(n, lo + step + 1);
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (m_skips[mid].bound.last_doc < target)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo >= n) {
    end();
    return;
  }
  if (!load_block(lo)) return;
  while (m_docs[m_in_block] < target) ++m_in_block;  // the block's last doc is >= target
  m_doc = m_docs[m_in_block];
}

const BlockBound* PostingsCursor::bound_for(uint32_t target) const {
  if (m_doc == kEndDoc) return nullptr;
  const auto n = static_cast<uint32_t>(m_skips.size());
  uint32_t b = std::max(m_block, m_shallow);
  // A target behind the shallow block (allowed: targets need not ascend) restarts from m_block.
  if (b > m_block && m_skips[b - 1].bound.last_doc >= target) b = m_block;
  if (m_skips[b].bound.last_doc < target) {
    // Gallop, then binary search, as seek() does.
    uint32_t lo = b + 1, step = 1;
    while (lo + step < n && m_skips[lo + step].bound.last_doc < target) {
      lo += step;
      step *= 2;
    }
    uint32_t hi = std::min(n, lo + step + 1);
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (m_skips[mid].bound.last_doc < target)
        lo = mid + 1;
      else
        hi = mid;
    }
    b = lo;
  }
  if (b >= n) return nullptr;
  m_shallow = b;
  return &m_skips[b].bound;
}

bool PostingsCursor::load_positions() {
  const Skip& s = m_skips[m_block];
  uint32_t total = 0;
  m_pos_offsets[0] = 0;
  for (uint32_t i = 0; i < s.count; ++i) {
    if (m_freqs[i] > UINT32_MAX - total) {
      fail();
      return false;
    }
    total += m_freqs[i];
    m_pos_offsets[i + 1] = total;
  }
  const uint8_t* stream = s.docs + s.doc_bytes + s.freq_bytes;
  if (m_codec >= 4) {
    // Walk the chunk tokens once: where each chunk starts; the sizes must add up to pos_bytes.
    const uint32_t chunks = (total + kPosChunk - 1) / kPosChunk;
    if (chunks > s.pos_bytes) {  // every chunk takes at least its token byte
      fail();
      return false;
    }
    m_chunks.resize(chunks);
    size_t at = 0;
    for (uint32_t c = 0; c < chunks; ++c) {
      if (at >= s.pos_bytes) {
        fail();
        return false;
      }
      const uint8_t token = stream[at];
      PosChunk& chunk = m_chunks[c];
      chunk.width = static_cast<uint8_t>(width_of_code(token & 31u));
      chunk.exceptions = static_cast<uint8_t>(token >> 5);
      const uint32_t n = std::min(kPosChunk, total - c * kPosChunk);
      chunk.data = stream + at + 1;
      at += 1 + packed_size(n, chunk.width) + 2 * size_t{chunk.exceptions};
    }
    if (at != s.pos_bytes) {
      fail();
      return false;
    }
  } else {
    const size_t control = (size_t{total} + 3) / 4;
    if (control > s.pos_bytes) {
      fail();
      return false;
    }
    m_pos_control = stream;
    m_pos_data = m_pos_control + control;
    m_pos_data_len = s.pos_bytes - control;
    m_pos_value = 0;
    m_pos_byte = 0;
  }
  m_pos_doc = UINT32_MAX;
  m_pos_bulk = false;
  m_pos_reads = 0;
  m_positions_loaded = true;
  return true;
}

bool PostingsCursor::decode_pfor(uint32_t from, uint32_t count, uint32_t* out) {
  const uint32_t total = m_pos_offsets[m_skips[m_block].count];
  const uint32_t end = from + count;
  for (uint32_t c = from / kPosChunk; c * kPosChunk < end; ++c) {
    const PosChunk& chunk = m_chunks[c];
    const uint32_t base = c * kPosChunk;
    const uint32_t n = std::min(kPosChunk, total - base);
    const uint32_t j0 = std::max(from, base) - base;
    const uint32_t j1 = std::min(end, base + n) - base;
    uint32_t* dst = out + (base + j0 - from);
    // A whole chunk whose last 8-byte load stays inside the blob: the width-specialised unpacker.
    if (j0 == 0 && j1 == kPosChunk &&
        static_cast<size_t>(m_blob_end - chunk.data) >= ((kPosChunk - 1) * chunk.width >> 3) + 8)
      kUnpackChunk[chunk.width](chunk.data, dst);
    else
      unpack_range(chunk.data, m_blob_end, chunk.width, j0, j1, dst);
    // Patch the exceptions' high bits (the chunk's size was checked by load_positions).
    const uint8_t* ex = chunk.data + packed_size(n, chunk.width);
    for (uint32_t x = 0; x < chunk.exceptions; ++x) {
      const uint32_t index = ex[2 * x];
      if (index >= n) {
        fail();
        return false;
      }
      if (index >= j0 && index < j1)
        dst[index - j0] |= static_cast<uint32_t>(uint64_t{ex[2 * x + 1]} << chunk.width);
    }
  }
  return true;
}

std::span<const uint32_t> PostingsCursor::positions_upto(uint32_t limit) {
  if (m_doc == kEndDoc) return {};
  if (m_freqs_block != m_block) load_freqs();
  if (!m_positions_loaded && !load_positions()) return {};
  const uint32_t from = m_pos_offsets[m_in_block];
  const uint32_t count = m_pos_offsets[m_in_block + 1] - from;
  if (m_pos_bulk) return {m_doc_positions.data() + from, count};
  // This doc decoded before, far enough for the caller.
  if (m_pos_doc == m_in_block &&
      (m_pos_decoded == count || (m_pos_decoded > 0 && m_doc_positions[m_pos_decoded - 1] > limit)))
    return {m_doc_positions.data(), m_pos_decoded};
  if (m_bulk_allowed && m_pos_doc != UINT32_MAX && m_in_block == m_pos_doc + 1 &&
      m_pos_reads >= kBulkAfter) {
    // Consecutive documents (a merge, a dense phrase): decode the rest of the block at once
    // instead of document by document.
    const Skip& s = m_skips[m_block];
    const uint32_t total = m_pos_offsets[s.count];
    if (m_doc_positions.size() < total) m_doc_positions.resize(total);
    if (m_codec >= 4) {
      if (!decode_pfor(0, total, m_doc_positions.data())) return {};
    } else {
      if (svb_stream_size(m_pos_control, total, s.pos_bytes) != s.pos_bytes) {
        fail();
        return {};
      }
      svb_decode(m_pos_control, s.pos_bytes, total, m_doc_positions.data(), false, 0);
    }
    for (uint32_t i = 0; i < s.count; ++i) {  // undo the per-document gaps
      uint32_t acc = 0;
      for (uint32_t k = m_pos_offsets[i]; k < m_pos_offsets[i + 1]; ++k) {
        acc += m_doc_positions[k];
        m_doc_positions[k] = acc;
      }
    }
    m_pos_bulk = true;
    return {m_doc_positions.data() + from, count};
  }
  {
    uint32_t decoded = count;
    if (m_doc_positions.size() < count) m_doc_positions.resize(count);
    if (m_codec >= 4) {
      // Bit-packed: the doc's first value is found by arithmetic, nothing before it is read.
      const uint32_t c = from / kPosChunk;
      const PosChunk& chunk = m_chunks[c];
      const uint32_t n = std::min(kPosChunk, m_pos_offsets[m_skips[m_block].count] - c * kPosChunk);
      const uint32_t j0 = from - c * kPosChunk;
      const uint32_t j1 = j0 + count;
      bool fused =
          count > 0 && chunk.width > 0 && j1 <= n &&
          static_cast<size_t>(m_blob_end - chunk.data) >= ((size_t{j1 - 1} * chunk.width) >> 3) + 8;
      // The chunk's exceptions (the encoder writes them by ascending index; anything else, or an
      // index out of the chunk, goes to decode_pfor, which checks): the first at or after j0.
      const uint8_t* ex = chunk.data + packed_size(n, chunk.width);
      uint32_t x = 0;
      for (uint32_t i = 0; fused && i < chunk.exceptions; ++i) {
        fused = ex[2 * i] < n && (i == 0 || ex[2 * i] > ex[2 * i - 2]);
        if (ex[2 * i] < j0) x = i + 1;
      }
      if (fused) {
        // The doc inside one chunk (the usual case): unpack, patch and undo the gaps in one pass;
        // the same values as decode_pfor's and the sums below.
        const uint64_t mask = (uint64_t{1} << chunk.width) - 1;
        uint32_t next = x < chunk.exceptions ? ex[2 * x] : kPosChunk;
        uint32_t acc = 0;
        for (uint32_t k = 0; k < count; ++k) {
          const size_t bit = size_t{j0 + k} * chunk.width;
          uint64_t word = 0;
          std::memcpy(&word, chunk.data + (bit >> 3), 8);
          auto v = static_cast<uint32_t>((word >> (bit & 7)) & mask);
          if (j0 + k == next) {
            v |= static_cast<uint32_t>(uint64_t{ex[2 * x + 1]} << chunk.width);
            ++x;
            next = x < chunk.exceptions ? ex[2 * x] : kPosChunk;
          }
          acc += v;
          m_doc_positions[k] = acc;
          if (acc > limit) {  // the caller needs nothing past this one
            decoded = k + 1;
            break;
          }
        }
      } else {
        if (!decode_pfor(from, count, m_doc_positions.data())) return {};
        uint32_t acc = 0;
        for (uint32_t k = 0; k < count; ++k) {
          acc += m_doc_positions[k];
          m_doc_positions[k] = acc;
        }
      }
    } else if (!decode_svb_doc(from, count)) {
      return {};
    }
    // A doc decoded again further (a larger limit) counts once towards kBulkAfter.
    if (m_pos_doc != m_in_block) ++m_pos_reads;
    m_pos_doc = m_in_block;
    m_pos_decoded = decoded;
    return {m_doc_positions.data(), decoded};
  }
}

// Codec v2/v3 positions of one document (values [from, from + count) of the block's Stream VByte
// stream), decoded into m_doc_positions with the per-document gaps undone.
bool PostingsCursor::decode_svb_doc(uint32_t from, uint32_t count) {
  const uint8_t* control = m_pos_control;
  auto code = [control](uint32_t v) -> uint32_t { return (control[v >> 2] >> (2 * (v & 3))) & 3; };
  // Walk the control bytes to the doc's first value: one table lookup per four values.
  uint32_t v = m_pos_value;
  size_t byte = m_pos_byte;
  while (v < from && (v & 3) != 0) byte += code(v++) + 1;
  while (v + 4 <= from) {
    byte += kKeyLengths[control[v >> 2]];
    v += 4;
  }
  while (v < from) byte += code(v++) + 1;
  // Decode the doc's values (scalar: a document holds few), undoing the per-document gaps.
  static constexpr uint32_t kMask[4] = {0xFFu, 0xFFFFu, 0xFFFFFFu, 0xFFFFFFFFu};
  uint32_t acc = 0;
  for (uint32_t k = 0; k < count; ++k, ++v) {
    const uint32_t c = code(v);
    if (byte + c + 1 > m_pos_data_len) {
      fail();
      return false;
    }
    // Reading 4 bytes may pass the stream's end but not the blob's: the postings section
    // ends with kPostingsPadding bytes.
    uint32_t value = 0;
    std::memcpy(&value, m_pos_data + byte, 4);
    acc += value & kMask[c];
    m_doc_positions[k] = acc;
    byte += c + 1;
  }
  m_pos_value = v;
  m_pos_byte = byte;
  return true;
}

}  // namespace newsdex::index
