// Re-aired segments: near-duplicate documents found with MinHash signatures over 2-word shingles
// of the analysed body (folded and stemmed words, so caption case and inflection noise do not
// matter) and locality-sensitive hashing (21 bands of 3 of the 64 hash values), verified by the
// estimated Jaccard similarity. Signatures are computed at query time from the stored documents
// and cached per segment (segments are immutable, so a segment's signatures never go stale): in
// memory in a SignatureCache, and on disk in <index>/reairs-cache/ when that directory is writable.
// Why not at ingest: docs/analytics.md.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "newsdex/analysis/analyzer.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/parse/parser.hpp"

namespace newsdex::analytics {

inline constexpr size_t kMinHashes = 64;
inline constexpr size_t kShingleWords = 2;

struct Signature {
  uint32_t words = 0;  // indexed body words (documents shorter than min_words are not compared)
  std::array<uint32_t, kMinHashes> mins{};
};

// MinHash signature of a text, analysed as documents are (`skip`: markup byte ranges).
Signature signature_of(analysis::Analyzer& analyzer, std::string_view body,
                       std::span<const analysis::SkipRange> skip = {});
// Estimated Jaccard similarity of the shingle sets: the share of equal minimum hashes.
double similarity(const Signature& a, const Signature& b);

// Signatures by segment checksum; thread-safe; shared by the requests of a server.
class SignatureCache {
 public:
  std::shared_ptr<const std::vector<Signature>> find(uint64_t checksum) const;
  void put(uint64_t checksum, std::shared_ptr<const std::vector<Signature>> signatures);

 private:
  mutable std::mutex m_mutex;
  std::unordered_map<uint64_t, std::shared_ptr<const std::vector<Signature>>> m_map;
};

// The signatures of every document of every segment of the snapshot (deleted ones included),
// from `cache`, then the disk cache, then computed.
core::Result<std::vector<std::shared_ptr<const std::vector<Signature>>>> snapshot_signatures(
    const index::Snapshot& snapshot, SignatureCache* cache);

struct ReairRequest {
  std::string query{};  // "" for every document
  std::string from{};
  std::string to{};
  double threshold = 0.4;  // estimated Jaccard similarity to count as a re-air
  size_t min_words = 30;
  size_t limit = 100;  // clusters, largest first
  query::ParseLimits limits{};
};

struct Airing {
  std::string id, date, show, title;
  double similarity = 1.0;  // to the first airing
};

struct ReairCluster {
  Airing first;
  std::vector<Airing> airings;  // re-airs, in date order
};

struct Reairs {
  uint64_t documents = 0;  // documents compared
  uint64_t clusters_total = 0;
  std::vector<ReairCluster> clusters;
};

core::Result<Reairs> find_reairs(const index::Snapshot& snapshot, const ReairRequest& request,
                                 SignatureCache* cache = nullptr);

// The airings of document `id`: one cluster of it and every live document whose estimated
// similarity to it reaches `threshold` — `first` the earliest, `airings` the others in date order,
// each airing's `similarity` measured to `id` (not to the first airing, as in find_reairs) — or no
// cluster when it has no re-air or fewer than `min_words` words. `documents`: documents compared.
// not_found when no live document has that id; usage for a threshold outside (0, 1].
core::Result<Reairs> reairs_of(const index::Snapshot& snapshot, std::string_view id,
                               SignatureCache* cache = nullptr, double threshold = 0.4,
                               size_t min_words = 30);

// The first airing of document `id` when it is a re-air of an earlier document, else nullopt
// ({"id", "date", "show"} in JSON; see first_aired_json).
core::Result<std::optional<Airing>> first_aired(const index::Snapshot& snapshot,
                                                std::string_view id,
                                                SignatureCache* cache = nullptr,
                                                double threshold = 0.4, size_t min_words = 30);
nlohmann::json first_aired_json(
    const std::optional<Airing>& airing);  // null or {"id","date","show"}

nlohmann::json to_json(const Reairs& r);
std::string to_csv(const Reairs& r);  // cluster,role,id,date,show,similarity,title
std::string to_table(const Reairs& r);

}  // namespace newsdex::analytics
