#!/usr/bin/env bash
# Replays fuzz inputs against one target, as JQF's ReproDriver runs them (a finding fails with its
# stack trace and exit status 1):
#   probes/src/fuzz/repro.sh TARGET FILE...
#   probes/src/fuzz/repro.sh tpktRead probes/target/fuzz-results/tpktRead/failures/id_000000
# Builds the fuzz classes and their class path first (the fuzz profile, offline when the
# dependencies are in ~/.m2); `jqf:repro` cannot do this in a multi-module build, since the other
# modules have no JQF plugin and the probes module alone cannot resolve them.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 TARGET FILE..." >&2
  exit 2
fi
target=$1
shift
case "$target" in
  tlsServerFlight) class=rdpcheck.probes.tls.TlsFuzz; method=serverFlight ;;
  certificate) class=rdpcheck.probes.cert.CertificateFuzz; method=certificate ;;
  *) class=rdpcheck.probes.fuzz.DecoderFuzz; method=$target ;;
esac
files=()
for file in "$@"; do
  files+=("$(cd "$(dirname "$file")" && pwd)/$(basename "$file")")
done
cd "$(dirname "$0")/../../.."
mvn -B -q -Pfuzz -pl probes -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test >&2
exec java -cp "probes/target/test-classes:probes/target/classes:$(cat probes/target/fuzz-classpath.txt)" \
    edu.berkeley.cs.jqf.fuzz.repro.ReproDriver "$class" "$method" "${files[@]}"
