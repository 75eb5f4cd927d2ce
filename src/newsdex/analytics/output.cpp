#include "newsdex/analytics/output.hpp"

#include <cmath>

namespace newsdex::analytics {

core::Result<OutputFormat> parse_format(std::string_view text, std::string_view parameter) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "csv") return OutputFormat::kCsv;
  if (text == "json") return OutputFormat::kJson;
  return core::fail(core::ErrorCode::kUsage, "parameter '" + std::string(parameter) +
                                                 "': expected table, csv or json, got '" +
                                                 std::string(text) + "'");
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

double round6(double value) {
  return std::round(value * 1e6) / 1e6;
}

}  // namespace newsdex::analytics
