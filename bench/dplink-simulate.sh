#!/usr/bin/env bash
# DP-link click simulator: a real Kafka broker (devstack), dplink-controller as its production jar, and the simulator
# (io.adplatform.loadgen.dplink.ClickSimulator) with the TikTok Marketing API fake in its own process, all on this
# machine. Runs "naive" ads (swap at cap) and "controlled" ads (seed 004 rotation) side by side against the same
# controller, replays Poisson click streams whose reports reach Kafka after realistic delays (most within seconds, a
# tail to 10 minutes), and prints per link the final clicks against the cap, the clicks left unused on retired links,
# and a markdown summary. Stops everything it started and removes its data; the output stays in
# bench-results/dplink-simulate-<run>.txt.
#
#   bench/dplink-simulate.sh [--build]      (builds only with --build or when a jar is missing)
#
# Environment (defaults): ADS_PER_POLICY=4, LINKS_PER_AD=8, CAP=5000, RATE=100 (clicks/s per ad, simulated),
# TIME_SCALE=2 (delays / 2, rates x 2), DURATION=0 (simulated seconds of clicks; 0 = until every ad is exhausted),
# KAFKA_PORT=19392 (+1001 for its controller), PORT=18084, FAKES_PORT=18095, SIM_ARGS="" (more simulator options,
# e.g. "--delay-p-tail 0.05 --seed 7"), SERVICE_ARGS="" (more --property=value for the controller),
# JAVA_OPTS_SERVICE="-Xms512m -Xmx1g -XX:+UseG1GC". Needs MariaDB on 127.0.0.1:3306 (root, no password) and Redis on
# 127.0.0.1:6379 (keys under a per-run prefix, deleted at the end).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
ADS_PER_POLICY="${ADS_PER_POLICY:-4}"
LINKS_PER_AD="${LINKS_PER_AD:-8}"
CAP="${CAP:-5000}"
RATE="${RATE:-100}"
TIME_SCALE="${TIME_SCALE:-2}"
DURATION="${DURATION:-0}"
KAFKA_PORT="${KAFKA_PORT:-19392}"
PORT="${PORT:-18084}"
FAKES_PORT="${FAKES_PORT:-18095}"
SIM_ARGS="${SIM_ARGS:-}"
SERVICE_ARGS="${SERVICE_ARGS:-}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms512m -Xmx1g -XX:+UseG1GC}"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-dplink-sim-$run_id"
database="adplatform_dplink_sim_$run_id"
prefix="bench:dplsim:$run_id:"
results="$repo/bench-results/dplink-simulate-$run_id.txt"
dsp_token="dplink-sim-tiktok-token"
pids=()

cleanup() {
  stop_processes "${pids[@]}"
  if command -v redis-cli >/dev/null; then
    redis-cli -h 127.0.0.1 --scan --pattern "${prefix}*" | xargs -r -n 1000 redis-cli -h 127.0.0.1 del >/dev/null || true
  fi
  drop_database "$database"
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_free_ports "PORT / KAFKA_PORT / FAKES_PORT" "$PORT" "$KAFKA_PORT" "$((KAFKA_PORT + 1001))" "$FAKES_PORT"
dplink_jars "${1:-}"

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "starting Kafka on 127.0.0.1:$KAFKA_PORT ..."
java -Xms512m -Xmx512m -jar "$work/devstack.jar" --port "$KAFKA_PORT" --dir "$work/kafka" --partitions 6 \
  >"$work/kafka.log" 2>&1 &
pids+=($!)
wait_for "$KAFKA_PORT" 90 kafka

echo "starting dplink-controller on 127.0.0.1:$PORT ($JAVA_OPTS_SERVICE; database $database, Redis prefix $prefix) ..."
# shellcheck disable=SC2086
java $JAVA_OPTS_SERVICE -jar "$work/controller.jar" \
  --server.port="$PORT" \
  --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$database?createDatabaseIfNotExist=true" \
  --adplatform.dplink.counting.key-prefix="$prefix" \
  --adplatform.dplink.dsp.tiktok.base-url="http://127.0.0.1:$FAKES_PORT/tiktok" \
  --adplatform.dplink.dsp.tiktok.access-token="$dsp_token" \
  --adplatform.dplink.dsp.tiktok.rate-limit-per-second=1000 \
  --logging.level.root=WARN --logging.level.io.adplatform=INFO $SERVICE_ARGS >"$work/controller.log" 2>&1 &
controller_pid=$!
pids+=($controller_pid)
wait_for "http://127.0.0.1:$PORT/actuator/health/readiness" 120 controller
tick=$(getconf CLK_TCK)
cpu_before=$(awk '{print $14 + $15}' "/proc/$controller_pid/stat")
start=$(date +%s.%N)

echo "running the simulator (fakes on 127.0.0.1:$FAKES_PORT) ..."
status=0
# shellcheck disable=SC2086
java -Xms512m -Xmx1500m -Dloader.main=io.adplatform.loadgen.dplink.ClickSimulator -jar "$work/loadgen.jar" \
  --controller "http://127.0.0.1:$PORT" --bootstrap "127.0.0.1:$KAFKA_PORT" --fakes-port "$FAKES_PORT" \
  --run-id "$run_id" --dsp-token "$dsp_token" --ads-per-policy "$ADS_PER_POLICY" --links-per-ad "$LINKS_PER_AD" \
  --cap "$CAP" --clicks-per-second-per-ad "$RATE" --time-scale "$TIME_SCALE" --duration "$DURATION" \
  --markdown-out "$work/summary.md" $SIM_ARGS 2>"$work/simulator.err" | tee "$results" || status=$?
[[ $status -eq 0 ]] || tail -n 30 "$work/simulator.err" >&2 || true

{
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  cpu_after=$(awk '{print $14 + $15}' "/proc/$controller_pid/stat" 2>/dev/null || echo "$cpu_before")
  echo
  printf 'controller CPU over the run: %.1f s (%.2f cores on average over %.0f s)\n' \
    "$(echo "($cpu_after - $cpu_before) / $tick" | bc -l)" "$(echo "($cpu_after - $cpu_before) / $tick / $elapsed" | bc -l)" \
    "$elapsed"
  prom=$(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" || true)
  echo "controller: round end -> swap committed (dplink_replacement_latency): $(echo "$prom" \
    | grep '^dplink_replacement_latency_seconds_\(count\|sum\|max\)' | sed 's/{.*}//' | tr '\n' ' ')"
  echo "controller: replacements raised: $(echo "$prom" | grep '^dplink_replacements_raised_total' | tr '\n' ' ')"
  echo "controller: ALERT lines for exhausted ads (expected, one per ad): $(grep -c 'ALERT ad .* has no usable deep link left' \
    "$work/controller.log" || true); other warnings/errors (SpringDoc's start-up notes left out):"
  grep ' \(WARN\|ERROR\) ' "$work/controller.log" | grep -v 'ALERT ad .* has no usable deep link left' | grep -v SpringDoc \
    | head -n 10 || true
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine shares the 2 cores)"
} | tee -a "$results"
echo "output kept in $results"
exit $status
