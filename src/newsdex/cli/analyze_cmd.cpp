// `newsdex analyze FILE... [--json]` and `newsdex eval [--set dev|test|all] [DIR]`: speaker
// turns, quotes, entities and caption repair for transcript files, and their measured accuracy.
#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "newsdex/cli/common.hpp"
#include "newsdex/doc/reader.hpp"
#include "newsdex/understand/analysis_json.hpp"
#include "newsdex/understand/analyze.hpp"
#include "newsdex/understand/eval.hpp"

namespace newsdex::cli {
namespace {

class CollectSink final : public doc::DocumentSink {
 public:
  void document(doc::Transcript&& t) override { documents.push_back(std::move(t)); }
  void diagnostic(doc::Diagnostic&& d) override {
    if (d.severity == doc::Diagnostic::Severity::kError) ++errors;
    fmt::print(stderr, "{}: {}\n",
               d.severity == doc::Diagnostic::Severity::kError ? "error" : "note",
               d.error.to_string());
  }
  std::vector<doc::Transcript> documents;
  size_t errors = 0;
};

struct AnalyzeArgs {
  std::vector<std::string> files;
  std::string format = "auto";
  bool json = false;
};

int run_analyze(const AnalyzeArgs& args) {
  auto format = doc::format_from_name(args.format);
  if (!format)
    return report(
        core::Error{core::ErrorCode::kUsage, "unknown --format '" + args.format + "'", {}});
  const auto& gazetteer = understand::builtin_gazetteer();
  nlohmann::json documents = nlohmann::json::array();
  size_t errors = 0;
  for (const auto& file : args.files) {
    CollectSink sink;
    auto summary = doc::read_path(file, {.format = *format, .defaults = {}}, sink);
    if (!summary) return report(summary.error());
    errors += sink.errors;
    for (const auto& t : sink.documents) {
      auto analysis = understand::analyze(t, gazetteer);
      if (args.json)
        documents.push_back(understand::analysis_to_json(t, analysis));
      else
        fmt::print("{}\n", understand::analysis_to_text(t, analysis));
    }
  }
  if (args.json) std::cout << nlohmann::json{{"documents", documents}}.dump(2) << "\n";
  return errors > 0 ? kExitData : kExitOk;
}

struct EvalArgs {
  std::string set = "all";
  std::string dir = "tests/data/understand";
  bool verbose = false;
  bool json = false;
  std::string quote_matching = "one-to-one";
  std::vector<std::string> files;    // glob patterns on file names; empty: every file
  std::string attribution_features;  // write the attribution model's training examples here
  bool rules_only = false;           // attribute quotes by the rules alone (no model)
};

int run_eval(const EvalArgs& args) {
  // The parts to score, in this order: "all" is dev, test and train; a comma list names several.
  std::vector<std::string> sets;
  if (args.set == "all") {
    sets = {"dev", "test", "train"};
  } else {
    std::string_view rest = args.set;
    while (true) {
      const auto comma = rest.find(',');
      sets.emplace_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  for (const auto& s : sets)
    if (s != "dev" && s != "test" && s != "train")
      return report(core::Error{core::ErrorCode::kUsage,
                                "--set must be dev, test, train, all or a comma list of parts "
                                "(got '" +
                                    s + "')",
                                {}});
  if (args.quote_matching != "one-to-one" && args.quote_matching != "any")
    return report(
        core::Error{core::ErrorCode::kUsage, "--quote-matching must be one-to-one or any", {}});
  understand::EvalOptions options;
  if (args.quote_matching == "any") {
    options.quote_matching = understand::QuoteMatching::kAny;
    options.quotes_in_order = false;
  }
  if (!args.attribution_features.empty() &&
      std::find(sets.begin(), sets.end(), "test") != sets.end())
    return report(core::Error{core::ErrorCode::kUsage,
                              "--attribution-features needs --set dev, train or dev,train (never "
                              "the held-out test part)",
                              {}});
  std::ofstream features;
  if (!args.attribution_features.empty()) {
    features.open(args.attribution_features);
    if (!features)
      return report(
          core::Error{core::ErrorCode::kIo, "cannot write", {args.attribution_features, 0, 0, 0}});
  }
  size_t cases = 0;
  const understand::AttributionModel no_model;
  std::vector<understand::AttributionCase> trace;
  understand::AnalyzeHooks hooks;
  if (args.rules_only || features.is_open()) hooks.model = &no_model;
  if (features.is_open()) hooks.trace = &trace;
  const auto& gazetteer = understand::builtin_gazetteer();
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& set : sets) {
    const auto part = std::filesystem::path(args.dir) / set;
    if (args.set == "all" && set == "train" && !std::filesystem::exists(part))
      continue;  // an evaluation set of one's own may have no training-only part
    auto files = understand::find_eval_files(part);
    if (!args.files.empty())
      std::erase_if(files, [&](const auto& f) {
        const std::string name = f.transcript.filename().string();
        return std::none_of(args.files.begin(), args.files.end(), [&](const std::string& glob) {
          return fnmatch(glob.c_str(), name.c_str(), 0) == 0;
        });
      });
    if (files.empty() && !args.files.empty()) continue;  // no file of this part matches
    if (files.empty())
      return report(core::Error{
          core::ErrorCode::kUsage, "no annotated files under " + args.dir + "/" + set, {}});
    understand::EvalScores total;
    for (const auto& f : files) {
      CollectSink sink;
      auto summary = doc::read_path(f.transcript, {}, sink);
      if (!summary) return report(summary.error());
      if (sink.documents.size() != 1)
        return report(core::Error{
            core::ErrorCode::kParse, "expected one document", {f.transcript.string(), 0, 0, 0}});
      std::ifstream in(f.gold);
      auto gold = nlohmann::json::parse(in, nullptr, false);
      if (gold.is_discarded())
        return report(core::Error{core::ErrorCode::kParse, "bad JSON", {f.gold.string(), 0, 0, 0}});
      const auto& t = sink.documents.front();
      trace.clear();
      auto analysis = understand::analyze(t, gazetteer, hooks);
      if (features.is_open()) {
        auto lines = understand::attribution_examples(
            t, trace, gold, set + "/" + f.transcript.filename().string(), cases);
        if (!lines) return report(lines.error());
        for (const auto& l : *lines) features << l << "\n";
      }
      std::vector<std::string> errors;
      auto scores = understand::score_document(t, analysis, gold, &errors, options);
      if (!scores) return report(scores.error());
      total += *scores;
      if (args.verbose)
        for (const auto& e : errors)
          fmt::print("{}/{}: {}\n", set, f.transcript.filename().string(), e);
    }
    auto row = [](const understand::Score& s) {
      return nlohmann::json{{"precision", s.precision()},
                            {"recall", s.recall()},
                            {"f1", s.f1()},
                            {"predicted", s.predicted},
                            {"gold", s.gold}};
    };
    out[set] = {{"documents", files.size()},
                {"speakers", row(total.speakers)},
                {"quotes", row(total.quotes)},
                {"quote_spans", row(total.quote_spans)},
                {"entities", row(total.entities)}};
    if (args.json) continue;
    fmt::print("{} set: {} documents\n", set, files.size());
    fmt::print("  {:<28} {:>9} {:>7} {:>6} {:>10} {:>6}\n", "task", "precision", "recall", "F1",
               "predicted", "gold");
    auto line = [](std::string_view name, const understand::Score& s) {
      fmt::print("  {:<28} {:>9.3f} {:>7.3f} {:>6.3f} {:>10} {:>6}\n", name, s.precision(),
                 s.recall(), s.f1(), s.predicted, s.gold);
    };
    line("turn speaker naming", total.speakers);
    line("quotes (span + speaker)", total.quotes);
    line("quotes (span only)", total.quote_spans);
    line("entities (name + type)", total.entities);
  }
  if (out.empty())
    return report(core::Error{core::ErrorCode::kUsage, "no annotated file matches --files", {}});
  if (args.json) std::cout << out.dump(2) << "\n";
  return kExitOk;
}

}  // namespace

Command add_analyze(CLI::App& app) {
  auto args = std::make_shared<AnalyzeArgs>();
  auto* sub = app.add_subcommand(
      "analyze", "Speaker turns, quotes, entities and caption repair of transcript files");
  sub->add_option("files", args->files, "Transcript files")->required();
  sub->add_option("--format", args->format, "auto | page | jsonl | vtt | srt | cable | plain")
      ->capture_default_str();
  sub->add_flag("--json", args->json, "Print {\"documents\": [...]} as JSON");
  return {sub, [args] { return run_analyze(*args); }};
}

Command add_eval(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  auto* sub = app.add_subcommand(
      "eval", "Precision, recall and F1 of `analyze` on the annotated evaluation set");
  sub->add_option("dir", args->dir, "Directory with dev/, test/ and train/ annotated transcripts")
      ->capture_default_str();
  sub->add_option("--set", args->set,
                  "dev | test | train | all (all three), or a comma list such as dev,train")
      ->capture_default_str();
  sub->add_flag(
      "--verbose,-v", args->verbose,
      "List every mistake (false positives FP, false negatives FN) with offsets and text");
  sub->add_option("--quote-matching", args->quote_matching,
                  "one-to-one | any (the rule before 2026-11-27: many predictions may match one "
                  "annotation, quotes located at their first occurrence)")
      ->capture_default_str();
  sub->add_option("--files", args->files,
                  "Score only transcripts whose file name matches one of these globs "
                  "(e.g. 'abc-2019-*'); repeat the flag for several")
      ->allow_extra_args(false);
  sub->add_flag("--json", args->json, "Print the scores as JSON");
  sub->add_flag("--rules-only", args->rules_only,
                "Attribute quotes by the rules alone, without the learned attribution model");
  sub->add_option("--attribution-features", args->attribution_features,
                  "Write the attribution model's training examples (one line per candidate "
                  "speaker of each annotated quote, rules only) to this file; needs --set dev, "
                  "train or dev,train");
  return {sub, [args] { return run_eval(*args); }};
}

}  // namespace newsdex::cli
