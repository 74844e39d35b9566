#!/usr/bin/env bash
# Meeting times at daylight-saving edges (RFC 5545 3.3.5), on the command line, the schedule
# page's preview, the series API and the move of one meeting: a local time that does not exist
# moves forward by the gap, one that happens twice is the first, each with a warning naming the
# time and the zone; move answers with the time it stored and refuses a cancelled meeting. The
# person's calendar feed is read back with python's icalendar when it is installed (Debian's
# python3-icalendar), else with the DTSTART lines.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
DB="$SCRATCH/db"
demo_db "$DB"
run() { "$SETWORK" --db "$DB" "$@"; }
sql() { sqlite3 "$DB" "$1"; }
starts() { sql "SELECT starts_at FROM meetings WHERE id = $1"; }

set +e
# New York, 8 March 2026: 02:00-03:00 does not exist; 02:30 is 03:30 EDT (07:30Z), not 01:30 EST.
run meetings schedule --programme Demo --set "Set 1" --first 2026-03-08T02:30 --every 1w \
  --count 2 --tz America/New_York --location "Room 1" >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "schedule in a gap"
expect_contains "$SCRATCH/err" "warning: Meeting 1: 2026-03-08T02:30 does not exist in America/New_York" "gap warning names time and zone"
expect_contains "$SCRATCH/err" "moved forward by the gap to 2026-03-08T03:30 EDT" "gap warning says what is stored"
# London, 25 October 2026: 01:00-02:00 happens twice; 01:30 is the first, BST (00:30Z).
run meetings schedule --programme Demo --set "Set 2" --first 2026-10-25T01:30 --every 1w \
  --count 2 --tz Europe/London --location "Room 2" >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "schedule in a fold"
expect_contains "$SCRATCH/err" "2026-10-25T01:30 happens twice in Europe/London" "fold warning names time and zone"
expect_contains "$SCRATCH/err" "the first one is used: 01:30 BST (UTC+1), not 01:30 GMT" "fold warning says which"
# Sydney, 4 October 2026: 02:00-03:00 does not exist.
run meetings schedule --programme Demo --set "Set 3" --first 2026-10-04T02:30 --every 1w \
  --count 1 --tz Australia/Sydney --location "Room 3" >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "schedule in Sydney's gap"
expect_contains "$SCRATCH/err" "2026-10-04T02:30 does not exist in Australia/Sydney" "Sydney gap warning"
# An ordinary time says nothing.
run meetings schedule --programme Demo --set "Set 4" --first 2027-06-01T10:00 --every 1w \
  --count 1 --tz Europe/London --location "Room 4" >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "schedule an ordinary time"
expect_not_contains "$SCRATCH/err" "warning" "no warning for an ordinary time"
# Meetings in the past would count as held at once: said, with the first date.
run meetings schedule --programme Demo --set "Set 20" --first 2020-01-07T10:00 --every 1w \
  --count 2 --tz Europe/London --location "Room 4" >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "schedule in the past (allowed: records of a programme already run)"
expect_contains "$SCRATCH/err" "warning: Every meeting of this series is in the past (the first on Tue 7 Jan 2020, 10:00)" \
  "a series in the past is flagged"
first=$(date -u -d '-8 days' +%Y-%m-%dT10:00)
run meetings schedule --programme Demo --set "Set 21" --first "$first" --every 1w \
  --count 3 --tz UTC --location "Room 4" >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_contains "$SCRATCH/err" "warning: 2 of the 3 meetings are in the past" "part of a series in the past"
set -e

ny1=$(sql "SELECT m.id FROM meetings m JOIN sets s ON s.id = m.set_id WHERE s.name = 'Set 1' ORDER BY m.starts_at LIMIT 1")
ny2=$(sql "SELECT m.id FROM meetings m JOIN sets s ON s.id = m.set_id WHERE s.name = 'Set 1' ORDER BY m.starts_at LIMIT 1 OFFSET 1")
lon1=$(sql "SELECT m.id FROM meetings m JOIN sets s ON s.id = m.set_id WHERE s.name = 'Set 2' ORDER BY m.starts_at LIMIT 1")
lon2=$(sql "SELECT m.id FROM meetings m JOIN sets s ON s.id = m.set_id WHERE s.name = 'Set 2' ORDER BY m.starts_at LIMIT 1 OFFSET 1")
syd=$(sql "SELECT m.id FROM meetings m JOIN sets s ON s.id = m.set_id WHERE s.name = 'Set 3'")
[ "$(starts "$ny1")" = 2026-03-08T07:30:00Z ] && pass || fail "NY gap stored as 03:30 EDT: $(starts "$ny1")"
[ "$(starts "$ny2")" = 2026-03-15T06:30:00Z ] && pass || fail "NY next week 02:30 EDT"
[ "$(starts "$lon1")" = 2026-10-25T00:30:00Z ] && pass || fail "London fold stored as 01:30 BST: $(starts "$lon1")"
[ "$(starts "$syd")" = 2026-10-03T16:30:00Z ] && pass || fail "Sydney gap stored as 03:30 AEDT: $(starts "$syd")"
run meetings list --programme Demo --json >"$SCRATCH/list.json"
[ "$(jq -r ".[] | select(.id == $ny1) | .local_start" "$SCRATCH/list.json")" = 2026-03-08T03:30 ] && pass || fail "list shows the stored local time"

# move answers with the time it stored, the same as list shows.
set +e
run meetings move "$lon2" --to 2026-03-29T01:15 >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "move into London's gap"
set -e
expect_contains "$SCRATCH/out" "Moved meeting $lon2 to 2026-03-29T02:15 (Europe/London): Sun 29 Mar 2026, 02:15-05:15 BST." "move prints the stored time"
expect_contains "$SCRATCH/err" "2026-03-29T01:15 does not exist in Europe/London" "move warns"
[ "$(starts "$lon2")" = 2026-03-29T01:15:00Z ] && pass || fail "moved to 02:15 BST"
run meetings list --programme Demo --json >"$SCRATCH/list.json"
[ "$(jq -r ".[] | select(.id == $lon2) | .local_start" "$SCRATCH/list.json")" = 2026-03-29T02:15 ] && pass || fail "list agrees with move"

# A cancelled meeting is not moved: it stays cancelled, SEQUENCE and time unchanged.
run meetings cancel "$ny2" >/dev/null
seq_before=$(sql "SELECT sequence FROM meetings WHERE id = $ny2")
set +e
run meetings move "$ny2" --to 2026-04-01T10:00 >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 1 $? "moving a cancelled meeting is refused"
set -e
expect_contains "$SCRATCH/err" "Meeting $ny2 is cancelled, so it was not moved" "says why"
expect_not_contains "$SCRATCH/out" "Moved" "does not say Moved"
[ "$(sql "SELECT sequence || ' ' || status || ' ' || starts_at FROM meetings WHERE id = $ny2")" = "$seq_before cancelled 2026-03-15T06:30:00Z" ] &&
  pass || fail "cancelled meeting untouched"

# The calendar feed of a member of Set 1 and of Set 2 carries the stored instants.
person=$(sql "SELECT email FROM people WHERE id = (SELECT person_id FROM set_members WHERE set_id = (SELECT id FROM sets WHERE name = 'Set 1' AND plan_id = (SELECT plan_id FROM sets WHERE id = $(sql "SELECT set_id FROM meetings WHERE id = $ny1"))) LIMIT 1)")
run ics "$person" >"$SCRATCH/feed.ics"
PY=""
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import icalendar' 2>/dev/null; then PY=$py; break; fi
done
if [ -n "$PY" ]; then
  "$PY" - "$SCRATCH/feed.ics" <<'PY' && pass || fail "icalendar reads the stored instants from the feed"
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
got = {}
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART").astimezone(datetime.timezone.utc)
    got[start.strftime("%Y-%m-%dT%H:%M")] = (str(ev.get("STATUS", "")), int(ev.get("SEQUENCE", 0)))
want_start = "2026-03-08T07:30"  # 02:30 asked in New York: 03:30 EDT
assert want_start in got, got
assert got[want_start][0] != "CANCELLED", got
assert got["2026-03-15T06:30"][0] == "CANCELLED", got
PY
else
  echo "python icalendar not installed: checking the DTSTART lines only" >&2
  expect_contains "$SCRATCH/feed.ics" "DTSTART:20260308T073000Z" "feed has the stored start"
fi

# The web: the preview warns; the API preview and move answer the stored times and warnings.
start_server "$DB"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
expect_status 303 "$(login "$SCRATCH/admin" admin@demo.example)" "login admin"
set5=$(sql "SELECT id FROM sets WHERE name = 'Set 5' ORDER BY id LIMIT 1")
prog=$(sql "SELECT programme_id FROM set_plans WHERE id = (SELECT plan_id FROM sets WHERE id = $set5)")
expect_status 200 "$(post "$SCRATCH/admin" "/programmes/$prog/series" --data-urlencode "set=$set5" \
  --data-urlencode count=2 --data-urlencode first=2026-03-08T02:30 --data-urlencode every_weeks=1 \
  --data-urlencode duration=2h --data-urlencode tz=America/New_York --data-urlencode mode=in_person \
  --data-urlencode location=Hall --data-urlencode action=preview)" "web preview"
expect_contains "$SCRATCH/last.body" 'id="dst-warnings"' "preview has the warnings"
expect_contains "$SCRATCH/last.body" "2026-03-08T02:30 does not exist in America/New_York" "preview names time and zone"
expect_contains "$SCRATCH/last.body" "Sun 8 Mar 2026, 03:30-05:30 EDT" "preview shows the stored time"
tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "preview with warnings is valid HTML: $(cat "$SCRATCH/tidy.txt")"

TOKEN=$(api_token "$SCRATCH/admin")
api() { curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -X POST --data "$2" "$URL$1"; }
expect_status 200 "$(api "/api/v1/sets/$set5/series" '{"count": 1, "first": "2026-10-25T01:30", "every_weeks": 1, "duration": 60, "tz": "Europe/London", "location": "Hall", "preview": true}')" "API preview"
[ "$(jq -r '.meetings[0].starts_at, .meetings[0].local_time, .warnings[0].field' "$SCRATCH/last.body" | tr '\n' ' ')" = "2026-10-25T00:30:00Z repeated first " ] &&
  pass || fail "API preview: first occurrence, labelled: $(cat "$SCRATCH/last.body")"
expect_contains "$SCRATCH/last.body" "happens twice in Europe/London" "API preview warning"
expect_status 200 "$(api "/api/v1/meetings/$ny1/move" '{"to": "2026-11-01T01:30"}')" "API move into New York's fold"
[ "$(jq -r '.starts_at, .local, .local_time' "$SCRATCH/last.body" | tr '\n' ' ')" = "2026-11-01T05:30:00Z 2026-11-01T01:30 repeated " ] &&
  pass || fail "API move answers what it stored: $(cat "$SCRATCH/last.body")"
expect_contains "$SCRATCH/last.body" "the first one is used: 01:30 EDT (UTC-4), not 01:30 EST" "API move warning"
expect_status 409 "$(api "/api/v1/meetings/$ny2/move" '{"to": "2026-04-01T10:00"}')" "API refuses to move a cancelled meeting"
expect_contains "$SCRATCH/last.body" "is cancelled" "API says why"
expect_status 200 "$(post "$SCRATCH/admin" "/meetings/$syd/move" --data-urlencode to=2026-10-04T02:15)" "page move into Sydney's gap"
expect_contains "$SCRATCH/last.body" 'id="dst-warning"' "page move warns"
expect_contains "$SCRATCH/last.body" "2026-10-04T02:15 does not exist in Australia/Sydney" "page warning names time and zone"
tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "move page is valid HTML: $(cat "$SCRATCH/tidy.txt")"
[ "$(starts "$syd")" = 2026-10-03T16:15:00Z ] && pass || fail "page move stored 03:15 AEDT"
expect_status 409 "$(post "$SCRATCH/admin" "/meetings/$ny2/move" --data-urlencode to=2026-04-01T10:00)" "page refuses a cancelled meeting"
finish
