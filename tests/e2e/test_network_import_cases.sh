#!/usr/bin/env bash
# Runs every case under cases/network/: each folder holds input.csv (ties), expected_status,
# and optionally args, expected_stderr and expected_stdout (lines that must each appear). The
# ties are imported into wave 'baseline' of programme 'Net' holding cases/network/cohort.csv.
# A rejected file or a dry run must leave no wave behind. Adding a case is adding a folder.
source "$(dirname "$0")/lib.sh"
cases="$(dirname "$0")/cases/network"
"$SETWORK" --db "$SCRATCH/base.db" import "$cases/cohort.csv" --programme Net > /dev/null
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  db="$SCRATCH/$name.db"
  cp "$SCRATCH/base.db" "$db"
  args=()
  [ -f "$dir/args" ] && read -r -a args < "$dir/args"
  set +e
  (cd "$dir" && "$SETWORK" --db "$db" network import input.csv --programme Net \
    --wave baseline "${args[@]}") > "$SCRATCH/out" 2> "$SCRATCH/err"
  status=$?
  set -e
  expect_status "$(cat "$dir/expected_status")" "$status" "$name"
  for stream in stdout stderr; do
    [ -f "$dir/expected_$stream" ] || continue
    file="$SCRATCH/out"; [ $stream = stderr ] && file="$SCRATCH/err"
    while IFS= read -r line || [ -n "$line" ]; do
      [ -n "$line" ] && expect_contains "$file" "$line" "$name ($stream)"
    done < "$dir/expected_$stream"
  done
  if [ "$status" -ne 0 ] || [[ " ${args[*]} " == *" --dry-run "* ]]; then
    set +e
    "$SETWORK" --db "$db" network report --programme Net > "$SCRATCH/report" 2>&1
    set -e
    expect_contains "$SCRATCH/report" "has no network survey yet" "$name wrote nothing"
  fi
done
finish
