#!/usr/bin/env bash
# The command line's shared behaviour: help, exit statuses, --db, people filters, demo --if-new.
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }

"$SETWORK" help > "$SCRATCH/help"
expect_contains "$SCRATCH/help" "usage: setwork [--db PATH] COMMAND [ARGS]" "help usage"
for cmd in import export programmes people demo backup; do
  expect_contains "$SCRATCH/help" "  $cmd" "help lists $cmd"
  "$SETWORK" help $cmd > "$SCRATCH/h1"
  "$SETWORK" $cmd --help > "$SCRATCH/h2"
  expect_contains "$SCRATCH/h1" "usage: setwork $cmd" "help $cmd"
  if cmp -s "$SCRATCH/h1" "$SCRATCH/h2"; then pass; else fail "$cmd --help differs from help $cmd"; fi
done
set +e
"$SETWORK" help nope 2> "$SCRATCH/err"; s=$?
set -e
expect_status 2 $s "help for an unknown command"
expect_contains "$SCRATCH/err" "'nope' is not a setwork command" "unknown command named"

sw demo --people 60 --seed 3 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "Created the demo: 60 people" "demo size"
sw demo --if-new > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "already has data" "demo --if-new keeps existing data"
sw people --programme demo --where organisation="Kestrel University" --json > "$SCRATCH/p.json"
n=$(grep -c '"email"' "$SCRATCH/p.json")
n_all=$(sw people --programme demo | tail -1)
expect_contains <(echo "$n_all") "60 of 60 members" "people lists everyone"
if [ "$n" -gt 0 ] && [ "$n" -lt 60 ]; then pass; else fail "filter kept $n of 60"; fi
expect_not_contains "$SCRATCH/p.json" "northbridge-health" "filter excludes other organisations"
set +e
sw people --programme nope 2> "$SCRATCH/err"; s=$?
set -e
expect_status 1 $s "unknown programme"
expect_contains "$SCRATCH/err" "there is no programme 'nope'" "unknown programme named"

# --db applies wherever it stands, and the file is a WAL-mode SQLite database.
"$SETWORK" programmes --db "$db" --json > "$SCRATCH/progs"
expect_contains "$SCRATCH/progs" '"members": 60' "--db after the command"
# A backup is a complete database that setwork can open.
sw backup "$SCRATCH/copy.db" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "Backed up" "backup reports"
"$SETWORK" --db "$SCRATCH/copy.db" programmes --json > "$SCRATCH/progs"
expect_contains "$SCRATCH/progs" '"members": 60' "backup holds the data"
finish
