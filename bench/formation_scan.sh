#!/bin/sh
# Tabu steps a second of the formation engine's scan, pruned and full, from a local optimum of
# MDGP instances with sets of 12, 15-25, 20 and 24 (bench/formation_scan.c).
#   sh bench/formation_scan.sh BUILD_DIR [STEPS]
# Environment: SETWORK_SHARED_DIR (default: <source>/../shared).
set -eu
build=$1
steps=${2:-20000}
src=$(cd "$(dirname "$0")/.." && pwd)
shared=${SETWORK_SHARED_DIR:-$src/../shared}
for name in RanReal_n120_ds_01 RanReal_n240_ds_04 RanReal_n240_ss_01 RanReal_n480_ss_01; do
  "$build/bench/bench_formation_scan" "$shared/benchmarks/mdgp/instances/RanReal/$name.txt" "$steps"
done
