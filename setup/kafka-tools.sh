#!/usr/bin/env bash
# Installs kcat, Debian's independent Kafka client: the tests use it to prove the processor interoperates
# with a client that is not Confluent.Kafka, and kafka/replay.sh uses it to produce an export into Kafka.
# Idempotent; on non-Debian hosts it asks for kcat to be installed by hand.
set -euo pipefail
say() { echo "[setup] $*"; }

if command -v kcat >/dev/null 2>&1; then
  say "kcat already installed ($(kcat -V 2>&1 | head -n1))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[setup] kcat is missing and this host has no apt-get: install kcat (or kafkacat) yourself" >&2
  exit 1
fi
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
say "installing kcat from the machine's apt sources"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq kcat >/dev/null
say "kcat installed ($(kcat -V 2>&1 | head -n1))"
