#!/usr/bin/env bash
# The README's second command, and exactly what CI runs (.ci/run): installs what is missing,
# builds, scores the extractor, and runs every test with ctest. ctest's summary is the last
# thing printed, so its verdict is what a reader sees first at the bottom of the log.
#
# Environment: BUILD_DIR (default build), JOBS (build parallelism, default nproc),
# CTEST_JOBS (default nproc), SHARED_DIR (gold set and scorer, default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SHARED_DIR=${SHARED_DIR:-../shared}
export BUILD_DIR

step() { printf '\n==> %s\n' "$*"; }

step "dependencies"
bash tools/install-deps.sh

step "build ($BUILD_DIR)"
start=$SECONDS
bash tools/build.sh
echo "built in $((SECONDS - start)) s"

# The scorer's figures are printed here for people; the dev_gold_score ctest test enforces the
# F1 threshold, so a drop below it fails the run below.
if [ -f "$SHARED_DIR/eval/score.py" ]; then
  step "extractor score on the dev gold set"
  python3 "$SHARED_DIR/eval/score.py" --gold "$SHARED_DIR/eval/gold-dev.jsonl" \
    --corpus "$SHARED_DIR/corpus" --cmd "$BUILD_DIR/bin/govreport extract {file}" || true
else
  step "no $SHARED_DIR/eval: extractor scoring skipped"
fi

step "tests"
exec ctest --test-dir "$BUILD_DIR" --output-on-failure -j "${CTEST_JOBS:-$(nproc)}" --timeout 900
