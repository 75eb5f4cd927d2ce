// newsdex-corrupt: garbles transcripts the way live captions do (src/newsdex/noise), for tests and
// benchmarks of error-tolerant search.
//
//   newsdex-corrupt [--rate 0.10] [--seed 1] [--mix kind=share,...] --out OUT.jsonl
//                   [--changes CHANGES.jsonl] [--clean-out CLEAN.jsonl] INPUT...
//
// Reads every input the way `newsdex ingest` does (any supported format, directories
// recursively) and writes one JSONL record per document with the document's clean id (so the
// corrupted copy keeps the id `newsdex ingest` gives the clean one), its metadata, its turns
// (offsets moved to the corrupted body) and the corrupted body. Markup (speaker labels, stage
// directions, time stamps) is never corrupted. --changes writes, per document, every change
// (kind, clean and noisy byte spans, texts); --clean-out writes the clean records in the same
// shape, for comparisons. Each document's errors depend only on the seed and its id.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <array>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "newsdex/core/hash.hpp"
#include "newsdex/doc/reader.hpp"
#include "newsdex/index/writer/ingest.hpp"
#include "newsdex/noise/caption_noise.hpp"

namespace {

using nlohmann::json;
namespace noise = newsdex::noise;
namespace doc = newsdex::doc;

json record(const doc::Transcript& t, const std::string& body, const noise::Corrupted* moved) {
  json r = {{"id", t.id}, {"body", body}};
  for (const auto& [key, value] : {std::pair{"source", &t.source},
                                   {"show", &t.show},
                                   {"date", &t.date},
                                   {"time", &t.time},
                                   {"title", &t.title},
                                   {"url", &t.url},
                                   {"language", &t.language}})
    if (!value->empty()) r[key] = *value;
  if (!t.meta.empty()) r["meta"] = t.meta;
  if (!t.turns.empty()) {
    json turns = json::array();
    for (const doc::Turn& turn : t.turns) {
      json j = {{"start", moved ? moved->map_offset(turn.start) : turn.start},
                {"end", moved ? moved->map_offset(turn.end) : turn.end},
                {"role", doc::role_name(turn.role)}};
      if (!turn.speaker.empty()) j["speaker"] = turn.speaker;
      if (!turn.label.empty()) j["label"] = turn.label;
      if (turn.time_ms) j["time_ms"] = *turn.time_ms;
      turns.push_back(std::move(j));
    }
    r["turns"] = std::move(turns);
  }
  return r;
}

class Corruptor : public doc::DocumentSink {
 public:
  Corruptor(const noise::CaptionNoise& model, std::ostream& out, std::ostream* changes,
            std::ostream* clean)
      : m_model(model), m_out(out), m_changes(changes), m_clean(clean) {}

  void document(doc::Transcript&& t) override {
    doc::assign_id(t);
    std::vector<noise::ProtectedRange> protect;
    for (const auto& m : t.markup) protect.push_back({m.start, m.end});
    const noise::Corrupted c = m_model.corrupt(t.body, newsdex::core::hash64(t.id), protect);
    m_out << record(t, c.text, &c).dump() << '\n';
    if (m_clean) *m_clean << record(t, t.body, nullptr).dump() << '\n';
    if (m_changes) {
      json list = json::array();
      for (const noise::Change& ch : c.changes)
        list.push_back({{"kind", noise::kind_name(ch.kind)},
                        {"clean", {ch.clean_start, ch.clean_end}},
                        {"noisy", {ch.noisy_start, ch.noisy_end}},
                        {"word", ch.first_word},
                        {"words", ch.words},
                        {"from", ch.clean},
                        {"to", ch.noisy}});
      *m_changes << json{{"id", t.id},
                         {"words", c.words},
                         {"affected_words", c.affected_words},
                         {"changes", std::move(list)}}
                        .dump()
                 << '\n';
    }
    ++documents;
    words += c.words;
    affected += c.affected_words;
    for (const auto& ch : c.changes) ++per_kind[static_cast<size_t>(ch.kind)];
  }
  void diagnostic(doc::Diagnostic&& d) override {
    if (d.severity == doc::Diagnostic::Severity::kError) {
      ++errors;
      std::cerr << "error: " << d.error.to_string() << "\n";
    }
  }

  uint64_t documents = 0, words = 0, affected = 0, errors = 0;
  std::array<uint64_t, noise::kErrorKinds> per_kind{};

 private:
  const noise::CaptionNoise& m_model;
  std::ostream& m_out;
  std::ostream* m_changes;
  std::ostream* m_clean;
};

// "sound_alike=0.3,junk=0" over the default mix.
bool parse_mix(const std::string& text, noise::ErrorMix& mix, std::string& error) {
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(',', at);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(at, end - at);
    const size_t eq = item.find('=');
    noise::ErrorKind kind;
    if (eq == std::string::npos || !noise::kind_from_name(item.substr(0, eq), kind)) {
      error = "bad --mix item '" + item +
              "'; expected KIND=SHARE with KIND one of sound_alike, "
              "sound_alike_split, sound_alike_merge, dropped_letters, run_together, split_word, "
              "dropped_word, stutter, false_start, junk";
      return false;
    }
    try {
      mix[kind] = std::stod(item.substr(eq + 1));
    } catch (const std::exception&) {
      error = "bad share in --mix item '" + item + "'";
      return false;
    }
    at = end + 1;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"newsdex-corrupt: garble transcripts the way live captions do"};
  noise::NoiseOptions options;
  std::string mix, out_path, changes_path, clean_path, format = "auto";
  std::vector<std::string> inputs;
  app.add_option("--rate", options.rate, "Share of words an error touches (0..0.5)")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  app.add_option("--mix", mix, "Error shares over the default mix, e.g. junk=0,stutter=0.2");
  app.add_option("--name-weight", options.name_weight,
                 "How much more often capitalised words inside a sentence are hit")
      ->capture_default_str();
  app.add_option("--format", format, "Input format (auto, page, jsonl, vtt, srt, cable, plain)")
      ->capture_default_str();
  app.add_option("--out", out_path, "Corrupted JSONL ('-' for stdout)")->required();
  app.add_option("--changes", changes_path, "JSONL of every change, one line per document");
  app.add_option("--clean-out", clean_path, "The clean documents as JSONL with the same ids");
  app.add_option("inputs", inputs, "Transcript files or directories")->required();
  CLI11_PARSE(app, argc, argv);

  std::string error;
  if (!mix.empty() && !parse_mix(mix, options.mix, error)) {
    std::cerr << "newsdex-corrupt: " << error << "\n";
    return 2;
  }
  auto model = noise::CaptionNoise::create(options);
  if (!model) {
    std::cerr << "newsdex-corrupt: " << model.error().to_string() << "\n";
    return 2;
  }
  auto read_format = doc::format_from_name(format);
  if (!read_format) {
    std::cerr << "newsdex-corrupt: unknown --format '" << format << "'\n";
    return 2;
  }
  std::ofstream out_file, changes_file, clean_file;
  if (out_path != "-") out_file.open(out_path);
  if (!changes_path.empty()) changes_file.open(changes_path);
  if (!clean_path.empty()) clean_file.open(clean_path);
  std::ostream& out = out_path == "-" ? std::cout : out_file;
  if (!out || (!changes_path.empty() && !changes_file) || (!clean_path.empty() && !clean_file)) {
    std::cerr << "newsdex-corrupt: cannot write the output files\n";
    return 1;
  }
  Corruptor sink(*model, out, changes_path.empty() ? nullptr : &changes_file,
                 clean_path.empty() ? nullptr : &clean_file);
  std::vector<std::filesystem::path> paths(inputs.begin(), inputs.end());
  const auto files = newsdex::index::expand_inputs(paths);
  if (files.empty()) {
    std::cerr << "newsdex-corrupt: no input files\n";
    return 2;
  }
  for (const auto& file : files) {
    auto read = doc::read_path(file, {.format = *read_format, .defaults = {}}, sink);
    if (!read) {
      std::cerr << "error: " << read.error().to_string() << "\n";
      ++sink.errors;
    }
  }
  out.flush();
  std::string kinds;
  for (size_t k = 0; k < noise::kErrorKinds; ++k)
    kinds += fmt::format("{}{}={}", kinds.empty() ? "" : " ",
                         noise::kind_name(static_cast<noise::ErrorKind>(k)), sink.per_kind[k]);
  fmt::print(stderr, "newsdex-corrupt: {} documents, {} words, {} affected ({:.2f}%); {}\n",
             sink.documents, sink.words, sink.affected,
             100.0 * static_cast<double>(sink.affected) /
                 static_cast<double>(std::max<uint64_t>(1, sink.words)),
             kinds);
  return sink.errors > 0 ? 3 : 0;
}
