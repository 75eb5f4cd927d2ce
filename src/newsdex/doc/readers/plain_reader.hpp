// Reader for archive plain text (one speech or press conference per file, as in the
// presidential-speeches corpus): metadata from the file name and leading `Key: value` lines.
#pragma once

#include "newsdex/doc/reader.hpp"

namespace newsdex::doc::readers {

// File name `YYYY-MM-DD-slug[.txt]` gives the date and a title ("Final Press Conference"),
// leading `Key: value` lines give metadata (`Title:`, `Date:`, `Source:`, `Show:`, `Url:`,
// `Language:`; others go to meta under the lower-cased key). The rest of the file is the body;
// line-initial dialogue labels (`THE PRESIDENT.`, `Q:`, `MR. RATHER.`, `Mr. Lehrer.`) become
// turns and speaker-label markup.
class PlainReader final : public Reader {
 public:
  Format format() const override { return Format::kPlain; }
  void read(std::istream& in, const ReadContext& context, DocumentSink& sink) override;
};

struct PlainLabel {
  size_t length = 0;  // through the closing '.' or ':'
  std::string name;   // as written, without the terminator ("THE PRESIDENT", "Q", "Mr. Lehrer")
};

std::optional<PlainLabel> match_plain_label(std::string_view line);

// "final-press-conference" -> "Final Press Conference" (short function words stay lower case).
std::string title_from_slug(std::string_view slug);

}  // namespace newsdex::doc::readers
