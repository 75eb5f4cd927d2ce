// Fuzz targets as plain functions, shared by the libFuzzer binaries (fuzz/fuzz_main.cpp, built
// with NEWSDEX_FUZZ=ON) and the regression test that replays every saved crash and every seed
// through the ordinary build (tests/fuzz/). Each target feeds its bytes to one parser and then
// checks the invariants that parser promises; a broken invariant aborts (a finding), so a target
// returns normally only when the input was handled as documented.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace newsdex::fuzz {

using Target = void (*)(const uint8_t* data, size_t size);

struct NamedTarget {
  std::string_view name;  // also the corpus folder: fuzz/corpus/<name>/
  Target run;
};

// Every target: page, jsonl, vtt, srt, cable, plain, detect, query, segment, postings, store,
// manifest, deletes, phonetic.
std::span<const NamedTarget> targets();
// nullptr when no target has that name.
Target find_target(std::string_view name);

}  // namespace newsdex::fuzz
