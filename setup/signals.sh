# Sourced by the entry script and the benchmarks. A bash script waiting on a child does not pass on the
# signal it gets, so stopping the script by its process id (a supervisor, a test harness) would leave the
# child running. This runs the child in the background and forwards SIGINT and SIGTERM to it as SIGTERM (a
# background child of a non-interactive shell ignores SIGINT), waits until it has shut down, and then stops
# the script with the signal's status instead of going on to the next step.

run_forwarding_signals() {
  "$@" &
  local child=$! status=0 signalled=""
  trap 'signalled=143; kill -TERM "$child" 2>/dev/null || true' TERM
  trap 'signalled=130; kill -TERM "$child" 2>/dev/null || true' INT
  while true; do
    wait "$child" && status=0 || status=$?
    kill -0 "$child" 2>/dev/null || break
  done
  trap - TERM INT
  if [[ -n "$signalled" ]]; then
    exit "$signalled"
  fi
  return "$status"
}
