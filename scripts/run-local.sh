#!/usr/bin/env bash
# Runs the platform on this machine with embedded defaults — no Docker, nothing installed by hand:
# a real KRaft Kafka broker (devstack), new-device-service, ingestion-service, attribution-callback-service, local
# fakes of AppsFlyer / Meta / TikTok, and a demo traffic generator feeding it. Ctrl-C stops everything it started.
#   scripts/run-local.sh [--devices-per-second N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run="$repo/.run-local"
logs="$run/logs"
mkdir -p "$logs"

scripts/ensure-infra.sh

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 9092 8081 8082 8083 8090; do
  if port_open "$port"; then
    echo "port $port is already in use: stop what runs there (an earlier run-local?) and try again" >&2; exit 1
  fi
done

echo "[run-local] building (the first build downloads dependencies; later ones take a minute)"
./mvnw -B -ntp -q -DskipTests package

geo="$repo/.data/geoip/geo-whois-asn-country.mmdb"
if [ ! -f "$geo" ]; then
  echo "[run-local] fetching the IP → country database with npm"
  scripts/fetch-geoip.sh || echo "[run-local] no IP database: events get no country (ingestion still runs)"
fi

pids=()
cleanup() {
  echo; echo "[run-local] stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

jar() { ls "$1"/target/"$1"-*-exec.jar | head -n 1; }
start() { # name, then the java command line
  local name="$1"; shift
  java "$@" >"$logs/$name.log" 2>&1 &
  pids+=("$!")
}
wait_ready() { # name, url
  for _ in $(seq 1 240); do
    if curl -fsS "$2" >/dev/null 2>&1; then echo "[run-local] $1 ready"; return 0; fi
    sleep 0.5
  done
  echo "[run-local] $1 did not become ready; see $logs/$1.log" >&2; exit 1
}
wait_port() {
  for _ in $(seq 1 240); do port_open "$2" && { echo "[run-local] $1 ready"; return 0; }; sleep 0.5; done
  echo "[run-local] $1 did not start; see $logs/$1.log" >&2; exit 1
}

loadgen="$(jar loadgen)"
start kafka -Xmx512m -jar "$(jar devstack)" --port 9092 --dir "$run/kafka"
start partner-fakes -Xmx256m -Dloader.main=io.adplatform.fakes.PartnerFakes -jar "$loadgen" --port 8090
wait_port kafka 9092
start new-device-service -Xmx384m -jar "$(jar new-device-service)"
start ingestion-service -Xmx512m -jar "$(jar ingestion-service)" --adplatform.ingestion.geo.database-path="$geo"
start attribution-callback-service -Xmx512m -jar "$(jar attribution-callback-service)" --spring.profiles.active=local
wait_port partner-fakes 8090
wait_ready new-device-service http://127.0.0.1:8082/actuator/health/readiness
wait_ready ingestion-service http://127.0.0.1:8081/actuator/health/readiness
wait_ready attribution-callback-service http://127.0.0.1:8083/actuator/health/readiness

cat <<INFO

adplatform is running. Where to look:
  health        http://127.0.0.1:8081/actuator/health  (8082 new-device, 8083 attribution)
  metrics       http://127.0.0.1:8081/actuator/prometheus  (events accepted/refused, router, consumer lag)
                http://127.0.0.1:8083/actuator/prometheus  (callbacks by partner and outcome, latency)
  API docs      http://127.0.0.1:8081/swagger-ui.html  (and :8082, :8083)
  callback log  curl -H 'X-Service-Token: local-dev-service-token' 'http://127.0.0.1:8083/internal/v1/callbacks?productId=com.example.demo'
  partners      http://127.0.0.1:8090/_fakes/stats   http://127.0.0.1:8090/_fakes/received?partner=meta&limit=5
  logs          $logs/
Demo traffic follows (a line every 10 s); Ctrl-C stops everything.

INFO
java -Xmx256m -jar "$loadgen" "$@"
