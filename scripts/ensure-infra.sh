#!/usr/bin/env bash
# Makes sure what the tests and the local run need is here and running: a JDK 17, Redis on 127.0.0.1:6379 and
# MariaDB on 127.0.0.1:3306 (root, empty password). Uses what runs already; installs from Debian's packages only
# where something is missing. Kafka needs nothing here: tests embed a real KRaft broker, the local run starts devstack.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ADPLATFORM_DATA_DIR:-$here/.run-local}"
log() { printf '[ensure-infra] %s\n' "$*"; }

apt_updated=""
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    log "need to install $* but not root; install it and run again"; exit 1
  fi
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 100); do port_open "$1" && return 0; sleep 0.2; done
  log "nothing listens on 127.0.0.1:$1 after 20 s"; return 1
}

# JDK 17 (the build targets Java 17; the Maven wrapper brings Maven itself).
if ! command -v javac >/dev/null 2>&1; then
  log "installing a JDK"; apt_install openjdk-17-jdk-headless
fi

# curl: the local run polls readiness with it
command -v curl >/dev/null 2>&1 || { log "installing curl"; apt_install curl; }

# Redis
if port_open 6379; then
  log "redis: running on 127.0.0.1:6379"
else
  command -v redis-server >/dev/null 2>&1 || { log "installing redis-server"; apt_install redis-server; }
  log "redis: starting on 127.0.0.1:6379 (no persistence)"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
    --logfile "${TMPDIR:-/tmp}/adplatform-redis.log"
  wait_port 6379
fi

# MariaDB (speaks MySQL; production uses MySQL 8)
if port_open 3306; then
  log "mariadb: running on 127.0.0.1:3306"
else
  command -v mariadbd >/dev/null 2>&1 || { log "installing mariadb-server"; apt_install mariadb-server; }
  if [ -d /var/lib/mysql/mysql ] && [ "$(id -u)" = 0 ]; then
    log "mariadb: starting the system server"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=root --bind-address=127.0.0.1 --port=3306
  else
    mkdir -p "$data/mariadb"
    if [ ! -d "$data/mariadb/mysql" ]; then
      log "mariadb: initialising a data directory in $data/mariadb"
      mariadb-install-db --user="$(id -un)" --datadir="$data/mariadb" --auth-root-authentication-method=normal \
        --skip-test-db >/dev/null
    fi
    log "mariadb: starting on 127.0.0.1:3306 with data in $data/mariadb"
    nohup mariadbd --no-defaults --user="$(id -un)" --datadir="$data/mariadb" --bind-address=127.0.0.1 --port=3306 \
      --socket="$data/mariadb/mysqld.sock" >"$data/mariadb.log" 2>&1 &
  fi
  wait_port 3306
fi

# A ClickHouse engine for offline-tasks' tests and the local run: chDB (npm package, no download at run time) behind
# ClickHouse's HTTP interface (devstack/clickhouse-http/server.mjs). Production uses a ClickHouse server.
if ! command -v node >/dev/null 2>&1; then
  log "installing nodejs and npm"; apt_install nodejs npm
fi
if [ ! -d "$here/devstack/clickhouse-http/node_modules/chdb" ]; then
  log "clickhouse: installing chDB into devstack/clickhouse-http (npm install from the lock file, ~550 MB)"
  # npm install, not npm ci: chdb names platform packages (darwin, arm64) that its lock entry leaves out, and npm ci
  # refuses a lock without them; install keeps the locked versions and fetches only this platform's.
  (cd "$here/devstack/clickhouse-http" && npm install --no-audit --no-fund --loglevel=error)
else
  log "clickhouse: chDB installed in devstack/clickhouse-http"
fi
