// One libFuzzer binary per target: NEWSDEX_FUZZ_TARGET names it (see fuzz/CMakeLists.txt).
#include <cstdio>
#include <cstdlib>

#include "targets.hpp"

namespace {
newsdex::fuzz::Target target() {
  static const newsdex::fuzz::Target t = [] {
    auto found = newsdex::fuzz::find_target(NEWSDEX_FUZZ_TARGET);
    if (!found) {
      std::fprintf(stderr, "no fuzz target named %s\n", NEWSDEX_FUZZ_TARGET);
      std::abort();
    }
    return found;
  }();
  return t;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  target()(data, size);
  return 0;
}
