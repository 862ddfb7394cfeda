#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, starts the three services on
# loopback as separate processes, ingests data/samples/, waits until everything is indexed,
# prints what was extracted, and leaves the services running.
#
#   tools/run-local.sh          (re)start everything; idempotent
#   tools/run-local.sh stop     stop the services started here
#   tools/run-local.sh status   show whether they run
#
# Ports: GOVREPORT_INGEST_PORT (50051), GOVREPORT_EXTRACTION_PORT (50052),
# GOVREPORT_QUERY_PORT (50053). Data in ./var/<service>/, logs in ./var/log/, pids in ./var/run/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=${BUILD_DIR:-build}
BIN="$ROOT/$BUILD_DIR/bin"
VAR="$ROOT/var"
INGEST_PORT=${GOVREPORT_INGEST_PORT:-50051}
EXTRACTION_PORT=${GOVREPORT_EXTRACTION_PORT:-50052}
QUERY_PORT=${GOVREPORT_QUERY_PORT:-50053}
SERVICES=(extraction query ingest)  # start order: ingest needs the other two

port_of() {
  case $1 in
    extraction) echo "$EXTRACTION_PORT" ;;
    query) echo "$QUERY_PORT" ;;
    ingest) echo "$INGEST_PORT" ;;
  esac
}

# The pid in var/run/<service>.pid if that process is still our server (a stale pid file may
# name an unrelated process after a reboot: never signal that one).
running_pid() {
  local pidfile="$VAR/run/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "govreport-$1" || return 1
  echo "$pid"
}

stop_services() {
  local service pid waited
  for service in ingest query extraction; do
    if pid=$(running_pid "$service"); then
      kill -TERM "$pid" 2>/dev/null || true
      waited=0
      while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 150 ]; do
        sleep 0.2
        waited=$((waited + 1))
      done
      if kill -0 "$pid" 2>/dev/null; then
        echo "run-local: govreport-$service (pid $pid) ignored SIGTERM for 30 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
      echo "stopped govreport-$service (pid $pid)"
    fi
    rm -f "$VAR/run/$service.pid"
  done
}

show_status() {
  local service pid
  for service in "${SERVICES[@]}"; do
    if pid=$(running_pid "$service"); then
      echo "govreport-$service: running, pid $pid, 127.0.0.1:$(port_of "$service")"
    else
      echo "govreport-$service: not running"
    fi
  done
}

start_service() {
  local service=$1 port log
  port=$(port_of "$service")
  log="$VAR/log/$service.log"
  mkdir -p "$VAR/$service"
  local args=("--listen=127.0.0.1:$port" "--data_dir=$VAR/$service")
  if [ "$service" = ingest ]; then
    args+=("--extraction=127.0.0.1:$EXTRACTION_PORT" "--query=127.0.0.1:$QUERY_PORT")
  fi
  : >"$log"
  # setsid: the services outlive this script and the terminal it ran in.
  setsid "$BIN/govreport-$service" "${args[@]}" >>"$log" 2>&1 </dev/null &
  echo $! >"$VAR/run/$service.pid"
  local tries=0
  until grep -q "govreport-$service: listening on" "$log"; do
    if ! kill -0 "$(cat "$VAR/run/$service.pid")" 2>/dev/null; then
      echo "run-local: govreport-$service failed to start; its log ($log):" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then
      echo "run-local: govreport-$service did not listen within 60 s; see $log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "started govreport-$service on 127.0.0.1:$port (pid $(cat "$VAR/run/$service.pid"), log var/log/$service.log)"
}

case ${1:-start} in
  stop)
    stop_services
    exit 0
    ;;
  status)
    show_status
    exit 0
    ;;
  start) ;;
  *)
    echo "usage: tools/run-local.sh [start|stop|status]" >&2
    exit 2
    ;;
esac

echo "==> dependencies"
bash tools/install-deps.sh
echo "==> build ($BUILD_DIR)"
BUILD_DIR=$BUILD_DIR bash tools/build.sh

echo "==> services"
stop_services
mkdir -p "$VAR/log" "$VAR/run"
for service in "${SERVICES[@]}"; do start_service "$service"; done

export GOVREPORT_INGEST="127.0.0.1:$INGEST_PORT" GOVREPORT_QUERY="127.0.0.1:$QUERY_PORT"
CLI="$BIN/govreport"
echo "==> ingest data/samples/"
"$CLI" ingest data/samples/
"$CLI" wait --timeout 300

echo
echo "==> what was extracted (GDP of the year reviewed, its growth, the target for the report's year)"
"$CLI" overview
echo
cat <<EOF_HELP
The services keep running (logs in var/log/, data in var/):
  ingest      127.0.0.1:$INGEST_PORT
  extraction  127.0.0.1:$EXTRACTION_PORT
  query       127.0.0.1:$QUERY_PORT

Query them with the CLI (targets from GOVREPORT_INGEST / GOVREPORT_QUERY, or --ingest/--query):
  $BUILD_DIR/bin/govreport reports
  $BUILD_DIR/bin/govreport facts --indicator gdp --within 广东省 --period 2020
  $BUILD_DIR/bin/govreport series --region 云浮市 --indicator gdp --measure growth
  $BUILD_DIR/bin/govreport attainment --indicator gdp
  $BUILD_DIR/bin/govreport search 广州北站
  $BUILD_DIR/bin/govreport facts --indicator gdp --json     # JSON lines for machines

or with grpcurl (reflection is on):
  grpcurl -plaintext 127.0.0.1:$QUERY_PORT list
  grpcurl -plaintext -d '{"indicators":["gdp"],"period_from":"2020","period_to":"2020"}' \\
      127.0.0.1:$QUERY_PORT govreport.v1.QueryService/QueryFacts
  grpcurl -plaintext -d '{"query":"地区生产总值"}' 127.0.0.1:$QUERY_PORT govreport.v1.QueryService/Search

Stop them with:  tools/run-local.sh stop
EOF_HELP
