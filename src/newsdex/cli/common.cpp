#include "newsdex/cli/common.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace newsdex::cli {

int exit_code(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kUsage:
    case core::ErrorCode::kQuery:
    case core::ErrorCode::kLimit:
    case core::ErrorCode::kBudget:
      return kExitUsage;
    default:
      return kExitData;
  }
}

int report(const core::Error& error) {
  fmt::print(stderr, "newsdex: {}: {}\n", core::error_code_name(error.code), error.to_string());
  return exit_code(error);
}

}  // namespace newsdex::cli
