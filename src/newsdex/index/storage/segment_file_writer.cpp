#include "newsdex/index/storage/segment_file_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "newsdex/core/varint.hpp"

namespace newsdex::index {
namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

core::Error io_error(const std::filesystem::path& path, const std::string& what) {
  return core::Error{core::ErrorCode::kIo, what, core::Location{path.string()}};
}

}  // namespace

core::Result<std::unique_ptr<SegmentFileWriter>> SegmentFileWriter::create(
    const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return tl::unexpected(io_error(path, std::string("cannot create: ") + std::strerror(errno)));
  return std::unique_ptr<SegmentFileWriter>(new SegmentFileWriter(path, fd));
}

SegmentFileWriter::SegmentFileWriter(std::filesystem::path path, int fd)
    : m_path(std::move(path)), m_fd(fd) {
  m_buffer.reserve(kBufferBytes);
}

SegmentFileWriter::~SegmentFileWriter() {
  if (m_fd >= 0) ::close(m_fd);
  if (!m_finished) {
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
  }
}

void SegmentFileWriter::write_raw(std::string_view bytes) {
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0 && m_error.empty()) {
    ssize_t n = ::write(m_fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      m_error = std::string("write failed: ") + std::strerror(errno);
      break;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

void SegmentFileWriter::write_out() {
  if (m_buffer.empty()) return;
  m_checksum.update(std::string_view(m_buffer));
  write_raw(m_buffer);
  m_buffer.clear();
}

void SegmentFileWriter::begin_section(Section id) {
  m_section = id;
  m_section_start = m_size;
}

void SegmentFileWriter::append(std::string_view bytes) {
  m_size += bytes.size();
  if (m_buffer.size() + bytes.size() > kBufferBytes) write_out();
  if (bytes.size() >= kBufferBytes) {
    m_buffer.assign(bytes);
    write_out();
    return;
  }
  m_buffer.append(bytes);
}

void SegmentFileWriter::end_section() {
  m_sections.emplace_back(m_section, m_section_start, m_size - m_section_start);
}

core::Result<WrittenSegment> SegmentFileWriter::finish() {
  std::string footer;
  for (const auto& [id, off, len] : m_sections) {
    core::put_fixed32(footer, static_cast<uint32_t>(id));
    core::put_fixed64(footer, off);
    core::put_fixed64(footer, len);
  }
  core::put_fixed32(footer, static_cast<uint32_t>(m_sections.size()));
  core::put_fixed32(footer, kSegmentVersion);
  append(footer);
  write_out();
  const uint64_t checksum = m_checksum.digest();
  std::string tail;
  core::put_fixed64(tail, checksum);
  tail.append(kSegmentMagic);
  m_size += tail.size();
  write_raw(tail);
  if (m_error.empty() && ::fsync(m_fd) != 0)
    m_error = std::string("fsync failed: ") + std::strerror(errno);
  const int rc = ::close(m_fd);
  m_fd = -1;
  if (m_error.empty() && rc != 0) m_error = "close failed";
  if (!m_error.empty()) return tl::unexpected(io_error(m_path, m_error));
  m_finished = true;
  return WrittenSegment{m_size, checksum};
}

}  // namespace newsdex::index
