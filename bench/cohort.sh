#!/bin/sh
# Set formation on generated realistic cohorts (60 to 5,000 people, six skewed attributes, a
# management tree, sets of 5-7, line managers apart): gap to the provable upper bound and time.
#   sh bench/cohort.sh BUILD_DIR [SECONDS_SCALE] [SIZES...]
# Time limits: 1 s up to 300 people, 5 s up to 1,000, 30 s above (times SECONDS_SCALE).
set -eu
build=$1
shift
"$build/bench/bench_cohort" "$@"
