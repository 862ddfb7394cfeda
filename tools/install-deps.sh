#!/usr/bin/env bash
# Installs the Debian packages govreport builds and tests with, when any is missing.
# Idempotent and quiet when everything is present. Needs root (or sudo) only when installing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config python3
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev librocksdb-dev libgtest-dev libssl-dev
  libicu-dev          # charset conversion (GB18030, Big5, UTF-16) and Unicode
  opencc              # opencc_dict: regenerates data/t2s_chars.tsv (tools/gen-t2s-table.sh)
  libopencc-dev       # bench/: whole-text OpenCC conversion as the context row
  nodejs npm          # independent gRPC client tests (@grpc/grpc-js) and benchmarks
  sqlite3 libsqlite3-dev  # FTS5 baseline in bench/
  clang libclang-rt-14-dev  # libFuzzer target (tools/fuzz.sh)
)

# Packages whose program may come from elsewhere: NodeSource's nodejs bundles npm, and the
# Debian npm package cannot be installed beside it. The program being there is enough.
declare -A PROGRAM_OF=([nodejs]=node [npm]=npm)

missing=()
for p in "${PACKAGES[@]}"; do
  if [ -n "${PROGRAM_OF[$p]:-}" ] && command -v "${PROGRAM_OF[$p]}" >/dev/null 2>&1; then
    continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
