// Readers turn files into Transcripts. Each is a streaming parser: it hands every good record to
// the sink as soon as it is complete, reports every bad record as a diagnostic naming the place
// (path, line, column, what was expected), skips it, and carries on. A bad record never causes a
// good one to be dropped.
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/core/error.hpp"
#include "newsdex/doc/transcript.hpp"

namespace newsdex::doc {

enum class Format { kAuto, kPage, kJsonl, kVtt, kSrt, kCable, kPlain };
std::string_view format_name(Format format);
std::optional<Format> format_from_name(std::string_view name);  // "page", "jsonl", ... "auto"

struct Diagnostic {
  enum class Severity { kNote, kError };
  Severity severity = Severity::kError;
  core::Error error;  // error.where names the file and line
};

class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  virtual void document(Transcript&& transcript) = 0;
  // Errors (a skipped record) and notes (e.g. "header date 2018-03-12 read as 2018-12-03").
  virtual void diagnostic(Diagnostic&& diagnostic) = 0;
};

struct ReadContext {
  std::string path{};     // for diagnostics and `origin`
  Transcript defaults{};  // metadata from flags; fields a record lacks come from here
  // Metadata from a sidecar `<file>.meta.json`: the user's explicit word about this file, so its
  // non-empty fields win over what the record itself says (e.g. a cable preamble's show line).
  Transcript overrides{};
};

class Reader {
 public:
  virtual ~Reader() = default;
  virtual Format format() const = 0;
  virtual void read(std::istream& in, const ReadContext& context, DocumentSink& sink) = 0;
};

std::unique_ptr<Reader> make_reader(Format format);

// Guesses the format from the file name and its first bytes. Never returns kAuto.
Format detect_format(std::string_view path, std::string_view head);

struct ReadOptions {
  Format format = Format::kAuto;
  Transcript defaults;  // e.g. --source/--show/--date flags
};

struct ReadSummary {
  size_t documents = 0;
  size_t errors = 0;
  size_t notes = 0;
};

// Reads one file: detects its format (unless forced), loads a sidecar `<file>.meta.json` when
// present (its fields override `defaults`), and streams records into `sink`. Fails only when
// the file cannot be opened; bad records are diagnostics.
core::Result<ReadSummary> read_path(const std::filesystem::path& path, const ReadOptions& options,
                                    DocumentSink& sink);

}  // namespace newsdex::doc
