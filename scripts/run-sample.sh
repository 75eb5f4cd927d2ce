#!/usr/bin/env bash
# The main job on the embedded default: install, build (Release), index the bundled sample corpus
# into ./idx and serve it on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
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
exec "$bin" serve --index ./idx --port "${PORT:-8080}" ${NEWSDEX_STATIC:+--static "$NEWSDEX_STATIC"}
