// Reader for JSON Lines: one transcript object per line (field names in
// docs/format/input-formats.md).
#pragma once

#include "newsdex/doc/reader.hpp"

namespace newsdex::doc::readers {

// Blank lines are skipped. A line that is not a JSON object, lacks a string `body`, or has a
// field of the wrong type or a bad date is reported (column from the JSON parser, or of the
// offending field's key) and skipped. Unknown fields are ignored; `meta` is kept.
class JsonlReader final : public Reader {
 public:
  Format format() const override { return Format::kJsonl; }
  void read(std::istream& in, const ReadContext& context, DocumentSink& sink) override;
};

// The common case without a JSON DOM: a line holding one flat object whose values are all
// strings or null (no `meta`, `turns`, numbers or nesting), with valid UTF-8, no duplicate known
// key, a string `body` and valid `date`/`time`. Returns the record exactly as the general path
// (nlohmann::json) reads it, or nullopt for anything else — the reader then takes the general
// path, which also produces every diagnostic.
std::optional<Transcript> read_flat_record(std::string_view line);
// The general path alone (nullopt when the line is reported as an error); for tests.
std::optional<Transcript> read_record_general(std::string_view line);

struct UtcDateTime {
  std::string date;  // YYYY-MM-DD
  std::string time;  // empty when only a date was given
};

// "YYYY-MM-DD", or an ISO 8601 date-time "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM]" converted
// to UTC (no zone means UTC).
std::optional<UtcDateTime> parse_iso_datetime(std::string_view text);

}  // namespace newsdex::doc::readers
