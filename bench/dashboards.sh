#!/usr/bin/env bash
# Dashboards benchmark (issue #5): a private chDB engine behind devstack/clickhouse-http and offline-tasks (from its
# compiled classes) on this machine. io.adplatform.loadgen.reporting.DashboardsBenchmark loads EVENTS synthetic events
# (45 % attribution, 50 % bid, 5 % callback rows; 200 products x 90 days) into the BASE tables with INSERT ... SELECT
# FROM numbers() in chunks — the materialized views fill the roll-ups as the loader's inserts would — plus media reports,
# FX rates and DSP campaigns, then times every dashboard endpoint over HTTP (one request at a time) and prints
# p50/p95/p99. Before measuring it runs the service's close-product-days job (POST /internal/v1/jobs/close-product-days/runs)
# and waits for it, as its hourly schedule would have run after the loaded days ended: its first run closes every day
# before today, so /products reads closed days' plain numbers (the run's time is printed).
# Stops everything it started and removes its data; the output stays in bench-results/dashboards-<run>.txt.
#
#   bench/dashboards.sh [--build]      (compiles offline-tasks and loadgen offline with --build or when not compiled)
#
# Environment (defaults): EVENTS=1000000 (the issue's figure: EVENTS=50000000), CHUNK=1000000, PRODUCTS=200, DAYS=90,
# REQUESTS=300 (measured per endpoint), WARMUP=30, CH_PORT=18123, PORT=18087, KEEP_DATA= (non-empty: keep the chDB
# data dir and print its path), DATA_DIR= (a chDB data dir to keep and reuse: the first run with it loads EVENTS and
# marks it loaded; later runs with the same DATA_DIR skip the load and measure the data already there — the service's
# migrations still run on it, so a new ClickHouse migration is applied to the loaded data),
# JAVA_OPTS_SERVICE="-Xms512m -Xmx1g -XX:+UseG1GC".
#
#   DATA_DIR=.run-local/dash-50m EVENTS=50000000 bench/dashboards.sh    # loads once, then:
#   DATA_DIR=.run-local/dash-50m EVENTS=50000000 bench/dashboards.sh    # measures again without reloading
# Needs node (chDB installed by scripts/ensure-infra.sh) and MariaDB on 127.0.0.1:3306 (root, no password).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
EVENTS="${EVENTS:-1000000}"
CHUNK="${CHUNK:-1000000}"
PRODUCTS="${PRODUCTS:-200}"
DAYS="${DAYS:-90}"
REQUESTS="${REQUESTS:-300}"
WARMUP="${WARMUP:-30}"
CH_PORT="${CH_PORT:-18123}"
PORT="${PORT:-18087}"
KEEP_DATA="${KEEP_DATA:-}"
DATA_DIR="${DATA_DIR:-}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms512m -Xmx1g -XX:+UseG1GC}"
TOKEN="bench-dashboards-token"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-dashboards-$run_id"
database="adplatform_offline_bench_$run_id"
results="$repo/bench-results/dashboards-$run_id.txt"
pids=()
chdb="$work/chdb"
skip_load=false
if [[ -n "$DATA_DIR" ]]; then
  mkdir -p "$DATA_DIR"
  chdb="$(cd "$DATA_DIR" && pwd)"
  if [[ -f "$chdb/.dashboards-bench-loaded" ]]; then
    skip_load=true
    echo "reusing the data loaded in $chdb ($(cat "$chdb/.dashboards-bench-loaded")); EVENTS is not loaded again"
  fi
fi

cleanup() {
  stop_processes "${pids[@]}"
  drop_database "$database"
  if [[ -n "$KEEP_DATA" ]]; then
    echo "chDB data kept in $chdb"
  elif [[ -n "$DATA_DIR" ]]; then
    rm -rf "$work"
    echo "chDB data kept in $chdb"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_free_ports "CH_PORT / PORT" "$CH_PORT" "$PORT"
mkdir -p "$repo/bench-results"
service_and_loadgen_classes offline-tasks io/adplatform/offline/dashboards io/adplatform/loadgen/reporting "${1:-}"

echo "starting chDB (clickhouse-http) on 127.0.0.1:$CH_PORT ..."
(cd devstack/clickhouse-http && exec node server.mjs --port "$CH_PORT" --path "$chdb") >"$work/clickhouse.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$CH_PORT/ping" 60 clickhouse

echo "starting offline-tasks on 127.0.0.1:$PORT ($JAVA_OPTS_SERVICE) ..."
# shellcheck disable=SC2086
java $JAVA_OPTS_SERVICE -cp "$work/service-classes:$(cat "$work/service.cp")" io.adplatform.offline.OfflineTasksApplication \
  --server.port="$PORT" \
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$database?createDatabaseIfNotExist=true" \
  --spring.kafka.bootstrap-servers=127.0.0.1:1 \
  --adplatform.service-token="$TOKEN" \
  --adplatform.clickhouse.url="http://127.0.0.1:$CH_PORT" \
  --adplatform.clickhouse.database=adplatform \
  --adplatform.clickhouse.query-timeout=PT30M \
  --logging.level.root=WARN >"$work/service.log" 2>&1 &
pids+=($!)
# a reused DATA_DIR may get a new ClickHouse migration (a backfill) at this start: allow for it
wait_for "http://127.0.0.1:$PORT/actuator/health/liveness" 1800 service

status=0
# shellcheck disable=SC2046
java -Xms256m -Xmx512m -cp "$work/loadgen-classes:$(cat "$work/loadgen.cp")" \
  io.adplatform.loadgen.reporting.DashboardsBenchmark --clickhouse "http://127.0.0.1:$CH_PORT" --database adplatform \
  --service "http://127.0.0.1:$PORT" --token "$TOKEN" --events "$EVENTS" --chunk "$CHUNK" --products "$PRODUCTS" \
  --days "$DAYS" --requests "$REQUESTS" --warmup "$WARMUP" --skip-load "$skip_load" 2>"$work/benchmark.err" | tee "$results" || status=$?
if [[ -n "$DATA_DIR" && "$skip_load" == false ]] && grep -q '^loaded ' "$results"; then
  echo "EVENTS=$EVENTS PRODUCTS=$PRODUCTS DAYS=$DAYS loaded $(date -u +%FT%TZ)" >"$chdb/.dashboards-bench-loaded"
fi
if [[ $status -ne 0 ]]; then
  echo "benchmark failed (exit $status):" >&2
  tail -n 30 "$work/benchmark.err" >&2 || true
  tail -n 30 "$work/service.log" >&2 || true
fi
{
  echo "engine: chDB $(grep -o 'chDB [0-9.]*' "$work/clickhouse.log" | head -n 1) behind devstack/clickhouse-http (one query at a time)"
  echo "chDB data dir size: $(du -sh "$chdb" 2>/dev/null | cut -f1)"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine shares the 2 cores)"
} | tee -a "$results"
echo "output kept in $results"
exit $status
