// Builds one transcript from caption cues (WebVTT, SRT): markup stripped, entities decoded,
// speaker changes (`<v Name>`, `>>`, a leading `- `) turned into turns, each cue into a Cue.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/doc/readers/common.hpp"
#include "newsdex/doc/transcript.hpp"

namespace newsdex::doc::readers {

// "HH:MM:SS.mmm" or "MM:SS.mmm" (',' accepted for '.') to milliseconds.
std::optional<int64_t> parse_caption_time(std::string_view text);

// A run of non-blank lines; `line` is the 1-based number of the first.
struct CaptionBlock {
  uint32_t line = 0;
  std::vector<std::string> lines;
};
void for_each_block(std::istream& in, const std::function<void(const CaptionBlock&)>& on_block);

struct CueTiming {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
};

// Parses `start --> end [settings]`. On failure returns the 1-based column of the part that is
// wrong in `*error_column`.
std::optional<CueTiming> parse_cue_timing(std::string_view line, uint32_t* error_column);

// Cue text joins the body with a space within a turn and with "\n" where a turn starts.
class CaptionBuilder {
 public:
  void add_cue(const CueTiming& timing, const std::vector<std::string>& lines);
  // The cue of a block whose timing line is `block.lines[timing_index]` (the text follows it); a
  // diagnostic at that line and the column that is wrong, with `expected`, when it does not parse.
  void add_block(const CaptionBlock& block, size_t timing_index, std::string_view expected,
                 const ReadContext& context, DocumentSink& sink);
  // Emits the transcript of the cues added; "expected at least one caption cue" when no block had
  // a timing line that parsed (cues without text make no transcript and no diagnostic).
  void finish(const ReadContext& context, DocumentSink& sink);
  bool empty() const { return m_transcript.body.empty(); }
  Transcript& transcript() { return m_transcript; }
  Transcript take();

 private:
  void start_turn(std::string speaker, std::string label, int64_t time_ms);
  void append_text(std::string_view text);

  Transcript m_transcript = blank_transcript();
  size_t m_cues = 0;
  bool m_turn_pending = false;  // the next text opens the turn most recently started
};

}  // namespace newsdex::doc::readers
