#include "newsdex/index/writer/index_writer.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "newsdex/core/file_io.hpp"
#include "newsdex/core/hash.hpp"

namespace newsdex::index {
namespace {

std::string segment_name(uint32_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "seg-%06u.seg", n);
  return buf;
}

bool is_index_file(const std::string& name) {
  return name.rfind("seg-", 0) == 0 || name.rfind(std::string(kManifestName), 0) == 0;
}

}  // namespace

core::Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::filesystem::path& dir,
                                                             WriterOptions options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return core::fail(core::ErrorCode::kIo, "cannot create index directory: " + ec.message(),
                      core::Location{dir.string()});
  std::unique_ptr<IndexWriter> w(new IndexWriter());
  w->m_dir = dir;
  w->m_options = options;
  auto lock_path = dir / "LOCK";
  w->m_lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (w->m_lock_fd < 0)
    return core::fail(core::ErrorCode::kIo, "cannot open lock file", core::Location{lock_path.string()});
  if (::flock(w->m_lock_fd, LOCK_EX | LOCK_NB) != 0)
    return core::fail(core::ErrorCode::kIo, "index is locked by another writer",
                      core::Location{dir.string()});
  auto manifest = read_manifest(dir);
  if (!manifest) return tl::unexpected(manifest.error());
  w->m_manifest = std::move(*manifest);
  for (const auto& entry : w->m_manifest.segments) {
    auto seg = Segment::open(dir / entry.name);
    if (!seg) return tl::unexpected(seg.error());
    w->m_open_segments.push_back(std::move(*seg));
    std::vector<uint32_t> deleted;
    if (!entry.deletes.empty()) {
      auto d = decode_deletes(dir / entry.deletes);
      if (!d) return tl::unexpected(d.error());
      deleted = std::move(*d);
    }
    w->m_deleted.push_back(std::move(deleted));
    w->m_deletes_dirty.push_back(false);
  }
  if (auto st = w->cleanup_unreferenced(); !st) return tl::unexpected(st.error());
  w->m_builder = std::make_unique<SegmentBuilder>();
  return w;
}

IndexWriter::~IndexWriter() {
  // Uncommitted flushed segments are left for the next writer's cleanup: removing them here could
  // race with nothing, but keeping the destructor free of I/O errors is simpler to reason about.
  if (m_lock_fd >= 0) ::close(m_lock_fd);
}

core::Status IndexWriter::cleanup_unreferenced() {
  std::set<std::string> keep;
  for (const auto& e : m_manifest.segments) {
    keep.insert(e.name);
    if (!e.deletes.empty()) keep.insert(e.deletes);
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(m_dir, ec)) {
    auto name = entry.path().filename().string();
    if (name == kManifestName || name == "LOCK" || !is_index_file(name) || keep.count(name)) continue;
    std::filesystem::remove(entry.path(), ec);
  }
  return {};
}

core::Result<AddOutcome> IndexWriter::add(doc::Transcript transcript) {
  doc::assign_id(transcript);
  return add(analyze_document(std::move(transcript), m_analyzer));
}

core::Result<AddOutcome> IndexWriter::add(AnalyzedDoc d) {
  doc::assign_id(d.transcript);
  const std::string& id = d.transcript.id;
  AddOutcome outcome = AddOutcome::kAdded;
  if (auto it = m_pending_ids.find(id); it != m_pending_ids.end()) {
    if (it->second.hash == d.content_hash) return AddOutcome::kDuplicate;
    if (it->second.segment < 0) m_builder_deleted.push_back(it->second.doc);
    else {
      m_deleted[it->second.segment].push_back(it->second.doc);
      m_deletes_dirty[it->second.segment] = true;
    }
    outcome = AddOutcome::kReplaced;
  } else {
    for (size_t s = 0; s < m_open_segments.size(); ++s) {
      auto doc = m_open_segments[s]->find_id(id);
      if (!doc) continue;
      auto& del = m_deleted[s];
      if (std::find(del.begin(), del.end(), *doc) != del.end()) continue;
      if (m_open_segments[s]->columns(*doc).content_hash == d.content_hash)
        return AddOutcome::kDuplicate;
      del.push_back(*doc);
      m_deletes_dirty[s] = true;
      outcome = AddOutcome::kReplaced;
    }
  }
  uint32_t local = m_builder->add(d);
  m_pending_ids[id] = Location{-1, local, d.content_hash};
  ++m_pending_docs;
  if (m_builder->memory_bytes() >= m_options.flush_bytes) {
    if (auto st = flush(); !st) return tl::unexpected(st.error());
  }
  return outcome;
}

core::Status IndexWriter::flush() {
  if (m_builder->doc_count() == 0) return {};
  const std::string name = segment_name(m_manifest.next_segment++);
  const std::string bytes = m_builder->serialize();
  if (auto st = core::write_new_file(m_dir / name, bytes); !st) return st;
  auto seg = Segment::open(m_dir / name);
  if (!seg) return tl::unexpected(seg.error());
  SegmentEntry entry;
  entry.name = name;
  entry.docs = m_builder->doc_count();
  entry.bytes = bytes.size();
  entry.checksum = core::hex64((*seg)->stored_checksum());  // the footer's; no second pass
  const int index = static_cast<int>(m_manifest.segments.size());
  m_manifest.segments.push_back(entry);
  m_open_segments.push_back(std::move(*seg));
  m_deleted.push_back(std::move(m_builder_deleted));
  m_deletes_dirty.push_back(!m_deleted.back().empty());
  m_builder_deleted.clear();
  for (auto& [id, loc] : m_pending_ids)
    if (loc.segment < 0) loc.segment = index;
  m_builder = std::make_unique<SegmentBuilder>();
  return {};
}

core::Result<CommitInfo> IndexWriter::commit() {
  if (auto st = flush(); !st) return tl::unexpected(st.error());
  bool changed = m_pending_docs > 0;
  const uint64_t generation = m_manifest.generation + 1;
  std::vector<std::string> obsolete;
  for (size_t s = 0; s < m_manifest.segments.size(); ++s) {
    if (!m_deletes_dirty[s]) continue;
    changed = true;
    auto& del = m_deleted[s];
    std::sort(del.begin(), del.end());
    del.erase(std::unique(del.begin(), del.end()), del.end());
    auto& entry = m_manifest.segments[s];
    std::string name = entry.name.substr(0, entry.name.size() - 4) + ".del-" + std::to_string(generation);
    if (auto st = core::write_new_file(m_dir / name, encode_deletes(del)); !st)
      return tl::unexpected(st.error());
    if (!entry.deletes.empty()) obsolete.push_back(entry.deletes);
    entry.deletes = name;
    entry.deleted_docs = static_cast<uint32_t>(del.size());
  }
  if (changed || m_manifest.generation == 0) {
    if (auto st = core::fsync_dir(m_dir); !st) return tl::unexpected(st.error());
    m_manifest.generation = generation;
    if (auto st = write_manifest(m_dir, m_manifest); !st) return tl::unexpected(st.error());
  }
  std::fill(m_deletes_dirty.begin(), m_deletes_dirty.end(), false);
  m_pending_ids.clear();
  m_pending_docs = 0;
  std::error_code ec;
  for (const auto& name : obsolete) std::filesystem::remove(m_dir / name, ec);
  uint64_t live = 0;
  for (size_t s = 0; s < m_manifest.segments.size(); ++s)
    live += m_manifest.segments[s].docs - m_deleted[s].size();
  return CommitInfo{m_manifest.generation, live};
}

}  // namespace newsdex::index
