#!/usr/bin/env bash
# Bidder benchmark: a private Redis, a real Kafka broker (devstack) and dsp-bidder as its production jar, loaded with
# 10,000 generated campaigns and audience segments, driven by the bidder load generator with a realistic OpenRTB 2.6
# request mix (io.adplatform.loadgen.bidder.*), all on this machine. Steps:
#   max       closed loop, as fast as MAX_CONNECTIONS connections go (DURATION_MAX s)
#   fixed     open loop at RATE_HIGH requests/s (DURATION_FIXED s): no errors expected
#   soak      open loop at RATE_LOW requests/s (DURATION_SOAK s): p99, and Full GC pauses in the GC log
#   baseline  the bidder stopped, BareNetty204Server (Netty answering 204, same worker threads) driven like "max"
# For each bidder step: throughput, latency percentiles (from when a request was due), statuses, the bidder's own
# outcome counters, CPU, and bytes allocated per request (jvm_gc_memory_allocated_bytes_total delta / requests).
# Prints a table with bidder/baseline throughput; stops everything it started and removes its data. Output kept in
# bench-results/bidder-<run>.txt and bench-results/bidder-<run>/ (per-step reports with latency distributions, GC log).
#
#   bench/bidder.sh [--no-build]
#   DURATION=20 STEPS=max,baseline bench/bidder.sh --no-build      (a short look)
#
# Environment (defaults): STEPS=max,fixed,soak,baseline; DURATION (sets all three durations), DURATION_MAX=60,
# DURATION_FIXED=60, DURATION_SOAK=300, WARMUP=120 (per step, not recorded: the JIT compiles the bid path for ~2 min on 2 cores), RATE_HIGH=10000, RATE_LOW=5000,
# MAX_CONNECTIONS=32 (closed loop), CONNECTIONS=64 (open loop), GEN_THREADS=1, WORKERS=2 (Netty worker threads of the
# bidder and of the baseline), CAMPAIGNS=10000, REQUESTS=20000, USERS=200000, PORT=28085 (exchange port),
# INTERNAL_PORT=28086, BASELINE_PORT=28095, KAFKA_PORT=29292 (+1001 for its controller), REDIS_PORT=26679,
# JAVA_OPTS_SERVICE="-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch", JAVA_SERVICE=java (the JVM that runs the bidder,
# e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), SERVICE_ARGS="" (extra --property=value for the
# bidder), ASYNC_PROFILER="" (path of libasyncProfiler.so, Maven Central tools.profiler:async-profiler: CPU profiles of
# the bidder, 30 s each, as collapsed stacks in the results directory). Needs redis-server (the bidder gets a Redis of
# its own, as in production).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
STEPS="${STEPS:-max,fixed,soak,baseline}"
DURATION_MAX="${DURATION_MAX:-${DURATION:-60}}"
DURATION_FIXED="${DURATION_FIXED:-${DURATION:-60}}"
DURATION_SOAK="${DURATION_SOAK:-${DURATION:-300}}"
WARMUP="${WARMUP:-120}"
RATE_HIGH="${RATE_HIGH:-10000}"
RATE_LOW="${RATE_LOW:-5000}"
MAX_CONNECTIONS="${MAX_CONNECTIONS:-32}"
CONNECTIONS="${CONNECTIONS:-64}"
GEN_THREADS="${GEN_THREADS:-1}"
WORKERS="${WORKERS:-2}"
CAMPAIGNS="${CAMPAIGNS:-10000}"
REQUESTS="${REQUESTS:-20000}"
USERS="${USERS:-200000}"
PORT="${PORT:-28085}"
INTERNAL_PORT="${INTERNAL_PORT:-28086}"
BASELINE_PORT="${BASELINE_PORT:-28095}"
KAFKA_PORT="${KAFKA_PORT:-29292}"
REDIS_PORT="${REDIS_PORT:-26679}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch}"
SERVICE_ARGS="${SERVICE_ARGS:-}"
JAVA_SERVICE="${JAVA_SERVICE:-java}"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-bidder-$run_id"
results_dir="$repo/bench-results/bidder-$run_id"
results="$repo/bench-results/bidder-$run_id.txt"
pids=()
bidder_pid=
baseline_pid=
redis_pid=
kafka_pid=

cleanup() {
  # shellcheck disable=SC2086 # an unset pid is no argument
  stop_processes $bidder_pid $baseline_pid "${pids[@]}"
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

has_step() { [[ ",$STEPS," == *",$1,"* ]]; }

cpu_ticks() { # total user+system clock ticks of a process
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

field() { # file, key: a value of the load generator's RESULT line
  grep '^RESULT' "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2
}

metric_sum() { # prometheus text, metric name prefix (with labels if any): the sum of matching samples
  awk -v m="$2" 'index($0, m) == 1 { s += $NF } END { printf "%.0f", s }' "$1"
}

outcome_deltas() { # bidder_requests_total per outcome, after.prom minus before.prom
  awk '/^bidder_requests_total/ { match($0, /outcome="[^"]*"/); o = substr($0, RSTART + 9, RLENGTH - 10)
         if (FILENAME ~ /before/) b[o] += $NF; else a[o] += $NF }
       END { for (o in a) if (a[o] - b[o] > 0) printf "%s=%.0f ", o, a[o] - b[o] }' "$work/before.prom" "$work/after.prom"
}

scrape() { # file
  curl -fs "http://127.0.0.1:$INTERNAL_PORT/actuator/prometheus" >"$1" 2>/dev/null || : >"$1"
}

full_gcs() { # Full GC pauses in the GC log so far
  grep -c 'Pause Full' "$work/gc.log" 2>/dev/null || true
}

require_free_ports "PORT / INTERNAL_PORT / BASELINE_PORT / KAFKA_PORT / REDIS_PORT" \
  "$PORT" "$INTERNAL_PORT" "$BASELINE_PORT" "$KAFKA_PORT" "$((KAFKA_PORT + 1001))" "$REDIS_PORT"
command -v redis-server >/dev/null || { echo "redis-server is needed (apt-get install redis-server)" >&2; exit 1; }

if [[ "${1:-}" != "--no-build" ]] || ! ls dsp-bidder/target/dsp-bidder-*-exec.jar devstack/target/devstack-*-exec.jar \
    loadgen/target/loadgen-*-exec.jar >/dev/null 2>&1; then
  echo "building (offline)..."
  ./mvnw -q -o -DskipTests -pl loadgen,dsp-bidder,devstack -am install
fi
mkdir -p "$work" "$results_dir"
# private copies: other builds may rewrite target/ while the benchmark runs
cp "$(ls dsp-bidder/target/dsp-bidder-*-exec.jar | head -n 1)" "$work/bidder.jar"
cp "$(ls devstack/target/devstack-*-exec.jar | head -n 1)" "$work/devstack.jar"
cp "$(ls loadgen/target/loadgen-*-exec.jar | head -n 1)" "$work/loadgen.jar"
tool() { # main class, arguments: runs a loadgen (or bidder, it is on loadgen's class path) class
  local main="$1"
  shift
  java -Xms256m -Xmx1g -Dloader.main="$main" -jar "$work/loadgen.jar" "$@"
}

{
echo "bidder benchmark $run_id, $(date -u '+%Y-%m-%d %H:%M UTC'), steps $STEPS"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)"
echo "the bidder's JVM: $("$JAVA_SERVICE" -version 2>&1 | head -n 1)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine shares the 2 cores)"
} | tee "$results"

echo "generating $CAMPAIGNS campaigns, $REQUESTS requests over $USERS users, the geo database ..."
tool io.adplatform.loadgen.bidder.CampaignGenerator --count "$CAMPAIGNS" --out "$work/campaigns.json"
tool io.adplatform.loadgen.bidder.BidRequestMix --count "$REQUESTS" --users "$USERS" --out-dir "$work"
tool io.adplatform.bidder.geo.MmdbWriter "$work/geo.csv" "$work/geo.mmdb"

declare -A rps p50 p99 p999 pmax ok nobid failed alloc cpu fullgc
run_load() { # step name, then the load generator's arguments; fills the arrays for the table, appends to $results
  local step="$1" out="$results_dir/$1.txt" before_ticks after_ticks start elapsed tick requests pid
  local redis_before=0 kafka_before=0 others=""
  shift
  pid="${bidder_pid:-$baseline_pid}"
  tick=$(getconf CLK_TCK)
  [[ -n "$bidder_pid" ]] && scrape "$work/before.prom"
  local gcs_before
  gcs_before=$(full_gcs)
  before_ticks=$(cpu_ticks "$pid")
  if [[ -n "$bidder_pid" ]]; then
    redis_before=$(cpu_ticks "$redis_pid")
    kafka_before=$(cpu_ticks "$kafka_pid")
  fi
  start=$(date +%s.%N)
  tool io.adplatform.loadgen.bidder.BidLoadGenerator --requests "$work/requests.ndjson" --threads "$GEN_THREADS" \
    --warmup "$WARMUP" --out "$out" --label "$step" "$@" | grep -v '^RESULT' | tee -a "$results" \
    || echo "(some requests failed)" | tee -a "$results"
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  after_ticks=$(cpu_ticks "$pid")
  if [[ -n "$bidder_pid" ]]; then
    others="; Redis $(printf '%.2f' "$(echo "($(cpu_ticks "$redis_pid") - $redis_before) / $tick / $elapsed" | bc -l)")"
    others+=", Kafka $(printf '%.2f' "$(echo "($(cpu_ticks "$kafka_pid") - $kafka_before) / $tick / $elapsed" | bc -l)") cores"
  fi
  rps[$step]=$(field "$out" requests_per_s)
  p50[$step]=$(field "$out" p50_ms)
  p99[$step]=$(field "$out" p99_ms)
  p999[$step]=$(field "$out" p999_ms)
  pmax[$step]=$(field "$out" max_ms)
  ok[$step]=$(field "$out" ok_200)
  nobid[$step]=$(field "$out" nobid_204)
  failed[$step]=$(( $(field "$out" status_4xx || echo 0) + $(field "$out" status_5xx || echo 0) \
    + $(field "$out" errors || echo 0) + $(field "$out" unsent || echo 0) ))
  cpu[$step]=$(printf '%.2f' "$(echo "($after_ticks - $before_ticks) / $tick / $elapsed" | bc -l)")
  alloc[$step]="-"
  fullgc[$step]="-"
  if [[ -n "$bidder_pid" ]]; then
    scrape "$work/after.prom"
    requests=$(( $(metric_sum "$work/after.prom" bidder_requests_total) - $(metric_sum "$work/before.prom" bidder_requests_total) ))
    [[ "$requests" -gt 0 ]] || requests=$(field "$out" total_requests)
    local bytes=$(( $(metric_sum "$work/after.prom" jvm_gc_memory_allocated_bytes_total) \
      - $(metric_sum "$work/before.prom" jvm_gc_memory_allocated_bytes_total) ))
    alloc[$step]=$(( bytes / (requests > 0 ? requests : 1) ))
    fullgc[$step]=$(( $(full_gcs) - gcs_before ))
    { echo "bidder's outcomes during the step (incl. warm-up): $(outcome_deltas)"
    echo "allocation: $bytes bytes over $requests requests = ${alloc[$step]} B/request; Full GC pauses: ${fullgc[$step]}"
    } | tee -a "$results"
  fi
  echo "CPU of the server over the step incl. warm-up: ${cpu[$step]} cores${others}; load average now $(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee -a "$results"
}

bidder_steps=false
for s in max fixed soak; do has_step "$s" && bidder_steps=true; done
if $bidder_steps; then
  echo "starting a private Redis on 127.0.0.1:$REDIS_PORT ..."
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  wait_for "$REDIS_PORT" 20 redis

  echo "starting Kafka on 127.0.0.1:$KAFKA_PORT ..."
  for attempt in 1 2 3; do
    # (devstack's KafkaBroker can draw a cluster id starting with '-', which its formatter rejects: start afresh)
    rm -rf "$work/kafka"
    java -Xms512m -Xmx512m -jar "$work/devstack.jar" --port "$KAFKA_PORT" --dir "$work/kafka" --partitions 3 \
      >"$work/kafka.log" 2>&1 &
    kafka_pid=$!
    sleep 5
    kill -0 "$kafka_pid" 2>/dev/null && break
    echo "Kafka exited at start (attempt $attempt); retrying" >&2
  done
  pids+=("$kafka_pid")
  wait_for "$KAFKA_PORT" 90 kafka

  profiler=""
  if [[ -n "${ASYNC_PROFILER:-}" ]]; then
    profiler="-agentpath:$ASYNC_PROFILER=start,event=cpu,interval=5ms,loop=30s,file=$results_dir/cpu-%t.collapsed,collapsed"
  fi
  echo "starting dsp-bidder on 127.0.0.1:$PORT (internal $INTERNAL_PORT; $JAVA_OPTS_SERVICE; $WORKERS workers) ..."
  # shellcheck disable=SC2086
  "$JAVA_SERVICE" $JAVA_OPTS_SERVICE $profiler "-Xlog:gc*:file=$work/gc.log:time,uptime,level,tags" -jar "$work/bidder.jar" \
    --server.port="$INTERNAL_PORT" \
    --adplatform.bidder.server.port="$PORT" \
    --adplatform.bidder.server.worker-threads="$WORKERS" \
    --adplatform.bidder.geo.database="$work/geo.mmdb" \
    --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
    --spring.data.redis.port="$REDIS_PORT" \
    --logging.level.root=WARN $SERVICE_ARGS >"$work/bidder.log" 2>&1 &
  bidder_pid=$!
  wait_for "http://127.0.0.1:$INTERNAL_PORT/actuator/health/liveness" 120 bidder
  echo "loading campaigns and segments ..."
  tool io.adplatform.loadgen.bidder.BidderSetup --internal "http://127.0.0.1:$INTERNAL_PORT" \
    --campaigns "$work/campaigns.json" --segments "$work/segments.ndjson" --ready-timeout 180 \
    || { echo "bidder setup failed; its log:" >&2; tail -n 40 "$work/bidder.log" >&2; exit 1; }

  url="http://127.0.0.1:$PORT/openrtb2/bid"
  if has_step max; then
    echo; echo "== max: closed loop, $MAX_CONNECTIONS connections, ${DURATION_MAX}s ==" | tee -a "$results"
    run_load max --url "$url" --rate 0 --connections "$MAX_CONNECTIONS" --duration "$DURATION_MAX"
  fi
  if has_step fixed; then
    echo; echo "== fixed: open loop at $RATE_HIGH/s, $CONNECTIONS connections, ${DURATION_FIXED}s ==" | tee -a "$results"
    run_load fixed --url "$url" --rate "$RATE_HIGH" --connections "$CONNECTIONS" --duration "$DURATION_FIXED"
  fi
  if has_step soak; then
    echo; echo "== soak: open loop at $RATE_LOW/s, $CONNECTIONS connections, ${DURATION_SOAK}s ==" | tee -a "$results"
    run_load soak --url "$url" --rate "$RATE_LOW" --connections "$CONNECTIONS" --duration "$DURATION_SOAK"
  fi
  {
    echo
    echo "GC over the whole bidder run: $(grep -c 'Pause Young' "$work/gc.log" || true) young pauses, $(full_gcs) Full GC;" \
      "longest pause $(grep ' Pause ' "$work/gc.log" | grep -oE '[0-9.]+ms$' | sort -n | tail -n 1)"
    echo "bidder warnings/errors in its log: $(grep -c ' \(WARN\|ERROR\) ' "$work/bidder.log" || true)"
    grep ' \(WARN\|ERROR\) ' "$work/bidder.log" | head -n 5 || true
  } | tee -a "$results"
  cp "$work/gc.log" "$results_dir/gc.log"
  cp "$work/bidder.log" "$results_dir/bidder.log"
  kill "$bidder_pid"
  wait "$bidder_pid" 2>/dev/null || true
  bidder_pid=
fi

if has_step baseline; then
  echo; echo "== baseline: BareNetty204Server ($WORKERS workers), closed loop, $MAX_CONNECTIONS connections, ${DURATION_MAX}s ==" \
    | tee -a "$results"
  java -Xms256m -Xmx256m -XX:+UseG1GC -Dloader.main=io.adplatform.loadgen.bidder.BareNetty204Server \
    -jar "$work/loadgen.jar" --port "$BASELINE_PORT" --workers "$WORKERS" >"$work/baseline.log" 2>&1 &
  baseline_pid=$!
  wait_for "$BASELINE_PORT" 30 baseline
  run_load baseline --url "http://127.0.0.1:$BASELINE_PORT/openrtb2/bid" --rate 0 --connections "$MAX_CONNECTIONS" \
    --duration "$DURATION_MAX"
  kill "$baseline_pid"
  wait "$baseline_pid" 2>/dev/null || true
  baseline_pid=
fi

{
  echo
  echo "| step | target | requests/s | p50 ms | p99 ms | p99.9 ms | max ms | 200 | 204 | failed | alloc B/req | server CPU | Full GC |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for s in max fixed soak baseline; do
    [[ -n "${rps[$s]:-}" ]] || continue
    case $s in
      max | baseline) target="max, $MAX_CONNECTIONS conn" ;;
      fixed) target="$RATE_HIGH/s" ;;
      soak) target="$RATE_LOW/s" ;;
    esac
    echo "| $s | $target | ${rps[$s]} | ${p50[$s]} | ${p99[$s]} | ${p999[$s]} | ${pmax[$s]} | ${ok[$s]} | ${nobid[$s]} | ${failed[$s]} | ${alloc[$s]} | ${cpu[$s]} | ${fullgc[$s]} |"
  done
  if [[ -n "${rps[max]:-}" && -n "${rps[baseline]:-}" && "${rps[baseline]}" -gt 0 ]]; then
    echo
    echo "bidder / bare Netty 204 (max throughput, same machine, same connections): ${rps[max]} / ${rps[baseline]} = $(echo "scale=3; ${rps[max]} / ${rps[baseline]}" | bc)"
  fi
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$results"
echo "output kept in $results and $results_dir/"
