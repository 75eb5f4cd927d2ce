#pragma once
// Runs a built executable through /bin/sh the way a user would, for the end-to-end tests: stdin
// from /dev/null, stdout and stderr captured through files, the exit code decoded.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/shell_quote.hpp"

namespace newsdex::testing {

struct Outcome {
  int code = -1;  // the exit code; -1 when the process did not exit normally
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// `binary ARGS...`, its output captured through DIR/stdout.txt and DIR/stderr.txt (overwritten).
inline Outcome run_binary(const std::filesystem::path& binary, const std::vector<std::string>& args,
                          const std::filesystem::path& dir) {
  std::string command = shell_quote(binary.string());
  for (const auto& a : args) command += " " + shell_quote(a);
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  command += " </dev/null >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

}  // namespace newsdex::testing
