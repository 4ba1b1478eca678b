# shellcheck shell=bash
# apt-get as root (through sudo where needed), waiting up to 10 minutes for a dpkg or lists lock another apt process
# holds (an unattended upgrade, a second set-up) instead of failing at once with "Could not get lock".
apt_lock_wait_seconds=${POZYTYWKA_APT_LOCK_WAIT:-600}
apt_get() {
  local sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o "DPkg::Lock::Timeout=$apt_lock_wait_seconds" "$@"
}
