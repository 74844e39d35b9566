#!/usr/bin/env bash
# Runs every case under cases/import/: each folder holds input.csv (or input.xlsx, or any
# input.*), expected_status, and
# optionally args (extra arguments), expected_stderr and expected_stdout (lines that must each
# appear in the output). Adding a case is adding a folder.
source "$(dirname "$0")/lib.sh"
cases="$(dirname "$0")/cases/import"
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  db="$SCRATCH/$name.db"
  args=()
  [ -f "$dir/args" ] && read -r -a args < "$dir/args"
  input=$(ls "$dir"input.* | head -n 1)
  set +e
  "$SETWORK" --db "$db" import "$input" --programme "Case $name" "${args[@]}" \
    > "$SCRATCH/out" 2> "$SCRATCH/err"
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
  if [ "$status" -ne 0 ]; then
    # All or nothing: a rejected file leaves no programme and no person behind.
    "$SETWORK" --db "$db" programmes > "$SCRATCH/progs"
    expect_contains "$SCRATCH/progs" "No programmes yet" "$name wrote nothing"
  fi
done
finish
