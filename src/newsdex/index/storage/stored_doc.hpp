// Transcript <-> JSON, used for stored documents (compressed in the segment) and by the API.
// Field names are the JSONL input names (docs/format/input-formats.md).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "newsdex/core/error.hpp"
#include "newsdex/doc/transcript.hpp"

namespace newsdex::index {

nlohmann::json transcript_to_json(const doc::Transcript& t);
core::Result<doc::Transcript> transcript_from_json(const nlohmann::json& j);

// The stored document's JSON: exactly transcript_to_json(t).dump() with invalid UTF-8 replaced by
// U+FFFD, written directly (no json tree) when every string is valid UTF-8.
std::string stored_doc_json(const doc::Transcript& t);
class StoreDictionary;  // storage/store_dict.hpp

// Compressed (zstd) serialisation of stored_doc_json for the document store: one frame, with the
// segment's dictionary when it has one (segment format 8).
std::string encode_stored_doc(const doc::Transcript& t, const StoreDictionary* dict = nullptr);
// `dict` must be the dictionary of the segment the frame comes from (null when it has none).
core::Result<doc::Transcript> decode_stored_doc(std::string_view bytes,
                                                const StoreDictionary* dict = nullptr);

}  // namespace newsdex::index
