#!/usr/bin/env bash
# Installs the real RDP servers and reference tools the integration tests run against
# (Debian 12), and nginx for the RD Gateway proxy tests (started by the tests on loopback, never as a
# service). Idempotent; needs root. Used by .ci/run; run it by hand with sudo.
set -euo pipefail
packages=(xrdp freerdp2-shadow-x11 winpr-utils xvfb xauth openssl socat iproute2 procps nmap sslscan nginx)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-peers: all packages present"
  exit 0
fi
echo "install-peers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" > /tmp/rdpcheck-install-peers.log 2>&1 \
  || { tail -30 /tmp/rdpcheck-install-peers.log >&2; exit 1; }
echo "install-peers: done"
