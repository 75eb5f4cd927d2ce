// Errors as values: every fallible operation driven by input returns Result<T>, whose Error names
// the place (file/line/column for input, file/offset for corruption, column for queries).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace newsdex::core {

enum class ErrorCode {
  kUsage,     // bad command-line or API parameters
  kParse,     // malformed input document
  kQuery,     // malformed query (column is set)
  kIo,        // file system failure
  kCorrupt,   // on-disk data failed a checksum or bounds check
  kNotFound,  // a document or index that does not exist
  kLimit,     // a request exceeded a configured limit
  kBudget,    // a search ran out of its time or expansion budget (the query is too costly)
  kInternal,  // a bug; should never reach a user
};

std::string_view error_code_name(ErrorCode code);

// Where an error happened. Zero means "unknown" for line and column (both are 1-based).
struct Location {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  uint64_t offset = 0;  // byte offset, for corruption reports
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  Location where;

  // "file:line:column: message" (parts that are unknown are left out).
  std::string to_string() const;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, Location where = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(where)});
}

}  // namespace newsdex::core
