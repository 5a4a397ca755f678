#!/usr/bin/env bash
# Make sure a Docker engine answers. On a fresh Debian machine where we are root,
# install docker.io and start dockerd in the background; elsewhere explain and fail.
set -euo pipefail

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then exit 0; fi

if [ "$(id -u)" != "0" ] || [ ! -f /etc/debian_version ]; then
  echo "mkube: no Docker engine answers. Start Docker (Docker Desktop, or 'sudo systemctl start docker') and try again." >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "mkube setup: installing docker.io (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io iptables iproute2 >/dev/null
fi

# Start dockerd detached from this shell so it outlives the script.
if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "mkube setup: starting dockerd..." >&2
  mkdir -p /var/log
  if ! pgrep -x containerd >/dev/null 2>&1 && command -v containerd >/dev/null 2>&1; then
    setsid nohup containerd >/var/log/containerd.log 2>&1 < /dev/null &
  fi
  setsid nohup dockerd >/var/log/dockerd.log 2>&1 < /dev/null &
fi

for _ in $(seq 1 120); do
  if engine_answers; then exit 0; fi
  sleep 0.5
done
echo "mkube setup: dockerd did not answer within 60s; see /var/log/dockerd.log" >&2
tail -20 /var/log/dockerd.log >&2 || true
exit 1
