#!/bin/sh
# Report sizes (issue 15): terminal lines per demo host (and per shared peer with --peers, when
# /work/shared/peers conditions are running), verdict length, a 50-target fleet, and chat sizes.
# Builds nothing: run `mvn -B -q package -DskipTests` first.  Usage: bench/report-size/run.sh [--peers]
set -e
cd "$(dirname "$0")/../.."
JAR=app/target/rdpcheck.jar
java -cp "$JAR" bench/report-size/ReportSize.java "$JAR" "$@"
echo
java -cp "$JAR" bench/report-size/ChatSize.java 2>/dev/null
