#!/usr/bin/env bash
# Scheduling a meeting series on the web in one step and over the API: the form, the preview
# computed by the engine, problems named by field, the confirming POST writing every set's
# series in one transaction, the refusal to re-schedule a set that has meetings (no record is
# lost), and the meetings shown in local time with the right abbreviation across both 2027
# daylight-saving changes in London.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
sql() { sqlite3 "$db" "$1"; }
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
for who in participant facilitator admin; do
  case $who in participant) email=$PARTICIPANT ;; *) email=$who@demo.example ;; esac
  expect_status 303 "$(login "$SCRATCH/$who" "$email")" "login $who"
done
get() { status "$SCRATCH/$1" GET "$2"; }
acsrf=$(page_csrf "$SCRATCH/admin")
post() { status "$SCRATCH/admin" POST /programmes/1/series --data-urlencode "csrf=$acsrf" "$@"; }
tidy_ok() {
  if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
    fail "tidy $1: $(cat "$SCRATCH/tidy.txt")"
  fi
}
meetings() { sql "SELECT COUNT(*) FROM meetings WHERE status <> 'cancelled'"; }

# The page is reachable from the programme page and (for admins) from each set's page.
get admin /programmes/1 >/dev/null
expect_contains "$SCRATCH/last.body" 'href="/programmes/1/series"' "programme page links the schedule page"
get admin /sets/1 >/dev/null
expect_contains "$SCRATCH/last.body" 'href="/programmes/1/series?set=1"' "set page links it for its set"
get participant /sets/1 >/dev/null
expect_not_contains "$SCRATCH/last.body" '/series' "participants get no link"
expect_status 200 "$(get admin '/programmes/1/series?set=1')" "schedule form"
expect_contains "$SCRATCH/last.body" '<option value="1" selected>' "the set from the link is chosen"
expect_contains "$SCRATCH/last.body" 'value="Europe/London"' "default zone"
expect_contains "$SCRATCH/last.body" 'name="csrf"' "form has a CSRF token"
tidy_ok "schedule form"
expect_status 403 "$(status "$SCRATCH/participant" POST /programmes/1/series \
  --data-urlencode "csrf=$(page_csrf "$SCRATCH/participant")" --data-urlencode set=1)" "participant refused"

# Preview: 8 meetings every 6 weeks from Tue 16 Feb 2027 cross both changes; nothing is saved.
fields=(--data-urlencode set=1 --data-urlencode count=8 --data-urlencode first=2027-02-16T14:00
  --data-urlencode every_weeks=6 --data-urlencode duration=3h --data-urlencode tz=Europe/London
  --data-urlencode mode=in_person --data-urlencode "location=Room <4>")
expect_status 200 "$(post "${fields[@]}" --data-urlencode action=preview)" "preview"
for when in "Tue 16 Feb 2027, 14:00-17:00 GMT" "Tue 30 Mar 2027, 14:00-17:00 BST" \
  "Tue 26 Oct 2027, 14:00-17:00 BST" "Tue 7 Dec 2027, 14:00-17:00 GMT"; do
  expect_contains "$SCRATCH/last.body" "$when" "preview shows $when"
done
expect_contains "$SCRATCH/last.body" "Room &lt;4&gt;" "location escaped"
expect_contains "$SCRATCH/last.body" ">Schedule 8 meetings<" "confirm button after the preview"
tidy_ok "preview"
[ "$(meetings)" = 0 ] && pass || fail "the preview saved nothing"
previewed=$(grep -o 'name="previewed" value="[0-9a-f]*"' "$SCRATCH/last.body" | sed 's/.*value="//; s/"$//')
[ -n "$previewed" ] && pass || fail "preview carries its fingerprint"

# Bad input: every problem is reported with its field, and nothing is written.
expect_status 422 "$(post --data-urlencode set=1 --data-urlencode count=0 \
  --data-urlencode first=2027-02-30T14:00 --data-urlencode every_weeks=27 \
  --data-urlencode duration=3x --data-urlencode tz=Europe/Londn --data-urlencode mode=online \
  --data-urlencode 'link=javascript:alert(1)' --data-urlencode action=preview)" "bad input refused"
for f in "Number of meetings</strong> (count)" "First meeting</strong> (first)" \
  "Every N weeks</strong> (every_weeks)" "Length</strong> (duration)" \
  "Time zone</strong> (tz)" "Meeting link</strong> (link)"; do
  expect_contains "$SCRATCH/last.body" "$f" "problem names $f"
done
expect_contains "$SCRATCH/last.body" "&#39;Europe/Londn&#39; is not a time zone" "zone named, escaped"
expect_contains "$SCRATCH/last.body" 'value="Europe/Londn"' "the form keeps what was typed"
expect_not_contains "$SCRATCH/last.body" 'value="confirm"' "no confirm for bad input"
tidy_ok "problems"
expect_status 422 "$(post --data-urlencode set=999 "${fields[@]:2}")" "unknown set refused"
expect_contains "$SCRATCH/last.body" "(set)" "set named"
expect_status 422 "$(post "${fields[@]:0:14}" --data-urlencode mode=in_person)" "in person needs a location"
expect_contains "$SCRATCH/last.body" "(location)" "location named"
[ "$(meetings)" = 0 ] && pass || fail "bad input saved nothing"

# Confirming values other than those previewed shows the preview again.
expect_status 200 "$(post "${fields[@]/count=8/count=7}" --data-urlencode "previewed=$previewed" \
  --data-urlencode action=confirm)" "changed values are previewed again"
expect_contains "$SCRATCH/last.body" "The fields changed since the preview" "says why"
[ "$(meetings)" = 0 ] && pass || fail "an unpreviewed confirm saved nothing"

# Confirm: eight meetings for set 1 at 14:00 London time, in UTC across both changes.
expect_status 303 "$(post "${fields[@]}" --data-urlencode "previewed=$previewed" \
  --data-urlencode action=confirm)" "confirm"
[ "$(meetings)" = 8 ] && pass || fail "8 meetings, got $(meetings)"
got=$(sql "SELECT group_concat(starts_at, ' ') FROM (SELECT starts_at FROM meetings WHERE set_id = 1 ORDER BY starts_at)")
want="2027-02-16T14:00:00Z 2027-03-30T13:00:00Z 2027-05-11T13:00:00Z 2027-06-22T13:00:00Z 2027-08-03T13:00:00Z 2027-09-14T13:00:00Z 2027-10-26T13:00:00Z 2027-12-07T14:00:00Z"
[ "$got" = "$want" ] && pass || fail "UTC starts: $got"
[ "$(sql "SELECT DISTINCT tzid || '|' || location || '|' || (strftime('%s', ends_at) - strftime('%s', starts_at)) FROM meetings")" = "Europe/London|Room <4>|10800" ] && pass || fail "zone, location, length"
expect_status 200 "$(get admin /programmes/1/series?scheduled=8)" "done notice"
expect_contains "$SCRATCH/last.body" "Scheduled 8 meetings" "notice"

# Everyone sees local time with the abbreviation: set page, meeting page, my meetings, API.
M1=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1")
M2=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1 OFFSET 1")
for page in /sets/1 /my/meetings /meetings/$M2; do
  get participant $page >/dev/null
  expect_contains "$SCRATCH/last.body" "Tue 30 Mar 2027, 14:00-17:00 BST" "local summer time on $page"
  expect_not_contains "$SCRATCH/last.body" "13:00 UTC" "no UTC on $page"
done
get participant /my/meetings >/dev/null
expect_contains "$SCRATCH/last.body" "Tue 16 Feb 2027, 14:00-17:00 GMT" "local winter time"

# Re-scheduling a set with meetings is refused, and its meetings and records stay.
SELF=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
sql "INSERT INTO meeting_attendance (meeting_id, person_id, status) VALUES ($M1, $SELF, 'apologies')"
expect_status 422 "$(post "${fields[@]}" --data-urlencode action=preview)" "re-scheduling refused"
expect_contains "$SCRATCH/last.body" "Set 1 already has 8 meetings" "says which set and why"
expect_status 422 "$(post "${fields[@]/set=1/set=all}" --data-urlencode action=confirm)" "every set refused while one has meetings"
[ "$(meetings)" = 8 ] && pass || fail "nothing added or lost"
# ... unless the admin asks to leave out the sets that already have meetings.
expect_status 200 "$(post "${fields[@]/set=1/set=all}" --data-urlencode skip_scheduled=1 --data-urlencode action=preview)" "every other set"
expect_contains "$SCRATCH/last.body" "Left out because they already have meetings: Set 1." "says which set is left out"
expect_contains "$SCRATCH/last.body" 'id="f-skip_scheduled" name="skip_scheduled" value="1" checked' "the box stays ticked"
tidy_ok "preview with sets left out"

# The API: preview, save, problems by field, the same refusal.
csrf=$acsrf
curl -s -b "$SCRATCH/admin" --data-urlencode "csrf=$csrf" --data-urlencode "name=series" \
  "$URL/account/tokens" -o "$SCRATCH/token.html"
TOKEN=$(grep -o '<code class="secret">[^<]*' "$SCRATCH/token.html" | sed 's/.*>//')
api() { curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -X POST --data "$2" "$URL$1"; }
body='{"count": 3, "first": "2027-10-20T18:30", "every_weeks": 1, "duration": 90, "tz": "Europe/Paris", "mode": "online", "link": "https://meet.example/set-2"'
expect_status 200 "$(api /api/v1/sets/2/series "$body, \"preview\": true}")" "API preview"
[ "$(jq -r '[.meetings[].when] | join(";")' "$SCRATCH/last.body")" = \
  "Wed 20 Oct 2027, 18:30-20:00 CEST;Wed 27 Oct 2027, 18:30-20:00 CEST;Wed 3 Nov 2027, 18:30-20:00 CET" ] \
  && pass || fail "API preview dates: $(cat "$SCRATCH/last.body")"
[ "$(jq -r '.meetings[2].starts_at' "$SCRATCH/last.body")" = 2027-11-03T17:30:00Z ] && pass || fail "API UTC"
[ "$(sql "SELECT COUNT(*) FROM meetings WHERE set_id = 2")" = 0 ] && pass || fail "API preview saved nothing"
expect_status 201 "$(api /api/v1/sets/2/series "$body}")" "API schedules set 2"
[ "$(sql "SELECT COUNT(*) || ' ' || MIN(link) FROM meetings WHERE set_id = 2")" = "3 https://meet.example/set-2" ] && pass || fail "set 2 meetings stored"
expect_status 422 "$(api /api/v1/sets/2/series "$body}")" "API refuses re-scheduling"
[ "$(jq -r '.problems[0].field' "$SCRATCH/last.body")" = set ] && pass || fail "API names the set field"
expect_status 422 "$(api /api/v1/programmes/1/series '{"set": "3", "count": 61, "first": "tomorrow", "every_weeks": 4, "duration": "3h", "tz": "Mars/Olympus", "location": "Hall"}')" "API bad input"
[ "$(jq -r '[.problems[].field] | sort | join(",")' "$SCRATCH/last.body")" = "count,first,tz" ] && pass || fail "API problem fields: $(cat "$SCRATCH/last.body")"
expect_status 400 "$(api /api/v1/programmes/1/series 'not json')" "API wants JSON"

# Every set at once, in one transaction, once the old meetings are cancelled (records kept).
sql "UPDATE meetings SET status = 'cancelled' WHERE set_id IN (1, 2)"
nsets=$(sql "SELECT COUNT(*) FROM sets")
expect_status 201 "$(api /api/v1/programmes/1/series '{"set": "all", "count": 2, "first": "2028-01-11T09:30", "every_weeks": 8, "duration": "2h30m", "location": "Main hall"}')" "API schedules every set"
[ "$(meetings)" = $((nsets * 2)) ] && pass || fail "two meetings for each of $nsets sets: $(meetings)"
[ "$(sql "SELECT DISTINCT tzid FROM meetings WHERE starts_at LIKE '2028-%'")" = Europe/Paris ] && pass || fail "no tz given: the programme's newest zone"
get admin /programmes/1/series >/dev/null
expect_contains "$SCRATCH/last.body" 'value="Europe/Paris"' "the form offers the programme's zone"
[ "$(sql "SELECT COUNT(*) FROM meeting_series")" = $((nsets + 2)) ] && pass || fail "one series per set"
[ "$(sql "SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = $M1")" = 1 ] && pass || fail "records of the old meetings kept"
[ "$(sql "SELECT COUNT(*) FROM meetings WHERE set_id = 1")" = 10 ] && pass || fail "old meetings kept (cancelled)"
expect_status 422 "$(api /api/v1/programmes/1/series '{"set": "all", "skip_scheduled": true, "count": 2, "first": "2028-06-01T10:00", "every_weeks": 4, "duration": "2h", "location": "Hall"}')" "nothing left to schedule"
[ "$(jq -r '.problems[0].message' "$SCRATCH/last.body")" = "Every set already has meetings: there is nothing to schedule." ] && pass || fail "says so: $(cat "$SCRATCH/last.body")"
# The CLI refuses the same way, and writes nothing.
set +e
"$SETWORK" --db "$db" meetings schedule --programme Demo --set "Set 3" --first 2028-06-01T10:00 \
  --every 4w --count 2 --location Hall >/dev/null 2>"$SCRATCH/cli.err"
expect_status 1 $? "CLI refuses a set with meetings"
set -e
expect_contains "$SCRATCH/cli.err" "already has 2 meetings" "CLI says why"
[ "$(meetings)" = $((nsets * 2)) ] && pass || fail "CLI wrote nothing"
finish
