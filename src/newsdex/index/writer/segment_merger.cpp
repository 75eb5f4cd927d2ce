#include "newsdex/index/writer/segment_merger.hpp"

#include <algorithm>
#include <queue>
#include <string>
#include <unordered_map>

#include "newsdex/core/varint.hpp"
#include "newsdex/index/codec/postings.hpp"
#include "newsdex/index/storage/section_writers.hpp"
#include "newsdex/index/storage/store_dict.hpp"
#include "newsdex/index/storage/turns.hpp"

namespace newsdex::index {
namespace {

// Input pages are dropped after every this many bytes of output, so a merge's RSS does not grow
// with the size of what it reads (the mapped inputs would otherwise count in full).
constexpr uint64_t kDropPagesEvery = uint64_t{32} << 20;

core::Error corrupt_input(const Segment& seg, const std::string& what) {
  return core::Error{core::ErrorCode::kCorrupt, "merge: " + what, core::Location{seg.name()}};
}

}  // namespace

core::Result<MergedSegment> merge_segments(std::span<const MergeInput> inputs,
                                           const std::filesystem::path& path) {
  MergedSegment result;
  // Every input's whole-file checksum first (as Lucene's merges call checkIntegrity): a damaged
  // input is refused, never copied into a new segment whose fresh checksum would hide the damage.
  // Segments this process already verified (written by its own writer) are not re-read.
  for (const auto& in : inputs)
    if (auto st = in.segment->verify(); !st) return tl::unexpected(st.error());
  // Doc ids: inputs in order, deleted documents dropped.
  result.remap.resize(inputs.size());
  uint32_t next = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    auto& map = result.remap[i];
    map.assign(in.segment->doc_count(), kEndDoc);
    size_t del = 0;
    for (uint32_t d = 0; d < in.segment->doc_count(); ++d) {
      while (del < in.deleted.size() && in.deleted[del] < d) ++del;
      if (del < in.deleted.size() && in.deleted[del] == d) continue;
      map[d] = next++;
    }
  }
  result.docs = next;

  // Per-document tables, in new doc-id order.
  std::vector<ColumnRow> rows;
  rows.reserve(next);
  std::vector<std::string> strings;
  std::unordered_map<std::string, uint32_t> string_ids;
  auto intern = [&](std::string_view value) {
    auto [it, inserted] =
        string_ids.try_emplace(std::string(value), static_cast<uint32_t>(strings.size()));
    if (inserted) strings.emplace_back(value);
    return it->second;
  };
  DocStringsWriter ids, titles;
  uint64_t tokens[kFieldCount] = {};
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Segment& seg = *inputs[i].segment;
    for (uint32_t d = 0; d < seg.doc_count(); ++d) {
      if (result.remap[i][d] == kEndDoc) continue;
      ColumnRow row = seg.columns(d);
      row.show = intern(seg.string_at(row.show));
      row.source = intern(seg.string_at(row.source));
      rows.push_back(row);
      ids.add(seg.external_id(d));
      titles.add(seg.title(d));
    }
  }
  for (size_t f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    if (has_length_norm(field)) {
      for (const auto& row : rows) tokens[f] += field_length(field, row);
    } else {
      for (const auto& in : inputs) tokens[f] += in.segment->field_tokens(field);
    }
  }

  auto file = SegmentFileWriter::create(path);
  if (!file) return tl::unexpected(file.error());
  SegmentFileWriter& out = **file;
  uint64_t dropped_at = 0;
  auto maybe_drop_pages = [&](uint64_t written) {
    if (written - dropped_at < kDropPagesEvery) return;
    dropped_at = written;
    for (const auto& in : inputs) in.segment->drop_pages();
  };

  // Postings: a k-way merge of the sorted dictionaries; equal keys come out in input order, so
  // doc ids stay increasing.
  std::vector<Segment::DictCursor> dicts;
  using Head = std::pair<std::string_view, size_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
  dicts.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    dicts.push_back(inputs[i].segment->dict_cursor());
    if (dicts[i].next())
      heap.emplace(dicts[i].key(), i);
    else if (dicts[i].corrupt())
      return tl::unexpected(corrupt_input(*inputs[i].segment, "bad term dictionary"));
  }
  TermDictWriter dict;
  std::string key, blob;
  std::vector<size_t> holders;
  out.begin_section(Section::kPostings);
  while (!heap.empty()) {
    key.assign(heap.top().first);
    holders.clear();
    while (!heap.empty() && heap.top().first == key) {
      holders.push_back(heap.top().second);
      heap.pop();
    }
    const auto field = static_cast<Field>(key[0]);
    PostingsEncoder enc;
    for (size_t i : holders) {
      PostingsCursor cur(dicts[i].postings());
      const auto& map = result.remap[i];
      for (; cur.doc() != kEndDoc; cur.next()) {
        if (cur.doc() >= map.size())
          return tl::unexpected(corrupt_input(*inputs[i].segment, "postings doc id out of range"));
        const uint32_t nd = map[cur.doc()];
        if (nd == kEndDoc) continue;
        auto positions = cur.positions();
        if (positions.size() != cur.freq()) break;
        enc.add(nd, positions, field_length(field, rows[nd]));
      }
      if (cur.corrupt() || cur.doc() != kEndDoc)
        return tl::unexpected(corrupt_input(*inputs[i].segment, "postings do not decode"));
      if (dicts[i].next())
        heap.emplace(dicts[i].key(), i);
      else if (dicts[i].corrupt())
        return tl::unexpected(corrupt_input(*inputs[i].segment, "bad term dictionary"));
    }
    if (enc.doc_count() == 0) continue;  // every document holding the term was deleted
    blob.clear();
    enc.append_to(blob);
    dict.add(key, enc.doc_count(), out.section_size(), blob.size());
    out.append(blob);
    maybe_drop_pages(out.section_size());
  }
  out.append(std::string(kPostingsPadding, '\0'));
  out.end_section();
  dict.write(out);

  // Stored documents. The output's dictionary is that of the input with the most live documents
  // among those that have one; frames compressed with it (byte-identical dictionaries: the
  // segments of one ingest share theirs) are copied, the others decompressed and recompressed
  // with it. Inputs without a dictionary (format 7, small segments) and enough text: a new one,
  // trained on the first live documents. Too little text: plain frames.
  std::shared_ptr<const StoreDictionary> store_dict;
  {
    uint64_t raw = 0;
    size_t best_docs = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Segment& seg = *inputs[i].segment;
      size_t live = 0;
      for (uint32_t d = 0; d < seg.doc_count(); ++d) {
        if (result.remap[i][d] == kEndDoc) continue;
        ++live;
        // Only whether the text reaches the minimum matters: past it, no frame is read twice.
        if (raw >= kStoreDictMinSegmentBytes) continue;
        auto frame = seg.stored_frame(d);
        if (!frame) return tl::unexpected(frame.error());
        raw += stored_raw_size(*frame);
      }
      if (seg.store_dictionary() && live > best_docs) {
        best_docs = live;
        store_dict = StoreDictionary::copy(seg.store_dictionary()->bytes()).value_or(nullptr);
      }
    }
    if (raw < kStoreDictMinSegmentBytes) {
      store_dict = nullptr;
    } else if (!store_dict) {
      std::string sample;
      std::vector<size_t> sizes;
      for (size_t i = 0; i < inputs.size() && sample.size() < kStoreDictSampleBytes; ++i) {
        const Segment& seg = *inputs[i].segment;
        for (uint32_t d = 0; d < seg.doc_count() && sample.size() < kStoreDictSampleBytes; ++d) {
          if (result.remap[i][d] == kEndDoc) continue;
          auto json = seg.stored_json(d);
          if (!json) return tl::unexpected(json.error());
          sample += *json;
          sizes.push_back(json->size());
        }
      }
      store_dict = StoreDictionary::train(sample, sizes);
    }
  }
  std::string offsets;
  offsets.reserve((size_t{next} + 1) * 8);
  out.begin_section(Section::kStore);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Segment& seg = *inputs[i].segment;
    const StoreDictionary* in_dict = seg.store_dictionary();
    const bool copy_frames = in_dict == nullptr
                                 ? store_dict == nullptr
                                 : store_dict != nullptr && in_dict->same_as(*store_dict);
    for (uint32_t d = 0; d < seg.doc_count(); ++d) {
      if (result.remap[i][d] == kEndDoc) continue;
      core::put_fixed64(offsets, out.section_size());
      if (copy_frames) {
        auto frame = seg.stored_frame(d);
        if (!frame) return tl::unexpected(frame.error());
        out.append(*frame);
      } else {
        auto json = seg.stored_json(d);
        if (!json) return tl::unexpected(json.error());
        out.append(compress_stored(*json, store_dict.get()));
      }
      maybe_drop_pages(out.section_size());
    }
  }
  core::put_fixed64(offsets, out.section_size());
  out.end_section();
  write_section(out, Section::kStoreIndex, offsets);
  write_section(out, Section::kStoreDict, store_dict_section(store_dict.get()));
  for (const auto& in : inputs) in.segment->drop_pages();

  std::string column_bytes;
  column_bytes.reserve(rows.size() * kColumnRowSize);
  for (const auto& row : rows) append_column_row(column_bytes, row);
  write_section(out, Section::kColumns, column_bytes);
  write_section(out, Section::kStrings, encode_string_table(strings));
  ids.write(out, Section::kIdBlob, Section::kIdStrings);
  titles.write(out, Section::kTitleBlob, Section::kTitleOffsets);
  // Sound dictionary: the union of the inputs' (key, term) entries, sorted. An entry whose term
  // lost every document to deletions stays; looking it up finds no postings.
  std::vector<std::string_view> sounds;
  for (const auto& in : inputs)
    in.segment->for_each_sound([&](std::string_view sound_key, std::string_view term) {
      // The entry is "key\tterm", contiguous in the input's blob.
      sounds.emplace_back(sound_key.data(), sound_key.size() + 1 + term.size());
      return true;
    });
  std::sort(sounds.begin(), sounds.end());
  sounds.erase(std::unique(sounds.begin(), sounds.end()), sounds.end());
  DocStringsWriter sound_table;
  for (auto entry : sounds) sound_table.add(entry);
  sound_table.write(out, Section::kSoundBlob, Section::kSoundOffsets);
  write_section(out, Section::kIds, encode_id_order(ids));
  write_section(out, Section::kFieldStats, encode_field_stats(tokens));
  // Turn table: the live documents' records, copied, when every input has one (otherwise the
  // merged segment has none either, and turn co-mentions fall back to stored text there).
  if (std::all_of(inputs.begin(), inputs.end(),
                  [](const MergeInput& in) { return in.segment->has_turns(); })) {
    TurnsWriter turns;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Segment& seg = *inputs[i].segment;
      for (uint32_t d = 0; d < seg.doc_count(); ++d) {
        if (result.remap[i][d] == kEndDoc) continue;
        const auto record = seg.turns_record(d);
        if (record.empty()) return tl::unexpected(corrupt_input(seg, "bad turn table record"));
        turns.add(std::string_view(reinterpret_cast<const char*>(record.data()), record.size()));
      }
    }
    turns.write(out);
  }
  auto written = out.finish();
  if (!written) return tl::unexpected(written.error());
  result.file = *written;
  return result;
}

}  // namespace newsdex::index
