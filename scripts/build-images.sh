#!/usr/bin/env bash
# Make the images mkube's tests and examples use available on the local Docker engine.
# Idempotent and quick when done. For each image: already present -> nothing; else a pull (short
# timeout, so a laptop with internet gets the real image); else build it locally from Debian's
# busybox-static package (no registry needed). Prints one line per image.
set -euo pipefail

PRIMARY="busybox:1.36"
ALIASES=("busybox:latest" "busybox:1.31")
PULL_TIMEOUT="${MKUBE_PULL_TIMEOUT:-20}"

have() { docker image inspect "$1" >/dev/null 2>&1; }

tag_aliases() {
  local made=()
  for t in "${ALIASES[@]}"; do
    if ! have "$t"; then
      docker tag "$PRIMARY" "$t"
      made+=("$t")
    fi
  done
  if [ "${#made[@]}" -gt 0 ]; then
    echo "build-images: tagged ${made[*]} from $PRIMARY"
  else
    echo "build-images: ${ALIASES[*]} present"
  fi
}

try_pull() {
  if command -v timeout >/dev/null 2>&1; then
    timeout "$PULL_TIMEOUT" docker pull -q "$PRIMARY" >/dev/null 2>&1
  else
    docker pull -q "$PRIMARY" >/dev/null 2>&1
  fi
}

download_busybox_deb() {
  local dir="$1"
  if (cd "$dir" && apt-get download -qq busybox-static >/dev/null 2>&1); then return 0; fi
  # Package lists may be missing on a fresh machine.
  apt-get update -qq >/dev/null 2>&1 || true
  (cd "$dir" && apt-get download -qq busybox-static >/dev/null 2>&1)
}

# A root filesystem like the official image: /bin/busybox plus one symlink per applet.
build_rootfs() {
  local dir="$1" root="$1/rootfs"
  chmod 777 "$dir" # apt-get download runs as _apt and needs to write here
  download_busybox_deb "$dir"
  mkdir -p "$root"
  dpkg-deb -x "$dir"/busybox-static_*.deb "$dir/deb"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/home" "$root/var/www" "$root/usr/bin" "$root/usr/sbin" "$root/sbin"
  chmod 1777 "$root/tmp"
  cp "$dir/deb/bin/busybox" "$root/bin/busybox"
  local applet
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
tty:x:5:
www-data:x:33:
nogroup:x:65534:
EOF
}

import_rootfs() {
  local root="$1"
  # Owned by root in the image whoever built it.
  tar -C "$root" --owner=0 --group=0 --numeric-owner -c . | docker import \
    --change 'CMD ["sh"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --message 'busybox built locally by mkube scripts/build-images.sh' \
    - "$PRIMARY" >/dev/null
}

build_local() {
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "build-images: $PRIMARY is not present, cannot be pulled, and this is not a Debian-like system to build it from busybox-static; pull or load it by hand" >&2
    exit 1
  fi
  local dir
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' RETURN
  build_rootfs "$dir"
  import_rootfs "$dir/rootfs"
}

if ! docker version >/dev/null 2>&1; then
  echo "build-images: no Docker engine answers; run scripts/ensure-docker.sh first" >&2
  exit 1
fi

if have "$PRIMARY"; then
  echo "build-images: $PRIMARY present"
elif try_pull; then
  echo "build-images: $PRIMARY pulled"
else
  build_local
  echo "build-images: $PRIMARY built locally from Debian busybox-static"
fi
tag_aliases
