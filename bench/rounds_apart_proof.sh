#!/bin/sh
# Finishes the proof in bench/rounds_apart_proof.py with a SAT solver (Debian's cadical, from
# `scripts/install-deps bench`): a complete schedule of q^2 people with one keep-apart pair
# repeats at least 2(q - 1) pairs. For each q it first checks that the encoding finds the known
# schedule with 2(q - 1) repeats, then that every remaining case is unsatisfiable with 2q - 3.
# usage: sh bench/rounds_apart_proof.sh [BUILD] [Q...]   (default Q: 4, in seconds; q = 3 has
#        no case left; q = 5 takes about 9 minutes, most of it for three disjoint pairs)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] && shift # the build folder, as for every bench script: not needed here
qs=${*:-4}
command -v cadical >/dev/null || { echo "rounds_apart_proof: cadical missing (scripts/install-deps bench)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for q in $qs; do
  k=$((2 * q - 2))
  # The known schedule: an affine plane with one person moved in round q, which is then not
  # orthogonal to rounds 1 .. q-1 (the moved person's new line is parallel to round 0's).
  star=$(seq 1 $((q - 1)) | sed "s/\$/-$q/" | paste -sd, -)
  python3 "$here/rounds_apart_proof.py" "$q" "$star" "$k" > "$tmp/check.cnf"
  answer=$(cadical -q "$tmp/check.cnf" | sed -n 's/^s //p')
  echo "q=$q, rounds not orthogonal $star, at most $k repeats: $answer (expected SATISFIABLE)"
  [ "$answer" = SATISFIABLE ] || status=1
  for g in $(python3 "$here/rounds_apart_proof.py" "$q"); do
    python3 "$here/rounds_apart_proof.py" "$q" "$g" $((k - 1)) > "$tmp/case.cnf"
    start=$(date +%s)
    answer=$(cadical -q "$tmp/case.cnf" | sed -n 's/^s //p')
    echo "q=$q, rounds not orthogonal $g, at most $((k - 1)) repeats: $answer in $(($(date +%s) - start)) s"
    [ "$answer" = UNSATISFIABLE ] || status=1
  done
done
exit $status
