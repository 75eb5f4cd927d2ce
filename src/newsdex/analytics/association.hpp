// Co-mentions and significant terms: which body terms and entities are over-represented in a
// foreground (the documents matching a query; or a show, source and/or period) against the whole
// archive, ranked by log-likelihood (G², Dunning 1993) or pointwise mutual information, with a
// frequency floor. Within documents (the default, and always for significant terms) every count is
// exact and comes from the index: term counts from the body postings intersected with the
// foreground's documents (only the terms whose best possible score could still rank are counted),
// entity counts from per-segment lists of each document's entity values rebuilt from the entity
// field (segment_lists.hpp); stored text is read only to show the listed entities' names and
// types. Within turns, counts come from the stored text and understanding of the foreground
// documents (all of them, or an evenly spaced sample of `sample` documents, counts scaled up), as
// in the reference path. Background document frequencies come from the dictionary (terms) and
// from the entity field (entities), so the archive is never read in full.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsdex/analytics/output.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/index/snapshot.hpp"
#include "newsdex/query/parse/parser.hpp"

namespace newsdex::analytics {

enum class Measure { kG2, kPmi };
enum class Within { kDocument, kTurn };
core::Result<Measure> parse_measure(std::string_view text);  // "" is kG2
core::Result<Within> parse_within(std::string_view text);    // "" is kDocument

// Measured on the 100M benchmark index (docs/analytics.md): reading and analysing one stored
// document costs ~0.3 ms, the postings path for a small foreground ~0.3 s per segment whatever its
// size; so up to a few hundred documents per segment the stored text is cheaper.
inline constexpr size_t kStoredCountDocs = 400;

struct AssociationRequest {
  std::string query{};  // comentions: required; terms: optional, ANDed with the filters
  std::string show{};   // terms: foreground filters (folded comparison; "CNN*" a prefix, as show:)
  std::string source{};
  std::string from{};
  std::string to{};
  size_t limit = 20;     // items per list
  size_t min_count = 3;  // frequency floor (foreground units holding the item)
  size_t sample = 2000;  // foreground documents read at most (within=turn and reference path only)
  Within within = Within::kDocument;
  Measure measure = Measure::kG2;
  bool entities = true;  // also rank entities (comentions)
  // Body terms counted from the per-segment forward lists, built on a segment's second co-mention
  // query (the first walks postings); false: postings only. For tests and benchmarks.
  bool forward_lists = true;
  bool build_forward_now = false;  // build the lists on the first query already
  // A segment without forward lists whose foreground has at most this many documents has its body
  // terms counted from those documents' stored text (decompressed and analysed as at ingest: the
  // same terms), instead of walking the candidates' postings, which a small foreground cannot
  // prune. See kStoredCountDocs.
  size_t stored_count_max = kStoredCountDocs;
  query::ParseLimits limits{};
};

struct Associated {
  std::string name{};  // term (indexed form) or entity canonical name
  std::string type{};  // entity type; "" for terms
  uint64_t count = 0;  // foreground units (documents or turns) holding it, in the sample
  uint64_t df = 0;     // documents of the archive holding it
  double g2 = 0;
  double pmi = 0;
};

struct Association {
  std::string query;
  Within within = Within::kDocument;
  Measure measure = Measure::kG2;
  uint64_t foreground = 0;  // foreground documents
  uint64_t background = 0;  // live documents of the archive
  uint64_t sampled = 0;     // foreground documents counted (all of them when exact)
  bool exact = false;       // counts from the index over the whole foreground (no sample)
  uint64_t units = 0;       // foreground units counted (documents, or turns with a match)
  std::vector<Associated> entities;
  std::vector<Associated> terms;
};

// G² of a 2×2 table: k11 foreground units with the item, n1 foreground units, k21 background units
// with it, n2 background units. Signed: negative when the item is under-represented.
double log_likelihood(double k11, double n1, double k21, double n2);

core::Result<Association> compute_comentions(const index::Snapshot& snapshot,
                                             const AssociationRequest& request);
core::Result<Association> compute_significant_terms(const index::Snapshot& snapshot,
                                                    const AssociationRequest& request);
// The stored-text path for every `within`: reads up to `sample` foreground documents, counts
// their tokens and entities and scales the counts to the foreground. The oracle of the tests
// (equal to the index path when the sample covers the foreground).
core::Result<Association> compute_comentions_reference(const index::Snapshot& snapshot,
                                                       const AssociationRequest& request);
core::Result<Association> compute_significant_terms_reference(const index::Snapshot& snapshot,
                                                              const AssociationRequest& request);

nlohmann::json to_json(const Association& a);
std::string to_csv(const Association& a);  // kind,name,type,count,df,g2,pmi
std::string to_table(const Association& a);

}  // namespace newsdex::analytics
