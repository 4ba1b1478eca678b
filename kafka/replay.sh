#!/usr/bin/env bash
# Produces an export's sessions file into Kafka with kcat, in file order, keyed by listener (user_id) so each
# listener's events stay in order in one partition; acks=all and idempotence keep that order through retries.
# A line without a listener id goes out unkeyed; the processor dead-letters it with the reason.
# usage: replay.sh BOOTSTRAP SESSIONS.jsonl[.gz] [TOPIC]
set -euo pipefail
bootstrap=${1:?usage: replay.sh BOOTSTRAP SESSIONS.jsonl[.gz] [TOPIC]}
file=${2:?usage: replay.sh BOOTSTRAP SESSIONS.jsonl[.gz] [TOPIC]}
topic=${3:-sessions}
command -v kcat >/dev/null || { echo "replay.sh: kcat is required (Debian package kcat; ./pozytywka setup installs it)" >&2; exit 1; }

read_lines() { case "$file" in *.gz) gzip -dc -- "$file" ;; *) cat -- "$file" ;; esac; }

read_lines | awk '
  NF == 0 { next }
  {
    key = ""
    if (match($0, /"user_id"[ \t]*:[ \t]*"?[0-9]+/)) {
      key = substr($0, RSTART, RLENGTH); sub(/.*[: \t"]/, "", key)
    }
    printf "%s\t%s\n", key, $0
  }' | kcat -P -b "$bootstrap" -t "$topic" -K $'\t' -X acks=all -X enable.idempotence=true
echo "replayed $(read_lines | grep -c .) events from $file into $topic at $bootstrap"
