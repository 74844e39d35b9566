#!/usr/bin/env bash
# The running-a-meeting timer over HTTP: presenters added from the set's members, Start /
# Pause / Next phase as plain form POSTs changing the phase and airtime shown, the state kept
# in meeting_timers, refusals for another set's member and for admins, and tidy on the page.
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
OTHER=$(sql "SELECT person_id FROM set_members WHERE set_id = $SET AND person_id != $SELF LIMIT 1")
MX=$(sql "SELECT id FROM meetings WHERE set_id != $SET LIMIT 1")
[ -n "$SELF" ] && [ -n "$M" ] && [ -n "$OTHER" ] && [ -n "$MX" ] || fail "setup: $SELF $M $OTHER $MX"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
for who in participant admin; do
  case $who in participant) email=$PARTICIPANT ;; *) email=$who@demo.example ;; esac
  expect_status 303 "$(login "$SCRATCH/$who" "$email")" "login $who"
done
get() { status "$SCRATCH/$1" GET "$2"; }
csrf=$(page_csrf "$SCRATCH/participant")
acsrf=$(page_csrf "$SCRATCH/admin")
post() { status "$SCRATCH/participant" POST "$1" --data-urlencode "csrf=$csrf" "${@:2}"; }

# No presenters yet: the page offers the add-presenter form, and Start is refused.
expect_status 200 "$(get participant /meetings/$M)" "meeting page"
expect_contains "$SCRATCH/last.body" "Add a presenter" "add-presenter form shown"
expect_status 422 "$(post /meetings/$M/timer --data-urlencode action=start)" "no start without presenters"
expect_status 303 "$(post /meetings/$M/presenters --data-urlencode "person=$SELF")" "add self"
expect_status 303 "$(post /meetings/$M/presenters --data-urlencode "person=$OTHER")" "add other"
expect_status 422 "$(post /meetings/$M/presenters --data-urlencode "person=$SELF")" "no presenter twice"
expect_status 422 "$(post /meetings/$M/presenters --data-urlencode "person=999999")" "only set members"
get participant /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" 'data-state="ready"' "timer ready"
expect_contains "$SCRATCH/last.body" ">Start<" "start button"
expect_contains "$SCRATCH/last.body" "Clarifying questions" "phases listed"

# Another set's member and an admin get 404 and change nothing.
expect_status 404 "$(post /meetings/$MX/timer --data-urlencode action=start)" "other set's timer"
expect_status 404 "$(post /meetings/$MX/presenters --data-urlencode "person=$SELF")" "other set's agenda"
expect_status 404 "$(status "$SCRATCH/admin" POST /meetings/$M/timer --data-urlencode "csrf=$acsrf" \
  --data-urlencode action=start)" "admin refused the timer"
get admin /meetings/$M >/dev/null
expect_not_contains "$SCRATCH/last.body" 'class="timer"' "admin sees no timer"
[ "$(sql "SELECT COUNT(*) FROM meeting_timers")" = 0 ] && pass || fail "no timer stored yet"

# Start, let time pass, next: the phase moves on and the airtime grows.
expect_status 303 "$(post /meetings/$M/timer --data-urlencode action=start)" "start"
expect_status 409 "$(post /meetings/$M/timer --data-urlencode action=start)" "start twice refused"
expect_status 409 "$(post /meetings/$M/presenters --data-urlencode "person=$SELF")" "agenda fixed once started"
get participant /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" 'data-state="running"' "running"
expect_contains "$SCRATCH/last.body" 'class="phase">Presenting<' "first phase"
sleep 2
expect_status 303 "$(post /meetings/$M/timer --data-urlencode action=next)" "next"
get participant /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" 'class="phase">Clarifying questions<' "second phase"
air=$(sql "SELECT airtime_s FROM presentations WHERE meeting_id = $M AND presenter_id = $SELF")
[ "$air" -ge 2 ] && pass || fail "airtime stored: $air"
grep -q 'class="airtime">0:0[2-9]<' "$SCRATCH/last.body" && pass || fail "airtime shown"
expect_status 303 "$(post /meetings/$M/timer --data-urlencode action=pause)" "pause"
get participant /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" 'data-state="paused"' "paused"
expect_contains "$SCRATCH/last.body" ">Resume<" "resume offered"
expect_status 409 "$(post /meetings/$M/timer --data-urlencode action=pause)" "pause twice refused"
expect_status 400 "$(post /meetings/$M/timer --data-urlencode action=explode)" "unknown action"
# Next phase while paused walks through the phases to the next presenter.
for _ in 1 2 3 4; do post /meetings/$M/timer --data-urlencode action=next >/dev/null; done
get participant /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" 'class="phase">Presenting<' "next presenter's first phase"

# Resumed and running far past its budget, the phase shows the overrun warning: the stored
# segment start is moved back an hour, as if the presenter had talked on.
expect_status 303 "$(post /meetings/$M/timer --data-urlencode action=start)" "resume"
state=$(sql "SELECT state FROM meeting_timers WHERE meeting_id = $M" | awk '{$5 = $5 - 3600; print}')
sql "UPDATE meeting_timers SET state = '$state' WHERE meeting_id = $M"
get participant /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" "Overrun" "overrun warning"
expect_contains "$SCRATCH/last.body" 'data-left="-' "negative time left"

# The page passes tidy for the member (and the admin's view stays valid too).
for who in participant admin; do
  get $who /meetings/$M >/dev/null
  if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
    fail "tidy timer page as $who: $(cat "$SCRATCH/tidy.txt")"
  fi
done
finish
