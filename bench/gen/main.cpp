// newsdex-gen: the benchmark's deterministic corpus and query generator.
//
//   newsdex-gen --size 100M --seed 42 --out DIR         write the corpus (shipped model)
//   newsdex-gen --fit DIR --save-model bench/gen/model  refit the shipped model from real text
//   newsdex-gen --queries 200 --corpus DIR --out FILE   draw the query set from a corpus
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <sstream>

#include "corpus.hpp"
#include "model.hpp"
#include "queries.hpp"

namespace fs = std::filesystem;
using namespace bench::gen;

namespace {

uint64_t parse_size(const std::string& text) {
  size_t used = 0;
  const double number = std::stod(text, &used);
  const std::string unit = text.substr(used);
  double scale = 1;
  if (unit == "K" || unit == "k")
    scale = 1e3;
  else if (unit == "M" || unit == "m")
    scale = 1e6;
  else if (unit == "G" || unit == "g")
    scale = 1e9;
  else if (!unit.empty())
    throw CLI::ValidationError("--size", "unit must be K, M or G: " + text);
  return static_cast<uint64_t>(number * scale);
}

// FNV-1a over the model files: names the model in corpus.json so caches notice a refit.
std::string model_digest(const fs::path& dir) {
  uint64_t h = 1469598103934665603ULL;
  for (const char* name : {"unigrams.tsv", "bigrams.tsv"}) {
    std::ifstream in(dir / name, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    for (unsigned char c : buffer.str()) h = (h ^ c) * 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"newsdex-gen: deterministic transcript corpus and query set for bench/"};
  std::string size = "100M", file_size = "64M", out, fit, save_model, corpus;
  std::string model_dir = NEWSDEX_GEN_MODEL_DIR;
  uint64_t seed = 42;
  size_t queries = 0;
  unsigned threads = 0;
  double noise = 0.05;
  app.add_option("--size", size, "Corpus size in JSONL bytes (K/M/G = 10^3/10^6/10^9)")
      ->capture_default_str();
  app.add_option("--seed", seed, "Random seed")->capture_default_str();
  app.add_option("--out", out, "Corpus directory, or the query TSV with --queries");
  app.add_option("--model", model_dir, "Directory of the fitted model")->capture_default_str();
  app.add_option("--fit", fit, "Fit the model from *.txt under DIR instead of loading --model");
  app.add_option("--save-model", save_model, "Write the fitted model to DIR and exit");
  app.add_option("--noise", noise, "Share of words the caption-error model garbles (0..0.5)")
      ->capture_default_str();
  app.add_option("--file-size", file_size, "Bytes per JSONL file")->capture_default_str();
  app.add_option("--threads", threads, "Generator threads (0: all cores)");
  app.add_option("--queries", queries, "Write N queries per class drawn from --corpus to --out");
  app.add_option("--corpus", corpus, "Corpus directory to draw queries from");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto t0 = std::chrono::steady_clock::now();
    auto seconds = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    if (queries > 0) {
      if (corpus.empty() || out.empty())
        throw std::runtime_error("--queries needs --corpus and --out");
      const size_t n =
          write_queries({.corpus = corpus, .out = out, .seed = seed, .per_class = queries});
      fmt::print(stderr, "newsdex-gen: {} queries -> {} ({:.1f} s)\n", n, out, seconds());
      return 0;
    }
    if (!save_model.empty()) {
      if (fit.empty()) throw std::runtime_error("--save-model needs --fit DIR");
      Model::fit(fit, {}).save(save_model);
      fmt::print(stderr, "newsdex-gen: model from {} -> {} ({:.1f} s)\n", fit, save_model,
                 seconds());
      return 0;
    }
    if (out.empty()) throw std::runtime_error("--out DIR is required");
    const Model model = fit.empty() ? Model::load(model_dir) : Model::fit(fit, {});
    const std::string digest = fit.empty() ? model_digest(model_dir) : "fit:" + fit;
    const auto stats = write_corpus(model,
                                    {.size_bytes = parse_size(size),
                                     .file_bytes = parse_size(file_size),
                                     .seed = seed,
                                     .out = out,
                                     .threads = threads,
                                     .noise_rate = noise},
                                    digest);
    fmt::print(stderr,
               "newsdex-gen: {} docs, {} files, {:.1f} MB ({:.1f} MB text), {:.2f}% noisy words -> "
               "{} ({:.1f} s)\n",
               stats.docs, stats.files, static_cast<double>(stats.bytes) / 1e6,
               static_cast<double>(stats.text_bytes) / 1e6,
               100.0 * static_cast<double>(stats.noisy_words) /
                   static_cast<double>(std::max<uint64_t>(1, stats.words)),
               out, seconds());
  } catch (const std::exception& e) {
    fmt::print(stderr, "newsdex-gen: {}\n", e.what());
    return 1;
  }
  return 0;
}
