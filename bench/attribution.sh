#!/usr/bin/env bash
# Attribution benchmark: a real Kafka broker (devstack), the partner fakes answering after 20 ms, and
# attribution-callback-service as its production jar, all on this machine. Produces routed payment events (each one a
# call to AppsFlyer, Meta and TikTok), prints delivered partner calls/s, checks that nothing was lost or duplicated,
# then stops everything it started and removes its data.
#
#   bench/attribution.sh [--no-build]
#
# Environment (defaults): EVENTS=40000 (measured run; x3 partner calls), WARMUP_EVENTS=3000, LATENCY_MS=20,
# CONCURRENCY=3 (listener threads), MAX_POLL=500, AF_RATE=1000 (AppsFlyer's real limit), META_RATE=3000,
# TIKTOK_RATE=3000, KAFKA_PORT=19192, PORT=18083, FAKES_PORT=18090,
# JAVA_OPTS_SERVICE="-Xms1g -Xmx1g -XX:+UseG1GC". Needs MariaDB on 127.0.0.1:3306 (root, no password).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
EVENTS="${EVENTS:-40000}"
WARMUP_EVENTS="${WARMUP_EVENTS:-3000}"
LATENCY_MS="${LATENCY_MS:-20}"
CONCURRENCY="${CONCURRENCY:-3}"
MAX_POLL="${MAX_POLL:-500}"
AF_RATE="${AF_RATE:-1000}"
META_RATE="${META_RATE:-3000}"
TIKTOK_RATE="${TIKTOK_RATE:-3000}"
KAFKA_PORT="${KAFKA_PORT:-19192}"
PORT="${PORT:-18083}"
FAKES_PORT="${FAKES_PORT:-18090}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms1g -Xmx1g -XX:+UseG1GC}"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-attribution-$run_id"
database="adplatform_attribution_bench_$run_id"
pids=()

cleanup() {
  stop_processes "${pids[@]}"
  drop_database "$database"
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${1:-}" != "--no-build" ]]; then
  echo "building (offline)..."
  mvn -o -q -DskipTests -pl loadgen -am install
fi
mkdir -p "$work"
mvn -o -q -pl devstack dependency:build-classpath -Dmdep.outputFile="$work/devstack.cp" >/dev/null
mvn -o -q -pl loadgen dependency:build-classpath -Dmdep.outputFile="$work/loadgen.cp" >/dev/null
service_jar="$(ls attribution-callback-service/target/attribution-callback-service-*-exec.jar | head -n 1)"

echo "starting Kafka on 127.0.0.1:$KAFKA_PORT ..."
java -Xms512m -Xmx512m -cp "devstack/target/classes:$(cat "$work/devstack.cp")" io.adplatform.devstack.KafkaBroker \
  --port "$KAFKA_PORT" --dir "$work/kafka" --partitions 6 >"$work/kafka.log" 2>&1 &
kafka_pid=$!
pids+=($kafka_pid)
wait_for "$KAFKA_PORT" 60 kafka

echo "starting the partner fakes on 127.0.0.1:$FAKES_PORT (latency ${LATENCY_MS} ms) and the load generator ..."
java -Xms512m -Xmx512m -cp "loadgen/target/classes:$(cat "$work/loadgen.cp")" \
  io.adplatform.loadgen.attribution.AttributionBenchmark --bootstrap "127.0.0.1:$KAFKA_PORT" \
  --service "http://127.0.0.1:$PORT" --fakes-port "$FAKES_PORT" --latency-ms "$LATENCY_MS" \
  --events "$EVENTS" --warmup-events "$WARMUP_EVENTS" --pids-file "$work/pids" >"$work/loadgen.log" 2>&1 &
loadgen_pid=$!
pids+=($loadgen_pid)
for ((i = 0; i < 300; i++)); do
  grep -q '^READY' "$work/loadgen.log" 2>/dev/null && break
  kill -0 "$loadgen_pid" 2>/dev/null || { cat "$work/loadgen.log" >&2; exit 1; }
  sleep 0.2
done

echo "starting attribution-callback-service on 127.0.0.1:$PORT ($JAVA_OPTS_SERVICE) ..."
# shellcheck disable=SC2086
java $JAVA_OPTS_SERVICE -jar "$service_jar" \
  --server.port="$PORT" \
  --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$database?createDatabaseIfNotExist=true" \
  --adplatform.attribution.appsflyer.base-url="http://127.0.0.1:$FAKES_PORT/appsflyer" \
  --adplatform.attribution.meta.base-url="http://127.0.0.1:$FAKES_PORT/meta" \
  --adplatform.attribution.tiktok.base-url="http://127.0.0.1:$FAKES_PORT/tiktok" \
  --adplatform.attribution.appsflyer.resilience.rate-limit-per-second="$AF_RATE" \
  --adplatform.attribution.meta.resilience.rate-limit-per-second="$META_RATE" \
  --adplatform.attribution.tiktok.resilience.rate-limit-per-second="$TIKTOK_RATE" \
  --adplatform.attribution.delivery.concurrency="$CONCURRENCY" \
  --adplatform.attribution.delivery.max-poll-records="$MAX_POLL" \
  --adplatform.attribution.delivery.topic-partitions=6 \
  --adplatform.attribution.delivery.http-version=HTTP_1_1 \
  --logging.level.root=WARN >"$work/service.log" 2>&1 &
service_pid=$!
pids+=($service_pid)
# The load generator reports CPU per partner call for these (and itself) over the measured run.
printf 'service=%s\nkafka=%s\n' "$service_pid" "$kafka_pid" >"$work/pids"

tail -n +1 -f "$work/loadgen.log" --pid "$loadgen_pid" &
tail_pid=$!
status=0
wait "$loadgen_pid" || status=$?
wait "$tail_pid" 2>/dev/null || true
if [[ $status -ne 0 ]]; then
  echo "benchmark failed (exit $status); service log tail:" >&2
  tail -n 40 "$work/service.log" >&2 || true
fi
exit $status
