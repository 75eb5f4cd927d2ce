#include "newsdex/core/error.hpp"

namespace newsdex::core {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage: return "usage";
    case ErrorCode::kParse: return "parse_error";
    case ErrorCode::kQuery: return "bad_query";
    case ErrorCode::kIo: return "io_error";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kLimit: return "limit_exceeded";
    case ErrorCode::kInternal: return "internal";
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
  } else if (where.column > 0) {
    out.append("column ");
    out.append(std::to_string(where.column));
    out.append(": ");
  }
  out.append(message);
  return out;
}

}  // namespace newsdex::core
