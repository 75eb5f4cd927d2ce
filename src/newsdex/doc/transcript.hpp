// The document model: one broadcast transcript with its metadata and the structure readers find
// in it. Offsets are byte offsets into `body` (UTF-8), half-open [start, end).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::doc {

enum class Role { kUnknown, kAnchor, kReporter, kSoundbite, kHost, kGuest, kModerator };
std::string_view role_name(Role role);
Role role_from_name(std::string_view name);  // unknown names map to kUnknown

// A stretch of the body spoken by one speaker. Readers that see explicit labels (`HOST:`,
// `<v Name>`, `>>`) fill these; later stages (understand/) may refine them.
struct Turn {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string speaker;  // as labelled ("JAKE TAPPER", "Cecilia Vega"); empty when unknown
  std::string label;    // the raw cue that opened the turn ("TAPPER:", "Reporter:", ">>")
  Role role = Role::kUnknown;
  std::optional<int64_t> time_ms;  // offset into the broadcast when the source gives one
  double confidence = 0.0;         // understand/: how sure the speaker and role are, 0..1
  std::string evidence;            // understand/: the cue that named the speaker or set the role
};

// A direct quotation ("quoted", between quotation marks) or a spoken soundbite, with the person
// (or organisation) it is attributed to; empty speaker when the text does not say.
struct Quote {
  enum class Kind { kQuoted, kSoundbite };
  uint32_t start = 0;  // the quoted words, without the quotation marks
  uint32_t end = 0;
  std::string text;
  std::string speaker;
  std::string medium;  // "Twitter", "statement", "The Washington Post"; empty when not stated
  Kind kind = Kind::kQuoted;
  double confidence = 0.0;
  std::string evidence;
};
std::string_view quote_kind_name(Quote::Kind kind);

// A person, organisation or place named in the body: canonical name, the other forms seen, and
// every mention.
struct Entity {
  enum class Type { kPerson, kOrganization, kPlace };
  struct Span {
    uint32_t start = 0;
    uint32_t end = 0;
  };
  std::string name;
  Type type = Type::kPerson;
  std::vector<std::string> aliases;  // surface forms other than `name`, as first seen
  std::vector<Span> mentions;        // sorted by start
};
std::string_view entity_type_name(Entity::Type type);
std::optional<Entity::Type> entity_type_from_name(std::string_view name);

// A caption cue: the body range [start, end) was shown from start_ms to end_ms.
struct Cue {
  uint32_t start = 0;
  uint32_t end = 0;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
};

// Text that is in the body but is not spoken words: speaker labels, stage directions
// ("(BEGIN VIDEO CLIP)", "[14:00:28]"). Kept for display, skipped by indexing.
struct Markup {
  enum class Kind { kSpeakerLabel, kDirection, kTimestamp };
  uint32_t start = 0;
  uint32_t end = 0;
  Kind kind = Kind::kDirection;
};
std::string_view markup_kind_name(Markup::Kind kind);

struct Transcript {
  std::string id;      // stable; see assign_id()
  std::string source;  // network or publisher ("ABC", "CNN", "Miller Center")
  std::string show;    // programme ("WNT", "The Lead")
  std::string date;    // ISO 8601 YYYY-MM-DD (UTC); may be empty when unknown
  std::string time;    // HH:MM[:SS] UTC when known, else empty
  std::string title;
  std::string url;
  std::string language = "en";
  std::string body;  // the transcript text, clutter removed
  std::vector<Turn> turns;
  std::vector<Cue> cues;
  std::vector<Markup> markup;               // sorted by start, non-overlapping
  std::map<std::string, std::string> meta;  // other `Key: value` metadata the source gave
  std::string origin;         // "path:line" of the record it was read from (not stored in the id)
  std::vector<Quote> quotes;  // understand/: sorted by start
  std::vector<Entity> entities;  // understand/: in order of first mention
  std::string clean_text;        // understand/: caption-repaired reading of `body` (may be empty)
};

// The stable id: 16 hex digits of a hash over source, date, title and body. An id given by the
// source (JSONL `id`) is kept as is.
std::string compute_id(const Transcript& t);
inline void assign_id(Transcript& t) {
  if (t.id.empty()) t.id = compute_id(t);
}

}  // namespace newsdex::doc
