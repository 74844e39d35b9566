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
# The headline figures come first, in words, and the same in the JSON.
expect_contains "$SCRATCH/report" "In brief" "headlines first"
expect_contains "$SCRATCH/report" "Attendance: 80%" "attendance headline"
expect_contains "$SCRATCH/report" "Contacts per person: " "contacts headline"
expect_contains "$SCRATCH/report" "New connections beyond people's own sets: " "beyond-sets headline"
[ "$(jq -r '.headlines[] | select(.id == "attendance") | .value' "$SCRATCH/report.json")" = "80%" ] \
  && pass || fail "attendance headline in JSON"
dz=$(jq -r '.network.contacts_per_person.d_z' "$SCRATCH/report.json")
jq -r '.headlines[] | select(.id == "contacts") | .detail' "$SCRATCH/report.json" > "$SCRATCH/contacts.txt"
expect_contains "$SCRATCH/contacts.txt" "$(printf 'd_z %.2f' "$dz")" "the effect size as a number"
expect_contains "$SCRATCH/contacts.txt" "95% interval" "with its interval"
# A past meeting nobody recorded is not "held" with nobody present: it is named apart.
first=$(sqlite3 "$db" "SELECT MIN(id) FROM meetings")
sqlite3 "$db" "DELETE FROM meeting_attendance WHERE meeting_id = $first"
held=$(sqlite3 "$db" "SELECT COUNT(DISTINCT meeting_id) FROM meeting_attendance")
sw report --programme Demo --json > "$SCRATCH/report2.json"
[ "$(jq '.participation.attendance.meetings_unrecorded' "$SCRATCH/report2.json")" = 1 ] \
  && pass || fail "one meeting unrecorded"
[ "$(jq '.participation.attendance.meetings_held' "$SCRATCH/report2.json")" = "$held" ] \
  && pass || fail "held counts recorded meetings only"
sw report --programme Demo > "$SCRATCH/report2"
expect_contains "$SCRATCH/report2" "past meetings with no attendance recorded, not counted: 1" \
  "unrecorded meetings said"
expect_contains "$SCRATCH/report2" "1 past meeting with no attendance recorded is not counted." \
  "and in the headline"
finish
