// Reader for web-page transcripts: records opened by `date YYYY-MM-DD Transcript for TITLE`,
// with page clutter stripped and `Reporter:` cues turned into turns.
#pragma once

#include "newsdex/doc/reader.hpp"

namespace newsdex::doc::readers {

// Several records per file. Each header starts a record that runs to the next header. Removed
// from the body: `{{...}}` placeholders, a "Video Transcript" heading, the "transcript has been
// automatically generated" disclaimer and the `m:ss | MM/DD/YY` line. That line's date is used to
// repair a header date whose month and day are swapped (reported as a note).
class PageReader final : public Reader {
 public:
  Format format() const override { return Format::kPage; }
  void read(std::istream& in, const ReadContext& context, DocumentSink& sink) override;
};

struct PageHeader {
  uint32_t date_column = 0;  // 1-based column of the date token
  std::string date_text;
  std::string title;
};

// Recognises a header line (leading blanks allowed) without validating its date.
std::optional<PageHeader> match_page_header(std::string_view line);

}  // namespace newsdex::doc::readers
