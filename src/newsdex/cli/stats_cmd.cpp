// `newsdex stats` and `newsdex check`: what the index holds, and whether it is whole.
#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"
#include "newsdex/query/exec/result_json.hpp"

namespace newsdex::cli {
namespace {

struct StatsArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  bool json = false;
  bool parts = false;
};

// The parts in print order: (name, bytes). Postings streams first, then by field, then the rest.
std::vector<std::pair<std::string, uint64_t>> part_rows(const index::IndexParts& p) {
  static constexpr const char* kFieldNames[index::kFieldCount] = {"body",  "title",  "speaker",
                                                                  "quote", "entity", "role"};
  std::vector<std::pair<std::string, uint64_t>> rows = {
      {"postings.skips", p.postings_skips},
      {"postings.docs", p.postings_docs},
      {"postings.freqs", p.postings_freqs},
      {"postings.positions", p.postings_positions},
      {"postings.padding", p.postings_padding}};
  for (size_t f = 0; f < index::kFieldCount; ++f)
    rows.emplace_back(std::string("postings_field.") + kFieldNames[f], p.postings_by_field[f]);
  rows.insert(rows.end(), {{"term_dictionary", p.term_dictionary},
                           {"stored_documents", p.stored_documents},
                           {"columns", p.columns},
                           {"ids", p.ids},
                           {"titles", p.titles},
                           {"sound_dictionary", p.sound_dictionary},
                           {"turn_table", p.turn_table},
                           {"other", p.other}});
  return rows;
}

int run_stats(const StatsArgs& args) {
  auto snap = open_index(args.index, args.verify);
  if (!snap) return report(snap.error());
  auto st = (*snap)->stats();
  std::optional<index::IndexParts> parts;
  if (args.parts) {
    auto p = (*snap)->parts();
    if (!p) return report(p.error());
    parts = *p;
  }
  if (args.json) {
    auto j = query::to_json(st);
    if (parts) {
      auto& o = j["parts"] = nlohmann::json::object();
      for (const auto& [name, bytes] : part_rows(*parts)) o[name] = bytes;
    }
    std::cout << j.dump() << "\n";
    return kExitOk;
  }
  fmt::print(
      "documents:  {}\nterms:      {}\nbytes:      {} ({:.1f} MB)\nsegments:   {}\n"
      "generation: {}\ndates:      {} .. {}\nanalysis:   {}\n",
      st.documents, st.terms, st.bytes, static_cast<double>(st.bytes) / 1e6, st.segments,
      st.generation, st.first_date.empty() ? "-" : st.first_date,
      st.last_date.empty() ? "-" : st.last_date, st.analysis);
  if (parts) {
    // postings_field.* rows split the postings.* rows another way: only the latter sum to bytes.
    fmt::print("parts (bytes, % of bytes):\n");
    for (const auto& [name, bytes] : part_rows(*parts))
      fmt::print(
          "  {:<24} {:>14} {:>6.1f}%\n", name, bytes,
          st.bytes ? 100.0 * static_cast<double>(bytes) / static_cast<double>(st.bytes) : 0.0);
  }
  return kExitOk;
}

int run_check(const StatsArgs& args) {
  auto snap = open_index(args.index, /*verify=*/false);  // check() verifies every checksum itself
  if (!snap) return report(snap.error());
  if (auto st = (*snap)->check(); !st) return report(st.error());
  fmt::print("ok: {} documents in {} segments, generation {}\n", (*snap)->live_documents(),
             (*snap)->segments().size(), (*snap)->manifest().generation);
  return kExitOk;
}

}  // namespace

Command add_stats(CLI::App& app) {
  auto args = std::make_shared<StatsArgs>();
  auto* sub = app.add_subcommand("stats", "Documents, terms, size on disk and date range");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args->verify, kVerifyHelp);
  sub->add_flag("--json", args->json, "Print one JSON object");
  sub->add_flag("--parts", args->parts,
                "Also break the bytes down into postings streams, fields and other parts "
                "(reads every term's skip table)");
  return {sub, [args] { return run_stats(*args); }};
}

Command add_check(CLI::App& app) {
  auto args = std::make_shared<StatsArgs>();
  auto* sub =
      app.add_subcommand("check", "Verify every checksum and structure; exit 0 only when whole");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  return {sub, [args] { return run_check(*args); }};
}

}  // namespace newsdex::cli
