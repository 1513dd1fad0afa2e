#!/bin/bash
# A ratio between two benchmarks of one Rounds run, taken within each round, as docs/performance.md quotes it:
# the median of the rounds, then their lowest and highest. With a third name, each side's cost above it (a floor).
#   bash src/bench/ratio.sh target/runs/C.log 'TokenShapesBenchmark.cacheMiss$@shape=small' \
#       'TokenShapesBenchmark.cacheOff$@shape=small'
set -eu
if [ $# -lt 3 ]; then
  echo "usage: ratio.sh LOG NUMERATOR DENOMINATOR [FLOOR]" >&2
  exit 2
fi
awk -v a="$2" -v b="$3" -v f="${4:-}" '
  $1 == "ROUND" && $4 ~ /^[0-9.]+$/ && $5 == "ns" { score[$3, $2] = $4; if ($2 > rounds) rounds = $2 }
  END {
    n = 0
    for (r = 1; r <= rounds; r++) {
      if (!((a, r) in score) || !((b, r) in score) || (f != "" && !((f, r) in score))) {
        print "round " r " lacks a score for one of the names" > "/dev/stderr"; exit 1
      }
      base = f == "" ? 0 : score[f, r]
      ratio[++n] = (score[a, r] - base) / (score[b, r] - base)
    }
    if (n == 0) { print "no rounds in the log" > "/dev/stderr"; exit 1 }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (ratio[j] < ratio[i]) { t = ratio[i]; ratio[i] = ratio[j]; ratio[j] = t }
    median = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
    printf "%.2f (%.2f-%.2f)\n", median, ratio[1], ratio[n]
  }' "$1"
