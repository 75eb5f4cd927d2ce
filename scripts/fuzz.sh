#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-16, ASan + UBSan, `fuzz` preset) and runs each for
# SECONDS_PER_TARGET seconds (default 60), one after another on one core. Seeds come from
# fuzz/corpus/<target>/ (read only); what the fuzzer learns goes to build/fuzz/corpus/<target>/
# and any crash, leak or timeout to build/fuzz/findings/<target>/ — exit status 1 when there is one.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
bash scripts/install-deps.sh fuzz
cmake --preset fuzz >/dev/null
all=(page jsonl vtt srt cable plain detect query segment postings store manifest deletes phonetic)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
cmake --build --preset fuzz -j "${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

dict_for() {
  case "$1" in
    detect) echo fuzz/dict/page.dict ;;
    deletes) echo "" ;;
    *) [ -f "fuzz/dict/$1.dict" ] && echo "fuzz/dict/$1.dict" ;;
  esac
}

failed=()
for t in "${targets[@]}"; do
  work=build/fuzz/corpus/$t
  findings=build/fuzz/findings/$t
  mkdir -p "$work" "$findings"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384
        -print_final_stats=1 -artifact_prefix="$findings/")
  dict=$(dict_for "$t" || true)
  [ -n "$dict" ] && args+=(-dict="$dict")
  echo "== fuzz $t for ${seconds}s"
  if ! ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-16 || command -v llvm-symbolizer || true) \
      ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "build/fuzz/fuzz/fuzz_$t" "${args[@]}" "$work" "fuzz/corpus/$t" >"build/fuzz/$t.log" 2>&1; then
    failed+=("$t")
    tail -60 "build/fuzz/$t.log"
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "build/fuzz/$t.log" | tr '\n' ' ' || true
  echo
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (see build/fuzz/findings/, logs in build/fuzz/*.log)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no findings"
