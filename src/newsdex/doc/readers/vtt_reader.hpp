// Reader for WebVTT caption files: one file is one transcript; each cue becomes a Cue.
#pragma once

#include "newsdex/doc/reader.hpp"

namespace newsdex::doc::readers {

// Expects a "WEBVTT" first line (header lines such as "Language: en" are honoured), then cues
// with an optional identifier and a `[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm [settings]` line. NOTE,
// STYLE and REGION blocks are ignored. A cue with a bad timing line is reported and skipped.
class VttReader final : public Reader {
 public:
  Format format() const override { return Format::kVtt; }
  void read(std::istream& in, const ReadContext& context, DocumentSink& sink) override;
};

}  // namespace newsdex::doc::readers
