#include "newsdex/analytics/reairs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <unordered_set>

#include "newsdex/analytics/output.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/core/file_io.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/core/varint.hpp"
#include "newsdex/query/exec/matcher.hpp"

namespace newsdex::analytics {

namespace {

constexpr size_t kBands = 21;
constexpr size_t kRows = 3;
static_assert(kBands * kRows <= kMinHashes);
constexpr char kCacheMagic[8] = {'N', 'D', 'X', 'S', 'I', 'G', '1', '\0'};

uint64_t mix64(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

const std::array<uint64_t, kMinHashes>& seeds() {
  static const auto kSeeds = [] {
    std::array<uint64_t, kMinHashes> s{};
    uint64_t x = 0x6e65777364657821ULL;
    for (auto& v : s) v = mix64(x += 0x9e3779b97f4a7c15ULL);
    return s;
  }();
  return kSeeds;
}

std::filesystem::path cache_path(const index::Snapshot& snap, const index::Segment& seg) {
  return snap.dir() / "reairs-cache" / (core::hex64(seg.stored_checksum()) + ".sig");
}

// Layout: magic, u32 documents, u32 hashes per signature, then per document u32 words and the
// hashes (u32 each), then u64 XXH3 of everything before it; little-endian.
std::string encode_cache(const std::vector<Signature>& sigs) {
  std::string out(kCacheMagic, sizeof kCacheMagic);
  core::put_fixed32(out, static_cast<uint32_t>(sigs.size()));
  core::put_fixed32(out, static_cast<uint32_t>(kMinHashes));
  for (const auto& s : sigs) {
    core::put_fixed32(out, s.words);
    for (uint32_t m : s.mins) core::put_fixed32(out, m);
  }
  core::put_fixed64(out, core::hash64(out));
  return out;
}

std::optional<std::vector<Signature>> decode_cache(std::string_view bytes, uint32_t docs) {
  const size_t per = 4 * (1 + kMinHashes);
  if (bytes.size() != sizeof kCacheMagic + 8 + per * docs + 8) return std::nullopt;
  if (std::memcmp(bytes.data(), kCacheMagic, sizeof kCacheMagic) != 0) return std::nullopt;
  const auto body = bytes.substr(0, bytes.size() - 8);
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  if (core::get_fixed64(p + body.size()) != core::hash64(body)) return std::nullopt;
  p += sizeof kCacheMagic;
  if (core::get_fixed32(p) != docs || core::get_fixed32(p + 4) != kMinHashes) return std::nullopt;
  p += 8;
  std::vector<Signature> out(docs);
  for (auto& s : out) {
    s.words = core::get_fixed32(p);
    p += 4;
    for (auto& m : s.mins) {
      m = core::get_fixed32(p);
      p += 4;
    }
  }
  return out;
}

core::Result<std::shared_ptr<const std::vector<Signature>>> segment_signatures(
    const index::Snapshot& snap, const index::Segment& seg, analysis::Analyzer& analyzer) {
  const auto path = cache_path(snap, seg);
  if (auto bytes = core::read_file(path))
    if (auto sigs = decode_cache(*bytes, seg.doc_count()))
      return std::make_shared<const std::vector<Signature>>(std::move(*sigs));
  std::vector<Signature> sigs(seg.doc_count());
  for (uint32_t d = 0; d < seg.doc_count(); ++d) {
    auto t = seg.document(d);
    if (!t) return tl::unexpected(t.error());
    std::vector<analysis::SkipRange> skip;
    for (const auto& m : t->markup) skip.push_back({m.start, m.end});
    sigs[d] = signature_of(analyzer, t->body, skip);
  }
  // Best effort: an index directory that is read-only just does without the disk cache.
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (!ec) (void)core::atomic_write(path, encode_cache(sigs));
  return std::make_shared<const std::vector<Signature>>(std::move(sigs));
}

int32_t sort_date(int32_t date) {
  return date == core::kNoDate ? INT32_MAX : date;
}

struct DocRef {
  uint32_t segment = 0, doc = 0;
};

Airing airing_of(const index::Snapshot& snap, DocRef r, double sim) {
  const auto& seg = *snap.segments()[r.segment].segment;
  const auto row = seg.columns(r.doc);
  return {.id = std::string(seg.external_id(r.doc)),
          .date = core::format_iso_date(row.date),
          .show = std::string(seg.string_at(row.show)),
          .title = std::string(seg.title(r.doc)),
          .similarity = round6(sim)};
}

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

Signature signature_of(analysis::Analyzer& analyzer, std::string_view body,
                       std::span<const analysis::SkipRange> skip) {
  std::vector<uint64_t> words;
  analyzer.analyze(body, skip,
                   [&](const analysis::Token& t) { words.push_back(core::hash64(t.term)); });
  Signature s;
  s.words = static_cast<uint32_t>(words.size());
  s.mins.fill(UINT32_MAX);
  if (words.empty()) return s;
  const auto& seed = seeds();
  const size_t shingles = words.size() >= kShingleWords ? words.size() - kShingleWords + 1 : 1;
  for (size_t i = 0; i < shingles; ++i) {
    uint64_t h = 0;
    for (size_t k = 0; k < kShingleWords && i + k < words.size(); ++k)
      h = mix64(h ^ words[i + k]) + k;
    for (size_t j = 0; j < kMinHashes; ++j) {
      const auto v = static_cast<uint32_t>(mix64(h ^ seed[j]) >> 32);
      s.mins[j] = std::min(s.mins[j], v);
    }
  }
  return s;
}

double similarity(const Signature& a, const Signature& b) {
  size_t same = 0;
  for (size_t i = 0; i < kMinHashes; ++i) same += a.mins[i] == b.mins[i] ? 1 : 0;
  return static_cast<double>(same) / static_cast<double>(kMinHashes);
}

std::shared_ptr<const std::vector<Signature>> SignatureCache::find(uint64_t checksum) const {
  std::lock_guard lock(m_mutex);
  auto it = m_map.find(checksum);
  return it == m_map.end() ? nullptr : it->second;
}

void SignatureCache::put(uint64_t checksum,
                         std::shared_ptr<const std::vector<Signature>> signatures) {
  std::lock_guard lock(m_mutex);
  m_map[checksum] = std::move(signatures);
}

core::Result<std::vector<std::shared_ptr<const std::vector<Signature>>>> snapshot_signatures(
    const index::Snapshot& snap, SignatureCache* cache) {
  analysis::Analyzer analyzer;
  std::vector<std::shared_ptr<const std::vector<Signature>>> out;
  for (const auto& view : snap.segments()) {
    const uint64_t key = view.segment->stored_checksum();
    if (cache)
      if (auto found = cache->find(key)) {
        out.push_back(found);
        continue;
      }
    auto sigs = segment_signatures(snap, *view.segment, analyzer);
    if (!sigs) return tl::unexpected(sigs.error());
    if (cache) cache->put(key, *sigs);
    out.push_back(*sigs);
  }
  return out;
}

core::Result<Reairs> find_reairs(const index::Snapshot& snap, const ReairRequest& request,
                                 SignatureCache* cache) {
  if (request.threshold <= 0 || request.threshold > 1)
    return core::fail(core::ErrorCode::kUsage,
                      "parameter 'threshold': expected a number in (0, 1]");
  std::vector<DocRef> docs;
  if (request.query.empty() && request.from.empty() && request.to.empty()) {
    for (uint32_t s = 0; s < snap.segments().size(); ++s)
      for (uint32_t d = 0; d < snap.segments()[s].segment->doc_count(); ++d)
        if (!snap.segments()[s].is_deleted(d)) docs.push_back({s, d});
  } else {
    analysis::Analyzer analyzer(analysis::analyzer_options(snap.manifest().analysis));
    auto plan = query::plan_matches(
        request.query.empty() ? "date:..9999" : request.query, analyzer,
        {.from = request.from, .to = request.to, .limits = request.limits, .snapshot = &snap});
    if (!plan) return tl::unexpected(plan.error());
    query::for_each_match(snap, *plan, false, [&](const query::Match& m) {
      docs.push_back({m.segment, m.doc});
    });
  }
  auto sigs = snapshot_signatures(snap, cache);
  if (!sigs) return tl::unexpected(sigs.error());
  auto sig = [&](const DocRef& r) -> const Signature& { return (*(*sigs)[r.segment])[r.doc]; };
  std::erase_if(docs, [&](const DocRef& r) { return sig(r).words < request.min_words; });

  Reairs out;
  out.documents = docs.size();
  UnionFind groups(docs.size());
  std::unordered_set<uint64_t> checked;
  for (size_t band = 0; band < kBands; ++band) {
    std::unordered_map<uint64_t, std::vector<uint32_t>> buckets;
    for (uint32_t i = 0; i < docs.size(); ++i) {
      const auto& m = sig(docs[i]).mins;
      uint64_t h = band;
      for (size_t r = 0; r < kRows; ++r) h = mix64(h ^ m[band * kRows + r]);
      buckets[h].push_back(i);
    }
    for (const auto& [h, members] : buckets) {
      // Every pair of a bucket; a very large bucket (boilerplate) links to its first member only.
      const size_t firsts = members.size() > 200 ? 1 : members.size();
      for (size_t a = 0; a < firsts; ++a)
        for (size_t b = a + 1; b < members.size(); ++b) {
          const uint64_t key = (uint64_t{members[a]} << 32) | members[b];
          if (!checked.insert(key).second) continue;
          if (similarity(sig(docs[members[a]]), sig(docs[members[b]])) >= request.threshold)
            groups.unite(members[a], members[b]);
        }
    }
  }
  std::unordered_map<uint32_t, std::vector<uint32_t>> clusters;
  for (uint32_t i = 0; i < docs.size(); ++i) clusters[groups.find(i)].push_back(i);
  std::vector<std::vector<uint32_t>> found;
  for (auto& [root, members] : clusters)
    if (members.size() > 1) found.push_back(std::move(members));
  // Members by date (undated last), then id.
  auto date_of = [&](uint32_t i) {
    return sort_date(snap.segments()[docs[i].segment].segment->columns(docs[i].doc).date);
  };
  auto id_of = [&](uint32_t i) {
    return snap.segments()[docs[i].segment].segment->external_id(docs[i].doc);
  };
  for (auto& members : found)
    std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) {
      return date_of(a) != date_of(b) ? date_of(a) < date_of(b) : id_of(a) < id_of(b);
    });
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    if (a.size() != b.size()) return a.size() > b.size();
    return date_of(a[0]) != date_of(b[0]) ? date_of(a[0]) < date_of(b[0])
                                          : id_of(a[0]) < id_of(b[0]);
  });
  out.clusters_total = found.size();
  for (const auto& members : found) {
    if (out.clusters.size() >= request.limit) break;
    ReairCluster c;
    c.first = airing_of(snap, docs[members[0]], 1.0);
    for (size_t k = 1; k < members.size(); ++k)
      c.airings.push_back(airing_of(snap, docs[members[k]],
                                    similarity(sig(docs[members[0]]), sig(docs[members[k]]))));
    out.clusters.push_back(std::move(c));
  }
  return out;
}

namespace {

// Document `id` and every live document whose estimated similarity to it reaches `threshold`
// (each with that similarity; the document itself first, with 1), or nothing when `id` is shorter
// than `min_words`; not_found when no live document has that id.
core::Result<std::vector<std::pair<DocRef, double>>> similar_to(const index::Snapshot& snap,
                                                                std::string_view id,
                                                                SignatureCache* cache,
                                                                double threshold, size_t min_words,
                                                                uint64_t* compared) {
  if (threshold <= 0 || threshold > 1)
    return core::fail(core::ErrorCode::kUsage,
                      "parameter 'threshold': expected a number in (0, 1]");
  std::optional<DocRef> self;
  for (uint32_t s = 0; s < snap.segments().size() && !self; ++s)
    if (auto d = snap.segments()[s].segment->find_id(id); d && !snap.segments()[s].is_deleted(*d))
      self = DocRef{s, *d};
  if (!self)
    return core::fail(core::ErrorCode::kNotFound, "no document with id '" + std::string(id) + "'");
  auto sigs = snapshot_signatures(snap, cache);
  if (!sigs) return tl::unexpected(sigs.error());
  std::vector<std::pair<DocRef, double>> out;
  const auto& mine = (*(*sigs)[self->segment])[self->doc];
  if (mine.words < min_words) return out;
  out.emplace_back(*self, 1.0);
  for (uint32_t s = 0; s < snap.segments().size(); ++s) {
    const auto& view = snap.segments()[s];
    const auto& seg_sigs = *(*sigs)[s];
    for (uint32_t d = 0; d < seg_sigs.size(); ++d) {
      if (view.is_deleted(d) || (s == self->segment && d == self->doc) ||
          seg_sigs[d].words < min_words)
        continue;
      ++*compared;
      const double sim = similarity(mine, seg_sigs[d]);
      if (sim >= threshold) out.emplace_back(DocRef{s, d}, sim);
    }
  }
  // By date (undated last), then id, as the members of a cluster.
  auto key = [&](const DocRef& r) {
    const auto& seg = *snap.segments()[r.segment].segment;
    return std::pair<int32_t, std::string_view>{sort_date(seg.columns(r.doc).date),
                                                seg.external_id(r.doc)};
  };
  std::sort(out.begin(), out.end(),
            [&](const auto& a, const auto& b) { return key(a.first) < key(b.first); });
  return out;
}

}  // namespace

core::Result<Reairs> reairs_of(const index::Snapshot& snap, std::string_view id,
                               SignatureCache* cache, double threshold, size_t min_words) {
  Reairs out;
  auto similar = similar_to(snap, id, cache, threshold, min_words, &out.documents);
  if (!similar) return tl::unexpected(similar.error());
  if (similar->size() < 2) return out;
  out.clusters_total = 1;
  ReairCluster c;
  c.first = airing_of(snap, similar->front().first, similar->front().second);
  for (size_t k = 1; k < similar->size(); ++k)
    c.airings.push_back(airing_of(snap, (*similar)[k].first, (*similar)[k].second));
  out.clusters.push_back(std::move(c));
  return out;
}

core::Result<std::optional<Airing>> first_aired(const index::Snapshot& snap, std::string_view id,
                                                SignatureCache* cache, double threshold,
                                                size_t min_words) {
  uint64_t compared = 0;
  auto similar = similar_to(snap, id, cache, threshold, min_words, &compared);
  if (!similar) {
    if (similar.error().code == core::ErrorCode::kNotFound) return std::optional<Airing>{};
    return tl::unexpected(similar.error());
  }
  // The earliest airing, unless it is the document itself.
  if (similar->empty()) return std::optional<Airing>{};
  const auto& [first, sim] = similar->front();
  const auto& seg = *snap.segments()[first.segment].segment;
  if (seg.external_id(first.doc) == id) return std::optional<Airing>{};
  return std::optional<Airing>{airing_of(snap, first, sim)};
}

nlohmann::json first_aired_json(const std::optional<Airing>& a) {
  if (!a) return nullptr;
  return {{"id", a->id}, {"date", a->date}, {"show", a->show}};
}

nlohmann::json to_json(const Reairs& r) {
  auto one = [](const Airing& a, bool with_similarity) {
    nlohmann::json j = {{"id", a.id}, {"date", a.date}, {"show", a.show}, {"title", a.title}};
    if (with_similarity) j["similarity"] = a.similarity;
    return j;
  };
  nlohmann::json clusters = nlohmann::json::array();
  for (const auto& c : r.clusters) {
    nlohmann::json airings = nlohmann::json::array();
    for (const auto& a : c.airings) airings.push_back(one(a, true));
    clusters.push_back({{"first", one(c.first, false)}, {"airings", std::move(airings)}});
  }
  return {{"documents", r.documents},
          {"clusters_total", r.clusters_total},
          {"clusters", std::move(clusters)}};
}

std::string to_csv(const Reairs& r) {
  std::string out = "cluster,role,id,date,show,similarity,title\n";
  for (size_t i = 0; i < r.clusters.size(); ++i) {
    const auto& c = r.clusters[i];
    out += fmt::format("{},first,{},{},{},1,{}\n", i + 1, csv_field(c.first.id), c.first.date,
                       csv_field(c.first.show), csv_field(c.first.title));
    for (const auto& a : c.airings)
      out += fmt::format("{},reair,{},{},{},{},{}\n", i + 1, csv_field(a.id), a.date,
                         csv_field(a.show), a.similarity, csv_field(a.title));
  }
  return out;
}

std::string to_table(const Reairs& r) {
  std::string out = fmt::format("{} cluster{} of re-aired documents among {} compared\n",
                                r.clusters_total, r.clusters_total == 1 ? "" : "s", r.documents);
  for (const auto& c : r.clusters) {
    out += fmt::format("\nfirst aired {} {}  {}  id {}\n", c.first.date, c.first.show,
                       c.first.title, c.first.id);
    for (const auto& a : c.airings)
      out += fmt::format("  re-aired {} {}  {}  id {}  similarity {:.2f}\n", a.date, a.show,
                         a.title, a.id, a.similarity);
  }
  return out;
}

}  // namespace newsdex::analytics
