#!/bin/sh
# Social Golfer instances of issue 4: perfect schedules at the limit in under 1 s, and how far
# the hard ones get. Each instance is solved with a 1 s budget for three seeds; every schedule is
# checked independently by rounds_check inside the program. The last run sends every instance to
# the local search alone (constructions off), to show what the search does without them.
# Usage: bench/rounds.sh BUILD_DIR
set -eu
bin=$1/bench/bench_rounds
for seed in 1 2 3; do
  echo "-- seed $seed, budget 1 s"
  "$bin" 1 "$seed"
done
echo "-- local search alone, seed 1, budget 1 s"
"$bin" 1 1 search || true
