#!/usr/bin/env bash
# The running meeting over the JSON API: the phase timer round trip (state, current presenter
# and phase, elapsed, airtime per person, overrun) on the same state machine as the web form,
# attendance and apologies, and the admin's move in the meeting's local time; with the same
# authorisation as the pages (another set's member and admins get 404, participants cannot move).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" meetings schedule --programme Demo --first 2030-03-05T10:00 --every 4w \
  --count 1 --location "Room 4" >/dev/null
sql() { sqlite3 "$db" "$1"; }
SELF=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
SET=$(sql "SELECT set_id FROM set_members WHERE person_id = $SELF LIMIT 1")
M=$(sql "SELECT id FROM meetings WHERE set_id = $SET LIMIT 1")
OTHER=$(sql "SELECT person_id FROM set_members WHERE set_id = $SET AND person_id != $SELF ORDER BY person_id LIMIT 1")
FACIL=$(sql "SELECT person_id FROM users WHERE email = 'facilitator@demo.example'")
MX=$(sql "SELECT m.id FROM meetings m JOIN sets s ON s.id = m.set_id WHERE m.set_id != $SET AND IFNULL(s.facilitator_id, 0) != $FACIL LIMIT 1")
[ -n "$SELF" ] && [ -n "$M" ] && [ -n "$OTHER" ] && [ -n "$MX" ] || fail "setup: $SELF $M $OTHER $MX"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
declare -A TOKEN
for who in participant facilitator admin; do
  case $who in participant) email=$PARTICIPANT ;; *) email=$who@demo.example ;; esac
  expect_status 303 "$(login "$SCRATCH/$who" "$email")" "login $who"
  curl -s -b "$SCRATCH/$who" --data-urlencode "csrf=$(page_csrf "$SCRATCH/$who")" \
    --data-urlencode "name=timer" "$URL/account/tokens" -o "$SCRATCH/token.html"
  TOKEN[$who]=$(grep -o '<code class="secret">[^<]*' "$SCRATCH/token.html" | sed 's/.*>//')
done
# api WHO METHOD PATH [JSON]: prints the status; the body is in $SCRATCH/last.body.
api() {
  local args=(-H "Authorization: Bearer ${TOKEN[$1]}")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data "$4")
  curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -X "$2" "${args[@]}" "$URL$3"
}
field() { jq -r "$1" "$SCRATCH/last.body"; }
timer() { api participant POST /api/v1/meetings/$M/timer "{\"action\": \"$1\"}"; }

# Before presenters there is nothing to run.
expect_status 200 "$(api participant GET /api/v1/meetings/$M/timer)" "timer before presenters"
[ "$(field .state)" = no_presenters ] && pass || fail "state no_presenters: $(cat "$SCRATCH/last.body")"
expect_status 422 "$(timer start)" "no start without presenters"
# Presenters: one through the page's form, one through the API; both end in the same agenda.
csrf=$(page_csrf "$SCRATCH/participant")
expect_status 303 "$(status "$SCRATCH/participant" POST /meetings/$M/presenters \
  --data-urlencode "csrf=$csrf" --data-urlencode "person=$SELF")" "add self on the page"
expect_status 422 "$(api participant POST /api/v1/meetings/$M/presenters "{\"person\": $SELF}")" "no presenter twice"
expect_status 422 "$(api participant POST /api/v1/meetings/$M/presenters '{"person": 999999}')" "only set members"
expect_status 404 "$(api participant POST /api/v1/meetings/$MX/presenters "{\"person\": $SELF}")" "not another set's agenda"
expect_status 404 "$(api admin POST /api/v1/meetings/$M/presenters "{\"person\": $OTHER}")" "admins cannot add"
expect_status 201 "$(api participant POST /api/v1/meetings/$M/presenters "{\"person\": $OTHER}")" "add other through the API"
[ "$(sql "SELECT group_concat(presenter_id) FROM (SELECT presenter_id FROM presentations WHERE meeting_id = $M ORDER BY position)")" = "$SELF,$OTHER" ] && pass || fail "agenda of two"

# The round trip: ready, start, a second start refused, next phase, pause.
expect_status 200 "$(api participant GET /api/v1/meetings/$M/timer)" "timer ready"
[ "$(field '.state + " " + (.presenters | length | tostring) + " " + .current.phase')" = "ready 2 present" ] && pass || fail "ready with two presenters: $(cat "$SCRATCH/last.body")"
[ "$(field '.presenters[0].phases | length')" = 5 ] && pass || fail "five phases"
expect_status 200 "$(timer start)" "start"
[ "$(field '.state + " " + (.current.presenter_id | tostring)')" = "running $SELF" ] && pass || fail "running, first presenter: $(cat "$SCRATCH/last.body")"
expect_status 409 "$(timer start)" "start twice refused"
expect_status 409 "$(api participant POST /api/v1/meetings/$M/presenters "{\"person\": $FACIL}")" "presenters fixed once started"
expect_status 200 "$(timer next)" "next phase"
[ "$(field .current.phase)" = clarifying ] && pass || fail "clarifying questions next"
expect_status 200 "$(timer pause)" "pause"
[ "$(field .state)" = paused ] && pass || fail "paused"
expect_status 409 "$(timer pause)" "pause twice refused"
expect_status 400 "$(timer explode)" "unknown action"
expect_status 400 "$(api participant POST /api/v1/meetings/$M/timer 'nonsense')" "not JSON"
# The web page shows the state the API left.
status "$SCRATCH/participant" GET /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" 'data-state="paused"' "page and API share the timer"
expect_contains "$SCRATCH/last.body" 'class="phase">Clarifying questions<' "same phase on the page"

# Running far past the budget: elapsed, airtime and the overrun show in GET.
expect_status 200 "$(timer start)" "resume"
state=$(sql "SELECT state FROM meeting_timers WHERE meeting_id = $M" | awk '{$5 = $5 - 3600; print}')
sql "UPDATE meeting_timers SET state = '$state' WHERE meeting_id = $M"
expect_status 200 "$(api facilitator GET /api/v1/meetings/$M/timer)" "the set's facilitator reads the timer"
[ "$(field '.overrun')" = true ] && [ "$(field .alert)" = overrun ] && pass || fail "overrun: $(cat "$SCRATCH/last.body")"
[ "$(field '.current.elapsed_s >= 3600 and .current.left_s < 0')" = true ] && pass || fail "elapsed and negative left"
[ "$(field '.presenters[0].airtime_s >= 3600 and .presenters[1].airtime_s == 0')" = true ] && pass || fail "airtime per person"

# Authorisation: another set's member and an admin get 404 and change nothing.
before=$(sql "SELECT state FROM meeting_timers WHERE meeting_id = $M")
expect_status 404 "$(api participant GET /api/v1/meetings/$MX/timer)" "other set's timer hidden"
expect_status 404 "$(api participant POST /api/v1/meetings/$MX/timer '{"action": "start"}')" "other set's timer refused"
expect_status 404 "$(api admin GET /api/v1/meetings/$M/timer)" "admins see no timer"
expect_status 404 "$(api admin POST /api/v1/meetings/$M/timer '{"action": "pause"}')" "admins cannot run it"
[ "$(sql "SELECT state FROM meeting_timers WHERE meeting_id = $M")" = "$before" ] && pass || fail "timer unchanged"
[ "$(sql "SELECT COUNT(*) FROM meeting_timers")" = 1 ] && pass || fail "no other timer"

# Attendance: the viewer's own answer, for their set's meetings only.
expect_status 200 "$(api participant POST /api/v1/meetings/$M/attendance '{"status": "apologies"}')" "apologies"
[ "$(sql "SELECT status FROM meeting_attendance WHERE meeting_id = $M AND person_id = $SELF")" = apologies ] && pass || fail "apologies stored"
expect_status 200 "$(api participant POST /api/v1/meetings/$M/attendance '{"status": "present"}')" "will come after all"
[ "$(sql "SELECT status FROM meeting_attendance WHERE meeting_id = $M AND person_id = $SELF")" = present ] && pass || fail "answer replaced"
expect_status 400 "$(api participant POST /api/v1/meetings/$M/attendance '{"status": "maybe"}')" "bad status"
expect_status 404 "$(api participant POST /api/v1/meetings/$MX/attendance '{"status": "apologies"}')" "not for another set"
expect_status 404 "$(api admin POST /api/v1/meetings/$M/attendance '{"status": "apologies"}')" "admins do not attend"

# Move (admins), in the meeting's own zone: 10:00 on 1 April 2030 is BST, 09:00 UTC.
seq=$(sql "SELECT sequence FROM meetings WHERE id = $M")
expect_status 403 "$(api participant POST /api/v1/meetings/$M/move '{"to": "2030-04-01T10:00"}')" "participants cannot move"
expect_status 400 "$(api admin POST /api/v1/meetings/$M/move '{"to": "2030-02-30T10:00"}')" "impossible date"
expect_status 404 "$(api admin POST /api/v1/meetings/999999/move '{"to": "2030-04-01T10:00"}')" "no such meeting"
expect_status 200 "$(api admin POST /api/v1/meetings/$M/move '{"to": "2030-04-01T10:00"}')" "admin moves"
[ "$(field .when)" = "Mon 1 Apr 2030, 10:00-13:00 BST" ] && pass || fail "moved: $(cat "$SCRATCH/last.body")"
[ "$(sql "SELECT starts_at || ' ' || ends_at || ' ' || (sequence - $seq) FROM meetings WHERE id = $M")" = "2030-04-01T09:00:00Z 2030-04-01T12:00:00Z 1" ] && pass || fail "stored in UTC with a new sequence"
expect_status 200 "$(api participant GET /api/v1/meetings/$M)" "meeting JSON"
[ "$(field '.tz + " | " + .when')" = "Europe/London | Mon 1 Apr 2030, 10:00-13:00 BST" ] && pass || fail "meeting JSON has local time: $(cat "$SCRATCH/last.body")"
finish
