#!/bin/sh
# Cohort import speed: a generated file of N people into a new database, and the same file
# again (the idempotent path that compares every person). Usage: bench/import.sh BUILD_DIR
set -eu
bin=$1/setwork
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 5000 100000; do
  "$bin" demo --csv "$work/c$n.csv" --people $n
  hyperfine --warmup 1 --runs 3 --prepare "rm -f $work/n.db $work/n.db-wal $work/n.db-shm" \
    --export-markdown "$work/new$n.md" \
    "$bin --db $work/n.db import $work/c$n.csv --programme Bench" >/dev/null
  "$bin" --db "$work/r.db" import "$work/c$n.csv" --programme Bench >/dev/null
  hyperfine --runs 3 --export-markdown "$work/re$n.md" \
    "$bin --db $work/r.db import $work/c$n.csv --programme Bench" >/dev/null
  echo "import of $n people into a new database:"; tail -1 "$work/new$n.md"
  echo "re-import of the same $n people (no change):"; tail -1 "$work/re$n.md"
  rm -f "$work"/r.db*
done
