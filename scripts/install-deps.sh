#!/usr/bin/env bash
# Installs the Debian (bookworm) packages Newsdex needs. Idempotent: packages already installed are
# not touched, and apt-get runs only when something is missing. Needs root (uses sudo if present).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ccache git
  libexpected-dev libcli11-dev libfmt-dev nlohmann-json3-dev libcpp-httplib-dev
  libutf8proc-dev libstemmer-dev libzstd-dev libstreamvbyte-dev libroaring-dev libxxhash-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl python3 festlex-cmu
)
# Extra groups, asked for by the scripts that need them.
for group in "$@"; do
  case "$group" in
    bench) packages+=(libxapian-dev liblucene8-java default-jdk-headless sqlite3 libsqlite3-dev hyperfine) ;;
    fuzz) packages+=(clang-16 libclang-rt-16-dev) ;;
    # Node.js and npm build the web page (web/); only when no npm is on the PATH, since a Node.js
    # from another repository bundles npm and conflicts with Debian's npm package.
    web) command -v npm >/dev/null || packages+=(nodejs npm) ;;
    # The page's end-to-end tests: the web group plus Debian's Chromium and a font.
    browser)
      packages+=(chromium fonts-dejavu-core)
      command -v npm >/dev/null || packages+=(nodejs npm)
      ;;
    load) packages+=(wrk) ;;
    # scripts/format-check.sh: the clang-format whose layout the tree follows.
    format) packages+=(clang-format-14) ;;
    # Retraining the quote-attribution model (scripts/train_attribution.py); not needed to build
    # or test, the trained weights are committed.
    train) packages+=(liblinear-tools) ;;
    *) echo "install-deps: unknown group '$group'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (or install sudo)" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
