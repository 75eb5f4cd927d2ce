// Skipping and intersection kernels on synthetic postings: seek() over the skip table with
// growing strides, and conjunctions by leapfrog (seek the others to the rarest list's doc)
// against a plain merge that visits every doc of both lists with next().
#include <benchmark/benchmark.h>

#include <vector>

#include "newsdex/index/codec/postings.hpp"
#include "postings_fixture.hpp"

namespace newsdex::bench {
namespace {

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// seek() to every stride-th doc id of the id space of a dense 1M list: small strides stay inside
// a block, large ones gallop over the skip table and decode one block per landing.
void BM_BlockSkip(benchmark::State& state) {
  const auto docs = make_doc_ids(1 << 20, 0.5, 4);
  const auto blob = encode_postings(docs);
  const uint32_t stride = static_cast<uint32_t>(state.range(0));
  size_t seeks = 0;
  for (auto _ : state) {
    index::PostingsCursor cur(as_bytes(blob));
    uint64_t sum = 0;
    for (uint32_t target = 0; cur.doc() != index::kEndDoc; target += stride) {
      cur.seek(target);
      sum += cur.doc();
      ++seeks;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(seeks));
}
BENCHMARK(BM_BlockSkip)->Arg(4)->Arg(64)->Arg(1024)->Arg(16384);

// Leapfrog AND over n lists (as query/exec's AndIterator): lead with the rarest, seek the others.
uint64_t leapfrog(std::vector<index::PostingsCursor>& cursors) {
  uint64_t matches = 0;
  uint32_t target = cursors[0].doc();
  while (target != index::kEndDoc) {
    bool all = true;
    for (size_t i = 1; i < cursors.size(); ++i) {
      cursors[i].seek(target);
      if (cursors[i].doc() != target) {
        target = cursors[i].doc();
        all = false;
        break;
      }
    }
    if (all) {
      ++matches;
      cursors[0].next();
      target = cursors[0].doc();
    } else {
      cursors[0].seek(target);
      target = cursors[0].doc();
    }
  }
  return matches;
}

// Args: rare list length, frequent list length (1M id space scaled), number of lists.
void BM_LeapfrogAnd(benchmark::State& state) {
  const size_t rare = static_cast<size_t>(state.range(0));
  const size_t common = static_cast<size_t>(state.range(1));
  const size_t lists = static_cast<size_t>(state.range(2));
  const double space = 4.0 * (1 << 20);
  std::vector<std::string> blobs;
  blobs.push_back(encode_postings(make_doc_ids(rare, static_cast<double>(rare) / space, 10)));
  for (size_t i = 1; i < lists; ++i)
    blobs.push_back(encode_postings(
        make_doc_ids(common, static_cast<double>(common) / space, static_cast<uint32_t>(10 + i))));
  uint64_t matches = 0;
  for (auto _ : state) {
    std::vector<index::PostingsCursor> cursors;
    for (const auto& b : blobs) cursors.emplace_back(as_bytes(b));
    matches = leapfrog(cursors);
    benchmark::DoNotOptimize(matches);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rare));
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK(BM_LeapfrogAnd)
    ->Args({1000, 1 << 20, 2})
    ->Args({10000, 1 << 20, 2})
    ->Args({100000, 1 << 20, 2})
    ->Args({1 << 20, 1 << 20, 2})
    ->Args({10000, 1 << 20, 3});

// The baseline: a two-list merge that visits every document of both lists with next().
void BM_MergeAnd(benchmark::State& state) {
  const size_t rare = static_cast<size_t>(state.range(0));
  const size_t common = static_cast<size_t>(state.range(1));
  const double space = 4.0 * (1 << 20);
  const auto a = encode_postings(make_doc_ids(rare, static_cast<double>(rare) / space, 10));
  const auto b = encode_postings(make_doc_ids(common, static_cast<double>(common) / space, 11));
  for (auto _ : state) {
    index::PostingsCursor x(as_bytes(a)), y(as_bytes(b));
    uint64_t matches = 0;
    while (x.doc() != index::kEndDoc && y.doc() != index::kEndDoc) {
      if (x.doc() < y.doc())
        x.next();
      else if (y.doc() < x.doc())
        y.next();
      else {
        ++matches;
        x.next();
        y.next();
      }
    }
    benchmark::DoNotOptimize(matches);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rare));
}
BENCHMARK(BM_MergeAnd)
    ->Args({1000, 1 << 20})
    ->Args({10000, 1 << 20})
    ->Args({100000, 1 << 20})
    ->Args({1 << 20, 1 << 20});

}  // namespace
}  // namespace newsdex::bench
