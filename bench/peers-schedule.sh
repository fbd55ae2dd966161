#!/usr/bin/env bash
# bench/peers-schedule.sh [REPEATS] - how a check treats the real servers of /work/shared/peers:
# connections per check, most in flight, SYNs resent, in-process time (issue 12 section 2).
# Needs root (a network namespace of its own, so the kernel's TCP counters count only the check)
# and the peers' Debian packages. Builds the probes (tests skipped), starts the peers inside the
# namespace, runs rdpcheck.bench.PeersScheduleBench there, stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
repeats=${1:-15}
peers=${PEERS_DIR:-/work/shared/peers}
ns=rdpcheck-sched-$$
out=bench/out/sched
state=/tmp/rdpcheck-sched-$$
mkdir -p "$out/classes"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -o -DskipTests package dependency:build-classpath -pl probes -am -Dmdep.outputFile="$root/$out/deps.txt" > /dev/null
fi
cp="probes/target/classes:config/target/classes:$(cat "$out/deps.txt")"
javac -d "$out/classes" -cp "$cp" bench/src/main/java/rdpcheck/bench/PeersScheduleBench.java
cleanup() {
  ip netns exec "$ns" env RDP_PEERS_STATE="$state" "$peers/stop.sh" > /dev/null 2>&1 || true
  ip netns del "$ns" 2> /dev/null || true
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
for c in healthy expired rdponly nla; do
  ip netns exec "$ns" env RDP_PEERS_STATE="$state" "$peers/start-$c.sh" > "$out/start-$c.log" 2>&1
done
sleep 2
ip netns exec "$ns" java -cp "$out/classes:$cp" rdpcheck.bench.PeersScheduleBench "$repeats" \
  xrdp-healthy=127.0.0.1:33890 xrdp-expired=127.0.0.1:33892 xrdp-rdponly=127.0.0.1:33894 freerdp-nla=127.0.0.1:33896
echo "commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
