#!/bin/sh
# MDGP benchmark: solves MDGPLIB instances with `setwork bench mdgp` and prints the gap to the
# published best value (bkv.csv) per instance and the mean per group.
#   sh bench/mdgp.sh BUILD_DIR [PATTERN] [SCALE] [SEED]
# PATTERN filters instance names (grep -E, default: every instance); SCALE multiplies the
# literature's time limits (n=120: 3 s, n=240: 20 s, n=480: 120 s; tiny ones 0.2 s), default 1.
# Environment: SETWORK_SHARED_DIR (default: <source>/../shared).
set -eu
build=$1
pattern=${2:-.}
scale=${3:-1}
seed=${4:-1}
src=$(cd "$(dirname "$0")/.." && pwd)
shared=${SETWORK_SHARED_DIR:-$src/../shared}
dir=$shared/benchmarks/mdgp
bin=$build/setwork
printf '%-22s %6s %14s %14s %8s %7s\n' instance limit objective bkv gap% best_at
for f in "$dir"/instances/*/*.txt; do
  name=$(basename "$f" .txt)
  echo "$name" | grep -Eq "$pattern" || continue
  n=$(head -c 20 "$f" | awk '{print $1; exit}')
  case $n in
    10|12) limit=0.2 ;;
    120) limit=3 ;;
    240) limit=20 ;;
    480) limit=120 ;;
    *) limit=600 ;;
  esac
  limit=$(awk -v l="$limit" -v s="$scale" 'BEGIN { printf "%g", l * s }')
  bkv=$(awk -F, -v i="$name" '$1 == i { print $6 }' "$dir/bkv.csv")
  out=$("$bin" bench mdgp "$f" --seconds "$limit" --seed "$seed")
  obj=$(echo "$out" | jq -r .objective)
  at=$(echo "$out" | jq -r .best_at)
  awk -v i="$name" -v l="$limit" -v o="$obj" -v b="$bkv" -v a="$at" 'BEGIN {
    printf "%-22s %6s %14.3f %14.3f %8.4f %7.2f\n", i, l, o, b, 100 * (b - o) / b, a }'
done | tee /tmp/mdgp_bench.$$ 
awk 'NR > 0 { split($1, p, "_"); key = p[1] "_" p[2]; s[key] += $5; c[key]++; if ($5 <= 0.00001) h[key]++ }
  END { for (k in s) printf "mean gap %-14s %8.4f%%  (%d instances, %d at or above bkv)\n", k, s[k] / c[k], c[k], h[k] }' \
  /tmp/mdgp_bench.$$ | sort
rm -f /tmp/mdgp_bench.$$
