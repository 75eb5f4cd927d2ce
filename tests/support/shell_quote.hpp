#pragma once
// Single-quotes an argument for /bin/sh (the e2e tests build command lines for std::system).
#include <string>

namespace newsdex::testing {

inline std::string shell_quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  return out + "'";
}

}  // namespace newsdex::testing
