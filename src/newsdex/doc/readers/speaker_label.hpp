// Line-initial speaker labels of broadcast transcripts (`JAKE TAPPER, CNN ANCHOR:`, `TAPPER:`,
// `UNIDENTIFIED MALE:`, `host:`, `Speaker 1: (00:00)`), their roles, and stage directions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/doc/transcript.hpp"

namespace newsdex::doc::readers {

struct SpeakerLabel {
  size_t length = 0;  // bytes from the start of the line through ':' (and a "(MM:SS)" after it)
  std::string name;   // "JAKE TAPPER", "TAPPER", "Speaker 1"; empty for `host:`
  std::string role;   // "CNN ANCHOR", "HOST" (also for a bare `HOST:`); may be empty
  std::optional<int64_t> time_ms;
};

// Recognises a label at the start of `line` (already left-trimmed). Ordinary sentences with a
// colon ("He said: no") are not labels: a label is upper case (parenthesised notes such as
// "(voice-over)" aside), one of the lower-case forms host:, guest:, Speaker N:, or a capitalised
// name followed by a "(MM:SS)" time.
std::optional<SpeakerLabel> match_speaker_label(std::string_view line);

// Resolves labels to speakers and roles: a surname label (`TAPPER:`) maps back to the full name
// seen earlier (`JAKE TAPPER, CNN ANCHOR:`) and inherits its role.
class SpeakerResolver {
 public:
  struct Speaker {
    std::string name;
    Role role = Role::kUnknown;
  };
  Speaker resolve(const SpeakerLabel& label);

 private:
  std::map<std::string, Speaker> m_by_surname;  // upper-cased last word of a full name
};

Role role_from_title(std::string_view role);  // "CNN ANCHOR" -> kAnchor, "HOST" -> kHost, ...

// Appends kDirection markup for `(BEGIN VIDEO CLIP)`-style upper-case parentheses and brackets,
// and kTimestamp for `[14:00:28]`, in body[from, to).
void find_directions(std::string_view body, size_t from, size_t to, std::vector<Markup>& out);

}  // namespace newsdex::doc::readers
