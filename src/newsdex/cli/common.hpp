// What every subcommand shares: exit codes, error reporting and the subcommand registry.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "newsdex/core/error.hpp"

namespace newsdex::cli {

// Exit codes are a contract (README): 0 ok, 1 no results (with --fail-empty), 2 usage or query
// error, 3 data error (bad input, corrupt or missing index, I/O).
inline constexpr int kExitOk = 0;
inline constexpr int kExitEmpty = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitData = 3;

int exit_code(const core::Error& error);
// Prints "newsdex: <place>: <message>" to stderr and returns the exit code for it.
int report(const core::Error& error);

// Each subcommand registers itself on `app` and returns its sub-app and the action to run.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};
Command add_ingest(CLI::App& app);
Command add_search(CLI::App& app);
Command add_show(CLI::App& app);
Command add_stats(CLI::App& app);
Command add_check(CLI::App& app);
Command add_serve(CLI::App& app);
Command add_analyze(CLI::App& app);
Command add_eval(CLI::App& app);
Command add_quotes(CLI::App& app);
Command add_merge(CLI::App& app);
Command add_timeline(CLI::App& app);
Command add_kwic(CLI::App& app);
Command add_comentions(CLI::App& app);
Command add_terms(CLI::App& app);
Command add_reairs(CLI::App& app);

}  // namespace newsdex::cli
