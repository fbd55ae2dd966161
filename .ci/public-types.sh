#!/usr/bin/env bash
# Public top-level types per module and package of the main sources: `.ci/public-types.sh [DIR]`.
# Issue 13 keeps the API small: public only what another package uses.
cd "${1:-.}"
find . -path '*/src/main/java/*' -name '*.java' -not -name package-info.java -not -path './.git/*' | while read -r f; do
  pkg=$(sed -n 's/^package \([^;]*\);.*/\1/p' "$f" | head -1)
  mod=$(echo "$f" | sed 's|^\./||; s|/src/main/java/.*||')
  if grep -Eq '^public ((final|abstract|sealed|non-sealed|static|strictfp) )*(class|interface|record|enum|@interface) ' "$f"; then p=1; else p=0; fi
  echo "$mod $pkg $p"
done | awk '{k=$1" "$2; all[k]++; pub[k]+=$3; A++; P+=$3} END {for (k in all) printf "%-8s %-40s %3d / %3d\n", substr(k,1,index(k," ")-1), substr(k,index(k," ")+1), pub[k], all[k]; printf "TOTAL public %d of %d top-level types\n", P, A}' | sort
