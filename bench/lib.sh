# Shared by the bench/*.sh scripts (sourced, not run). Expects $work: the run's scratch folder holding <what>.log.

# Waits until an http URL answers 2xx or a 127.0.0.1 port accepts connections; else shows the log and exits.
wait_for() { # url-or-port, seconds, what
  local target="$1" limit="$2" what="$3" i
  for ((i = 0; i < limit * 5; i++)); do
    if [[ "$target" == http* ]]; then
      curl -fs "$target" >/dev/null 2>&1 && return 0
    else
      (exec 3<>"/dev/tcp/127.0.0.1/$target") 2>/dev/null && return 0
    fi
    sleep 0.2
  done
  echo "$what did not come up in ${limit}s; its log:" >&2
  tail -n 50 "$work/$what.log" >&2 || true
  exit 1
}

# For the scripts' EXIT traps: stops the processes they started and waits for them to end.
stop_processes() { # pid...
  local pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

# For the scripts' EXIT traps: drops the run's MariaDB database (127.0.0.1:3306, root), if mysql is installed.
drop_database() { # name
  if command -v mysql >/dev/null; then
    mysql -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS \`$1\`" 2>/dev/null || true
  fi
}

port_free() { # port
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Exits unless every port is free on 127.0.0.1.
require_free_ports() { # hint, port...
  local hint="$1" p
  shift
  for p in "$@"; do
    port_free "$p" || { echo "port $p is in use on 127.0.0.1: set $hint" >&2; exit 1; }
  done
}

# The DP-link benchmarks' jars: built (offline) with --build or when one is missing, then copied into $work, because
# other builds may rewrite target/ while a benchmark runs. Expects $work and $repo.
dplink_jars() { # first argument of the script
  if [[ "${1:-}" == "--build" ]] || ! ls dplink-controller/target/dplink-controller-*-exec.jar \
      devstack/target/devstack-*-exec.jar loadgen/target/loadgen-*-exec.jar >/dev/null 2>&1; then
    echo "building (offline)..."
    local mvn_cmd=./mvnw
    command -v mvn >/dev/null && mvn_cmd=mvn
    "$mvn_cmd" -q -o -DskipTests -pl loadgen,dplink-controller,devstack -am install
  fi
  mkdir -p "$work" "$repo/bench-results"
  cp "$(ls dplink-controller/target/dplink-controller-*-exec.jar | head -n 1)" "$work/controller.jar"
  cp "$(ls devstack/target/devstack-*-exec.jar | head -n 1)" "$work/devstack.jar"
  cp "$(ls loadgen/target/loadgen-*-exec.jar | head -n 1)" "$work/loadgen.jar"
}

# A service and loadgen run from their compiled classes: compiled (offline) with --build or when a package is missing,
# then their classpaths built and their classes copied into $work (service-classes, service.cp, loadgen-classes,
# loadgen.cp), because other builds may rewrite target/ while a benchmark runs. Expects $work.
service_and_loadgen_classes() { # module, a package dir the service must have, one loadgen must have, first script argument
  local module="$1" service_pkg="$2" loadgen_pkg="$3" mvn_cmd=./mvnw
  command -v mvn >/dev/null && mvn_cmd=mvn
  if [[ "${4:-}" == "--build" ]] || [[ ! -d "$module/target/classes/$service_pkg" ]] \
      || [[ ! -d "loadgen/target/classes/$loadgen_pkg" ]]; then
    echo "compiling $module and loadgen (offline)..."
    "$mvn_cmd" -o -q -B -pl "$module",loadgen compile
  fi
  mkdir -p "$work"
  "$mvn_cmd" -o -q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile="$work/service.cp" >/dev/null
  "$mvn_cmd" -o -q -B -pl loadgen dependency:build-classpath -Dmdep.outputFile="$work/loadgen.cp" >/dev/null
  cp -r "$module/target/classes" "$work/service-classes"
  cp -r loadgen/target/classes "$work/loadgen-classes"
}
