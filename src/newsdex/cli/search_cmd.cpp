// `newsdex search`: run a query and print ranked hits (text or --json).
#include <fmt/format.h>

#include <iostream>
#include <regex>

#include "newsdex/cli/common.hpp"
#include "newsdex/cli/index_args.hpp"
#include "newsdex/query/exec/result_json.hpp"
#include "newsdex/query/exec/searcher.hpp"

namespace newsdex::cli {
namespace {

struct SearchArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  std::string query;
  size_t limit = 10;
  size_t offset = 0;
  std::string from, to, sort = "relevance";
  bool json = false;
  bool fail_empty = false;
  bool approximate_total = false;
};

// Terminal rendering of a snippet: <mark> becomes bold (or [..] when not a terminal); an
// approximate match shows what it matched: [raids≈raise].
std::string render_snippet(const std::string& s, bool tty) {
  static const std::regex approx(
      "<mark class=\"approx\" title=\"([^\"]*) \\([a-z]+\\)\">(.*?)</mark>");
  std::string out =
      std::regex_replace(s, approx, tty ? "\x1b[1m$2\x1b[0m\u2248$1" : "[$2\u2248$1]");
  out = std::regex_replace(out, std::regex("<mark>"), tty ? "\x1b[1m" : "[");
  out = std::regex_replace(out, std::regex("</mark>"), tty ? "\x1b[0m" : "]");
  out = std::regex_replace(out, std::regex("&lt;"), "<");
  out = std::regex_replace(out, std::regex("&gt;"), ">");
  out = std::regex_replace(out, std::regex("&quot;"), "\"");
  return std::regex_replace(out, std::regex("&amp;"), "&");
}

int run(const SearchArgs& args) {
  auto snap = open_index(args.index, args.verify);
  if (!snap) return report(snap.error());
  query::SearchRequest req;
  req.query = args.query;
  req.limit = args.limit;
  req.offset = args.offset;
  req.from = args.from;
  req.to = args.to;
  req.sort = args.sort == "date"       ? query::SortOrder::kDateDesc
             : args.sort == "date-asc" ? query::SortOrder::kDateAsc
                                       : query::SortOrder::kRelevance;
  req.exact_total = !args.approximate_total;
  query::Searcher searcher(*snap);
  auto result = searcher.search(req);
  if (!result) return report(result.error());
  if (args.json) {
    std::cout << query::to_json(*result).dump() << "\n";
  } else {
    const bool tty = ::isatty(1);
    fmt::print("{}{} hit{} for {} ({:.1f} ms)\n", result->total_exact ? "" : "at least ",
               result->total, result->total == 1 ? "" : "s", args.query, result->took_ms);
    size_t rank = args.offset;
    for (const auto& h : result->hits) {
      std::string where;
      for (const auto* part : {&h.date, &h.source, &h.show})
        if (!part->empty()) where += (where.empty() ? "" : " ") + *part;
      fmt::print("\n{:>3}. {}  [{}]  score {:.3f}\n     id {}\n", ++rank, h.title, where, h.score,
                 h.id);
      for (const auto& s : h.snippets) fmt::print("     {}\n", render_snippet(s, tty));
    }
  }
  return result->total == 0 && args.fail_empty ? kExitEmpty : kExitOk;
}

}  // namespace

Command add_search(CLI::App& app) {
  auto args = std::make_shared<SearchArgs>();
  auto* sub = app.add_subcommand("search", "Search the index (query language: see README)");
  sub->add_option("--index,-i", args->index, "Index directory")->capture_default_str();
  sub->add_flag("--verify", args->verify, kVerifyHelp);
  sub->add_option("query", args->query, "The query, e.g. 'congratulate \"phone call\" show:WNT'")
      ->required();
  sub->add_option("--limit,-n", args->limit, "Hits to return")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));
  sub->add_option("--offset", args->offset, "Hits to skip (paging)")->capture_default_str();
  sub->add_option("--from", args->from, "Only documents on or after this date (YYYY-MM-DD)");
  sub->add_option("--to", args->to, "Only documents on or before this date (YYYY-MM-DD)");
  sub->add_option("--sort", args->sort, "relevance | date | date-asc")
      ->check(CLI::IsMember({"relevance", "date", "date-asc"}))
      ->capture_default_str();
  sub->add_flag("--json", args->json, "Print one JSON object");
  sub->add_flag("--fail-empty", args->fail_empty, "Exit with 1 when nothing matches");
  sub->add_flag("--approximate-total", args->approximate_total,
                "Prune OR queries (MaxScore); `total` becomes a lower bound");
  return {sub, [args] { return run(*args); }};
}

}  // namespace newsdex::cli
