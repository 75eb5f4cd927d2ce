// `newsdex ingest`: read transcript files into an index, committing atomically.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "newsdex/cli/common.hpp"
#include "newsdex/index/writer/ingest.hpp"

namespace newsdex::cli {
namespace {

struct IngestArgs {
  std::string index = "./idx";
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string analysis;  // "" = the index's own profile (full for a new index)
  std::string source, show, date, title, language;
  unsigned threads = 0;
  uint64_t flush_mb = 256;
  uint64_t commit_mb = 512;
  bool quiet = false;
  bool no_merge = false;
  bool progress = false;
};

int run(const IngestArgs& args) {
  index::IngestOptions options;
  auto format = doc::format_from_name(args.format);
  if (!format)
    return report(
        core::Error{core::ErrorCode::kUsage, "unknown --format '" + args.format + "'", {}});
  options.read.format = *format;
  options.read.defaults.source = args.source;
  options.read.defaults.show = args.show;
  options.read.defaults.date = args.date;
  options.read.defaults.title = args.title;
  if (!args.language.empty()) options.read.defaults.language = args.language;
  options.threads = args.threads;
  options.commit_bytes = args.commit_mb << 20;
  uint64_t shown_errors = 0;
  options.on_diagnostic = [&](const doc::Diagnostic& d) {
    const bool error = d.severity == doc::Diagnostic::Severity::kError;
    if (error && ++shown_errors > 100) return;  // the summary still counts them all
    if (args.quiet && !error) return;
    fmt::print(stderr, "{}: {}\n", error ? "error" : "note", d.error.to_string());
  };
  const bool show_progress = args.progress || (::isatty(2) && !args.quiet);
  double last_report = 0;
  options.on_progress = [&](const index::IngestProgress& p) {
    if (!show_progress || p.seconds - last_report < 1.0) return;
    last_report = p.seconds;
    fmt::print(stderr, "\r{} files, {} docs, {:.0f} docs/s, {:.1f} MB/s   ", p.files, p.documents,
               static_cast<double>(p.documents) / p.seconds,
               static_cast<double>(p.bytes) / 1e6 / p.seconds);
  };

  std::optional<analysis::Profile> profile;
  if (!args.analysis.empty()) {
    profile = analysis::profile_from_name(args.analysis);
    if (!profile)
      return report(
          core::Error{core::ErrorCode::kUsage,
                      "unknown --analysis '" + args.analysis + "' (expected full or plain)",
                      {}});
  }

  std::vector<std::filesystem::path> inputs(args.inputs.begin(), args.inputs.end());
  auto files = index::expand_inputs(inputs);
  if (files.empty()) return report(core::Error{core::ErrorCode::kUsage, "no input files", {}});
  // A flush encodes its postings on as many threads as analysis uses (they are idle meanwhile).
  const unsigned threads =
      args.threads ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  auto writer = index::IndexWriter::open(args.index, {.flush_bytes = args.flush_mb << 20,
                                                      .background_merges = !args.no_merge,
                                                      .analysis = profile,
                                                      .flush_threads = threads});
  if (!writer) return report(writer.error());
  auto result = index::ingest_files(**writer, files, options);
  if (show_progress && last_report > 0) fmt::print(stderr, "\n");
  if (!result) return report(result.error());
  const auto& r = *result;
  const double secs = std::max(r.seconds, 1e-9);
  fmt::print(stderr,
             "ingested {} documents from {} files in {:.2f} s ({:.0f} docs/s, {:.1f} MB/s): "
             "{} added, {} duplicates, {} replaced; {} errors, {} notes\n"
             "index {}: generation {}, {} documents, {} segments ({} merges), analysis {}\n",
             r.documents, r.files, r.seconds, static_cast<double>(r.documents) / secs,
             static_cast<double>(r.bytes) / 1e6 / secs, r.added, r.duplicates, r.replaced, r.errors,
             r.notes, args.index, r.generation, r.live_documents, r.segments, r.merges,
             analysis::profile_name((*writer)->analysis()));
  return r.errors > 0 ? kExitData : kExitOk;
}

}  // namespace

Command add_ingest(CLI::App& app) {
  auto args = std::make_shared<IngestArgs>();
  auto* sub = app.add_subcommand(
      "ingest",
      "Read transcript files (page, JSONL, WebVTT, SRT, cable, plain text) into an index");
  sub->add_option("--index,-i", args->index, "Index directory (created when missing)")
      ->capture_default_str();
  sub->add_option("inputs", args->inputs, "Files or directories to read")->required();
  sub->add_option("--format", args->format, "auto | page | jsonl | vtt | srt | cable | plain")
      ->capture_default_str();
  sub->add_option("--source", args->source, "Source/network for records that lack one");
  sub->add_option("--show", args->show, "Show for records that lack one");
  sub->add_option("--date", args->date, "Date (YYYY-MM-DD) for records that lack one");
  sub->add_option("--title", args->title, "Title for records that lack one");
  sub->add_option("--language", args->language, "Language for records that lack one");
  sub->add_option("--analysis", args->analysis,
                  "Analysis profile of a new index: full (stemmed, understanding fields, sound "
                  "keys; the default) or plain (lower-case words, no stemming, body and title "
                  "only). An existing index keeps its own; a different one is an error");
  sub->add_option("--threads", args->threads, "Analysis threads (0: all cores)")
      ->capture_default_str();
  sub->add_option("--flush-mb", args->flush_mb, "In-memory segment size before a flush")
      ->capture_default_str();
  sub->add_option("--commit-mb", args->commit_mb, "Commit after this much input")
      ->capture_default_str();
  sub->add_flag("--no-merge", args->no_merge, "Do not merge segments in the background");
  sub->add_flag("--quiet,-q", args->quiet, "Only errors and the summary");
  sub->add_flag("--progress", args->progress, "Progress line even when stderr is not a terminal");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
