#!/usr/bin/env bash
# Makes TorchSharp's native library loadable: libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.32 (GCC 13+).
# Debian 12 ships 3.4.30, so on such a host we add the Debian 13 (trixie) suite of the mirror the machine
# already uses, pin it low so nothing else moves, and install libstdc++6 from it. Idempotent.
set -euo pipefail

required=GLIBCXX_3.4.32
say() { echo "[setup] $*" >&2; }
# shellcheck source=apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

libstdcxx_path() {
  ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}'
}

has_required() {
  local lib; lib=$(libstdcxx_path)
  [[ -n "$lib" ]] && grep -aq "$required" "$lib"
}

if has_required; then
  say "libstdc++ already provides $required"
  exit 0
fi

if [[ ! -r /etc/os-release ]] || ! grep -q '^ID=debian' /etc/os-release; then
  echo "[setup] libstdc++ lacks $required and this is not Debian: install GCC 13+'s libstdc++ yourself" >&2
  exit 1
fi

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)

mirror_uri() {
  # deb822 sources first, then one-line sources; the first Debian main archive wins (not the security one).
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  if [[ -z "$uri" ]]; then
    uri=$(grep -hsE '^deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -E '\sbookworm(\s|$)' | awk '{for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' | head -n1 || true)
  fi
  echo "$uri"
}

uri=$(mirror_uri)
if [[ -z "$uri" ]]; then
  echo "[setup] could not find a Debian mirror in the apt sources" >&2
  exit 1
fi

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
say "adding Debian trixie from $uri, pinned at priority 100"
"${sudo_cmd[@]}" tee /etc/apt/sources.list.d/pozytywka-trixie.sources >/dev/null <<SRC
Types: deb
URIs: $uri
Suites: trixie
Components: main
Signed-By: $keyring
SRC
"${sudo_cmd[@]}" tee /etc/apt/preferences.d/pozytywka-trixie >/dev/null <<PIN
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN

say "apt-get update"
apt_get update -qq
say "installing libstdc++6 from trixie (libc6 and related packages move with it)"
apt_get install -y -qq -t trixie libstdc++6 >/dev/null

if has_required; then
  say "libstdc++ now provides $required"
else
  echo "[setup] libstdc++ still lacks $required after the upgrade" >&2
  exit 1
fi
