// Reader for SubRip (SRT) caption files: one file is one transcript; each cue becomes a Cue.
#pragma once

#include "newsdex/doc/reader.hpp"

namespace newsdex::doc::readers {

// Blocks of: cue number, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, text lines. A missing cue number is
// tolerated; a block whose first line is neither a number nor a timing line, or whose timing is
// bad, is reported and skipped.
class SrtReader final : public Reader {
 public:
  Format format() const override { return Format::kSrt; }
  void read(std::istream& in, const ReadContext& context, DocumentSink& sink) override;
};

}  // namespace newsdex::doc::readers
