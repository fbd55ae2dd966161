#!/usr/bin/env bash
# Builds the rdpcheck container image without a Docker daemon or a registry:
#   1. image/build-base.sh: base image tar from Debian packages (debootstrap, Java 17 runtime),
#      once; kept in image/target/base.tar (delete it to rebuild, e.g. for security updates);
#   2. Jib (mvn -Pimage, app module) puts app/target/rdpcheck.jar on top and writes
#      app/target/rdpcheck-image.tar, loadable with `docker load -i` / `podman load -i`;
#   3. with --verify, image/verify.py unpacks and runs it with chroot.
# Needs root for steps 1 and 3 (debootstrap, chroot) and apt's debootstrap package.
set -euo pipefail
cd "$(dirname "$0")/.."
verify=false
[ "${1:-}" = "--verify" ] && verify=true
start=$(date +%s)
if [ ! -f image/target/base.tar ]; then
  image/build-base.sh image/target/base.tar
fi
based=$(date +%s)
mvn -B -q -Pimage package -pl app -am -DskipTests -Djib.disableUpdateChecks=true
built=$(date +%s)
echo "image: app/target/rdpcheck-image.tar ($(du -h app/target/rdpcheck-image.tar | cut -f1)); base $((based - start)) s, jar + Jib $((built - based)) s"
if $verify; then
  python3 image/verify.py app/target/rdpcheck-image.tar --jar app/target/rdpcheck.jar
fi
