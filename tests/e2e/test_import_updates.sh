#!/usr/bin/env bash
# Import behaviours that need more than one step: idempotent re-import, updates reported,
# columns absent from a file left alone, managers found in the store, cycles across imports,
# --prune, --json, export round trip, and the size limit.
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }

cat > "$SCRATCH/v1.csv" <<'CSV'
name,email,department,location,manager_email
Ada,ada@example.org,Research,London,
Ben,ben@example.org,Sales,Leeds,ada@example.org
Cara,cara@example.org,Sales,Leeds,ben@example.org
CSV
sw import "$SCRATCH/v1.csv" --programme "Leaders" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "3 people (3 new, 0 updated, 0 unchanged); 3 joined" "first import"

sw import "$SCRATCH/v1.csv" --programme "Leaders" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "3 people (0 new, 0 updated, 3 unchanged); 0 joined" "re-import is idempotent"
expect_not_contains "$SCRATCH/out" "Changes:" "re-import lists no change"

cat > "$SCRATCH/v2.csv" <<'CSV'
name,email,department,manager_email
Ada Lovelace,ada@example.org,Research,
Ben,ben@example.org,Marketing,ada@example.org
CSV
# A dry run shows each change (person, field, before, after) and writes nothing; --expect with
# its digest applies exactly those changes, and nothing once the people changed in between.
sw export --programme Leaders > "$SCRATCH/before.csv"
sw import "$SCRATCH/v2.csv" --programme "Leaders" --dry-run > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "ada@example.org: name 'Ada' -> 'Ada Lovelace'" "dry run lists a name change"
expect_contains "$SCRATCH/out" "ben@example.org: department 'Sales' -> 'Marketing'" "dry run lists an attribute change"
expect_contains "$SCRATCH/out" "Dry run: nothing was written" "dry run says so"
sw export --programme Leaders > "$SCRATCH/after.csv"
cmp -s "$SCRATCH/before.csv" "$SCRATCH/after.csv" && pass || fail "a dry run changes nothing"
digest=$(sed -n 's/.*add --expect \([0-9a-f]*\)$/\1/p' "$SCRATCH/out")
[ ${#digest} = 64 ] && pass || fail "dry run prints a digest: '$digest'"
sw import "$SCRATCH/v2.csv" --programme "Leaders" --dry-run --json > "$SCRATCH/out.json"
[ "$(jq -r .digest "$SCRATCH/out.json")" = "$digest" ] && pass || fail "the same digest in JSON"
printf 'name,email,department\nBen,ben@example.org,Audit\n' > "$SCRATCH/edit.csv"
sw import "$SCRATCH/edit.csv" --programme "Leaders" > /dev/null
sw export --programme Leaders > "$SCRATCH/before.csv"
set +e
sw import "$SCRATCH/v2.csv" --programme "Leaders" --expect "$digest" 2> "$SCRATCH/err"
status=$?
set -e
expect_status 1 $status "--expect after the people changed"
expect_contains "$SCRATCH/err" "are no longer those of the dry run" "says why"
sw export --programme Leaders > "$SCRATCH/after.csv"
cmp -s "$SCRATCH/before.csv" "$SCRATCH/after.csv" && pass || fail "--expect refused writes nothing"
printf 'name,email,department\nBen,ben@example.org,Sales\n' > "$SCRATCH/edit.csv"
sw import "$SCRATCH/edit.csv" --programme "Leaders" > /dev/null

sw import "$SCRATCH/v2.csv" --programme "Leaders" --expect "$digest" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "2 people (0 new, 2 updated, 0 unchanged)" "update counts"
expect_contains "$SCRATCH/out" "ada@example.org: name 'Ada' -> 'Ada Lovelace'" "name change listed"
expect_contains "$SCRATCH/out" "ben@example.org: department 'Sales' -> 'Marketing'" "attribute change listed"
expect_contains "$SCRATCH/out" "1 member of 'Leaders' is not in this file and stays a member (use --prune to remove them): cara@example.org" "missing member reported"
sw export --programme Leaders > "$SCRATCH/export.csv"
expect_contains "$SCRATCH/export.csv" "Ben,ben@example.org,,Marketing,Leeds," "absent column (location) left alone"

# A manager who is only in the store is accepted; a cycle through the store is not.
cat > "$SCRATCH/other.csv" <<'CSV'
name,email,manager_email
Dan,dan@example.org,cara@example.org
CSV
sw import "$SCRATCH/other.csv" --programme "Second" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "1 people (1 new" "manager found in the store"
cat > "$SCRATCH/cycle.csv" <<'CSV'
name,email,manager_email
Ada Lovelace,ada@example.org,dan@example.org
CSV
set +e
sw import "$SCRATCH/cycle.csv" --programme "Second" 2> "$SCRATCH/err"
status=$?
set -e
expect_status 1 $status "cycle across imports rejected"
expect_contains "$SCRATCH/err" "management cycle: ada@example.org is managed by dan@example.org, whose chain of managers in setwork leads back to ada@example.org" "cycle across imports explained"

# --json report and --prune.
sw import "$SCRATCH/v2.csv" --programme "Leaders" --prune --json > "$SCRATCH/out.json"
expect_contains "$SCRATCH/out.json" '"removed": true' "prune in JSON"
expect_contains "$SCRATCH/out.json" '"not_in_file": [' "not_in_file in JSON"
sw programmes --json > "$SCRATCH/progs.json"
expect_contains "$SCRATCH/progs.json" '"members": 2' "pruned member removed"

# Export, then import the export: nothing changes.
sw demo --programme "Demo" > /dev/null
sw export --programme Demo -o "$SCRATCH/demo.csv"
sw import "$SCRATCH/demo.csv" --programme Demo > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "200 people (0 new, 0 updated, 200 unchanged)" "export round trip"

# Errors as JSON name line and field.
printf 'name,email\nAda,bad\n' > "$SCRATCH/bad.csv"
set +e
sw import "$SCRATCH/bad.csv" --programme X --json > "$SCRATCH/err.json" 2>/dev/null
status=$?
set -e
expect_status 1 $status "bad file with --json"
expect_contains "$SCRATCH/err.json" '"line": 2' "JSON error line"
expect_contains "$SCRATCH/err.json" '"field": "email"' "JSON error field"

# Size limit: a file over 64 MiB is refused before it is read.
head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$SCRATCH/huge.csv"
set +e
sw import "$SCRATCH/huge.csv" --programme X 2> "$SCRATCH/err"
status=$?
set -e
expect_status 1 $status "oversized file"
expect_contains "$SCRATCH/err" "larger than the limit of 67108864 bytes (64 MiB); split it into several files" "size limit message"

# Usage errors exit 2.
set +e
sw import > /dev/null 2>&1; s1=$?
sw import "$SCRATCH/v1.csv" > /dev/null 2>&1; s2=$?
sw frobnicate > /dev/null 2>&1; s3=$?
set -e
expect_status 2 $s1 "import without a file"
expect_status 2 $s2 "import without --programme"
expect_status 2 $s3 "unknown command"
finish
