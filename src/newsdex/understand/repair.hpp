// Caption repair: a cleaned reading of the text beside the original, never replacing it.
// Removes stutters and false starts ("victo victory" -> "victory"), doubled words ("the the",
// "We we"), and fillers ("uh,", "um,"); every kept byte maps back to its original offset.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::understand {

struct Repair {
  enum class Kind { kStutter, kDoubled, kFiller };
  uint32_t start = 0;  // original bytes removed, [start, end)
  uint32_t end = 0;
  Kind kind = Kind::kStutter;
};
std::string_view repair_kind_name(Repair::Kind kind);

// Maps offsets of the clean text back to the original: a list of runs copied unchanged.
class OffsetMap {
 public:
  struct Run {
    uint32_t clean = 0;     // first byte of the run in the clean text
    uint32_t original = 0;  // the same byte in the original
    uint32_t length = 0;
  };
  void add(uint32_t clean, uint32_t original, uint32_t length);
  // The original offset of clean byte `clean`; the end of the text maps to the original end.
  uint32_t to_original(uint32_t clean) const;
  std::span<const Run> runs() const { return m_runs; }
  uint32_t original_size = 0;

 private:
  std::vector<Run> m_runs;
};

struct CleanText {
  std::string text;
  OffsetMap map;
  std::vector<Repair> repairs;  // sorted by start
};

CleanText repair_text(std::string_view original);

}  // namespace newsdex::understand
