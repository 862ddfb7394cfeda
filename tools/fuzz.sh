#!/usr/bin/env bash
# Fuzzes the document pipeline (NormalizeDocument -> SplitReports -> Extractor::Extract) with
# libFuzzer + AddressSanitizer for a bounded time. Exits non-zero when the fuzzer finds a crash,
# a sanitizer report or a timeout; the reproducer is in tests/fuzz/corpus-work/artifacts/.
#
# Usage: tools/fuzz.sh [seconds]            (default 60)
#   FUZZ_BUILD_DIR (default build-fuzz), JOBS (build parallelism, default 2),
#   FUZZ_ARGS (extra libFuzzer flags).
# Reproduce one input: build-fuzz/bin/pipeline_fuzzer <file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
work=tests/fuzz/corpus-work
sanitize="-fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer"

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGOVREPORT_FUZZ=ON -DGOVREPORT_SERVICES=OFF \
    -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_CXX_FLAGS="$sanitize" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address" >/dev/null
fi
cmake --build "$build_dir" --target pipeline_fuzzer -j "${JOBS:-2}"

mkdir -p "$work/corpus" "$work/artifacts"
# The first directory receives new interesting inputs; the seeds are only read.
# shellcheck disable=SC2086
"$build_dir/bin/pipeline_fuzzer" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  ${FUZZ_ARGS:-} "$work/corpus" tests/fuzz/seeds
