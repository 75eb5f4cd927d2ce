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
  for_each_block(in, [&](const CaptionBlock& block) {
    const std::vector<std::string>& lines = block.lines;
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
    builder.add_block(block, timing_index, kTimingExpected, context, sink);
  });
  builder.finish(context, sink);
}

}  // namespace newsdex::doc::readers
