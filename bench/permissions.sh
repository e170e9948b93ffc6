#!/usr/bin/env bash
# Permission-check benchmark (issue #6: the check on the request path <= 1 ms p99 with 10,000 users and 1,000
# products). Starts admin-platform (from its compiled classes) on its own MariaDB database and Redis key prefix;
# io.adplatform.loadgen.admin.PermissionCheckBenchmark builds the hierarchy through the service's API (teams, users,
# groups, products, memberships: the product_access rows are write-propagation's), times products joining groups,
# issues API tokens, then drives GET /api/v1/products/{appId} from many users — at a fixed RATE (latency from each
# request's intended start), then closed-loop for the most the machine serves — and reports the client's latency and the
# service's own timer of the check (adplatform.access.check, read from /actuator/prometheus) for each phase.
# Stops what it started, drops the database, removes its Redis keys; output in bench-results/permissions-<run>.txt.
#
#   bench/permissions.sh [--build]      (compiles admin-platform and loadgen offline with --build or when not compiled)
#
# Environment (defaults): USERS=10000 PRODUCTS=1000 TEAMS=10 GROUPS_PER_TEAM=5 TOKEN_USERS=2000 CONCURRENCY=8 RATE=300 (req/s)
# WARMUP=15 MEASURE=60 (seconds) PORT=18088 JAVA_OPTS_SERVICE="-Xms512m -Xmx1g -XX:+UseG1GC"
# Needs MariaDB on 127.0.0.1:3306 (root, no password) and Redis on 127.0.0.1:6379.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
USERS="${USERS:-10000}"
PRODUCTS="${PRODUCTS:-1000}"
TEAMS="${TEAMS:-10}"
GROUPS_PER_TEAM="${GROUPS_PER_TEAM:-5}"
TOKEN_USERS="${TOKEN_USERS:-2000}"
CONCURRENCY="${CONCURRENCY:-8}"
RATE="${RATE:-300}"
WARMUP="${WARMUP:-15}"
MEASURE="${MEASURE:-60}"
PORT="${PORT:-18088}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xms512m -Xmx1g -XX:+UseG1GC}"
TOKEN="bench-permissions-token"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-permissions-$run_id"
database="adplatform_admin_bench_$run_id"
namespace="adm-bench-$run_id"
results="$repo/bench-results/permissions-$run_id.txt"
pids=()

cleanup() {
  stop_processes "${pids[@]}"
  drop_database "$database"
  if command -v redis-cli >/dev/null; then
    redis-cli -h 127.0.0.1 --scan --pattern "$namespace:*" | xargs -r -n 500 redis-cli -h 127.0.0.1 del >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_free_ports "PORT" "$PORT"
mkdir -p "$repo/bench-results"
service_and_loadgen_classes admin-platform io/adplatform/admin/access io/adplatform/loadgen/admin "${1:-}"

echo "starting admin-platform on 127.0.0.1:$PORT ($JAVA_OPTS_SERVICE) ..."
# bcrypt at cost 4: the benchmark signs in thousands of users to issue their tokens; the check does not hash.
# shellcheck disable=SC2086
java $JAVA_OPTS_SERVICE -cp "$work/service-classes:$(cat "$work/service.cp")" io.adplatform.admin.AdminPlatformApplication \
  --server.port="$PORT" \
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$database?createDatabaseIfNotExist=true" \
  --spring.kafka.bootstrap-servers=127.0.0.1:1 --spring.kafka.admin.auto-create=false \
  --adplatform.service-token="$TOKEN" \
  --adplatform.identity.session-namespace="$namespace:session" \
  --adplatform.identity.bootstrap-email= \
  --adplatform.identity.bcrypt-strength=4 \
  --logging.level.root=WARN >"$work/service.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$PORT/actuator/health/liveness" 180 service

status=0
java -Xms256m -Xmx1g -cp "$work/loadgen-classes:$(cat "$work/loadgen.cp")" \
  io.adplatform.loadgen.admin.PermissionCheckBenchmark --service "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --jdbc "jdbc:mariadb://127.0.0.1:3306/$database" --users "$USERS" --products "$PRODUCTS" --teams "$TEAMS" \
  --groups "$GROUPS_PER_TEAM" --token-users "$TOKEN_USERS" --concurrency "$CONCURRENCY" --rate "$RATE" --warmup-seconds "$WARMUP" \
  --seconds "$MEASURE" 2>"$work/benchmark.err" | tee "$results" || status=$?
if [[ $status -ne 0 ]]; then
  echo "benchmark failed (exit $status):" >&2
  tail -n 30 "$work/benchmark.err" >&2 || true
  tail -n 30 "$work/service.log" >&2 || true
fi
{
  echo "service: admin-platform $JAVA_OPTS_SERVICE, MariaDB $(mysql -h 127.0.0.1 -uroot -N -e 'SELECT VERSION()' 2>/dev/null || echo '?')"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine shares the 2 cores)"
} | tee -a "$results"
echo "output kept in $results"
exit $status
