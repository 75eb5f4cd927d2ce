#include "newsdex/doc/reader.hpp"

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>

#include "newsdex/core/date.hpp"
#include "newsdex/core/file_io.hpp"
#include "newsdex/doc/readers/cable_reader.hpp"
#include "newsdex/doc/readers/common.hpp"
#include "newsdex/doc/readers/jsonl_reader.hpp"
#include "newsdex/doc/readers/page_reader.hpp"
#include "newsdex/doc/readers/plain_reader.hpp"
#include "newsdex/doc/readers/speaker_label.hpp"
#include "newsdex/doc/readers/srt_reader.hpp"
#include "newsdex/doc/readers/vtt_reader.hpp"

namespace newsdex::doc {

using namespace readers;

namespace {
constexpr std::array<std::pair<Format, std::string_view>, 7> kFormatNames = {{
    {Format::kAuto, "auto"},
    {Format::kPage, "page"},
    {Format::kJsonl, "jsonl"},
    {Format::kVtt, "vtt"},
    {Format::kSrt, "srt"},
    {Format::kCable, "cable"},
    {Format::kPlain, "plain"},
}};
}  // namespace

std::string_view format_name(Format format) {
  for (const auto& [f, name] : kFormatNames)
    if (f == format) return name;
  return "auto";
}

std::optional<Format> format_from_name(std::string_view name) {
  for (const auto& [f, n] : kFormatNames)
    if (n == name) return f;
  return std::nullopt;
}

std::unique_ptr<Reader> make_reader(Format format) {
  switch (format) {
    case Format::kPage:
      return std::make_unique<PageReader>();
    case Format::kJsonl:
      return std::make_unique<JsonlReader>();
    case Format::kVtt:
      return std::make_unique<VttReader>();
    case Format::kSrt:
      return std::make_unique<SrtReader>();
    case Format::kCable:
      return std::make_unique<CableReader>();
    case Format::kPlain:
      return std::make_unique<PlainReader>();
    case Format::kAuto:
      break;
  }
  return nullptr;
}

namespace {

std::vector<std::string_view> head_lines(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < head.size()) {
    size_t end = head.find('\n', pos);
    if (end == std::string_view::npos) end = head.size();  // possibly cut short; still a line
    lines.push_back(trim(head.substr(pos, end - pos)));
    pos = end + 1;
  }
  return lines;
}

bool has_date_prefix(std::string_view path) {
  const std::string name = std::filesystem::path(path).filename().string();
  return name.size() >= 10 && core::parse_iso_date(std::string_view(name).substr(0, 10));
}

// Cable signals: an "Aired" line, the rush-transcript notice, `NAME, ROLE:` labels, timed
// `Speaker N: (00:00)` labels, or several upper-case `NAME:` labels.
// The archive shape: a dated file name whose first line is a `Key: value` line other than the
// cable preamble keys ("President: Lyndon B. Johnson").
bool looks_like_archive(std::string_view path, std::string_view first_line) {
  if (!has_date_prefix(path)) return false;
  const size_t colon = first_line.find(": ");
  if (colon == std::string_view::npos || colon < 2 || colon > 30 || !is_upper(first_line[0]))
    return false;
  for (char c : first_line.substr(1, colon - 1))
    if (!is_lower(c) && c != ' ') return false;
  const std::string key = to_lower(first_line.substr(0, colon));
  return key != "show" && key != "network" && key != "source" && key != "title" && key != "date";
}

bool has_strong_cable_signal(const std::vector<std::string_view>& lines) {
  for (std::string_view line : lines)
    if (contains_ci(line, "RUSH TRANSCRIPT") || parse_aired_line(line)) return true;
  return false;
}

bool looks_like_cable(std::string_view path, const std::vector<std::string_view>& lines) {
  int upper_labels = 0;
  for (std::string_view line : lines) {
    auto label = match_speaker_label(line);
    if (!label) continue;
    if (!label->role.empty() && !label->name.empty()) return true;
    if (label->time_ms) return true;
    if (line.find(':') < line.find(". ") || line.find(". ") == std::string_view::npos)
      ++upper_labels;
  }
  return upper_labels >= 3 && !has_date_prefix(path);
}

}  // namespace

Format detect_format(std::string_view path, std::string_view head) {
  const auto lines = head_lines(head);
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  if (first < lines.size()) {
    std::string_view line = lines[first];
    if (line.starts_with("WEBVTT")) return Format::kVtt;
    size_t next = first + 1;
    while (next < lines.size() && lines[next].empty()) ++next;
    const bool next_is_timing =
        next < lines.size() && lines[next].find("-->") != std::string_view::npos;
    if ((parse_number(line) && next_is_timing) || line.find("-->") != std::string_view::npos)
      return Format::kSrt;
    if (match_page_header(line)) return Format::kPage;
    if (line.starts_with('{')) return Format::kJsonl;
  }
  const std::string ext = to_lower(std::filesystem::path(path).extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonl;
  if (ext == ".vtt") return Format::kVtt;
  if (ext == ".srt") return Format::kSrt;
  if (has_strong_cable_signal(lines)) return Format::kCable;
  if (first < lines.size() && looks_like_archive(path, lines[first])) return Format::kPlain;
  if (looks_like_cable(path, lines)) return Format::kCable;
  return Format::kPlain;
}

namespace {

class CountingSink final : public DocumentSink {
 public:
  CountingSink(DocumentSink& inner, ReadSummary& summary) : m_inner(inner), m_summary(summary) {}
  void document(Transcript&& transcript) override {
    ++m_summary.documents;
    m_inner.document(std::move(transcript));
  }
  void diagnostic(Diagnostic&& diagnostic) override {
    ++(diagnostic.severity == Diagnostic::Severity::kError ? m_summary.errors : m_summary.notes);
    m_inner.diagnostic(std::move(diagnostic));
  }

 private:
  DocumentSink& m_inner;
  ReadSummary& m_summary;
};

// Applies a sidecar `<file>.meta.json` over `defaults`; every problem is one error diagnostic.
void apply_sidecar(const std::filesystem::path& sidecar, Transcript& defaults, DocumentSink& sink) {
  auto report = [&](std::string message) {
    sink.diagnostic(Diagnostic{Diagnostic::Severity::kError,
                               core::Error{core::ErrorCode::kParse, std::move(message),
                                           core::Location{sidecar.string(), 0, 0, 0}}});
  };
  auto text = core::read_file(sidecar);
  if (!text) return report("cannot read sidecar: " + text.error().message);
  const nlohmann::json object = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object())
    return report(
        "expected a JSON object with source, show, date, title, url, language; "
        "sidecar ignored");
  Transcript updated = defaults;
  using Field = std::pair<const char*, std::string*>;
  for (auto [key, field] :
       {Field{"source", &updated.source}, Field{"show", &updated.show},
        Field{"date", &updated.date}, Field{"time", &updated.time}, Field{"title", &updated.title},
        Field{"url", &updated.url}, Field{"language", &updated.language}}) {
    auto it = object.find(key);
    if (it == object.end()) continue;
    if (!it->is_string())
      return report(std::string("expected a string for \"") + key + "\"; sidecar ignored");
    *field = it->get<std::string>();
  }
  if (!updated.date.empty() && !core::parse_iso_date(updated.date))
    return report("expected \"date\" as YYYY-MM-DD; sidecar ignored");
  if (auto meta = object.find("meta"); meta != object.end() && meta->is_object())
    for (const auto& [key, value] : meta->items())
      if (value.is_string()) updated.meta[key] = value.get<std::string>();
  defaults = std::move(updated);
}

}  // namespace

core::Result<ReadSummary> read_path(const std::filesystem::path& path, const ReadOptions& options,
                                    DocumentSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::kIo, "cannot open file", {path.string(), 0, 0, 0});
  ReadSummary summary;
  CountingSink counting(sink, summary);
  ReadContext context{path.string(), options.defaults, {}};
  context.overrides.language.clear();
  std::filesystem::path sidecar = path;
  sidecar += ".meta.json";
  std::error_code ec;
  if (std::filesystem::is_regular_file(sidecar, ec))
    apply_sidecar(sidecar, context.overrides, counting);

  Format format = options.format;
  if (format == Format::kAuto) {
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    in.clear();
    in.seekg(0);
    format = detect_format(path.string(), head);
  }
  auto reader = make_reader(format);
  reader->read(in, context, counting);
  if (in.bad()) return core::fail(core::ErrorCode::kIo, "read failed", {path.string(), 0, 0, 0});
  return summary;
}

}  // namespace newsdex::doc
