#!/usr/bin/env bash
# Installs, builds and runs every test: the full suite in Release (warnings as errors), then again
# under AddressSanitizer + UndefinedBehaviorSanitizer. SKIP_SANITIZERS=1 skips the second pass.
# Between them, the web page's browser tests (scripts/web-test.sh; SKIP_WEB=1 skips them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=${JOBS:-$(nproc)}

echo "== release build (-Werror) and tests"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
ctest --preset ci -j "$jobs"

if [ "${SKIP_WEB:-0}" != 1 ]; then
  echo "== web page: build and browser tests (Chromium, headless)"
  NEWSDEX_BIN=build/ci/newsdex bash scripts/web-test.sh
fi

if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== ASan + UBSan build and tests"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset asan -j "$jobs"
fi
echo "== all tests passed"
