#include "newsdex/doc/readers/srt_reader.hpp"

#include "newsdex/doc/readers/caption_builder.hpp"
#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

void SrtReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  CaptionBuilder builder;
  size_t cues = 0;
  for_each_block(in, [&](const CaptionBlock& block) {
    const std::vector<std::string>& lines = block.lines;
    size_t timing_index = 0;
    if (parse_number(trim(lines[0]))) {
      timing_index = 1;
    } else if (lines[0].find("-->") == std::string::npos) {
      sink.diagnostic(parse_error(context, block.line, 1, "expected a cue number"));
      return;
    }
    const uint32_t timing_line = block.line + to_u32(timing_index);
    uint32_t column = 1;
    auto timing =
        timing_index < lines.size() ? parse_cue_timing(lines[timing_index], &column) : std::nullopt;
    if (!timing) {
      sink.diagnostic(parse_error(context, timing_line, column,
                                  "expected a cue timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm'"));
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
