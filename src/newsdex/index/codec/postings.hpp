// Postings codec v4: doc ids, frequencies and positions in blocks of 128 documents, behind a skip
// table that lets cursors jump whole blocks without decoding them and gives each block's score
// bounds (max frequency, min document length) for dynamic pruning (MaxScore / block-max WAND).
// Doc ids are Stream VByte d-gaps (encoded by libstreamvbyte; decoded by svb_decode, SSSE3),
// frequencies bit-packed at the block's width, positions PFOR: chunks of 128 values bit-packed
// at the chunk's width with up to 7 exceptions (Lucene's PForUtil layout).
//
//   blob   := 0 | 0 | doc_count | block_count | skip* | block*   (varints, then bytes; "0 0" if
//             empty)
//   skip   := last_doc_gap | doc_bytes | freq_bytes | pos_bytes | max_freq | min_len   (varints)
//   block  := svb_delta(docs, prev = previous block's last doc) |
//             (freq - 1) bit-packed, bit_width(max_freq - 1) bits each (none when max_freq is 1) |
//             pfor_chunk* over the position gaps of every doc of the block, concatenated
//   pfor_chunk := u8 (exceptions << 5 | width code; 31 means 32 bits) | packed low bits |
//                 (u8 index, u8 value >> width) per exception
//
// Segment format 7 writes v4. Older blobs are still read: v3 (format 6) starts with a single 0
// and has Stream VByte positions; v2 (formats 4 and 5) has no leading 0 and Stream VByte
// frequencies as well. The encoder writes v4; merges therefore rewrite older blobs as v4.
//
// Positions are gap-coded within each document. A block's byte sizes are stored so a cursor can
// skip it, and every stream is length-checked (Stream VByte against its control bytes, packed
// streams against their widths) before it is decoded, so corrupt input ends the cursor
// (corrupt()) instead of reading out of bounds. The postings section of a segment ends with
// kPostingsPadding zero bytes (the v2/v3 per-document decoder loads 4 bytes at a time).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace newsdex::index {

inline constexpr uint32_t kEndDoc = UINT32_MAX;  // the cursor's sentinel
inline constexpr uint32_t kBlockSize = 128;
inline constexpr size_t kPostingsPadding = 16;

class PostingsEncoder {
 public:
  // Docs must be added in strictly increasing order; positions ascending, size >= 1.
  // `doc_length` (tokens in the field) feeds the block's score bound.
  void add(uint32_t doc, std::span<const uint32_t> positions, uint32_t doc_length = 1);
  // Asks the CPU to fetch the encoder's array headers (`stage` 0), or the cache lines the next
  // add() writes to (`stage` 1: the ends of the arrays, which needs the headers): the writer adds
  // to hundreds of encoders per document, most of them cold, so it prefetches a few terms ahead.
  void prefetch(int stage) const {
    if (stage == 0) {
      __builtin_prefetch(this);
      __builtin_prefetch(reinterpret_cast<const char*>(this) + 64);
      return;
    }
    __builtin_prefetch(m_docs.data() + m_docs.size(), 1);
    __builtin_prefetch(m_freqs.data() + m_freqs.size(), 1);
    __builtin_prefetch(m_lengths.data() + m_lengths.size(), 1);
    __builtin_prefetch(m_positions.data() + m_positions.size(), 1);
  }
  // Appends the finished blob to `out`.
  void append_to(std::string& out) const;
  uint32_t doc_count() const { return m_count; }
  // Doc ids plus positions held: what encoding the list costs, roughly.
  size_t value_count() const { return m_docs.size() + m_positions.size(); }
  // Heap bytes held by the arrays (capacities, which is what the allocator handed out).
  size_t memory_bytes() const {
    return (m_docs.capacity() + m_freqs.capacity() + m_positions.capacity() +
            m_lengths.capacity()) *
           4;
  }

 private:
  std::vector<uint32_t> m_docs;
  std::vector<uint32_t> m_freqs;
  std::vector<uint32_t> m_lengths;
  std::vector<uint32_t> m_positions;  // gap-coded within each doc
  uint32_t m_count = 0;
};

// Appends the v4 blob of a list given as arrays of `count` entries: ascending doc ids, their
// frequencies (>= 1) and field lengths (for the blocks' score bounds), and every document's
// position gaps (within each document, first position from 0), concatenated. What
// PostingsEncoder::append_to writes; the segment builder calls it with arrays of its own.
void append_postings(std::string& out, uint32_t count, const uint32_t* docs, const uint32_t* freqs,
                     const uint32_t* lengths, const uint32_t* position_gaps);

struct BlockBound {
  uint32_t last_doc = 0;
  uint32_t max_freq = 0;
  uint32_t min_len = 0;
};

// Where a postings blob's bytes go (for `newsdex stats --parts`): the header and skip table, and
// the three Stream VByte streams summed over its blocks. Reads only the skip table; nullopt when
// it does not decode or its blocks overrun the blob.
struct PostingsBytes {
  uint64_t skips = 0;
  uint64_t docs = 0;
  uint64_t freqs = 0;
  uint64_t positions = 0;
};
std::optional<PostingsBytes> postings_bytes(std::span<const uint8_t> blob);

// Iterates one term's postings. Contract: starts on the first doc (or kEndDoc when empty);
// next() and seek() never move backwards; after the end, doc() is kEndDoc forever.
class PostingsCursor {
 public:
  PostingsCursor() = default;
  explicit PostingsCursor(std::span<const uint8_t> blob);

  uint32_t doc() const { return m_doc; }
  // Frequencies are read lazily (a conjunction seeks through many blocks whose docs it never
  // scores, and scores one or two docs of most blocks it lands in): bit-packed frequencies (v3,
  // v4) are read one document at a time for the first kSingleFreqReads docs of a block, by
  // arithmetic on the block's fixed width, and the whole block is unpacked only after that (or
  // when positions need the offsets). A frequency above its block's max_freq marks the cursor
  // corrupt() and reads as clamped to [1, max_freq], whichever way it was read.
  uint32_t freq() const {
    if (m_freqs_block == m_block) return m_freqs[m_in_block];
    return freq_slow();
  }
  static constexpr uint32_t kSingleFreqReads = 8;
  uint32_t doc_count() const { return m_count; }
  bool corrupt() const { return m_corrupt; }
  void next();
  // Moves to the first doc >= target, skipping whole blocks through the skip table. (The checks
  // that need no move or no new block are inline: conjunctions seek a lot, mostly within a block.)
  void seek(uint32_t target) {
    if (m_doc >= target) return;
    if (m_skips[m_block].bound.last_doc < target) {
      seek_block(target);
      return;
    }
    while (m_docs[m_in_block] < target) ++m_in_block;  // the block's last doc is >= target
    m_doc = m_docs[m_in_block];
  }
  // Positions of the current doc, decoded on demand and only for that doc: in a v4 block the
  // doc's first value is at a computed bit offset of its chunk (v2/v3: the cursor walks the
  // Stream VByte control bytes forward to it), so a phrase that checks 3 docs of a block decodes
  // 3 docs' positions, not 128. When asked for a doc right after the last one, once kBulkAfter
  // docs of the block were decoded one at a time (a merge reads them all), it decodes the rest
  // of the block at once.
  std::span<const uint32_t> positions() { return positions_upto(UINT32_MAX); }
  // A prefix of positions() holding every position <= limit (and perhaps some after it): the
  // doc's positions are gaps, so they are decoded in order and the decoding stops at the first
  // one past `limit` — a phrase whose candidates end early in a document needs no more of a
  // common word's positions. A later call with a larger limit decodes the doc again.
  std::span<const uint32_t> positions_upto(uint32_t limit);
  // Whether positions() may decode a whole block at once when asked for consecutive docs (the
  // default). A caller that reads positions of consecutive docs but gives up on most of them
  // early (the robust iterator) turns it off: it then decodes only the docs it asks for.
  void set_bulk_positions(bool allowed) { m_bulk_allowed = allowed; }
  // For aggregations that consume whole blocks: the decoded doc ids and frequencies of the
  // current block from the current doc on (empty after the end), and a move to the next block's
  // first doc (kEndDoc after the last).
  std::span<const uint32_t> block_docs() const {
    return m_doc == kEndDoc ? std::span<const uint32_t>()
                            : std::span<const uint32_t>(m_docs.data() + m_in_block,
                                                        m_skips[m_block].count - m_in_block);
  }
  std::span<const uint32_t> block_freqs() const {
    if (m_doc != kEndDoc && m_freqs_block != m_block) load_freqs();
    return m_doc == kEndDoc ? std::span<const uint32_t>()
                            : std::span<const uint32_t>(m_freqs.data() + m_in_block,
                                                        m_skips[m_block].count - m_in_block);
  }
  void next_block();
  // Moves past the docs up to `last` for which skip(doc, freq) holds, stopping on the first doc
  // (at most `last`) for which it does not, or on the first doc past `last`; returns how many docs
  // were passed. One tight loop over the decoded block (a single-term top-k collector passes the
  // docs of a competitive block that cannot enter the top k without a call per doc).
  template <class Skip>
  uint64_t skip_while(uint32_t last, Skip skip) {
    uint64_t passed = 0;
    while (m_doc != kEndDoc && m_doc <= last) {
      if (m_freqs_block != m_block) load_freqs();
      const uint32_t count = m_skips[m_block].count;
      uint32_t i = m_in_block;
      while (i < count && m_docs[i] <= last && skip(m_docs[i], m_freqs[i])) ++i;
      passed += i - m_in_block;
      if (i < count) {
        m_in_block = i;
        m_doc = m_docs[i];
        return passed;
      }
      m_in_block = count - 1;
      next();  // the block is passed: the next one, or the end
    }
    return passed;
  }

  // Score bounds: of the block holding the current doc, and of the whole list.
  const BlockBound& block_bound() const { return m_skips[m_block].bound; }
  // The bound of the block that would hold `target`, without decoding it (for block-max WAND);
  // nullptr past the end. Amortised O(1) for ascending targets: a "shallow" block index moves
  // forward through the skip table independently of the cursor (Lucene's advanceShallow).
  const BlockBound* bound_for(uint32_t target) const;
  uint32_t max_freq() const { return m_max_freq; }
  uint32_t min_len() const { return m_min_len; }
  // The largest of bound_score(block bound) over the blocks that may hold docs in [from, to] (the
  // block bound_for(from) names and those after it up to the one reaching `to`), 0 past the end
  // or when the cursor stands past `to` (it stands on the first doc at or after the last target
  // it was sought to, which the caller guarantees is <= from): a score bound over a range of docs
  // that spans several blocks of this list, tighter than the list's — and 0 for a sparse list
  // (a word's title postings) with nothing in the range. Moves only the shallow block index, as
  // bound_for() does.
  template <class BoundScore>
  double max_over_blocks(uint32_t from, uint32_t to, BoundScore bound_score) const {
    if (m_doc > to || bound_for(from) == nullptr) return 0.0;
    double best = 0.0;
    for (size_t b = m_shallow; b < m_skips.size(); ++b) {
      best = std::max(best, bound_score(m_skips[b].bound));
      if (m_skips[b].bound.last_doc >= to) break;
    }
    return best;
  }

 private:
  struct Skip {
    BlockBound bound;
    uint32_t count = 0;  // docs in the block
    const uint8_t* docs = nullptr;
    uint32_t doc_bytes = 0;
    uint32_t freq_bytes = 0;
    uint32_t pos_bytes = 0;
  };
  void fail();
  bool load_block(uint32_t block);
  void seek_block(uint32_t target);  // seek() to a later block
  void load_freqs() const;
  uint32_t freq_slow() const;  // freq() when the block's frequencies are not unpacked
  void end();
  bool load_positions();  // the current block's position offsets and stream layout
  bool decode_pfor(uint32_t from, uint32_t count, uint32_t* out);  // v4 gaps [from, from+count)
  bool decode_svb_doc(uint32_t from, uint32_t count);              // v2/v3, one doc
  struct PosChunk {
    const uint8_t* data = nullptr;  // the packed values, after the token byte
    uint8_t width = 0;
    uint8_t exceptions = 0;
  };

  std::vector<Skip> m_skips;
  uint32_t m_count = 0;
  uint32_t m_block = 0;
  uint32_t m_in_block = 0;
  uint32_t m_doc = kEndDoc;
  uint32_t m_max_freq = 0;
  uint32_t m_min_len = UINT32_MAX;
  uint32_t m_codec = 0;  // 2: Stream VByte freqs and positions; 3: packed freqs; 4: PFOR positions
  const uint8_t* m_blob_end = nullptr;
  mutable bool m_corrupt = false;
  mutable uint32_t m_shallow = 0;  // bound_for()'s block index, never behind m_block
  // Lazy positions of the current block: v4, where each chunk starts; v2/v3, its control bytes,
  // data bytes, and how far the walk has got (value index and data byte offset); m_pos_doc is the
  // doc decoded into m_doc_positions.
  std::vector<PosChunk> m_chunks;
  bool m_positions_loaded = false;
  const uint8_t* m_pos_control = nullptr;
  const uint8_t* m_pos_data = nullptr;
  size_t m_pos_data_len = 0;
  uint32_t m_pos_value = 0;
  size_t m_pos_byte = 0;
  uint32_t m_pos_doc = UINT32_MAX;
  uint32_t m_pos_decoded = 0;  // values of m_pos_doc in m_doc_positions (a prefix when limited)
  bool m_bulk_allowed = true;
  bool m_pos_bulk = false;   // the whole block is decoded into m_doc_positions (sequential use)
  uint32_t m_pos_reads = 0;  // docs of the block decoded one at a time
  // Bulk decoding starts at a consecutive doc once this many were decoded one at a time: a
  // phrase of two common words asks for runs of consecutive candidates, but once the top k's
  // floor rules most of a block's candidates out, unpacking all 128 docs' positions is waste.
  static constexpr uint32_t kBulkAfter = 8;
  std::array<uint32_t, kBlockSize> m_docs{};
  mutable std::array<uint32_t, kBlockSize> m_freqs{};
  mutable uint32_t m_freqs_block = UINT32_MAX;   // the block whose frequencies m_freqs holds
  mutable uint32_t m_single_block = UINT32_MAX;  // the block freq_slow() counts reads of
  mutable uint32_t m_single_reads = 0;
  // Absolute positions of doc m_pos_doc of the block, or of every doc when m_pos_bulk.
  std::vector<uint32_t> m_doc_positions;
  std::array<uint32_t, kBlockSize + 1> m_pos_offsets{};
};

// Writes `count` values as one Stream VByte stream (the control bytes, four 2-bit length codes
// each, then each value's 1-4 little-endian bytes), with `delta` the gaps from `prev` on; returns
// its size. `out` must hold (count + 3) / 4 + 4 * count bytes (the last value's write may touch
// up to 3 bytes past the stream's end). The same bytes as libstreamvbyte's streamvbyte_encode and
// streamvbyte_delta_encode, without a call per stream into a library built without SIMD.
size_t svb_encode(const uint32_t* values, uint32_t count, uint8_t* out, bool delta, uint32_t prev);

// The exact size of a Stream VByte stream of `count` values starting at `in`, or SIZE_MAX when
// its control bytes do not fit in `available`.
size_t svb_stream_size(const uint8_t* in, uint32_t count, size_t available);

// Decodes a Stream VByte stream of `count` values whose exact size `bytes` was checked with
// svb_stream_size; with `delta`, values are gaps added up from `prev`. Whole groups of four are
// decoded with SSSE3 (pshufb, and a 4-lane prefix sum for deltas) where the CPU has it — Debian's
// libstreamvbyte is built without its SIMD path — and the tail byte by byte; nothing is read
// outside [in, in + bytes).
void svb_decode(const uint8_t* in, size_t bytes, uint32_t count, uint32_t* out, bool delta,
                uint32_t prev);

}  // namespace newsdex::index
