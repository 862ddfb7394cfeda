#!/usr/bin/env bash
# ctest entry for the independent JS client: installs the locked npm dependencies (npm ci) and
# runs the client against freshly started servers from BIN_DIR. Exit 77 (ctest: skipped) only
# when node or npm is missing.
set -euo pipefail
BIN_DIR=${1:?usage: run.sh BIN_DIR}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "SKIPPED: node/npm not installed (tools/install-deps.sh installs nodejs and npm)"
  exit 77
fi
cd "$(dirname "$0")"
# npm ci is a clean install from package-lock.json; skip it when node_modules already matches.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # The registry is the one network dependency of the test suite: ride out a passing hiccup.
  for attempt in 1 2 3; do
    npm ci --no-audit --no-fund --loglevel=error && break
    [ "$attempt" -lt 3 ] || { echo "npm ci failed 3 times"; exit 1; }
    sleep $((attempt * 5))
  done
fi
exec node reflection_client.test.js "$BIN_DIR"
