#!/usr/bin/env python3
"""Runs every GoogleTest binary of a build whole, once, in one process per binary.

    scripts/run-test-binaries.py BUILD_DIR [--jobs N] [--seed S]

ctest runs each test case in its own process (gtest_discover_tests), which hides tests that
depend on each other through process state (a thread_local cache, a static, a temp file left
behind). This runs each binary's cases together, in a shuffled order fixed by --seed, with the
working directory and environment ctest would give them, so such a dependence fails in CI and
is reproducible with the same seed. Stdlib only.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time


def binaries(build_dir):
    """{binary: (cwd, env)} for every test whose command runs a gtest filter."""
    out = subprocess.run(["ctest", "--test-dir", build_dir, "--show-only=json-v1"],
                         check=True, capture_output=True, text=True).stdout
    found = {}
    for test in json.loads(out).get("tests", []):
        cmd = test.get("command") or []
        if not cmd or not any(a.startswith("--gtest_filter=") for a in cmd[1:]):
            continue
        props = {p["name"]: p["value"] for p in test.get("properties", [])}
        env = dict(os.environ)
        for item in props.get("ENVIRONMENT", []):
            key, _, value = item.partition("=")
            env[key] = value
        found.setdefault(cmd[0], (props.get("WORKING_DIRECTORY", build_dir), env))
    return found


def run(binary, cwd, env, seed):
    t0 = time.monotonic()
    proc = subprocess.run([binary, "--gtest_brief=1", "--gtest_shuffle", f"--gtest_random_seed={seed}"],
                          cwd=cwd, env=env, capture_output=True, text=True)
    return binary, proc.returncode, proc.stdout + proc.stderr, time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build_dir")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    found = binaries(args.build_dir)
    if not found:
        print(f"run-test-binaries: no GoogleTest binaries registered in {args.build_dir}", file=sys.stderr)
        return 1
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run, b, cwd, env, args.seed) for b, (cwd, env) in sorted(found.items())]
        for f in concurrent.futures.as_completed(futures):
            binary, rc, output, secs = f.result()
            name = os.path.relpath(binary, args.build_dir)
            print(f"{'ok  ' if rc == 0 else 'FAIL'} {name} ({secs:.1f} s)", flush=True)
            if rc != 0:
                failed.append(name)
                sys.stdout.write(output)
    if failed:
        print(f"run-test-binaries: {len(failed)} of {len(found)} binaries failed when their tests ran "
              f"in one process (--gtest_shuffle --gtest_random_seed={args.seed}): {', '.join(failed)}",
              file=sys.stderr)
        return 1
    print(f"run-test-binaries: all {len(found)} binaries pass with their tests in one process "
          f"(seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
