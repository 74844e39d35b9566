#!/usr/bin/env bash
# `setwork bench mdgp`: the groups it prints are re-evaluated from the instance file: sizes in
# bounds, every item once, the objective equal to the sum of d within groups; tiny optima found.
source "$(dirname "$0")/lib.sh"
dir="${SETWORK_SHARED_DIR:?}/benchmarks/mdgp"
check() { # instance seconds
  local f="$dir/instances/$1.txt" name
  name=$(basename "$1")
  "$SETWORK" bench mdgp "$f" --seconds "$2" --seed 4 > "$SCRATCH/out.json"
  jq -r '.groups | to_entries[] | .key as $g | .value[] | "\(.) \($g)"' "$SCRATCH/out.json" > "$SCRATCH/groups"
  obj=$(jq .objective "$SCRATCH/out.json")
  awk -v obj="$obj" '
    FNR == NR { grp[$1] = $2; size[$2]++; placed++; next }
    FNR == 1 { n = $1; m = $2; for (g = 0; g < m; g++) { lo[g] = $(4 + 2 * g); hi[g] = $(5 + 2 * g) }; next }
    { if (grp[$1] == grp[$2]) f += $3 }
    END {
      bad = placed != n
      for (g = 0; g < m; g++) if (size[g] < lo[g] || size[g] > hi[g]) bad = 1
      printf "%s %.6f %.6f\n", (bad ? "BAD" : "OK"), f, obj }' "$SCRATCH/groups" "$f" > "$SCRATCH/eval"
  read -r status f obj < "$SCRATCH/eval"
  expect_status OK "$status" "$name: sizes and items"
  if awk -v a="$f" -v b="$obj" 'BEGIN { exit !(a - b < 1e-3 && b - a < 1e-3) }'; then pass; else
    fail "$name: printed objective $obj, recomputed $f"; fi
  echo "$f"
}
for inst in RanReal/RanReal_n010_ds_01 RanReal/RanReal_n012_ss_01 RanInt/RanInt_n012_ds_01 Geo/Geo_n012_ss_01; do
  f=$(check "$inst" 0.2)
  bkv=$(awk -F, -v i="$(basename $inst)" '$1 == i { print $6 }' "$dir/bkv.csv")
  if awk -v a="$f" -v b="$bkv" 'BEGIN { exit !(a - b < 1e-3 && b - a < 1e-3) }'; then pass; else
    fail "$inst: $f, proven optimum $bkv"; fi
done
check RanReal/RanReal_n120_ds_01 0.3 > /dev/null
# --iterations alone bounds the run by work, not by the default 3 s: the same plan twice, and
# work that takes more than 3 s under the sanitizers is still done in full.
f240="$dir/instances/RanReal/RanReal_n240_ss_01.txt"
"$SETWORK" bench mdgp "$f240" --iterations 100000 --seed 2 | jq -c '[.groups, .iterations]' > "$SCRATCH/it1"
"$SETWORK" bench mdgp "$f240" --iterations 100000 --seed 2 | jq -c '[.groups, .iterations]' > "$SCRATCH/it2"
if cmp -s "$SCRATCH/it1" "$SCRATCH/it2"; then pass; else fail "--iterations: two runs differ"; fi
expect_status 100000 "$(jq -r '.[1]' "$SCRATCH/it1")" "--iterations: every iteration done"
set +e
"$SETWORK" bench mdgp "$SCRATCH/missing.txt" 2> "$SCRATCH/err"; s=$?
set -e
expect_status 1 $s "missing instance"
# A few bytes claiming 20000 items are refused before 3.2 GB are allocated (found while writing its fuzz harness).
printf '20000 2 ss 0 20000 0 20000\n0 1 5\n' >"$SCRATCH/huge.txt"
set +e
"$SETWORK" bench mdgp "$SCRATCH/huge.txt" --seconds 1 2> "$SCRATCH/err"; s=$?
set -e
expect_status 1 $s "instance too short for its n"
expect_contains "$SCRATCH/err" "too short" "says the file is too short"
finish
