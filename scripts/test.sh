#!/usr/bin/env bash
# Installs, builds and runs every test: first the layout check (scripts/format-check.sh,
# clang-format 14; SKIP_FORMAT=1 skips it), the full suite in Release (warnings as errors), then again
# under AddressSanitizer + UndefinedBehaviorSanitizer (SKIP_SANITIZERS=1 skips it). The release
# tests run twice: once per test case (ctest) and once per GoogleTest binary with its cases in one
# process (scripts/run-test-binaries.py).
# Between them, the web page's browser tests (scripts/web-test.sh; SKIP_WEB=1 skips them).
# Then a short libFuzzer run of every fuzz target (clang-16; FUZZ_SECONDS per target, default 8;
# SKIP_FUZZ=1 skips it) and the `concurrent` tests under ThreadSanitizer (SKIP_TSAN=1 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=${JOBS:-$(nproc)}

if [ "${SKIP_FORMAT:-0}" != 1 ]; then
  echo "== layout: clang-format"
  bash scripts/format-check.sh
fi

echo "== release build (-Werror) and tests"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
ctest --preset ci -j "$jobs"
# ctest gives every test case its own process; run each GoogleTest binary whole too, shuffled with a
# fixed seed, so tests that depend on each other through process state fail here.
python3 scripts/run-test-binaries.py build/ci --jobs "$jobs"

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
if [ "${SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzz: every target for ${FUZZ_SECONDS:-8}s (longer: scripts/fuzz.sh 600)"
  JOBS=$jobs bash scripts/fuzz.sh "${FUZZ_SECONDS:-8}"
fi

if [ "${SKIP_TSAN:-0}" != 1 ]; then
  echo "== ThreadSanitizer: concurrent tests"
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan -j "$jobs" --target concurrent_tests
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/concurrent/tsan.supp \
    ctest --test-dir build/tsan -L concurrent --output-on-failure -j 1
fi
echo "== all tests passed"
