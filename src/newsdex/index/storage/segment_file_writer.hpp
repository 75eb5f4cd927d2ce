// Streams one segment file to disk section by section, then writes the footer (section table,
// version, XXH3 checksum, magic) and fsyncs it. Used by flushes (SegmentBuilder) and merges
// (SegmentMerger), so neither has to hold a whole segment in memory. The file is created with
// O_EXCL: segments are written once and never modified. See docs/format/segment.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/index/storage/segment_format.hpp"

namespace newsdex::index {

struct WrittenSegment {
  uint64_t bytes = 0;     // file size
  uint64_t checksum = 0;  // the footer's XXH3 (what the manifest records)
};

class SegmentFileWriter {
 public:
  static core::Result<std::unique_ptr<SegmentFileWriter>> create(const std::filesystem::path& path);
  SegmentFileWriter(const SegmentFileWriter&) = delete;
  SegmentFileWriter& operator=(const SegmentFileWriter&) = delete;
  // Closes (without fsync) and removes the file when finish() was not reached.
  ~SegmentFileWriter();

  // Sections are contiguous: begin one, append its bytes, end it, begin the next.
  void begin_section(Section id);
  void append(std::string_view bytes);
  // Bytes written to the current section so far (offsets inside a section are relative to it).
  uint64_t section_size() const { return m_size - m_section_start; }
  void end_section();
  // Footer, flush, fsync, close. Any I/O error seen while appending is reported here.
  core::Result<WrittenSegment> finish();

 private:
  explicit SegmentFileWriter(std::filesystem::path path, int fd);
  void write_out();
  void write_raw(std::string_view bytes);

  std::filesystem::path m_path;
  int m_fd = -1;
  bool m_finished = false;
  std::string m_buffer;
  uint64_t m_size = 0;
  uint64_t m_section_start = 0;
  Section m_section = Section::kPostings;
  std::vector<std::tuple<Section, uint64_t, uint64_t>> m_sections;
  core::Checksummer m_checksum;
  std::string m_error;  // first write error, reported by finish()
};

// A section built whole in memory.
inline void write_section(SegmentFileWriter& w, Section id, std::string_view bytes) {
  w.begin_section(id);
  w.append(bytes);
  w.end_section();
}

}  // namespace newsdex::index
