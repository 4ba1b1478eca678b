#!/usr/bin/env bash
# Installs the command-line tools the tests drive, from the machine's apt sources (idempotent):
#  - kcat, Debian's independent Kafka client: the interoperability test and kafka/replay.sh use it;
#  - docker-compose, whose `config` parses and validates docker-compose.yml without a Docker engine;
#  - prometheus (with promtool): the metrics test lints /metrics and scrapes the processor with a real server.
# On hosts without apt-get it asks for them to be installed by hand.
set -euo pipefail
say() { echo "[setup] $*" >&2; }
# shellcheck source=apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [[ ${#missing[@]} -eq 0 ]]; then
  say "kcat, docker-compose and prometheus already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[setup] missing ${missing[*]} and this host has no apt-get: install them yourself" >&2
  exit 1
fi
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
say "installing ${missing[*]} from the machine's apt sources"
apt_get update -qq
apt_get install -y -qq "${missing[@]}" >/dev/null
# The tests start their own Prometheus; the package's system service is not wanted where systemd would run it.
if [[ " ${missing[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
  "${sudo_cmd[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
say "installed ${missing[*]}"
