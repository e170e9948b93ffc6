#!/usr/bin/env bash
# DP-link counting throughput: a real Kafka broker (devstack), a private Redis, and dplink-controller as its production
# jar, started and stopped by the benchmark (io.adplatform.loadgen.dplink.ClickThroughputBenchmark, which also runs the
# TikTok Marketing API fake in its own process). Creates ads through the API, preloads a backlog of click reports into
# tracking-clicks while the controller is down, then starts the controller and measures records counted per second —
# with dedup off and on — and, with the backlog done, a live run at a fixed produce rate. Stops everything it started
# and removes its data; the output stays in bench-results/dplink-throughput-<run>.txt.
#
#   bench/dplink-throughput.sh [--build]      (builds only with --build or when a jar is missing)
#
# Environment (defaults): RECORDS=3000000, ADS=200, LINKS_PER_AD=100, SERVING_SHARE=0.25 (share of records on the
# serving links), MODES=off,on (dedup), LIVE_RATE=50000, LIVE_SECONDS=30 (0: no live run), KAFKA_PORT=19492 (+1001 for
# its controller), PORT=18086, FAKES_PORT=18096, REDIS_PORT=26479, SERVICE_ARGS="" (extra --property=value for the
# controller, e.g. "--adplatform.dplink.counting.max-poll-records=5000"), JAVA_OPTS_SERVICE="-Xms1g -Xmx1g -XX:+UseG1GC". Needs MariaDB on 127.0.0.1:3306 (root, no password)
# and redis-server (falls back to the shared Redis on 6379 with a per-run key prefix without it).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
RECORDS="${RECORDS:-3000000}"
ADS="${ADS:-200}"
LINKS_PER_AD="${LINKS_PER_AD:-100}"
SERVING_SHARE="${SERVING_SHARE:-0.25}"
MODES="${MODES:-off,on}"
LIVE_RATE="${LIVE_RATE:-50000}"
LIVE_SECONDS="${LIVE_SECONDS:-30}"
KAFKA_PORT="${KAFKA_PORT:-19492}"
PORT="${PORT:-18086}"
FAKES_PORT="${FAKES_PORT:-18096}"
REDIS_PORT="${REDIS_PORT:-26479}"
SERVICE_ARGS="${SERVICE_ARGS:-}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms1g -Xmx1g -XX:+UseG1GC}"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-dplink-tp-$run_id"
database="adplatform_dplink_tp_$run_id"
prefix="bench:dpltp:$run_id:"
results="$repo/bench-results/dplink-throughput-$run_id.txt"
redis_port=6379
pids=()
watch=

cleanup() {
  if [[ -s "$work/controller.pid" ]]; then
    kill "$(cat "$work/controller.pid")" 2>/dev/null || true
  fi
  stop_processes "${pids[@]}"
  if [[ "$redis_port" == 6379 ]] && command -v redis-cli >/dev/null; then
    redis-cli -h 127.0.0.1 --scan --pattern "${prefix}*" | xargs -r -n 1000 redis-cli -h 127.0.0.1 del >/dev/null || true
  fi
  if command -v mysql >/dev/null; then # one database per dedup mode: <database>_off, <database>_on
    for db in $(mysql -h 127.0.0.1 -uroot -N -e "SHOW DATABASES LIKE '${database}%'" 2>/dev/null || true); do
      mysql -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS \`$db\`" 2>/dev/null || true
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_free_ports "PORT / KAFKA_PORT / FAKES_PORT / REDIS_PORT" "$PORT" "$KAFKA_PORT" "$((KAFKA_PORT + 1001))" "$FAKES_PORT" "$REDIS_PORT"
dplink_jars "${1:-}"

if command -v redis-server >/dev/null; then
  redis_port="$REDIS_PORT"
  echo "starting a private Redis on 127.0.0.1:$redis_port ..."
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  watch="redis=$!"
  wait_for "$redis_port" 20 redis
fi

echo "starting Kafka on 127.0.0.1:$KAFKA_PORT ..."
java -Xms512m -Xmx512m -jar "$work/devstack.jar" --port "$KAFKA_PORT" --dir "$work/kafka" --partitions 6 \
  >"$work/kafka.log" 2>&1 &
pids+=($!)
watch="${watch:+$watch,}kafka=$!"
wait_for "$KAFKA_PORT" 90 kafka

status=0
java -Xms512m -Xmx1g -Dloader.main=io.adplatform.loadgen.dplink.ClickThroughputBenchmark -jar "$work/loadgen.jar" \
  --run-id "$run_id" --controller-jar "$work/controller.jar" --java-opts "$JAVA_OPTS_SERVICE" \
  --controller-args "$SERVICE_ARGS" --port "$PORT" --bootstrap "127.0.0.1:$KAFKA_PORT" --redis-port "$redis_port" \
  --database "$database" --prefix "$prefix" --fakes-port "$FAKES_PORT" --ads "$ADS" --links-per-ad "$LINKS_PER_AD" \
  --records "$RECORDS" --serving-share "$SERVING_SHARE" --modes "$MODES" --live-rate "$LIVE_RATE" \
  --live-seconds "$LIVE_SECONDS" --log-dir "$work" --pids-file "$work/controller.pid" --watch-pids "$watch" \
  --markdown-out "$work/summary.md" 2>"$work/benchmark.err" | tee "$results" || status=$?
if [[ $status -ne 0 ]]; then
  echo "benchmark failed (exit $status):" >&2
  tail -n 30 "$work/benchmark.err" >&2 || true
  for f in "$work"/controller-*.log; do
    [[ -f "$f" ]] && { echo "== $f" >&2; tail -n 20 "$f" >&2; }
  done
fi
{
  echo "controller warnings/errors, all runs, SpringDoc's start-up notes left out: $(cat "$work"/controller-*.log \
    2>/dev/null | grep ' \(WARN\|ERROR\) ' | grep -vc SpringDoc || true)"
  cat "$work"/controller-*.log 2>/dev/null | grep ' \(WARN\|ERROR\) ' | grep -v SpringDoc | head -n 10 || true
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine shares the 2 cores)"
} | tee -a "$results"
echo "output kept in $results"
exit $status
