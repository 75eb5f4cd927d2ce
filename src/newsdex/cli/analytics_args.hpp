// What the analytics subcommands (timeline, kwic, comentions, terms, reairs) share: the index they
// read, the date range they look at and how they print their result (docs/analytics.md).
#pragma once

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "newsdex/analytics/output.hpp"
#include "newsdex/core/error.hpp"

namespace newsdex::cli {

struct AnalyticsArgs {
  std::string index = "./idx";
  bool verify = false;  // --verify: recompute every segment checksum first
  std::string from, to;
  std::string format = "table";
  bool json = false;
};

// --index/-i, --verify, --from, --to, --format and --json.
void add_analytics_options(CLI::App* sub, AnalyticsArgs& args);

// --json wins over --format; a usage error names --format otherwise.
core::Result<analytics::OutputFormat> output_format(const AnalyticsArgs& args);

// Prints `result` to stdout as JSON (one line), CSV or a table; each result type has its
// to_json(), to_csv() and to_table() beside it in the analytics library.
template <class Result>
void print(analytics::OutputFormat format, const Result& result) {
  switch (format) {
    case analytics::OutputFormat::kJson:
      std::cout << to_json(result).dump() << "\n";
      break;
    case analytics::OutputFormat::kCsv:
      std::cout << to_csv(result);
      break;
    case analytics::OutputFormat::kTable:
      std::cout << to_table(result);
      break;
  }
}

}  // namespace newsdex::cli
