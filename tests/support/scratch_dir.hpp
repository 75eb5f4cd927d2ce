#pragma once
// A scratch directory for one test: under the system temp directory, named after the fixture's
// prefix, the running test and the process id, so that two runs of the same test binary at once
// (parallel worktrees, a developer's run beside CI, ctest -j over discovered tests) never share —
// and never remove — each other's files. The caller creates and removes it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace newsdex::testing {

inline std::filesystem::path scratch_dir(std::string_view prefix) {
  std::string name = "newsdex_" + std::string(prefix);
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info())
    name += "_" + std::string(info->name());
  name += "_" + std::to_string(::getpid());
  return std::filesystem::temp_directory_path() / name;
}

}  // namespace newsdex::testing
