# End-to-end: schedule a series across the 2026 daylight-saving changes, list, move, cancel,
# and a person's iCalendar feed with stable UIDs and growing SEQUENCE.
source "$(dirname "$0")/lib.sh"
DB="$SCRATCH/t.db"
run() { "$SETWORK" --db "$DB" "$@"; }

run demo --people 24 >/dev/null
# Sets come from set formation (another command); the fixture makes two by hand.
sqlite3 "$DB" "INSERT INTO set_plans (id, programme_id, name, status) VALUES (1, 1, 'p', 'published');
  INSERT INTO sets (id, plan_id, name, position) VALUES (1, 1, 'Set 1', 1), (2, 1, 'Set 2', 2);
  INSERT INTO set_members SELECT 1, id FROM people ORDER BY id LIMIT 6;
  INSERT INTO set_members SELECT 2, id FROM people ORDER BY id LIMIT 6 OFFSET 6;"
member=$(sqlite3 "$DB" "SELECT email FROM people ORDER BY id LIMIT 1")
outsider=$(sqlite3 "$DB" "SELECT email FROM people ORDER BY id LIMIT 1 OFFSET 20")

set +e
run meetings schedule --programme Demo --set "Set 1" --first 2026-03-03T10:00 --every 4w \
  --count 9 --duration 3h --location "Room 4" >"$SCRATCH/out" 2>&1
expect_status 0 $? "schedule"
run meetings list --programme Demo --json >"$SCRATCH/list.json"
expect_status 0 $? "list --json"
set -e
# 10:00 London is 10:00Z in winter and 09:00Z in summer; the local time never moves.
[ "$(jq -r '.[0].starts_at' "$SCRATCH/list.json")" = "2026-03-03T10:00:00Z" ] && pass || fail "GMT start"
[ "$(jq -r '.[1].starts_at' "$SCRATCH/list.json")" = "2026-03-31T09:00:00Z" ] && pass || fail "BST start"
[ "$(jq -r '.[8].starts_at' "$SCRATCH/list.json")" = "2026-10-13T09:00:00Z" ] && pass || fail "Oct BST"
[ "$(jq -r '[.[].local_start[11:16]] | unique | .[]' "$SCRATCH/list.json")" = "10:00" ] && pass || fail "local 10:00"

[ "$(jq -r '.[0].expected, .[0].quorum_met' "$SCRATCH/list.json" | tr '\n' ' ')" = "6 true " ] && pass || fail "quorum in list"
# Three apologies bring a set of six under the default quorum of four: the list warns.
first=$(jq -r '.[0].id' "$SCRATCH/list.json")
sqlite3 "$DB" "INSERT INTO meeting_attendance SELECT $first, person_id, 'apologies' FROM set_members WHERE set_id = 1 LIMIT 3"
run meetings list --programme Demo --set "Set 1" >"$SCRATCH/list.txt"
expect_contains "$SCRATCH/list.txt" "warning: 3 expected after apologies, quorum is 4" "quorum warning"

run ics "$member" -o "$SCRATCH/before.ics"
moved=$(jq -r '.[1].id' "$SCRATCH/list.json")
run meetings move "$moved" --to 2026-04-01T14:00 >/dev/null
run meetings cancel "$(jq -r '.[2].id' "$SCRATCH/list.json")" >/dev/null
run ics "$member" >"$SCRATCH/after.ics"
[ "$(grep -c '^BEGIN:VEVENT' "$SCRATCH/after.ics")" = 9 ] && pass || fail "9 events in feed"
# Same UIDs before and after: the calendar moves events instead of duplicating them.
diff <(grep '^UID' "$SCRATCH/before.ics") <(grep '^UID' "$SCRATCH/after.ics") >/dev/null && pass || fail "UIDs stable"
expect_contains "$SCRATCH/after.ics" "DTSTART:20260401T130000Z" "moved meeting"
[ "$(grep -c '^SEQUENCE:1' "$SCRATCH/after.ics")" = 2 ] && pass || fail "two events at SEQUENCE 1"
expect_contains "$SCRATCH/after.ics" "STATUS:CANCELLED" "cancelled meeting"
run ics --meeting "$moved" -o "$SCRATCH/one.ics"
[ "$(grep -c '^BEGIN:VEVENT' "$SCRATCH/one.ics")" = 1 ] && pass || fail "one event in a meeting's .ics"
expect_contains "$SCRATCH/one.ics" "$(grep '^UID' "$SCRATCH/before.ics" | sed -n 2p | tr -d '\r')" "same UID in .ics"
expect_contains "$SCRATCH/one.ics" "SEQUENCE:1" "sequence in .ics"
run ics "$outsider" >"$SCRATCH/outsider.ics"
expect_not_contains "$SCRATCH/outsider.ics" "BEGIN:VEVENT" "no meetings for an outsider"

set +e
run meetings schedule --programme Demo --first 2026-03-03T10:00 --every 3d 2>/dev/null
expect_status 2 $? "bad --every"
run meetings schedule --programme Demo --first 2026-03-03T10:00 --every 4w --tz Mars/Base 2>/dev/null
expect_status 1 $? "unknown zone"
run meetings move 99999 --to 2026-04-01T14:00 2>/dev/null
expect_status 1 $? "unknown meeting"
run ics nobody@example.org 2>/dev/null
expect_status 1 $? "unknown person"
set -e

# The demo rounds fill each set's first meeting once: check-ins, two presenters' actions, reviews.
set +e
run meetings demo --programme Demo >"$SCRATCH/out" 2>&1
expect_status 0 $? "meetings demo"
first=$(sqlite3 "$DB" "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1")
counts() { sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM meeting_checkins WHERE meeting_id = $first) || ' ' ||
  (SELECT COUNT(*) FROM meeting_actions WHERE meeting_id = $first) || ' ' ||
  (SELECT COUNT(*) FROM member_reviews WHERE meeting_id = $first) || ' ' ||
  (SELECT COUNT(*) FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id WHERE m.id <> $first)"; }
[ "$(counts)" = "5 2 3 0" ] && pass || fail "demo rounds of set 1's first meeting: $(counts)"
run meetings demo --programme Demo >"$SCRATCH/out" 2>&1
expect_status 0 $? "meetings demo again"
expect_contains "$SCRATCH/out" "first meeting of 0 sets" "the second run adds nothing"
[ "$(counts)" = "5 2 3 0" ] && pass || fail "nothing doubled: $(counts)"
run meetings demo --programme Nope 2>/dev/null
expect_status 1 $? "demo of an unknown programme"
run meetings demo 2>/dev/null
expect_status 2 $? "demo wants --programme"
set -e
finish
