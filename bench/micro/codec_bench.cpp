// Postings decode speed in integers per second, against memcpy of the same number of decoded
// bytes (the memory-bandwidth ceiling a decoder is compared with), plus the raw Stream VByte
// kernel without the cursor and skip-table bookkeeping around it.
#include <benchmark/benchmark.h>
#include <streamvbyte.h>
#include <streamvbytedelta.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "newsdex/index/codec/postings.hpp"
#include "postings_fixture.hpp"

namespace newsdex::bench {
namespace {

constexpr size_t kDocs = 1 << 20;

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Walk every doc id (and frequency) of a 1M-document list with next(). Arg: 1/density.
void BM_CursorNext(benchmark::State& state) {
  const auto docs = make_doc_ids(kDocs, 1.0 / static_cast<double>(state.range(0)), 1);
  const auto blob = encode_postings(docs);
  for (auto _ : state) {
    index::PostingsCursor cur(as_bytes(blob));
    uint64_t sum = 0;
    for (; cur.doc() != index::kEndDoc; cur.next()) sum += cur.doc() + cur.freq();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kDocs));
  state.counters["bytes_per_doc"] = static_cast<double>(blob.size()) / kDocs;
}
BENCHMARK(BM_CursorNext)->Arg(1)->Arg(8)->Arg(64)->Arg(1024);

// Decode positions too (phrase queries): every position of every doc.
void BM_CursorPositions(benchmark::State& state) {
  const auto docs = make_doc_ids(kDocs / 4, 0.1, 2);
  const auto blob = encode_postings(docs, static_cast<uint32_t>(state.range(0)));
  for (auto _ : state) {
    index::PostingsCursor cur(as_bytes(blob));
    uint64_t sum = 0;
    for (; cur.doc() != index::kEndDoc; cur.next())
      for (uint32_t p : cur.positions()) sum += p;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * docs.size() * static_cast<size_t>(state.range(0))));
}
BENCHMARK(BM_CursorPositions)->Arg(1)->Arg(4)->Arg(16);

// The bare Stream VByte delta kernel over 128-value blocks, as the cursor calls it: Debian's
// libstreamvbyte (built without its SIMD path) against the codec's own svb_decode (SSSE3 where
// the CPU has it), on the same encoded bytes. Arg: 1/density.
struct DeltaBlocks {
  std::vector<uint32_t> docs;
  std::vector<uint8_t> encoded;
  std::vector<size_t> offsets;  // block i is [offsets[i], offsets[i + 1])

  explicit DeltaBlocks(int64_t inverse_density)
      : docs(make_doc_ids(kDocs, 1.0 / static_cast<double>(inverse_density), 3)),
        encoded(streamvbyte_max_compressedbytes(kDocs) + 16) {
    size_t at = 0;
    for (size_t b = 0; b < kDocs; b += index::kBlockSize) {
      offsets.push_back(at);
      at += streamvbyte_delta_encode(&docs[b], index::kBlockSize, encoded.data() + at,
                                     b ? docs[b - 1] : 0);
    }
    offsets.push_back(at);
  }
  uint32_t prev(size_t block) const { return block ? docs[block * index::kBlockSize - 1] : 0; }
};

void BM_StreamVByteDeltaDecode(benchmark::State& state) {
  const DeltaBlocks blocks(state.range(0));
  std::vector<uint32_t> out(index::kBlockSize);
  for (auto _ : state) {
    for (size_t i = 0; i + 1 < blocks.offsets.size(); ++i) {
      streamvbyte_delta_decode(blocks.encoded.data() + blocks.offsets[i], out.data(),
                               index::kBlockSize, blocks.prev(i));
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kDocs));
}
BENCHMARK(BM_StreamVByteDeltaDecode)->Arg(1)->Arg(64);

void BM_SvbDeltaDecode(benchmark::State& state) {
  const DeltaBlocks blocks(state.range(0));
  std::vector<uint32_t> out(index::kBlockSize);
  for (size_t i = 0; i + 1 < blocks.offsets.size(); ++i) {  // same values as the library's
    index::svb_decode(blocks.encoded.data() + blocks.offsets[i],
                      blocks.offsets[i + 1] - blocks.offsets[i], index::kBlockSize, out.data(),
                      true, blocks.prev(i));
    if (!std::equal(out.begin(), out.end(),
                    blocks.docs.begin() + static_cast<std::ptrdiff_t>(i * index::kBlockSize))) {
      state.SkipWithError("svb_decode differs from the encoded doc ids");
      return;
    }
  }
  for (auto _ : state) {
    for (size_t i = 0; i + 1 < blocks.offsets.size(); ++i) {
      index::svb_decode(blocks.encoded.data() + blocks.offsets[i],
                        blocks.offsets[i + 1] - blocks.offsets[i], index::kBlockSize, out.data(),
                        true, blocks.prev(i));
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kDocs));
}
BENCHMARK(BM_SvbDeltaDecode)->Arg(1)->Arg(64);

// Reference: memcpy of the decoded size (4 bytes per integer), in 128-integer blocks and whole.
void BM_MemcpyBlocks(benchmark::State& state) {
  std::vector<uint32_t> src(kDocs, 7), dst(index::kBlockSize);
  for (auto _ : state) {
    for (size_t b = 0; b < kDocs; b += index::kBlockSize) {
      std::memcpy(dst.data(), &src[b], index::kBlockSize * 4);
      benchmark::DoNotOptimize(dst.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kDocs));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kDocs * 4));
}
BENCHMARK(BM_MemcpyBlocks);

void BM_MemcpyWhole(benchmark::State& state) {
  std::vector<uint32_t> src(kDocs, 7), dst(kDocs);
  for (auto _ : state) {
    std::memcpy(dst.data(), src.data(), kDocs * 4);
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kDocs));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kDocs * 4));
}
BENCHMARK(BM_MemcpyWhole);

}  // namespace
}  // namespace newsdex::bench
