#!/usr/bin/env bash
# Fails when a tracked C++ file is not laid out as .clang-format says (clang-format 14, Debian
# bookworm's; other versions lay some constructs out differently). `--fix` rewrites them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh format
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
if [ "${1:-}" = --fix ]; then
  clang-format-14 -i "${files[@]}"
  exit 0
fi
if ! clang-format-14 --dry-run -Werror "${files[@]}" 2>/tmp/newsdex-format.$$; then
  grep -o '^[^:]*:[0-9]*:[0-9]*: error' /tmp/newsdex-format.$$ | cut -d: -f1 | sort | uniq -c >&2
  rm -f /tmp/newsdex-format.$$
  echo "format-check: the files above differ from clang-format's layout (fix: bash scripts/format-check.sh --fix)" >&2
  exit 1
fi
rm -f /tmp/newsdex-format.$$
echo "format-check: ${#files[@]} files laid out as .clang-format says"
