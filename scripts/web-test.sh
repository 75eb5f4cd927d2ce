#!/usr/bin/env bash
# The web page's end-to-end tests: builds the page (npm ci + npm run build), indexes the sample
# corpus and a generated 10 000-bulletin corpus with the release `newsdex`, serves each with
# `newsdex serve --static web/dist` on a free loopback port, and drives Debian's Chromium through
# web/e2e/page.test.mjs. Screenshots go to build/artifacts/. The servers are always stopped.
#   NEWSDEX_BIN   the newsdex binary (default build/release/newsdex, or build/ci/newsdex in CI)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/install-deps.sh browser

bin=${NEWSDEX_BIN:-}
if [ -z "$bin" ]; then
  for candidate in build/release/newsdex build/ci/newsdex; do
    [ -x "$candidate" ] && { bin=$candidate; break; }
  done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "web-test: build newsdex first (cmake --build --preset release --target newsdex)" >&2; exit 1; }
bin=$(realpath "$bin")

work=$root/build/web-e2e
artifacts=$root/build/artifacts
rm -rf "$work"
mkdir -p "$work" "$artifacts"

echo "== web: npm ci and build"
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

echo "== web: index the sample corpus and 10 000 bulletins"
"$bin" ingest --index "$work/sample" data/sample >"$work/ingest-sample.log" 2>&1 ||
  { cat "$work/ingest-sample.log" >&2; exit 1; }
python3 web/e2e/make_bulletins.py 10000 >"$work/bulletins.jsonl"
"$bin" ingest --index "$work/bulletins" "$work/bulletins.jsonl" >"$work/ingest-bulletins.log" 2>&1 ||
  { cat "$work/ingest-bulletins.log" >&2; exit 1; }

pids=()
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_servers EXIT

# Starts a server on a free port (--port 0) and sets $url once it answers /healthz. Not run in a
# subshell, so that the server's pid reaches the trap.
serve() {
  local index=$1 log=$2
  url=""
  : >"$log"  # exists before the first poll (the background job may not have opened it yet)
  "$bin" serve --index "$index" --port 0 --static "$root/web/dist" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    url=$(sed -n 's|^newsdex: serving .* on \(http://127\.0\.0\.1:[0-9]*/\)$|\1|p' "$log")
    if [ -n "$url" ] && curl -fsS "${url}healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "web-test: the server did not start:" >&2
  cat "$log" >&2
  return 1
}
serve "$work/sample" "$work/serve-sample.log"
sample_url=$url
serve "$work/bulletins" "$work/serve-bulletins.log"
bulletins_url=$url

echo "== web: browser tests against $sample_url (and $bulletins_url for 10 000 hits)"
status=0
(cd web && NEWSDEX_URL=$sample_url NEWSDEX_BIG_URL=$bulletins_url NEWSDEX_BIG_WORD=bulletin \
  NEWSDEX_ARTIFACTS=$artifacts node --test --test-reporter=spec e2e/page.test.mjs) || status=$?
echo "web-test: screenshots in ${artifacts#"$root"/}/: $(cd "$artifacts" && ls *.png 2>/dev/null | tr '\n' ' ')"
if [ "$status" -ne 0 ]; then
  echo "web-test: FAILED (exit $status); server logs:" >&2
  tail -n 20 "$work"/serve-*.log >&2
fi
exit "$status"
