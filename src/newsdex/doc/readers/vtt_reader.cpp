#include "newsdex/doc/readers/vtt_reader.hpp"

#include "newsdex/doc/readers/caption_builder.hpp"
#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

namespace {

bool starts_keyword(std::string_view line, std::string_view keyword) {
  return line.starts_with(keyword) && (line.size() == keyword.size() ||
                                       line[keyword.size()] == ' ' || line[keyword.size()] == '\t');
}

constexpr std::string_view kTimingExpected =
    "expected a cue timing line '[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm'";

}  // namespace

void VttReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  CaptionBuilder builder;
  bool first = true;
  size_t cues = 0;
  for_each_block(in, [&](const CaptionBlock& block) {
    std::vector<std::string> lines = block.lines;
    if (first) {
      first = false;
      if (starts_keyword(lines[0], "WEBVTT")) {
        for (size_t i = 1; i < lines.size(); ++i)
          if (starts_with_ci(lines[i], "language:"))
            builder.transcript().language = std::string(trim(lines[i].substr(9)));
        return;
      }
      sink.diagnostic(parse_error(context, block.line, 1, "expected 'WEBVTT' on the first line"));
    }
    if (starts_keyword(lines[0], "NOTE") || starts_keyword(lines[0], "STYLE") ||
        starts_keyword(lines[0], "REGION"))
      return;
    const size_t timing_index = lines[0].find("-->") == std::string::npos ? 1 : 0;
    const uint32_t timing_line = block.line + to_u32(timing_index);
    if (timing_index >= lines.size()) {
      sink.diagnostic(parse_error(context, timing_line, 1, std::string(kTimingExpected)));
      return;
    }
    uint32_t column = 0;
    auto timing = parse_cue_timing(lines[timing_index], &column);
    if (!timing) {
      sink.diagnostic(parse_error(context, timing_line, column, std::string(kTimingExpected)));
      return;
    }
    ++cues;
    builder.add_cue(*timing,
                    {lines.begin() + static_cast<std::ptrdiff_t>(timing_index) + 1, lines.end()});
  });
  if (builder.empty()) {
    if (cues == 0) sink.diagnostic(parse_error(context, 1, 1, "expected at least one caption cue"));
    return;
  }
  emit(builder.take(), context, 1, sink);
}

}  // namespace newsdex::doc::readers
