#!/bin/sh
# Network analysis speed: all per-person metrics and the layout for 2,000 people / 20,000 ties
# (goal: under 1 s) and 10,000 people / 100,000 ties (goal: under 30 s), three runs each.
# Usage: bench/network.sh BUILD_DIR
set -eu
bin=$1/bench/bench_network
for size in "2000 20000" "10000 100000"; do
  for run in 1 2 3; do
    # shellcheck disable=SC2086
    "$bin" $size $run
  done
done
