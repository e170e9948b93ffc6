#!/usr/bin/env bash
# Runs the platform on this machine with embedded defaults — no Docker, nothing installed by hand:
# a real KRaft Kafka broker (devstack), chDB behind ClickHouse's HTTP interface (devstack/clickhouse-http, data in
# .run-local/chdb), new-device-service, ingestion-service, attribution-callback-service, dplink-controller, dsp-bidder
# (with two demo campaigns), offline-tasks (loader, media reports, catalog sync, dashboards), admin-platform (operators'
# API; first admin admin@adplatform.local / change-me-now-please), local fakes of AppsFlyer /
# Meta / TikTok / the product catalog, and a demo traffic generator feeding it. Ctrl-C stops everything it started.
#   scripts/run-local.sh [--devices-per-second N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run="$repo/.run-local"
logs="$run/logs"
mkdir -p "$logs"

scripts/ensure-infra.sh

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 9092 8081 8082 8083 8084 8085 8086 8087 8088 8090 8123; do
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
# The reporting store: chDB (ClickHouse in-process) behind ClickHouse's HTTP interface on 8123.
node devstack/clickhouse-http/server.mjs --port 8123 --path "$run/chdb" >"$logs/clickhouse.log" 2>&1 &
pids+=("$!")
start partner-fakes -Xmx256m -Dloader.main=io.adplatform.fakes.PartnerFakes -jar "$loadgen" --port 8090
wait_port kafka 9092
start new-device-service -Xmx384m -jar "$(jar new-device-service)"
start ingestion-service -Xmx512m -jar "$(jar ingestion-service)" --adplatform.ingestion.geo.database-path="$geo"
start attribution-callback-service -Xmx512m -jar "$(jar attribution-callback-service)" --spring.profiles.active=local
start dplink-controller -Xmx384m -jar "$(jar dplink-controller)" \
  --adplatform.dplink.dsp.tiktok.base-url=http://127.0.0.1:8090/tiktok \
  --adplatform.dplink.dsp.tiktok.access-token=demo-tiktok-access-token \
  --adplatform.dplink.dsp.meta.base-url=http://127.0.0.1:8090/meta \
  --adplatform.dplink.dsp.meta.access-token=demo-meta-access-token \
  --adplatform.dplink.dsp.generic.token=demo-generic-dsp-token
wait_port partner-fakes 8090
wait_ready new-device-service http://127.0.0.1:8082/actuator/health/readiness
wait_ready ingestion-service http://127.0.0.1:8081/actuator/health/readiness
wait_ready attribution-callback-service http://127.0.0.1:8083/actuator/health/readiness
wait_ready dplink-controller http://127.0.0.1:8084/actuator/health/readiness
wait_ready clickhouse http://127.0.0.1:8123/ping
start offline-tasks -Xmx512m -jar "$(jar offline-tasks)" \
  --adplatform.clickhouse.url=http://127.0.0.1:8123 \
  --adplatform.reports.meta.base-url=http://127.0.0.1:8090/meta \
  --adplatform.reports.tiktok.base-url=http://127.0.0.1:8090/tiktok \
  --adplatform.catalog.base-url=http://127.0.0.1:8090/product-catalog \
  --adplatform.catalog.token=demo-product-catalog-token
start dsp-bidder -Xmx512m -jar "$(jar dsp-bidder)"
wait_port dsp-bidder 8086
BIDDER=http://127.0.0.1:8086 scripts/load-campaigns.sh docs/examples/bidder-campaigns.json >/dev/null
wait_ready dsp-bidder http://127.0.0.1:8086/actuator/health/readiness
wait_ready offline-tasks http://127.0.0.1:8087/actuator/health/readiness
start admin-platform -Xmx512m -jar "$(jar admin-platform)" \
  --adplatform.ads.meta.base-url=http://127.0.0.1:8090/meta \
  --adplatform.ads.tiktok.base-url=http://127.0.0.1:8090/tiktok \
  --adplatform.onboarding.middle-end-url=http://127.0.0.1:8090/middle-end
wait_ready admin-platform http://127.0.0.1:8088/actuator/health/readiness
week_ago="$(date -u -d '6 days ago' +%F)"; today="$(date -u +%F)"

cat <<INFO

adplatform is running. Where to look:
  health        http://127.0.0.1:8081/actuator/health  (8082 new-device, 8083 attribution)
  metrics       http://127.0.0.1:8081/actuator/prometheus  (events accepted/refused, router, consumer lag)
                http://127.0.0.1:8083/actuator/prometheus  (callbacks by partner and outcome, latency)
  API docs      http://127.0.0.1:8081/swagger-ui.html  (and :8082, :8083)
  callback log  curl -H 'X-Service-Token: local-dev-service-token' 'http://127.0.0.1:8083/internal/v1/callbacks?productId=com.example.demo'
  DP links      the fakes hold a demo TikTok ad; put it under control, add links, start it, send clicks:
                T='X-Service-Token: local-dev-service-token'; D=http://127.0.0.1:8084/internal/v1/dplink
                curl -sX PUT -H "\$T" -H 'Content-Type: application/json' \$D/ads/demo -d '{"dsp":"TIKTOK","accountId":"7000000000000000001","dspAdId":"1800000000000000001","defaultCap":100,"roundSize":20,"waitCapacity":2}'
                curl -sX POST -H "\$T" -H 'Content-Type: application/json' \$D/ads/demo/links -d '{"links":[{"url":"demoapp://p/1"},{"url":"demoapp://p/2"},{"url":"demoapp://p/3"}]}'
                curl -sX POST -H "\$T" \$D/ads/demo/resume
                for i in \$(seq 1 30); do curl -s "http://127.0.0.1:8081/v1/track/click?src=tiktok&ad=demo&link=1&cid=c\$i"; done   # link= an id the upload answered
                curl -s -H "\$T" \$D/ads/demo     (swaps: \$D/ads/demo/swaps; the DSP side: 8090/_fakes/received?partner=tiktok-marketing)
  DSP bidder    two demo campaigns are loaded (docs/examples/bidder-campaigns.json); bid, then call the win notice:
                curl -s -H 'Content-Type: application/json' -H 'x-openrtb-version: 2.6' http://127.0.0.1:8085/openrtb2/bid --data-binary @dsp-bidder/src/test/resources/openrtb/app-video.json
                curl -s "<the bid's nurl with \\${AUCTION_PRICE} replaced, e.g. 1.20>"     (events: bid-events; campaigns: 8086/internal/v1/bidder/campaigns)
  reporting     offline-tasks loads every topic into ClickHouse (chDB on 8123) and answers the dashboards:
                T='X-Service-Token: local-dev-service-token'; O=http://127.0.0.1:8087/internal/v1
                curl -s -H "\$T" "\$O/dashboards/products?products=com.example.demo&from=$week_ago&to=$today"
                curl -s -H "\$T" "\$O/dashboards/callbacks?products=com.example.demo&from=$week_ago&to=$today"
                curl -s -H "\$T" "\$O/dashboards/dsp?products=adv-demo&from=$week_ago&to=$today"   (adv-demo: the demo campaigns' product)
                curl -s -H "\$T" \$O/jobs        (jobs; run one now: curl -sX POST -H "\$T" \$O/jobs/product-catalog-sync/runs)
                curl -s -H "\$T" \$O/products    (synced from the catalog fake)
                curl -sX PUT -H "\$T" -H 'Content-Type: application/json' \$O/report-accounts/tiktok/7000000000000000001 -d '{"productId":"com.example.demo","accessToken":"demo-tiktok-access-token","currency":"USD"}'
                curl -sX POST -H "\$T" \$O/jobs/media-reports/runs    (then: curl -s -H "\$T" \$O/jobs/media-reports/runs)
                curl -s 'http://127.0.0.1:8123/?database=adplatform' --data-binary 'SELECT count() FROM attribution_events'
                health and metrics: http://127.0.0.1:8087/actuator/health   http://127.0.0.1:8087/actuator/prometheus (loader_*)
  admin         operators' API on 8088 (docs/services/admin-platform.md; Swagger UI http://127.0.0.1:8088/swagger-ui.html);
                sign in as the first team admin and take a catalog product into a group, as a script would:
                A=http://127.0.0.1:8088/api/v1; J=.run-local/admin.cookies
                X=\$(curl -s -c \$J \$A/csrf | sed 's/.*"token":"\([^"]*\)".*/\1/')
                X=\$(curl -s -b \$J -c \$J -H "X-XSRF-TOKEN: \$X" -H 'Content-Type: application/json' \$A/session -d '{"email":"admin@adplatform.local","password":"change-me-now-please"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
                curl -s -b \$J -H "X-XSRF-TOKEN: \$X" -XPOST \$A/catalog/sync; curl -s -b \$J \$A/catalog
                curl -s -b \$J -H "X-XSRF-TOKEN: \$X" -H 'Content-Type: application/json' \$A/groups -d '{"name":"demo"}'
  partners      http://127.0.0.1:8090/_fakes/stats   http://127.0.0.1:8090/_fakes/received?partner=meta&limit=5
  logs          $logs/
Demo traffic follows (a line every 10 s); Ctrl-C stops everything.

INFO
java -Xmx256m -jar "$loadgen" "$@"
