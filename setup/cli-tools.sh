#!/usr/bin/env bash
# Installs the command-line tools the tests drive, from the machine's apt sources (idempotent):
#  - kcat, Debian's independent Kafka client: the interoperability test and kafka/replay.sh use it;
#  - docker-compose, whose `config` parses and validates docker-compose.yml without a Docker engine.
# On hosts without apt-get it asks for them to be installed by hand.
set -euo pipefail
say() { echo "[setup] $*" >&2; }

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [[ ${#missing[@]} -eq 0 ]]; then
  say "kcat and docker-compose already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[setup] missing ${missing[*]} and this host has no apt-get: install them yourself" >&2
  exit 1
fi
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
say "installing ${missing[*]} from the machine's apt sources"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
say "installed ${missing[*]}"
