#!/usr/bin/env bash
# The impact report summarises attendance at the meetings already held, and shows network
# growth inside and beyond sets in words.
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }
sw demo > /dev/null
sw users demo > /dev/null
sw network demo --programme Demo > /dev/null
sw meetings schedule --programme Demo --first 2026-09-01T10:00 --every 4w --count 6 \
  --duration 3h --location "Room 4" > /dev/null
# Attendance of the meetings held before 29 November 2026: every fifth person sent apologies.
sqlite3 "$db" "INSERT INTO meeting_attendance SELECT m.id, sm.person_id,
  CASE WHEN sm.person_id % 5 = 0 THEN 'apologies' ELSE 'present' END
  FROM meetings m JOIN set_members sm ON sm.set_id = m.set_id WHERE m.ends_at < '2026-11-29'"
expected=$(sqlite3 "$db" "SELECT sum(status = 'present') || ' present, ' ||
  sum(status = 'apologies') || ' apologies, 0 absent' FROM meeting_attendance")
sw report --programme Demo > "$SCRATCH/report"
expect_contains "$SCRATCH/report" "$expected" "attendance counts"
expect_contains "$SCRATCH/report" "(attendance 80%)" "attendance rate"
expect_contains "$SCRATCH/report" "inside people's own sets" "network growth in words"
sw report --programme Demo --json > "$SCRATCH/report.json"
rate=$(jq '.participation.attendance.attendance_rate' "$SCRATCH/report.json")
expect_contains <(echo "$rate") "0.8" "attendance rate in JSON"
finish
