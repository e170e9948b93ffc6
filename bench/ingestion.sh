#!/usr/bin/env bash
# Ingestion benchmark: a real Kafka broker (devstack), ingestion-service as a production jar (HTTP side only, router
# off), and the signing load generator, all on this machine. Prints accepted events/s and request latency percentiles
# for a batched run and a single-event-per-request run, then stops everything it started and removes its data.
#
#   bench/ingestion.sh [--no-build]
#
# Environment (defaults): RATE=20000 (target events/s, batched run), BATCH=50, CONCURRENCY=32, DURATION=30, WARMUP=30,
# SINGLE_CONCURRENCY=64 (single-event run, as fast as it goes), KAFKA_PORT=29092 (+1001 for its controller), PORT=28081,
# REDIS_PORT=26379,
# JAVA_OPTS_SERVICE="-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch", SERVICE_ARGS="". Needs MariaDB on 127.0.0.1:3306 (app
# credentials, read at start-up only) and the redis-server binary: the service gets a Redis of its own, as in
# production, so other work on the machine's shared Redis does not stall it (falls back to 127.0.0.1:6379 without it).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
RATE="${RATE:-20000}"
BATCH="${BATCH:-50}"
CONCURRENCY="${CONCURRENCY:-32}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-30}"
SINGLE_CONCURRENCY="${SINGLE_CONCURRENCY:-64}"
KAFKA_PORT="${KAFKA_PORT:-29092}"
PORT="${PORT:-28081}"
REDIS_PORT="${REDIS_PORT:-26379}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch}"
SERVICE_ARGS="${SERVICE_ARGS:-}"   # extra --property=value arguments for the service, e.g. producer tuning
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-ingestion-$run_id"
database="adplatform_ingestion_bench_$run_id"
prefix="bench:ing:$run_id:"
pids=()
names=()
redis_port=6379

cleanup() {
  stop_processes "${pids[@]}"
  if [[ "$redis_port" == 6379 ]] && command -v redis-cli >/dev/null; then
    redis-cli -h 127.0.0.1 --scan --pattern "${prefix}*" | xargs -r -n 1000 redis-cli -h 127.0.0.1 del >/dev/null || true
  fi
  drop_database "$database"
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cpu_ticks() { # total user+system clock ticks of a process
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

measure() { # name, then the load generator's arguments; prints its report and the CPU each process used meanwhile
  local name="$1" before=() after=() i tick elapsed start
  shift
  tick=$(getconf CLK_TCK)
  for i in "${!pids[@]}"; do before[$i]=$(cpu_ticks "${pids[$i]}"); done
  start=$(date +%s.%N)
  "${loadgen[@]}" "$@" | tee "$work/$name.txt" || echo "(some requests failed)"
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  for i in "${!pids[@]}"; do after[$i]=$(cpu_ticks "${pids[$i]}"); done
  printf 'CPU over the whole run incl. warm-up (cores):'
  for i in "${!pids[@]}"; do
    printf ' %s=%.2f' "${names[$i]}" "$(echo "(${after[$i]} - ${before[$i]}) / $tick / $elapsed" | bc -l)"
  done
  echo
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for p in "$PORT" "$KAFKA_PORT" "$((KAFKA_PORT + 1001))" "$REDIS_PORT"; do
  port_free "$p" || { echo "port $p is in use on 127.0.0.1: set PORT / KAFKA_PORT / REDIS_PORT" >&2; exit 1; }
done

if [[ "${1:-}" != "--no-build" ]]; then
  echo "building (offline)..."
  mvn -o -q -DskipTests -pl loadgen -am install
fi
mkdir -p "$work"
mvn -o -q -pl devstack dependency:build-classpath -Dmdep.outputFile="$work/devstack.cp" >/dev/null
mvn -o -q -pl loadgen dependency:build-classpath -Dmdep.outputFile="$work/loadgen.cp" >/dev/null
# private copies: other builds may rewrite target/ while the benchmark runs
mkdir -p "$work/loadgen-classes"
javac -nowarn -d "$work/loadgen-classes" -cp "$(cat "$work/loadgen.cp")" loadgen/src/main/java/io/adplatform/loadgen/ingestion/*.java
mkdir -p "$work/devstack-classes"
javac -nowarn -d "$work/devstack-classes" -cp "$(cat "$work/devstack.cp")" devstack/src/main/java/io/adplatform/devstack/*.java
cp "$(ls ingestion-service/target/ingestion-service-*-exec.jar | head -n 1)" "$work/ingestion-service.jar"

if command -v redis-server >/dev/null; then
  redis_port="$REDIS_PORT"
  echo "starting a private Redis on 127.0.0.1:$redis_port ..."
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  names+=(redis)
  wait_for "$redis_port" 20 redis
fi

echo "starting Kafka on 127.0.0.1:$KAFKA_PORT ..."
for attempt in 1 2 3; do
  # (devstack's KafkaBroker can draw a random cluster id starting with '-', which its storage formatter rejects:
  # start again with a fresh directory)
  rm -rf "$work/kafka"
  java -Xms512m -Xmx512m -cp "$work/devstack-classes:$(cat "$work/devstack.cp")" io.adplatform.devstack.KafkaBroker \
    --port "$KAFKA_PORT" --dir "$work/kafka" --partitions 6 >"$work/kafka.log" 2>&1 &
  kafka_pid=$!
  sleep 5
  kill -0 "$kafka_pid" 2>/dev/null && break
  echo "Kafka exited at start (attempt $attempt); retrying" >&2
done
pids+=("$kafka_pid")
names+=(kafka)
wait_for "$KAFKA_PORT" 60 kafka

echo "starting ingestion-service on 127.0.0.1:$PORT ($JAVA_OPTS_SERVICE) ..."
# shellcheck disable=SC2086
java $JAVA_OPTS_SERVICE -jar "$work/ingestion-service.jar" \
  --spring.data.redis.port="$redis_port" \
  --server.port="$PORT" \
  --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$database?createDatabaseIfNotExist=true" \
  --adplatform.ingestion.router.enabled=false \
  --adplatform.ingestion.events.dedup-key-prefix="$prefix" \
  --adplatform.ingestion.events.dedup-ttl=15m \
  --logging.level.root=WARN $SERVICE_ARGS >"$work/ingestion.log" 2>&1 &
pids+=($!)
names+=(ingestion-service)
wait_for "http://127.0.0.1:$PORT/actuator/health/readiness" 90 ingestion
kill -0 "${pids[-1]}" 2>/dev/null || { echo "ingestion-service exited; its log:" >&2; tail -n 30 "$work/ingestion.log" >&2; exit 1; }

loadgen=(java -Xms256m -Xmx512m -cp "$work/loadgen-classes:$(cat "$work/loadgen.cp")"
  io.adplatform.loadgen.ingestion.IngestionLoadGenerator --url "http://127.0.0.1:$PORT" --app-id com.example.bench
  --register --warmup "$WARMUP" --duration "$DURATION")

echo
echo "== batched: $BATCH events/request, target $RATE events/s, concurrency $CONCURRENCY =="
measure batched --batch "$BATCH" --rate "$RATE" --concurrency "$CONCURRENCY"

echo
echo "== single event per request, as fast as it goes, concurrency $SINGLE_CONCURRENCY =="
measure single --batch 1 --rate 0 --concurrency "$SINGLE_CONCURRENCY"

echo
accepted_total=$(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" \
  | grep '^ingestion_events_total{outcome="accepted"' | awk '{s+=$2} END {printf "%d", s}')
in_kafka=$(java -cp "$work/loadgen-classes:$(cat "$work/loadgen.cp")" io.adplatform.loadgen.ingestion.TopicRecordCount \
  "127.0.0.1:$KAFKA_PORT" sdk-events 2>/dev/null | grep -o 'records=[0-9]*' | cut -d= -f2)
echo "events answered \"accepted\" over all runs (incl. warm-up): $accepted_total; records in sdk-events: $in_kafka"
if [[ "$accepted_total" == "$in_kafka" ]]; then
  echo "check: every accepted event is in Kafka, and nothing else"
else
  echo "check: MISMATCH between accepted events and Kafka records"
fi
echo "server-side POST /v1/events latency buckets (all runs): $(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" \
  | grep '^ingestion_request_seconds_bucket{status="202",le="0.0\(1\|25\|5\)"\|^ingestion_request_seconds_count{status="202"' \
  | sed 's/ingestion_request_seconds_//; s/status="202",//' | tr '\n' ' ')"
echo "GC pauses: $(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep '^jvm_gc_pause_seconds_\(count\|max\)' \
  | sed 's/{.*}//' | tr '\n' ' ')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews the figures)"
