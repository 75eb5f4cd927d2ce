// `newsdex show`: print one transcript with its metadata (text or --json).
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "newsdex/analytics/reairs.hpp"
#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"
#include "newsdex/index/storage/stored_doc.hpp"
#include "newsdex/understand/analysis_json.hpp"

namespace newsdex::cli {
namespace {

struct ShowArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  std::string id;
  bool json = false;
};

int run(const ShowArgs& args) {
  auto snap = open_index(args.index, args.verify);
  if (!snap) return report(snap.error());
  auto found = (*snap)->find_document(args.id);
  if (!found) return report(found.error());
  if (!found->has_value())
    return report(
        core::Error{core::ErrorCode::kNotFound, "no document with id '" + args.id + "'", {}});
  const auto& t = **found;
  auto first = analytics::first_aired(**snap, t.id);
  if (!first) return report(first.error());
  if (args.json) {
    auto out = index::transcript_to_json(t);
    out["first_aired"] = analytics::first_aired_json(*first);
    out["repairs"] = understand::repairs_to_json(t.body);  // the same object as GET /api/docs/{id}
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  fmt::print("id:       {}\ntitle:    {}\ndate:     {}{}\nsource:   {}\nshow:     {}\n", t.id,
             t.title, t.date, t.time.empty() ? "" : " " + t.time, t.source, t.show);
  if (!t.url.empty()) fmt::print("url:      {}\n", t.url);
  fmt::print("language: {}\n", t.language);
  if (*first)
    fmt::print("first aired: {} {} (id {})\n", (*first)->date, (*first)->show, (*first)->id);
  for (const auto& [k, v] : t.meta) fmt::print("{}: {}\n", k, v);
  fmt::print("\n");
  if (t.turns.empty()) {
    fmt::print("{}\n", t.body);
    return kExitOk;
  }
  // By speaker turn: text before the first turn, then each turn with its speaker.
  if (t.turns.front().start > 0) fmt::print("{}\n\n", t.body.substr(0, t.turns.front().start));
  for (const auto& turn : t.turns) {
    std::string who = turn.speaker.empty() ? std::string(doc::role_name(turn.role)) : turn.speaker;
    auto end = std::min<size_t>(turn.end, t.body.size());
    auto start = std::min<size_t>(turn.start, end);
    fmt::print("[{}] {}\n\n", who, t.body.substr(start, end - start));
  }
  return kExitOk;
}

}  // namespace

Command add_show(CLI::App& app) {
  auto args = std::make_shared<ShowArgs>();
  auto* sub = app.add_subcommand("show", "Print a transcript with its metadata");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args->verify, kVerifyHelp);
  sub->add_option("id", args->id, "Document id (from search results)")->required();
  sub->add_flag("--json", args->json, "Print the document as JSON");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
