#include "newsdex/index/snapshot.hpp"

#include <queue>

#include "newsdex/core/date.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/index/storage/turns.hpp"

namespace newsdex::index {

core::Result<std::shared_ptr<const Snapshot>> Snapshot::open(const std::filesystem::path& dir,
                                                             const SnapshotOptions& options) {
  for (int attempt = 0;; ++attempt) {
    const auto before = read_manifest(dir);
    auto snap = open_once(dir, options);
    if (snap || attempt >= 5 || snap.error().code != core::ErrorCode::kIo) return snap;
    const auto after = read_manifest(dir);
    // Only a commit that happened meanwhile explains a missing file; anything else is reported.
    if (!before || !after || before->generation == after->generation) return snap;
  }
}

namespace {

// The verified segment of `previous` that `entry` names, if any.
std::shared_ptr<const Segment> verified_before(const Snapshot* previous,
                                               const SegmentEntry& entry) {
  if (!previous || !previous->verified() || entry.checksum.empty()) return nullptr;
  const auto& segs = previous->manifest().segments;
  for (size_t i = 0; i < segs.size(); ++i)
    if (segs[i].name == entry.name && segs[i].checksum == entry.checksum &&
        segs[i].bytes == entry.bytes)
      return previous->segments()[i].segment;
  return nullptr;
}

}  // namespace

core::Result<std::shared_ptr<const Snapshot>> Snapshot::open_once(const std::filesystem::path& dir,
                                                                  const SnapshotOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(dir / kManifestName, ec))
    return core::fail(core::ErrorCode::kNotFound,
                      "no index here (missing " + std::string(kManifestName) + ")",
                      core::Location{dir.string()});
  auto manifest = read_manifest(dir);
  if (!manifest) return tl::unexpected(manifest.error());
  auto snap = std::make_shared<Snapshot>();
  snap->m_dir = dir;
  snap->m_manifest = std::move(*manifest);
  snap->m_verified = options.verify_checksums;
  for (const auto& entry : snap->m_manifest.segments) {
    auto path = dir / entry.name;
    auto shared = options.verify_checksums ? verified_before(options.previous, entry) : nullptr;
    if (shared) {
      SegmentView view{std::move(shared), {}, 0};
      if (auto st = snap->add_view(std::move(view), entry); !st) return tl::unexpected(st.error());
      continue;
    }
    auto seg = Segment::open(path);
    if (!seg) return tl::unexpected(seg.error());
    if ((*seg)->file_size() != entry.bytes || (*seg)->doc_count() != entry.docs)
      return core::fail(core::ErrorCode::kCorrupt,
                        "segment size or document count disagrees with the manifest",
                        core::Location{path.string()});
    if (!entry.checksum.empty() && core::hex64((*seg)->stored_checksum()) != entry.checksum)
      return core::fail(core::ErrorCode::kCorrupt,
                        "segment footer checksum differs from the manifest's (file replaced?)",
                        core::Location{path.string()});
    if (options.verify_checksums)
      if (auto st = (*seg)->verify(); !st) return tl::unexpected(st.error());
    SegmentView view{std::move(*seg), {}, 0};
    if (auto st = snap->add_view(std::move(view), entry); !st) return tl::unexpected(st.error());
  }
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

core::Status Snapshot::add_view(SegmentView view, const SegmentEntry& entry) {
  if (!entry.deletes.empty()) {
    auto docs = decode_deletes(m_dir / entry.deletes);
    if (!docs) return tl::unexpected(docs.error());
    view.deleted.assign(entry.docs, false);
    for (uint32_t d : *docs) {
      if (d >= entry.docs)
        return core::fail(core::ErrorCode::kCorrupt, "deleted doc id out of range",
                          core::Location{(m_dir / entry.deletes).string()});
      if (!view.deleted[d]) ++view.deleted_count;
      view.deleted[d] = true;
    }
  }
  m_live_docs += entry.docs - view.deleted_count;
  m_segments.push_back(std::move(view));
  return {};
}

uint64_t Snapshot::field_tokens(Field field) const {
  uint64_t n = 0;
  for (const auto& s : m_segments) n += s.segment->field_tokens(field);
  return n;
}

uint64_t Snapshot::total_documents() const {
  uint64_t n = 0;
  for (const auto& s : m_segments) n += s.segment->doc_count();
  return n;
}

core::Result<std::optional<doc::Transcript>> Snapshot::find_document(std::string_view id) const {
  for (const auto& s : m_segments) {
    auto doc = s.segment->find_id(id);
    if (doc && !s.is_deleted(*doc)) {
      auto t = s.segment->document(*doc);
      if (!t) return tl::unexpected(t.error());
      return std::optional<doc::Transcript>(std::move(*t));
    }
  }
  return std::optional<doc::Transcript>();
}

IndexStats Snapshot::stats() const {
  IndexStats st;
  st.documents = m_live_docs;
  st.segments = m_segments.size();
  st.generation = m_manifest.generation;
  st.analysis = std::string(analysis::profile_name(m_manifest.analysis));
  std::error_code ec;
  st.bytes = std::filesystem::file_size(m_dir / kManifestName, ec);
  int32_t first = INT32_MAX, last = core::kNoDate;
  for (size_t i = 0; i < m_segments.size(); ++i) {
    const auto& s = m_segments[i];
    st.bytes += s.segment->file_size();
    if (!m_manifest.segments[i].deletes.empty())
      st.bytes += std::filesystem::file_size(m_dir / m_manifest.segments[i].deletes, ec);
    for (uint32_t d = 0; d < s.segment->doc_count(); ++d) {
      if (s.is_deleted(d)) continue;
      int32_t date = s.segment->columns(d).date;
      if (date == core::kNoDate) continue;
      first = std::min(first, date);
      last = std::max(last, date);
    }
  }
  if (last != core::kNoDate) {
    st.first_date = core::format_iso_date(first);
    st.last_date = core::format_iso_date(last);
  }
  // Distinct terms: a k-way merge of the segments' sorted dictionaries.
  if (m_segments.size() == 1) {
    st.terms = m_segments[0].segment->term_count();
  } else if (!m_segments.empty()) {
    std::vector<std::vector<std::string>> lists;
    for (const auto& s : m_segments) {
      auto& list = lists.emplace_back();
      list.reserve(s.segment->term_count());
      s.segment->for_each_term([&](std::string_view key, uint32_t) {
        list.emplace_back(key);
        return true;
      });
    }
    using Item = std::pair<std::string_view, size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    std::vector<size_t> pos(lists.size(), 0);
    for (size_t i = 0; i < lists.size(); ++i)
      if (!lists[i].empty()) heap.emplace(lists[i][0], i);
    std::string_view prev;
    bool any = false;
    while (!heap.empty()) {
      auto [key, i] = heap.top();
      heap.pop();
      if (!any || key != prev) ++st.terms;
      prev = key;
      any = true;
      if (++pos[i] < lists[i].size()) heap.emplace(lists[i][pos[i]], i);
    }
  }
  return st;
}

core::Result<IndexParts> Snapshot::parts() const {
  IndexParts parts;
  const IndexStats st = stats();
  parts.total = st.bytes;
  for (const auto& view : m_segments) {
    const Segment& seg = *view.segment;
    const core::Location where{(m_dir / seg.name()).string()};
    auto dict = seg.dict_cursor();
    uint64_t blobs = 0;
    while (dict.next()) {
      const auto blob = dict.postings();
      auto bytes = postings_bytes(blob);
      const auto field = static_cast<uint8_t>(dict.key().empty() ? 0xff : dict.key()[0]);
      if (!bytes || field >= kFieldCount)
        return core::fail(
            core::ErrorCode::kCorrupt,
            "postings of term " + std::to_string(dict.key().size()) + "-byte key do not decode",
            where);
      parts.postings_skips += bytes->skips;
      parts.postings_docs += bytes->docs;
      parts.postings_freqs += bytes->freqs;
      parts.postings_positions += bytes->positions;
      parts.postings_by_field[field] += blob.size();
      blobs += blob.size();
    }
    if (dict.corrupt())
      return core::fail(core::ErrorCode::kCorrupt, "term dictionary does not decode", where);
    const uint64_t postings = seg.section_size(Section::kPostings);
    parts.postings_padding += postings > blobs ? postings - blobs : 0;
    parts.term_dictionary +=
        seg.section_size(Section::kTermDict) + seg.section_size(Section::kTermIndex);
    parts.stored_documents += seg.section_size(Section::kStore) +
                              seg.section_size(Section::kStoreIndex) +
                              seg.section_size(Section::kStoreDict);
    parts.columns += seg.section_size(Section::kColumns) + seg.section_size(Section::kStrings) +
                     seg.section_size(Section::kFieldStats);
    parts.ids += seg.section_size(Section::kIds) + seg.section_size(Section::kIdStrings) +
                 seg.section_size(Section::kIdBlob);
    parts.titles +=
        seg.section_size(Section::kTitleOffsets) + seg.section_size(Section::kTitleBlob);
    parts.sound_dictionary +=
        seg.section_size(Section::kSoundBlob) + seg.section_size(Section::kSoundOffsets);
    parts.turn_table += seg.section_size(Section::kTurns);
  }
  const uint64_t known = parts.postings_skips + parts.postings_docs + parts.postings_freqs +
                         parts.postings_positions + parts.postings_padding + parts.term_dictionary +
                         parts.stored_documents + parts.columns + parts.ids + parts.titles +
                         parts.sound_dictionary + parts.turn_table;
  parts.other = parts.total > known ? parts.total - known : 0;
  return parts;
}

core::Status Snapshot::check() const {
  for (size_t i = 0; i < m_segments.size(); ++i) {
    const auto& seg = *m_segments[i].segment;
    if (auto st = seg.verify(); !st) return st;
    // The stored-document dictionary (format 8) must load, even in a segment without documents.
    if (auto st = seg.load_store_dictionary(); !st) return st;
    // Every stored document must decode and carry the id the id table names.
    for (uint32_t d = 0; d < seg.doc_count(); ++d) {
      auto t = seg.document(d);
      if (!t) return tl::unexpected(t.error());
      if (t->id != seg.external_id(d) || seg.find_id(t->id) != d)
        return core::fail(core::ErrorCode::kCorrupt,
                          "document " + std::to_string(d) + " id table mismatch",
                          core::Location{(m_dir / seg.name()).string()});
    }
    // Every turn table record must decode.
    std::vector<TurnRange> turns;
    for (uint32_t d = 0; seg.has_turns() && d < seg.doc_count(); ++d)
      if (!decode_turns(seg.turns_record(d), turns))
        return core::fail(core::ErrorCode::kCorrupt,
                          "document " + std::to_string(d) + ": turn table record does not decode",
                          core::Location{(m_dir / seg.name()).string()});
    // Every postings list must decode to increasing doc ids below the document count.
    bool ok = true;
    seg.for_each_term([&](std::string_view key, uint32_t df) {
      auto info = seg.lookup(static_cast<Field>(key[0]), key.substr(1));
      if (!info || info->df != df) return ok = false;
      auto cur = seg.cursor(*info);
      uint32_t n = 0;
      for (; cur.doc() != kEndDoc; cur.next()) {
        if (cur.doc() >= seg.doc_count() || cur.positions().size() != cur.freq()) return ok = false;
        ++n;
      }
      return ok = !cur.corrupt() && n == df;
    });
    if (!ok)
      return core::fail(core::ErrorCode::kCorrupt, "postings do not decode",
                        core::Location{(m_dir / seg.name()).string()});
  }
  return {};
}

}  // namespace newsdex::index
