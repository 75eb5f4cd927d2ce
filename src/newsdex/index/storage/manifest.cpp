#include "newsdex/index/storage/manifest.hpp"

#include <limits>
#include <nlohmann/json.hpp>
#include <roaring/roaring.hh>
#include <stdexcept>

#include "newsdex/core/file_io.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/core/varint.hpp"

namespace newsdex::index {

using nlohmann::json;

namespace {

// An unsigned integer field that must fit T. json::get<T>() would convert a float or a negative
// number (undefined behaviour for out-of-range floats), so anything else is rejected.
template <class T>
T unsigned_field(const json& object, const char* key) {
  const json& v = object.at(key);
  if (!v.is_number_unsigned() || v.get<uint64_t>() > std::numeric_limits<T>::max())
    throw std::out_of_range(std::string("field '") + key + "' is not an unsigned integer in range");
  return static_cast<T>(v.get<uint64_t>());
}

}  // namespace

core::Result<Manifest> read_manifest(const std::filesystem::path& dir) {
  auto path = dir / kManifestName;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Manifest{};
  auto text = core::read_file(path);
  if (!text) return tl::unexpected(text.error());
  json j = json::parse(*text, nullptr, false);
  auto bad = [&](std::string what) {
    return core::fail(core::ErrorCode::kCorrupt, "manifest: " + what,
                      core::Location{path.string()});
  };
  if (j.is_discarded() || !j.is_object()) return bad("not valid JSON");
  try {
    Manifest m;
    m.format = unsigned_field<uint32_t>(j, "format");
    if (m.format != kManifestFormat) return bad("unsupported format " + std::to_string(m.format));
    m.generation = unsigned_field<uint64_t>(j, "generation");
    m.next_segment = unsigned_field<uint32_t>(j, "next_segment");
    if (j.contains("analysis")) {
      const json& a = j.at("analysis");
      auto profile = a.is_string() ? analysis::profile_from_name(a.get<std::string>())
                                   : std::optional<analysis::Profile>();
      if (!profile)
        return bad("unknown analysis profile " + a.dump() + " (expected full or plain)");
      m.analysis = *profile;
    }
    for (const auto& s : j.at("segments")) {
      SegmentEntry e;
      e.name = s.at("name").get<std::string>();
      e.docs = unsigned_field<uint32_t>(s, "docs");
      e.bytes = unsigned_field<uint64_t>(s, "bytes");
      e.checksum = s.at("checksum").get<std::string>();
      e.deletes = s.value("deletes", "");
      if (s.contains("deleted_docs")) e.deleted_docs = unsigned_field<uint32_t>(s, "deleted_docs");
      if (e.name.find('/') != std::string::npos || e.deletes.find('/') != std::string::npos)
        return bad("segment name with a path separator");
      m.segments.push_back(std::move(e));
    }
    return m;
  } catch (const json::exception& e) {
    return bad(e.what());
  } catch (const std::out_of_range& e) {
    return bad(e.what());
  }
}

core::Status write_manifest(const std::filesystem::path& dir, const Manifest& m) {
  json segs = json::array();
  for (const auto& e : m.segments)
    segs.push_back({{"name", e.name},
                    {"docs", e.docs},
                    {"bytes", e.bytes},
                    {"checksum", e.checksum},
                    {"deletes", e.deletes},
                    {"deleted_docs", e.deleted_docs}});
  json j = {{"format", m.format},
            {"generation", m.generation},
            {"next_segment", m.next_segment},
            {"segments", std::move(segs)}};
  if (m.analysis != analysis::Profile::kFull)
    j["analysis"] = std::string(analysis::profile_name(m.analysis));
  return core::atomic_write(dir / kManifestName, j.dump(1) + "\n");
}

std::string encode_deletes(const std::vector<uint32_t>& sorted_docs) {
  Roaring r(sorted_docs.size(), sorted_docs.data());
  r.runOptimize();
  std::string out(r.getSizeInBytes(/*portable=*/true), '\0');
  r.write(out.data(), true);
  core::put_fixed64(out, core::hash64(out));
  return out;
}

core::Result<std::vector<uint32_t>> decode_deletes(const std::filesystem::path& path) {
  auto text = core::read_file(path);
  if (!text) return tl::unexpected(text.error());
  auto bad = [&](std::string what) {
    return core::fail(core::ErrorCode::kCorrupt, what, core::Location{path.string()});
  };
  if (text->size() < 8) return bad("deletion file too short");
  std::string_view body(text->data(), text->size() - 8);
  if (core::hash64(body) !=
      core::get_fixed64(reinterpret_cast<const uint8_t*>(text->data()) + body.size()))
    return bad("deletion file checksum mismatch");
  try {
    auto r = Roaring::readSafe(body.data(), body.size());
    std::vector<uint32_t> docs(r.cardinality());
    r.toUint32Array(docs.data());
    return docs;
  } catch (const std::exception& e) {
    return bad(std::string("deletion bitmap: ") + e.what());
  }
}

}  // namespace newsdex::index
