#!/usr/bin/env bash
# The main job on the embedded default: install, build (Release) the binary and the web page,
# index the bundled sample corpus into ./idx and serve the page and the API on
# http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh web
cmake --preset release >/dev/null
cmake --build --preset release --target newsdex
bin=build/release/newsdex
rm -rf ./idx.new
"$bin" ingest --index ./idx.new data/sample
rm -rf ./idx && mv ./idx.new ./idx
"$bin" stats --index ./idx
echo
"$bin" search --index ./idx --limit 3 '"phone call" putin'
echo

# The web page (web/, built into web/dist) needs Node.js 20.19 or newer for its build tools.
static=${NEWSDEX_STATIC:-}
if [ -z "$static" ]; then
  if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    (
      cd web
      [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
      npm run build --silent >/dev/null
    )
    static=web/dist
  else
    echo "run-sample: Node.js $(node --version) is older than 20.19: serving the API without the web page" >&2
  fi
fi
exec "$bin" serve --index ./idx --port "${PORT:-8080}" ${static:+--static "$static"}
