// Reader for labelled-speaker transcripts (cable and public-radio transcript pages, transcription
// services): one file is one transcript.
#pragma once

#include "newsdex/doc/reader.hpp"

namespace newsdex::doc::readers {

// A preamble (network and show lines, `Aired March 21, 2018 - 17:00 ET` converted to UTC, the
// rush-transcript notice, `Show:`/`Network:`/`Title:`/`Date:` keys) is taken out of the body.
// The rest is the body; line-initial speaker labels become turns (surnames resolved to the full
// name given earlier) and, like stage directions and `[14:00:28]` times, stay in the body as
// markup.
class CableReader final : public Reader {
 public:
  Format format() const override { return Format::kCable; }
  void read(std::istream& in, const ReadContext& context, DocumentSink& sink) override;
};

struct AiredLine {
  std::string date;   // UTC
  std::string time;   // UTC
  std::string local;  // "2018-03-21 17:00 ET"
};

// "Aired March 21, 2018 - 17:00   ET"; nullopt when the line does not have that shape.
std::optional<AiredLine> parse_aired_line(std::string_view line);

}  // namespace newsdex::doc::readers
