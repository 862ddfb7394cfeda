#!/usr/bin/env bash
# Runs the benchmarks and prints their tables (see bench/README.md for how to read them).
# Usage: tools/bench.sh [extraction|query|all]          (default: all)
#
# Builds only the targets it needs in $BUILD_DIR (default build-bench). Every baseline is measured
# in the same run as the figure it is compared with, because the machines are shared and noisy.
# Servers bind 127.0.0.1 only; every load phase is bounded in request count and time.
#
# Knobs (environment): RUNS=5 TARGET_MB=50 RT_SLICE_KB=64 REPORTS=10000 SEED=1 REQUESTS=2000
#   MAX_SECONDS=60 (per latency setting) INDEX_CLIENTS=4 CONCURRENCIES=1,16 JOBS=1
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build-bench}
JOBS=${JOBS:-1}
RUNS=${RUNS:-5}
TARGET_MB=${TARGET_MB:-50}
RT_SLICE_KB=${RT_SLICE_KB:-64}
REPORTS=${REPORTS:-10000}
SEED=${SEED:-1}
REQUESTS=${REQUESTS:-2000}
MAX_SECONDS=${MAX_SECONDS:-60}
INDEX_CLIENTS=${INDEX_CLIENTS:-4}
CONCURRENCIES=${CONCURRENCIES:-1,16}
WHAT=${1:-all}
case "$WHAT" in extraction|query|all) ;; *) echo "usage: $0 [extraction|query|all]" >&2; exit 2;; esac

BIN=$BUILD_DIR/bin
OUT=$BUILD_DIR/bench-out
mkdir -p "$OUT"
log() { echo "bench: $*" >&2; }

build() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  log "building $* in $BUILD_DIR"
  cmake --build "$BUILD_DIR" --target "$@" -j "$JOBS" >"$OUT/build.log" 2>&1 ||
    { tail -30 "$OUT/build.log" >&2; exit 1; }
}

run_extraction() {
  build extraction_bench
  local simplified=() traditional=()
  while IFS=$'\t' read -r script file; do
    if [ "$script" = traditional ]; then traditional+=("$file"); else simplified+=("$file"); fi
  done < <(python3 tools/gen-synthetic-corpus.py --classify data/samples/*.txt)
  local simp_list trad_list
  simp_list=$(IFS=,; echo "${simplified[*]}")
  trad_list=$(IFS=,; echo "${traditional[*]}")
  local results=$OUT/extraction.results
  : >"$results"
  log "extraction: simplified ${simp_list:-none}; traditional ${trad_list:-none}"
  if [ -n "$simp_list" ]; then
    "$BIN/extraction_bench" --mode=extract --label="govreport simplified" --files="$simp_list" \
      --target_mb="$TARGET_MB" --runs="$RUNS" >>"$results"
  fi
  if [ -n "$trad_list" ]; then
    "$BIN/extraction_bench" --mode=extract --label="govreport traditional" --files="$trad_list" \
      --target_mb="$TARGET_MB" --runs="$RUNS" >>"$results"
  fi
  # Recognizers-Text on a slice of the same normalized simplified text.
  if command -v npm >/dev/null && [ -n "$simp_list" ]; then
    if [ ! -d bench/node/node_modules ] || [ bench/node/package-lock.json -nt bench/node/node_modules ]; then
      log "npm ci in bench/node"
      (cd bench/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
    "$BIN/extraction_bench" --mode=dump --out="$OUT/rt-texts.txt" --files="$simp_list"
    node bench/node/rt_bench.js --texts="$OUT/rt-texts.txt" --slice_kb="$RT_SLICE_KB" \
      --runs="$RUNS" --label="RT simplified" >>"$results"
  else
    log "npm missing (tools/install-deps.sh installs it): RT row skipped"
  fi
  # Context: converting the whole traditional text with OpenCC before matching.
  if [ -n "$trad_list" ]; then
    "$BIN/extraction_bench" --mode=opencc --label="OpenCC t2s (whole text)" --files="$trad_list" \
      --target_mb="$TARGET_MB" --runs="$RUNS" >>"$results"
  fi
  python3 bench/format_table.py extraction "$results"
}

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT

# CPU seconds (user + system) the process has used so far: with other work on the machine, the
# index build's CPU cost is steadier than its wall time.
cpu_seconds() {
  awk -v tck="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tck }' "/proc/$1/stat"
}

start_server() {  # $1 data dir; sets SERVER_PID and ADDR
  local log_file=$OUT/query-server.log
  "$BIN/govreport-query" --listen=127.0.0.1:0 --data_dir="$1" 2>"$log_file" &
  SERVER_PID=$!
  ADDR=""
  for _ in $(seq 240); do
    ADDR=$(sed -n 's/.*govreport-query: listening on \([0-9.]*:[0-9]*\).*/\1/p' "$log_file" | head -1)
    [ -n "$ADDR" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.25
  done
  tail -20 "$log_file" >&2
  log "govreport-query did not start"
  exit 1
}

run_query() {
  build govreport-query query_bench compact_db
  local corpus=$BUILD_DIR/bench-corpus-$REPORTS-$SEED
  if [ ! -f "$corpus/manifest.tsv" ] || [ "$(($(wc -l <"$corpus/manifest.tsv") - 1))" -ne "$REPORTS" ]; then
    rm -rf "$corpus"
    python3 tools/gen-synthetic-corpus.py --out "$corpus" --count "$REPORTS" --seed "$SEED"
  fi
  local data=$BUILD_DIR/bench-query-data
  local results=$OUT/query.results
  : >"$results"
  rm -rf "$data"
  start_server "$data"
  log "govreport-query on $ADDR (pid $SERVER_PID); indexing $REPORTS reports"
  local cpu_before cpu_after
  cpu_before=$(cpu_seconds "$SERVER_PID")
  "$BIN/query_bench" --mode=index --target="$ADDR" --corpus_dir="$corpus" \
    --concurrency="$INDEX_CLIENTS" >>"$results"
  cpu_after=$(cpu_seconds "$SERVER_PID")
  printf 'RESULT\tindex\tgovreport IndexReport\tcpu_s=%s\n' \
    "$(python3 -c "print($cpu_after - $cpu_before)")" >>"$results"
  log "latency: $REQUESTS requests per RPC and concurrency ($CONCURRENCIES), at most ${MAX_SECONDS}s each"
  "$BIN/query_bench" --mode=latency --target="$ADDR" --terms_file=bench/search_terms.txt \
    --concurrencies="$CONCURRENCIES" --requests="$REQUESTS" --max_seconds="$MAX_SECONDS" \
    --seed="$SEED" >>"$results"
  stop_server
  local live compacted
  live=$(du -sb "$data" | cut -f1)
  "$BIN/compact_db" "$data" 2>>"$OUT/query-server.log"
  compacted=$(du -sb "$data" | cut -f1)
  log "index on disk: $live bytes after shutdown, $compacted after full compaction"
  printf 'RESULT\tindex\tgovreport IndexReport\tbytes_on_disk=%s\tbytes_on_disk_live=%s\n' \
    "$compacted" "$live" >>"$results"
  log "in-process index build (same reports, the server's storage, no gRPC)"
  # One indexing thread per core: the store admits no more at once anyway.
  "$BIN/query_bench" --mode=index_local --data_dir="$BUILD_DIR/bench-query-local" \
    --corpus_dir="$corpus" --concurrency="$(nproc)" >>"$results"
  rm -rf "$BUILD_DIR/bench-query-local"
  log "SQLite FTS5 trigram baseline"
  python3 bench/fts5_bench.py --corpus_dir="$corpus" --terms_file=bench/search_terms.txt \
    --db="$OUT/fts5.db" --requests="$REQUESTS" --max_seconds="$MAX_SECONDS" --seed="$SEED" \
    >>"$results"
  python3 bench/format_table.py query "$results"
}

case "$WHAT" in
  extraction) run_extraction ;;
  query) run_query ;;
  all) run_extraction; run_query ;;
esac
