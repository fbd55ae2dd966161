#!/usr/bin/env bash
# Builds the container base image from Debian packages alone (no registry, no Docker daemon):
# debootstrap a minimal bookworm, add the Java 17 runtime, CA certificates and an unprivileged
# user, trim what a JVM service never reads, and pack the tree as a single-layer docker-archive
# tar (the format `docker save` writes, which Jib reads with `tar://`).
#
#   sudo image/build-base.sh [OUT.tar]      (default image/target/base.tar; needs root + debootstrap)
#
# MIRROR (default http://deb.debian.org/debian) and SUITE (default bookworm) can be overridden.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/target/base.tar}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
suite="${SUITE:-bookworm}"
[ "$(id -u)" = 0 ] || { echo "build-base.sh: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "build-base.sh: install debootstrap first (apt-get install debootstrap)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/rdpcheck-base.XXXXXX")"
root="$work/rootfs"
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc" || true
  rm -rf "$work"
}
trap cleanup EXIT
start=$(date +%s)

debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -30 "$work/debootstrap.log" >&2; exit 1; }

# Security updates matter for a JRE that speaks TLS to the world: install from the suite,
# its -updates and the security archive, not from the bare release debootstrap uses.
security="${SECURITY_MIRROR:-${mirror%/debian}/debian-security}"
cat >"$root/etc/apt/sources.list" <<SRC
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
SRC
# Never start services inside the chroot; keep docs and man pages out from the start.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"; chmod 755 "$root/usr/sbin/policy-rc.d"
cat >"$root/etc/dpkg/dpkg.cfg.d/01-slim" <<'CFG'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
CFG
mount -t proc proc "$root/proc"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -euc '
  apt-get update -q
  apt-get -y -q upgrade
  apt-get -y -q install --no-install-recommends openjdk-17-jre-headless ca-certificates
  # The service user: fixed uid/gid so the image config can name it numerically too.
  groupadd --system --gid 10001 rdpcheck
  useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin rdpcheck
  # The history store (RDPCHECK_STORE_URL in the image config): a volume, writable by the service user only.
  install -d -o 10001 -g 10001 -m 0700 /var/lib/rdpcheck
  apt-get clean
' >"$work/chroot.log" 2>&1 || { tail -30 "$work/chroot.log" >&2; exit 1; }
# The JVM finds libjli.so through $ORIGIN, which needs /proc: ask it while /proc is mounted.
java_version="$(chroot "$root" java -version 2>&1 | head -1)"
umount "$root/proc"
rm -f "$root/usr/sbin/policy-rc.d"
# Nothing a JRE runs reads these: ct.sym is javac's --release data, the no-compressed-oops CDS
# archive serves heaps over 32 GB only (20 MB together).
rm -f "$root"/usr/lib/jvm/*/lib/ct.sym "$root"/usr/lib/jvm/*/lib/server/classes_nocoops.jsa
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
       "$root"/var/log/* "$root"/tmp/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
       "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/dev/* "$root"/proc/* "$root"/sys/*
# /dev, /proc and /sys are the runtime's to fill; an image carries them empty.

java_bin="$(chroot "$root" readlink -f /usr/bin/java)"
java_home="${java_bin%/bin/java}"
python3 "$here/pack-image.py" --rootfs "$root" --out "$out" --tag rdpcheck-base:"$suite" \
  --env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --env "JAVA_HOME=$java_home" --env "LANG=C.UTF-8"
echo "base image: $out ($(du -h "$out" | cut -f1), rootfs $(du -sh "$root" | cut -f1)) in $(( $(date +%s) - start )) s;" \
     "java: $java_version"
