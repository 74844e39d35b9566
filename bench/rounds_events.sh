#!/bin/sh
# Realistic mixer events (issue 17): odd numbers, size ranges, leavers and late arrivals,
# locked rounds, keep-apart pairs, mixing by department, each with its proven lower bound.
# Every case is solved by the engine (a repaired design, then local search), by the local
# search alone, and by Good Enough Golfers' published approach, each with a 1 s budget
# (GEG has none: it stops after its 30 generations a round); every schedule is checked by
# rounds_check. Then the four cases of the issue through the command line, as an organiser
# types them. Usage: bench/rounds_events.sh BUILD_DIR
set -eu
build=$1
"$build/bench/bench_rounds_events" 1 1
sw="$build/setwork"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
summary() { grep -E "^(Perfect|[0-9]+ pairs? meet)" | cut -c1-72; }
"$sw" rounds --people 32 --group-size 4 --rounds 10 --csv "$tmp/day.csv" > /dev/null
awk -F, 'NR == 1 || $3 <= 3' "$tmp/day.csv" > "$tmp/played.csv"
printf '0,1\n5,9\n' > "$tmp/apart.csv"
for r in 4 5 6 7 8 9 10; do printf '30,%d\n31,%d\n' "$r" "$r"; done > "$tmp/leave.csv"
echo "-- 32 at 4 x 10, 3 rounds locked"
"$sw" rounds --people 32 --group-size 4 --rounds 10 --lock "$tmp/played.csv" | summary
echo "-- 32 at 4 x 10, 2 keep-apart pairs"
"$sw" rounds --people 32 --group-size 4 --rounds 10 --apart "$tmp/apart.csv" | summary
echo "-- 32 at 4 x 10, 2 leave after round 3"
"$sw" rounds --people 32 --group-size 4 --rounds 10 --absent "$tmp/leave.csv" | summary
echo "-- 37 at 4-5 x 8"
"$sw" rounds --people 37 --group-size 4-5 --rounds 8 | summary
