#include "newsdex/core/error.hpp"

namespace newsdex::core {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage:
      return "usage";
    case ErrorCode::kParse:
      return "parse_error";
    case ErrorCode::kQuery:
      return "bad_query";
    case ErrorCode::kIo:
      return "io_error";
    case ErrorCode::kCorrupt:
      return "corrupt";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kLimit:
      return "limit_exceeded";
    case ErrorCode::kBudget:
      return "budget_exceeded";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Error::to_string() const {
  std::string out;
  if (!where.file.empty()) {
    out.append(where.file);
    if (where.line > 0) {
      out.push_back(':');
      out.append(std::to_string(where.line));
      if (where.column > 0) {
        out.push_back(':');
        out.append(std::to_string(where.column));
      }
    } else if (where.offset > 0) {
      out.push_back('@');
      out.append(std::to_string(where.offset));
    }
    out.append(": ");
  }
  out.append(message);
  // Query errors name their column; say it once, whether or not the message already does.
  if (where.file.empty() && where.column > 0 && message.find("column") == std::string::npos) {
    out.append(" at column ");
    out.append(std::to_string(where.column));
  }
  return out;
}

}  // namespace newsdex::core
