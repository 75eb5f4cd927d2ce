// File helpers with the durability rules the index relies on: atomic_write() writes a temporary
// file, fsyncs it, renames it over the target and fsyncs the directory, so a crash leaves either
// the old or the new content, never a mix.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "newsdex/core/error.hpp"

namespace newsdex::core {

Result<std::string> read_file(const std::filesystem::path& path);
Status atomic_write(const std::filesystem::path& path, std::string_view bytes);
// Writes and fsyncs a file that must not exist yet (segment files are immutable).
Status write_new_file(const std::filesystem::path& path, std::string_view bytes);
Status fsync_dir(const std::filesystem::path& dir);

// Read-only memory map of a whole file. Movable, not copyable; unmaps on destruction.
class MappedFile {
 public:
  static Result<MappedFile> open(const std::filesystem::path& path);
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  const uint8_t* data() const { return m_data; }
  size_t size() const { return m_size; }
  std::string_view view() const { return {reinterpret_cast<const char*>(m_data), m_size}; }
  // Drops the mapping's resident pages (they are read again from the file when touched), so a
  // long sequential pass over a large file does not grow the process's RSS. Content is unchanged.
  void drop_pages() const;
  // Drops the resident pages of bytes [offset, offset + length) (whole pages inside the range;
  // `offset` is rounded up to a page).
  void drop_pages(size_t offset, size_t length) const;

 private:
  const uint8_t* m_data = nullptr;
  size_t m_size = 0;
};

}  // namespace newsdex::core
