// Every seed and every saved fuzz finding goes through its target again. A target aborts on a
// broken invariant and the sanitizer builds catch memory errors, so passing means each input is
// handled as documented.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "newsdex/doc/readers/common.hpp"
#include "targets.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

size_t replay(newsdex::fuzz::Target target, const fs::path& dir) {
  size_t n = 0;
  for (const auto& path : inputs(dir)) {
    SCOPED_TRACE(path.string());
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    target(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++n;
  }
  return n;
}

class FuzzReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzReplay, SeedsAndRegressions) {
  auto target = newsdex::fuzz::find_target(GetParam());
  ASSERT_NE(target, nullptr);
  const fs::path source(NEWSDEX_SOURCE_DIR);
  // Every target has seeds in the repository.
  EXPECT_GT(replay(target, source / "fuzz/corpus" / GetParam()), 0u);
  replay(target, source / "tests/data/fuzz-regressions" / GetParam());
  // An empty input is always handled.
  target(nullptr, 0);
}

std::vector<std::string> target_names() {
  std::vector<std::string> names;
  for (const auto& t : newsdex::fuzz::targets()) names.emplace_back(t.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(target_names()),
                         [](const auto& param_info) { return param_info.param; });

// The fix for the first findings: bytes that are not UTF-8 become '?', one for one.
TEST(InvalidUtf8, ReplacedByteForByte) {
  std::string text = "caf\xe9 \xc3\xa9 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf ok \xe2\x80";
  const size_t size = text.size();
  newsdex::doc::readers::replace_invalid_utf8(text);
  EXPECT_EQ(text, "caf? \xc3\xa9 ??? ???? ?? ok ??");
  EXPECT_EQ(text.size(), size);
  std::string valid = "\xe2\x80\x9cquote\xe2\x80\x9d \xf0\x9f\x98\x80";
  const std::string before = valid;
  newsdex::doc::readers::replace_invalid_utf8(valid);
  EXPECT_EQ(valid, before);
}

}  // namespace
