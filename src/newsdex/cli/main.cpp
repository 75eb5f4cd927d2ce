// newsdex: ingest, index and search broadcast-news transcripts.
#include <CLI/CLI.hpp>
#include <vector>

#include "newsdex/cli/common.hpp"

int main(int argc, char** argv) {
  using namespace newsdex::cli;
  CLI::App app{"Newsdex: search engine for broadcast-news transcripts"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "newsdex 0.1.0");
  std::vector<Command> commands;
  for (auto add :
       {add_ingest, add_search, add_show, add_stats, add_check, add_serve, add_analyze, add_eval,
        add_quotes, add_merge, add_timeline, add_kwic, add_comentions, add_terms, add_reairs})
    commands.push_back(add(app));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  for (const auto& c : commands)
    if (c.app->parsed()) return c.run();
  return kExitUsage;
}
