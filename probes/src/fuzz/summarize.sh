#!/usr/bin/env bash
# Prints one line per fuzz target from JQF's results (probes/target/fuzz-results by default):
# executions (inputs run), of which decoded (valid), branches covered, inputs kept, failures found.
set -euo pipefail
dir="${1:-$(dirname "$0")/../../target/fuzz-results}"
printf '%-20s %10s %9s %9s %7s %9s\n' target executions decoded branches kept failures
for target in "$dir"/*/; do
  name=$(basename "$target")
  last=$(grep -v '^#' "$target/plot_data" | tail -1)
  IFS=', ' read -r _ _ _ _ _ _ _ _ _ _ _ valid invalid _ covered _ <<<"$(echo "$last" | tr -s ', ' ' ')"
  failures=$(find "$target/failures" -type f 2>/dev/null | wc -l)
  kept=$(find "$target/corpus" -type f 2>/dev/null | wc -l)
  printf '%-20s %10d %9d %9d %7d %9d\n' "$name" $((valid + invalid)) "$valid" "$covered" "$kept" "$failures"
done
