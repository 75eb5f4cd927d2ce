// Shared by the analytics outputs: the --format choice, CSV quoting and rounding.
#pragma once

#include <string>
#include <string_view>

#include "newsdex/core/error.hpp"

namespace newsdex::analytics {

enum class OutputFormat { kTable, kCsv, kJson };

// "table", "csv" or "json"; a usage error naming `parameter` otherwise.
core::Result<OutputFormat> parse_format(std::string_view text,
                                        std::string_view parameter = "format");
// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);
// Rounds to 6 significant decimals so JSON stays short and stable.
double round6(double value);

}  // namespace newsdex::analytics
