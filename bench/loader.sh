#!/usr/bin/env bash
# Reporting loader benchmark: a real Kafka broker (devstack), chDB behind ClickHouse's HTTP interface
# (devstack/clickhouse-http), and offline-tasks as a production jar (loader only), all on this machine. Produces a
# backlog of EVENTS events over the five streams first, then starts the service and measures how fast its loader moves
# the backlog into ClickHouse (rows/s from the first insert to the last), and checks that the tables hold exactly
# EVENTS rows (no duplicates, none lost). Stops everything it started and removes its data.
#
#   bench/loader.sh [--no-build]
#
# Environment (defaults): EVENTS=4000000, WARMUP_ROWS=1000000 (rows loaded before the steady-state figure starts),
# PARTITIONS=6, CONSUMERS=2 (loader threads), BATCH_ROWS=100000, BATCH_DELAY=5s, BUFFER_BYTES=268435456,
# KAFKA_PORT=29092 (+1001 for its controller), CLICKHOUSE_PORT=28123, PORT=28087,
# JAVA_OPTS_SERVICE="-Xms2g -Xmx2g -XX:+UseG1GC". Needs MariaDB on 127.0.0.1:3306 (the loader's offsets) and chDB
# installed (scripts/ensure-infra.sh).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
EVENTS="${EVENTS:-4000000}"
WARMUP_ROWS="${WARMUP_ROWS:-1000000}"
BATCH_DELAY="${BATCH_DELAY:-5s}"
BUFFER_BYTES="${BUFFER_BYTES:-268435456}"
PARTITIONS="${PARTITIONS:-6}"
CONSUMERS="${CONSUMERS:-2}"
BATCH_ROWS="${BATCH_ROWS:-100000}"
KAFKA_PORT="${KAFKA_PORT:-29092}"
CLICKHOUSE_PORT="${CLICKHOUSE_PORT:-28123}"
PORT="${PORT:-28087}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms2g -Xmx2g -XX:+UseG1GC}"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-loader-$run_id"
database="adplatform_loader_bench_$run_id"
pids=()

cleanup() {
  stop_processes "${pids[@]}"
  drop_database "$database"
  rm -rf "$work"
}
trap cleanup EXIT

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_free_ports "PORT / KAFKA_PORT / CLICKHOUSE_PORT" "$PORT" "$KAFKA_PORT" "$((KAFKA_PORT + 1001))" "$CLICKHOUSE_PORT"

mvn_cmd=./mvnw
command -v mvn >/dev/null && mvn_cmd=mvn
if [[ "${1:-}" != "--no-build" ]]; then
  echo "building (offline)..."
  "$mvn_cmd" -o -q -DskipTests -pl offline-tasks,loadgen,devstack -am install
fi
mkdir -p "$work"
"$mvn_cmd" -o -q -pl devstack dependency:build-classpath -Dmdep.outputFile="$work/devstack.cp" >/dev/null
"$mvn_cmd" -o -q -pl loadgen dependency:build-classpath -Dmdep.outputFile="$work/loadgen.cp" >/dev/null
mkdir -p "$work/loadgen-classes" "$work/devstack-classes"
javac -nowarn -d "$work/loadgen-classes" -cp "$(cat "$work/loadgen.cp")" loadgen/src/main/java/io/adplatform/loadgen/reporting/StreamLoad.java
javac -nowarn -d "$work/devstack-classes" -cp "$(cat "$work/devstack.cp")" devstack/src/main/java/io/adplatform/devstack/*.java
cp "$(ls offline-tasks/target/offline-tasks-*-exec.jar | head -n 1)" "$work/offline-tasks.jar"
loadgen=(java -Xms512m -Xmx1g -cp "$work/loadgen-classes:$(cat "$work/loadgen.cp")" io.adplatform.loadgen.reporting.StreamLoad)

echo "starting Kafka on 127.0.0.1:$KAFKA_PORT ($PARTITIONS partitions per topic) ..."
java -Xms512m -Xmx512m -cp "$work/devstack-classes:$(cat "$work/devstack.cp")" io.adplatform.devstack.KafkaBroker \
  --port "$KAFKA_PORT" --dir "$work/kafka" --partitions "$PARTITIONS" >"$work/kafka.log" 2>&1 &
pids+=($!)
wait_for "$KAFKA_PORT" 60 kafka

echo "starting chDB's HTTP interface on 127.0.0.1:$CLICKHOUSE_PORT ..."
(cd devstack/clickhouse-http && exec node server.mjs --port "$CLICKHOUSE_PORT" --path "$work/chdb") >"$work/clickhouse.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$CLICKHOUSE_PORT/ping" 60 clickhouse

echo "producing $EVENTS events ..."
"${loadgen[@]}" produce --bootstrap "127.0.0.1:$KAFKA_PORT" --events "$EVENTS"

echo "starting offline-tasks (loader: $CONSUMERS consumer(s), batches of up to $BATCH_ROWS rows) ..."
java $JAVA_OPTS_SERVICE -jar "$work/offline-tasks.jar" --server.port="$PORT" \
  --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$database?createDatabaseIfNotExist=true" \
  --adplatform.clickhouse.url="http://127.0.0.1:$CLICKHOUSE_PORT" --adplatform.clickhouse.database="$database" \
  --adplatform.loader.consumers="$CONSUMERS" --adplatform.loader.batch-rows="$BATCH_ROWS" \
  --adplatform.loader.batch-delay="$BATCH_DELAY" --adplatform.loader.buffer-bytes="$BUFFER_BYTES" \
  --adplatform.scheduler.enabled=false >"$work/offline-tasks.log" 2>&1 &
pids+=($!)
service_pid=$!
tick=$(getconf CLK_TCK)
"${loadgen[@]}" await --clickhouse "http://127.0.0.1:$CLICKHOUSE_PORT" --database "$database" --rows "$EVENTS" \
  --warmup-rows "$WARMUP_ROWS" --timeout-s 1500 | tee "$work/result.txt"
printf 'CPU used over the whole run (s): offline-tasks=%.1f chdb=%.1f\n' \
  "$(echo "$(awk '{print $14 + $15}' /proc/$service_pid/stat) / $tick" | bc -l)" \
  "$(echo "$(awk '{print $14 + $15}' /proc/${pids[1]}/stat) / $tick" | bc -l)"
grep -E 'loader:' "$work/offline-tasks.log" | head -2 || true
