#include "newsdex/doc/readers/srt_reader.hpp"

#include "newsdex/doc/readers/caption_builder.hpp"
#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

void SrtReader::read(std::istream& in, const ReadContext& context, DocumentSink& sink) {
  CaptionBuilder builder;
  for_each_block(in, [&](const CaptionBlock& block) {
    size_t timing_index = 0;
    if (parse_number(trim(block.lines[0]))) {
      timing_index = 1;
    } else if (block.lines[0].find("-->") == std::string::npos) {
      sink.diagnostic(parse_error(context, block.line, 1, "expected a cue number"));
      return;
    }
    builder.add_block(block, timing_index,
                      "expected a cue timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm'", context, sink);
  });
  builder.finish(context, sink);
}

}  // namespace newsdex::doc::readers
