#include "newsdex/index/writer/index_writer.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "newsdex/core/file_io.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/index/writer/segment_merger.hpp"

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
    return core::fail(core::ErrorCode::kIo, "cannot open lock file",
                      core::Location{lock_path.string()});
  if (::flock(w->m_lock_fd, LOCK_EX | LOCK_NB) != 0)
    return core::fail(core::ErrorCode::kIo, "index is locked by another writer",
                      core::Location{dir.string()});
  auto manifest = read_manifest(dir);
  if (!manifest) return tl::unexpected(manifest.error());
  w->m_manifest = std::move(*manifest);
  if (w->m_manifest.generation == 0 && w->m_manifest.segments.empty()) {
    w->m_manifest.analysis = options.analysis.value_or(analysis::Profile::kFull);
  } else if (options.analysis && *options.analysis != w->m_manifest.analysis) {
    return core::fail(core::ErrorCode::kUsage,
                      "index was built with --analysis " +
                          std::string(analysis::profile_name(w->m_manifest.analysis)) +
                          "; cannot add documents analysed with --analysis " +
                          std::string(analysis::profile_name(*options.analysis)) +
                          " (use a new index directory, or the index's own profile)",
                      core::Location{dir.string()});
  }
  w->m_analyzer = analysis::Analyzer(analysis::analyzer_options(w->m_manifest.analysis));
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
    std::sort(deleted.begin(), deleted.end());
    w->m_committed_deleted.push_back(deleted);
    w->m_deleted.push_back(std::move(deleted));
    w->m_deletes_dirty.push_back(false);
  }
  w->m_committed_count = w->m_manifest.segments.size();
  if (auto st = w->cleanup_unreferenced(); !st) return tl::unexpected(st.error());
  w->m_builder = std::make_unique<SegmentBuilder>();
  if (w->m_options.background_merges) {
    w->m_merge_wanted = true;  // an index left over budget by an earlier run merges too
    w->m_merge_thread = std::thread([raw = w.get()] { raw->merge_loop(); });
  }
  return w;
}

IndexWriter::~IndexWriter() {
  if (m_merge_thread.joinable()) {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_cv.notify_all();
    m_merge_thread.join();
  }
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
    if (name == kManifestName || name == "LOCK" || !is_index_file(name) || keep.count(name))
      continue;
    std::filesystem::remove(entry.path(), ec);
  }
  return {};
}

core::Result<AddOutcome> IndexWriter::add(doc::Transcript transcript) {
  doc::assign_id(transcript);
  return add(analyze_document(std::move(transcript), m_analyzer, m_manifest.analysis,
                              store_compression()));
}

core::Result<AddOutcome> IndexWriter::add(AnalyzedDoc d) {
  doc::assign_id(d.transcript);
  std::lock_guard lock(m_mutex);
  const std::string& id = d.transcript.id;
  AddOutcome outcome = AddOutcome::kAdded;
  if (auto it = m_pending_ids.find(id); it != m_pending_ids.end()) {
    if (it->second.hash == d.content_hash) return AddOutcome::kDuplicate;
    if (it->second.segment < 0)
      m_builder_deleted.push_back(it->second.doc);
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
  auto written = m_builder->write(m_dir / name, m_options.flush_threads);
  if (!written) return tl::unexpected(written.error());
  auto seg = Segment::open(m_dir / name);
  if (!seg) return tl::unexpected(seg.error());
  // Read back what was written and recompute its checksum: a short or failed write the file
  // system did not report is caught before the segment is committed.
  if (auto st = (*seg)->verify(); !st) return tl::unexpected(st.error());
  SegmentEntry entry;
  entry.name = name;
  entry.docs = m_builder->doc_count();
  entry.bytes = written->bytes;
  entry.checksum = core::hex64(written->checksum);
  const int index = static_cast<int>(m_manifest.segments.size());
  m_manifest.segments.push_back(entry);
  m_open_segments.push_back(std::move(*seg));
  m_deleted.push_back(std::move(m_builder_deleted));
  m_deletes_dirty.push_back(!m_deleted.back().empty());
  m_committed_deleted.emplace_back();
  m_builder_deleted.clear();
  for (auto& [id, loc] : m_pending_ids)
    if (loc.segment < 0) loc.segment = index;
  // The next segment keeps this one's stored-document dictionary (or goes on collecting a sample).
  m_builder =
      std::make_unique<SegmentBuilder>(m_builder->store_dictionary(), m_builder->may_train());
  return {};
}

StoreCompression IndexWriter::store_compression() const {
  std::lock_guard lock(m_mutex);
  StoreCompression out;
  out.defer = m_builder->collecting_sample();
  out.dict = m_builder->store_dictionary();
  return out;
}

core::Result<CommitInfo> IndexWriter::commit() {
  std::unique_lock lock(m_mutex);
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
    std::string name =
        entry.name.substr(0, entry.name.size() - 4) + ".del-" + std::to_string(generation);
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
    for (size_t s = 0; s < m_manifest.segments.size(); ++s)
      if (m_deletes_dirty[s]) m_committed_deleted[s] = m_deleted[s];
    m_committed_count = m_manifest.segments.size();
    if (m_merge_thread.joinable()) {
      m_merge_wanted = true;
      m_cv.notify_all();
    }
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

void IndexWriter::merge_loop() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_cv.wait(lock, [&] { return m_stop || (m_merge_wanted && !m_merge_running); });
    if (m_stop) return;
    m_merge_wanted = false;
    m_merge_busy = true;
    lock.unlock();
    for (;;) {
      auto merged = merge_once([this](std::span<const SegmentSize> sizes) {
        return find_merge(sizes, m_options.merge_policy);
      });
      if (!merged || !*merged) {
        lock.lock();
        if (!merged && !m_merge_error) m_merge_error = merged.error();
        lock.unlock();
        break;
      }
    }
    lock.lock();
    m_merge_busy = false;
    m_cv.notify_all();  // wait_for_merges() watches for the idle state
  }
}

core::Result<bool> IndexWriter::merge_once(
    const std::function<std::optional<MergeRange>(std::span<const SegmentSize>)>& choose) {
  std::unique_lock lock(m_mutex);
  m_cv.wait(lock, [&] { return m_stop || !m_merge_running; });
  if (m_stop) return false;
  std::vector<SegmentSize> sizes;
  for (size_t s = 0; s < m_committed_count; ++s)
    sizes.push_back({m_manifest.segments[s].bytes, m_manifest.segments[s].docs,
                     static_cast<uint32_t>(m_committed_deleted[s].size()), false});
  const auto range = choose(sizes);
  if (!range || range->size() == 0 || range->last > m_committed_count) return false;
  m_merge_running = true;
  std::vector<MergeInput> inputs;
  std::vector<std::string> input_names;
  for (size_t s = range->first; s < range->last; ++s) {
    inputs.push_back({m_open_segments[s], m_committed_deleted[s]});
    input_names.push_back(m_manifest.segments[s].name);
  }
  const uint32_t number = m_manifest.next_segment++;
  const std::string name = segment_name(number);
  lock.unlock();

  auto merged = merge_segments(inputs, m_dir / name);
  std::shared_ptr<const Segment> segment;
  if (merged) {
    auto opened = Segment::open(m_dir / name);
    if (opened) {
      if (auto st = (*opened)->verify(); !st) merged = tl::unexpected(st.error());
      segment = std::move(*opened);
    } else {
      merged = tl::unexpected(opened.error());
    }
  }

  lock.lock();
  std::vector<std::string> remove_files;
  auto finish = [&](core::Result<bool> r) -> core::Result<bool> {
    m_merge_running = false;
    lock.unlock();
    m_cv.notify_all();
    std::error_code ec;
    for (const auto& f : remove_files) std::filesystem::remove(m_dir / f, ec);
    return r;
  };
  if (!merged) {
    remove_files.push_back(name);
    return finish(tl::unexpected(merged.error()));
  }
  if (m_stop) {  // the writer is closing: drop the work rather than delay it
    remove_files.push_back(name);
    return finish(false);
  }
  // Inputs are committed segments and only merges remove segments, so they are still adjacent.
  size_t a = 0;
  while (a < m_committed_count && m_manifest.segments[a].name != input_names[0]) ++a;
  const size_t b = a + input_names.size();
  if (b > m_committed_count) {
    remove_files.push_back(name);
    return finish(core::fail(core::ErrorCode::kInternal, "merge inputs vanished",
                             core::Location{m_dir.string()}));
  }
  // Deletions that happened while merging, renumbered: committed ones go into the merge's commit,
  // uncommitted ones stay pending for the writer's next commit.
  std::vector<uint32_t> committed_now, pending_now;
  for (size_t s = a; s < b; ++s) {
    const auto& before = inputs[s - a].deleted;
    const auto& map = merged->remap[s - a];
    auto carry = [&](std::vector<uint32_t> docs, std::vector<uint32_t>& out) {
      std::sort(docs.begin(), docs.end());
      docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
      for (uint32_t d : docs)
        if (!std::binary_search(before.begin(), before.end(), d) && d < map.size() &&
            map[d] != kEndDoc)
          out.push_back(map[d]);
    };
    carry(m_committed_deleted[s], committed_now);
    carry(m_deleted[s], pending_now);
  }
  std::sort(committed_now.begin(), committed_now.end());
  std::sort(pending_now.begin(), pending_now.end());
  const uint64_t generation = m_manifest.generation + 1;
  SegmentEntry entry;
  entry.name = name;
  entry.docs = merged->docs;
  entry.bytes = merged->file.bytes;
  entry.checksum = core::hex64(merged->file.checksum);
  if (!committed_now.empty()) {
    entry.deletes = name.substr(0, name.size() - 4) + ".del-" + std::to_string(generation);
    entry.deleted_docs = static_cast<uint32_t>(committed_now.size());
    if (auto st = core::write_new_file(m_dir / entry.deletes, encode_deletes(committed_now)); !st) {
      remove_files.push_back(name);
      return finish(tl::unexpected(st.error()));
    }
  }
  Manifest next;
  next.analysis = m_manifest.analysis;
  next.generation = generation;
  next.next_segment = m_manifest.next_segment;
  next.segments.assign(m_manifest.segments.begin(),
                       m_manifest.segments.begin() + static_cast<std::ptrdiff_t>(a));
  next.segments.push_back(entry);
  next.segments.insert(
      next.segments.end(), m_manifest.segments.begin() + static_cast<std::ptrdiff_t>(b),
      m_manifest.segments.begin() + static_cast<std::ptrdiff_t>(m_committed_count));
  core::Status st = core::fsync_dir(m_dir);
  if (st) st = write_manifest(m_dir, next);
  if (!st) {
    remove_files.push_back(name);
    if (!entry.deletes.empty()) remove_files.push_back(entry.deletes);
    return finish(tl::unexpected(st.error()));
  }
  // Committed: install in the working state, then remove the inputs. Readers that still hold them
  // keep their mappings; a reader opening the old manifest retries (Snapshot::open).
  for (size_t s = a; s < b; ++s) {
    remove_files.push_back(m_manifest.segments[s].name);
    if (!m_manifest.segments[s].deletes.empty())
      remove_files.push_back(m_manifest.segments[s].deletes);
  }
  const auto first = static_cast<std::ptrdiff_t>(a), last = static_cast<std::ptrdiff_t>(b);
  m_manifest.generation = generation;
  m_manifest.segments.erase(m_manifest.segments.begin() + first + 1,
                            m_manifest.segments.begin() + last);
  m_manifest.segments[a] = entry;
  m_open_segments.erase(m_open_segments.begin() + first + 1, m_open_segments.begin() + last);
  m_open_segments[a] = std::move(segment);
  m_deleted.erase(m_deleted.begin() + first + 1, m_deleted.begin() + last);
  m_deleted[a] = pending_now;
  m_deletes_dirty.erase(m_deletes_dirty.begin() + first + 1, m_deletes_dirty.begin() + last);
  m_deletes_dirty[a] = pending_now != committed_now;
  m_committed_deleted.erase(m_committed_deleted.begin() + first + 1,
                            m_committed_deleted.begin() + last);
  m_committed_deleted[a] = std::move(committed_now);
  const size_t removed = b - a - 1;
  m_committed_count -= removed;
  for (auto& [id, loc] : m_pending_ids) {
    // Pending documents live in the builder or in flushed, uncommitted segments (after b).
    if (loc.segment >= static_cast<int>(b)) loc.segment -= static_cast<int>(removed);
  }
  ++m_merges;
  return finish(true);
}

MergeInfo IndexWriter::merge_info(size_t before) const {
  std::lock_guard lock(m_mutex);
  return MergeInfo{m_merges, before, m_committed_count, m_manifest.generation};
}

size_t IndexWriter::merges_done() const {
  std::lock_guard lock(m_mutex);
  return m_merges;
}

core::Result<MergeInfo> IndexWriter::run_merges(
    const std::function<std::optional<MergeRange>(std::span<const SegmentSize>)>& choose) {
  size_t before = 0, merges_before = 0;
  {
    std::lock_guard lock(m_mutex);
    before = m_committed_count;
    merges_before = m_merges;
  }
  for (;;) {
    auto merged = merge_once(choose);
    if (!merged) return tl::unexpected(merged.error());
    if (!*merged) break;
  }
  auto info = merge_info(before);
  info.merges -= merges_before;
  return info;
}

core::Result<MergeInfo> IndexWriter::force_merge(size_t max_segments) {
  return run_merges([max_segments](std::span<const SegmentSize> sizes) {
    return find_forced_merge(sizes, max_segments);
  });
}

core::Result<MergeInfo> IndexWriter::merge_by_policy() {
  return run_merges([this](std::span<const SegmentSize> sizes) {
    return find_merge(sizes, m_options.merge_policy);
  });
}

core::Result<MergeInfo> IndexWriter::wait_for_merges() {
  size_t before = 0;
  {
    std::unique_lock lock(m_mutex);
    before = m_committed_count;
    m_cv.wait(lock, [&] {
      return m_stop || !m_merge_thread.joinable() || (!m_merge_wanted && !m_merge_busy);
    });
    if (m_merge_error) return tl::unexpected(*m_merge_error);
  }
  return merge_info(before);
}

}  // namespace newsdex::index
