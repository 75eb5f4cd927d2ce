#include "newsdex/core/file_io.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

namespace newsdex::core {
namespace {

Error io_error(const std::filesystem::path& path, std::string_view what) {
  return Error{ErrorCode::kIo, std::string(what) + ": " + std::strerror(errno),
               Location{path.string(), 0, 0, 0}};
}

Status write_all_and_sync(int fd, const std::filesystem::path& path, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(io_error(path, "write failed"));
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return tl::unexpected(io_error(path, "fsync failed"));
  return {};
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(io_error(path, "cannot open"));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return tl::unexpected(io_error(path, "read failed"));
  return std::move(ss).str();
}

Status fsync_dir(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return tl::unexpected(io_error(dir, "cannot open directory"));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return tl::unexpected(io_error(dir, "fsync of directory failed"));
  return {};
}

Status write_new_file(const std::filesystem::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return tl::unexpected(io_error(path, "cannot create"));
  auto st = write_all_and_sync(fd, path, bytes);
  ::close(fd);
  return st;
}

Status atomic_write(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return tl::unexpected(io_error(tmp, "cannot create"));
  auto st = write_all_and_sync(fd, tmp, bytes);
  ::close(fd);
  if (!st) return st;
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return tl::unexpected(io_error(path, "rename failed"));
  auto dir = path.parent_path();
  return fsync_dir(dir.empty() ? std::filesystem::path(".") : dir);
}

Result<MappedFile> MappedFile::open(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return tl::unexpected(io_error(path, "cannot open"));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return tl::unexpected(io_error(path, "cannot stat"));
  }
  MappedFile file;
  file.m_size = static_cast<size_t>(st.st_size);
  if (file.m_size > 0) {
    void* p = ::mmap(nullptr, file.m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      return tl::unexpected(io_error(path, "mmap failed"));
    }
    file.m_data = static_cast<const uint8_t*>(p);
  }
  ::close(fd);
  return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
}

void MappedFile::drop_pages() const {
  if (m_data != nullptr && m_size > 0)
    ::madvise(const_cast<uint8_t*>(m_data), m_size, MADV_DONTNEED);
}

void MappedFile::drop_pages(size_t offset, size_t length) const {
  if (m_data == nullptr || offset >= m_size) return;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t begin = (offset + page - 1) / page * page;
  const size_t end = std::min(m_size, offset + length);
  if (begin >= end) return;
  ::madvise(const_cast<uint8_t*>(m_data) + begin, end - begin, MADV_DONTNEED);
}

}  // namespace newsdex::core
