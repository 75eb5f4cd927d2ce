// Writes the synthetic transcript corpus: JSONL files of ~64 MB in Newsdex's JSONL format (id,
// source, show, date, title, url, language, body). File k depends only on (seed, k), so a 1G
// corpus starts with the same documents as a 100M one, and files are generated in parallel.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "model.hpp"

namespace bench::gen {

struct CorpusOptions {
  uint64_t size_bytes = 100'000'000;  // total JSONL bytes to write (approximately; whole docs)
  uint64_t file_bytes = 64'000'000;
  uint64_t seed = 42;
  std::filesystem::path out;
  unsigned threads = 0;      // 0: hardware concurrency
  double noise_rate = 0.05;  // share of words the caption-error model (src/newsdex/noise) garbles
};

struct CorpusStats {
  uint64_t files = 0;
  uint64_t docs = 0;
  uint64_t bytes = 0;       // JSONL bytes
  uint64_t text_bytes = 0;  // title + body bytes (the "raw text" index sizes are compared with)
  uint64_t words = 0;
  uint64_t noisy_words = 0;  // words a caption error touched
};

// Writes corpus-NNNNN.jsonl files and .corpus.json (parameters and totals; hidden so that engines
// reading the directory skip it) into options.out.
CorpusStats write_corpus(const Model& model, const CorpusOptions& options,
                         const std::string& model_digest);

}  // namespace bench::gen
