// Test helpers for the readers: a sink that collects everything, and fixture paths.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/doc/reader.hpp"

namespace newsdex::doc::testing {

class CollectingSink final : public DocumentSink {
 public:
  void document(Transcript&& transcript) override { docs.push_back(std::move(transcript)); }
  void diagnostic(Diagnostic&& diagnostic) override {
    (diagnostic.severity == Diagnostic::Severity::kError ? errors : notes)
        .push_back(std::move(diagnostic));
  }
  std::vector<Transcript> docs;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> notes;
};

inline Transcript defaults(std::string source, std::string show = {}) {
  Transcript t;
  t.source = std::move(source);
  t.show = std::move(show);
  return t;
}

inline ReadOptions options(Format format, std::string source = {}) {
  ReadOptions o;
  o.format = format;
  o.defaults.source = std::move(source);
  return o;
}

inline std::string fixture(std::string_view name) {
  return std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/readers/" + std::string(name);
}

// Runs a reader over in-memory text.
inline CollectingSink read_text(Format format, const std::string& text,
                                const std::string& path = "mem.txt", Transcript defaults = {}) {
  CollectingSink sink;
  std::istringstream in(text);
  ReadContext context{path, std::move(defaults)};
  make_reader(format)->read(in, context, sink);
  return sink;
}

// Runs read_path over a fixture with automatic detection.
inline CollectingSink read_fixture(std::string_view name, Format format = Format::kAuto,
                                   Transcript defaults = {}) {
  CollectingSink sink;
  auto summary = read_path(fixture(name), ReadOptions{format, std::move(defaults)}, sink);
  if (!summary) sink.errors.push_back({Diagnostic::Severity::kError, summary.error()});
  return sink;
}

inline std::string_view slice(const Transcript& t, uint32_t start, uint32_t end) {
  return std::string_view(t.body).substr(start, end - start);
}

// Markup is sorted by start and no two entries overlap.
inline bool markup_well_formed(const Transcript& t) {
  for (size_t i = 0; i < t.markup.size(); ++i) {
    if (t.markup[i].start >= t.markup[i].end || t.markup[i].end > t.body.size()) return false;
    if (i > 0 && t.markup[i].start < t.markup[i - 1].end) return false;
  }
  return true;
}

}  // namespace newsdex::doc::testing
