#!/usr/bin/env bash
# Load test (not in CI: timings are not assertions). Serves an index of the sample corpus on
# loopback, holds a mixed query load with wrk for DURATION seconds (default 60) while an ingest
# loop commits new batches into the same index beside it, then prints throughput, p50/p99 latency
# and the error count (non-2xx answers + socket errors).
# Usage: bench/load/run.sh [DURATION_SECONDS] [CONNECTIONS]   (needs build/release/newsdex)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-60}
connections=${2:-16}
bash scripts/install-deps.sh load
bin=${NEWSDEX_BIN:-build/release/newsdex}
[ -x "$bin" ] || { echo "load: build first: cmake --build --preset release --target newsdex" >&2; exit 2; }

work=$(mktemp -d /tmp/newsdex-load.XXXXXX)
server_pid=
ingest_pid=
cleanup() {
  [ -n "$ingest_pid" ] && kill "$ingest_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" ingest --index "$work/idx" data/sample >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --index "$work/idx" --port "$port" --threads "${THREADS:-4}" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# The ingest beside the load: a batch of 20 new transcripts every loop, each its own commit.
(
  batch=0
  while :; do
    batch=$((batch + 1))
    python3 - "$work/batch.jsonl" "$batch" <<'PY'
import json, sys
path, batch = sys.argv[1], int(sys.argv[2])
words = ("storm bridge vote valley senate tariffs summit president river flood evening "
         "correspondent wildfire recovery budget hearing").split()
with open(path, "w") as f:
    for i in range(20):
        n = batch * 100 + i
        body = " ".join(words[(n * 7 + k * 3) % len(words)] for k in range(120))
        f.write(json.dumps({"id": f"load-{n}", "source": "LOAD", "show": "Bulletin",
                            "date": "2019-01-%02d" % (1 + n % 28), "title": f"Bulletin {n}",
                            "body": body}) + "\n")
PY
    "$bin" ingest --index "$work/idx" --threads 1 "$work/batch.jsonl" >/dev/null 2>>"$work/ingest.log"
    echo "$batch" >"$work/batches"
  done
) &
ingest_pid=$!

echo "load: ${duration}s, ${connections} connections, 2 wrk threads, serve --threads ${THREADS:-4}, ingest beside it"
wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s bench/load/queries.lua "http://127.0.0.1:$port/" \
  | grep '^load:'
kill "$ingest_pid" 2>/dev/null || true
wait "$ingest_pid" 2>/dev/null || true
ingest_pid=
batches=$(cat "$work/batches" 2>/dev/null || echo 0)
docs=$(curl -sf "http://127.0.0.1:$port/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
echo "load: ingest beside it committed $batches batches of 20; index now $docs documents"
