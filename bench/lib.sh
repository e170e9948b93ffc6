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
