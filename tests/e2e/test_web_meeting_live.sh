#!/usr/bin/env bash
# The live meeting page's server-side rules over HTTP: the person logging a question chooses who
# asked (stored and shown; only a member at the meeting), the open/closed marks and attendance
# show their state, a check-in line marks its writer present, the quorum is stated, the agenda
# keeps time for the rounds that are not presentations, hand-over only to a member with an
# account and only after a confirmation (the page says who facilitates), the timer answering
# meeting.js in JSON, and GET /meetings/#/live for members only. Tidy on the page.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" meetings schedule --programme Demo --set "Set 1" --first 2030-03-05T10:00 \
  --every 4w --count 1 --location "Room 4" >/dev/null
sql() { sqlite3 "$db" "$1"; }
SELF=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
M=$(sql "SELECT id FROM meetings WHERE set_id = 1 LIMIT 1")
# A member of set 1 without an account, and one of another set.
MATE=$(sql "SELECT person_id FROM set_members WHERE set_id = 1 AND person_id != $SELF
            AND person_id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
            ORDER BY person_id LIMIT 1")
STRANGER=$(sql "SELECT person_id FROM set_members WHERE set_id = 5 LIMIT 1")
MEMBERS=$(sql "SELECT COUNT(*) FROM set_members WHERE set_id = 1")
MATE_NAME=$(sql "SELECT name FROM people WHERE id = $MATE")
SELF_NAME=$(sql "SELECT name FROM people WHERE id = $SELF")
[ -n "$SELF" ] && [ -n "$M" ] && [ -n "$MATE" ] && [ -n "$STRANGER" ] || fail "setup: $SELF $M $MATE $STRANGER"
sql "UPDATE programmes SET meeting_quorum = 3;
     INSERT INTO presentations(meeting_id, presenter_id, position) VALUES ($M, $SELF, 1);
     INSERT INTO presentations(meeting_id, presenter_id, position) VALUES ($M, $MATE, 2);"
P1=$(sql "SELECT id FROM presentations WHERE meeting_id = $M AND presenter_id = $SELF")
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
for who in participant facilitator admin; do
  case $who in participant) email=$PARTICIPANT ;; *) email=$who@demo.example ;; esac
  expect_status 303 "$(login "$SCRATCH/$who" "$email")" "login $who"
done
get() { status "$SCRATCH/$1" GET "$2"; }
csrf=$(page_csrf "$SCRATCH/participant")
fcsrf=$(page_csrf "$SCRATCH/facilitator")
post() { status "$SCRATCH/participant" POST "$1" --data-urlencode "csrf=$csrf" "${@:2}"; }
fpost() { status "$SCRATCH/facilitator" POST "$1" --data-urlencode "csrf=$fcsrf" "${@:2}"; }

# The quorum is stated, with the members and who is present.
get participant /meetings/$M >/dev/null
expect_contains "$SCRATCH/last.body" "Quorum is 3 of $MEMBERS members; 0 present, 0 sent apologies." \
  "quorum stated"
# The agenda keeps time for the rounds: a 3-hour meeting gives the presenters 147 minutes.
expect_contains "$SCRATCH/last.body" "Check-in <span class=\"meta\">14 min" "check-in round timed"
expect_contains "$SCRATCH/last.body" "Ground rules <span class=\"meta\">5 min" "ground rules timed"
expect_contains "$SCRATCH/last.body" "Review and hand-over <span class=\"meta\">14 min" "review timed"
expect_contains "$SCRATCH/last.body" "Presenters <span class=\"meta\">147 min" "presenters share the rest"
expect_contains "$SCRATCH/last.body" '<details class="stage" id="before" open>' "before the meeting: before open"
expect_contains "$SCRATCH/last.body" "Facilitating this meeting: <strong id=\"facilitator-now\">" \
  "the page says who facilitates"

# A check-in line marks its writer present; the facilitator's line for a member marks them.
expect_status 303 "$(post /meetings/$M/checkin --data-urlencode "line=Here and curious")" "check in"
[ "$(sql "SELECT status FROM meeting_attendance WHERE meeting_id = $M AND person_id = $SELF")" = present ] &&
  pass || fail "check-in line marks its writer present"
expect_status 303 "$(fpost /meetings/$M/checkin --data-urlencode "person=$MATE" \
  --data-urlencode "line=Busy week")" "facilitator records a check-in"
[ "$(sql "SELECT status FROM meeting_attendance WHERE meeting_id = $M AND person_id = $MATE")" = present ] &&
  pass || fail "the facilitator's line marks the member present"
get participant "/meetings/$M?stage=before" >/dev/null
expect_contains "$SCRATCH/last.body" "Quorum is 3 of $MEMBERS members; 2 present, 0 sent apologies." \
  "quorum counts those present"
expect_contains "$SCRATCH/last.body" 'value="present" aria-pressed="true"' "attendance shows its state"

# The person logging a question chooses who asked; only a member at the meeting can be chosen.
expect_status 303 "$(post /meetings/$M/questions --data-urlencode "presentation=$P1" \
  --data-urlencode "body=What have you tried?" --data-urlencode "asker=$MATE")" "question by a mate"
[ "$(sql "SELECT asker_id FROM meeting_questions WHERE body = 'What have you tried?'")" = "$MATE" ] &&
  pass || fail "chosen asker stored"
expect_status 303 "$(post /meetings/$M/questions --data-urlencode "presentation=$P1" \
  --data-urlencode "body=Own question")" "question with no asker chosen"
[ "$(sql "SELECT asker_id FROM meeting_questions WHERE body = 'Own question'")" = "$SELF" ] &&
  pass || fail "no asker chosen: the typist asked"
expect_status 422 "$(post /meetings/$M/questions --data-urlencode "presentation=$P1" \
  --data-urlencode "body=Stranger question" --data-urlencode "asker=$STRANGER")" "asker from another set refused"
[ "$(sql "SELECT COUNT(*) FROM meeting_questions WHERE body = 'Stranger question'")" = 0 ] &&
  pass || fail "nothing stored for a refused asker"
get participant "/meetings/$M?stage=during" >/dev/null
expect_contains "$SCRATCH/last.body" "$MATE_NAME: What have you tried?" "the asker shown"
expect_contains "$SCRATCH/last.body" "$SELF_NAME: Own question" "the typist shown as asker"
expect_contains "$SCRATCH/last.body" "<option value=\"$MATE\">$MATE_NAME</option>" "present members offered as askers"
expect_contains "$SCRATCH/last.body" "<option value=\"$SELF\" selected>$SELF_NAME (me)</option>" \
  "the typist chosen by default"
expect_contains "$SCRATCH/last.body" '<details class="stage" id="during" open>' "?stage opens a stage"

# Marks show their state; pressing the chosen mark again takes it off.
Q=$(sql "SELECT id FROM meeting_questions WHERE body = 'What have you tried?'")
expect_status 303 "$(post /meetings/$M/questions/$Q/mark --data-urlencode kind=open)" "mark open"
get participant "/meetings/$M?stage=during" >/dev/null
expect_contains "$SCRATCH/last.body" 'class="mark pressed" name="kind" value="unmarked" aria-pressed="true">open<' \
  "the open mark is pressed"
expect_contains "$SCRATCH/last.body" 'class="mark" name="kind" value="closed" aria-pressed="false">closed<' \
  "the closed mark is not"
expect_status 303 "$(post /meetings/$M/questions/$Q/mark --data-urlencode kind=unmarked)" "unmark"
[ "$(sql "SELECT IFNULL(kind, 'unmarked') FROM meeting_questions WHERE id = $Q")" = unmarked ] && pass ||
  fail "mark taken off"

# The timer answers meeting.js in JSON with the live state; the plain form still redirects.
expect_status 200 "$(post /meetings/$M/timer --data-urlencode action=start --data-urlencode reply=json)" \
  "start (json)"
[ "$(jq -r .timer.state "$SCRATCH/last.body")" = running ] && pass || fail "json: running"
[ "$(jq -r '.timer.presenters[0].budget_s' "$SCRATCH/last.body")" = 4410 ] && pass ||
  fail "each presenter's slot is half of 147 minutes"
expect_status 409 "$(post /meetings/$M/timer --data-urlencode action=start --data-urlencode reply=json)" \
  "start twice (json)"
jq -e .error "$SCRATCH/last.body" >/dev/null && pass || fail "json error"
expect_status 303 "$(post /meetings/$M/timer --data-urlencode action=next)" "next (form)"
expect_status 200 "$(get participant /meetings/$M/live)" "live state"
[ "$(jq -r '.timer.current.label' "$SCRATCH/last.body")" = "Clarifying questions" ] && pass || fail "live phase"
[ "$(jq -r '.stage' "$SCRATCH/last.body")" = during ] && pass || fail "live stage"
[ "$(jq -r '.quorum.text' "$SCRATCH/last.body")" = "Quorum is 3 of $MEMBERS members; 2 present, 0 sent apologies." ] &&
  pass || fail "live quorum"
expect_status 200 "$(get facilitator /meetings/$M/live)" "live state for the facilitator"
expect_status 404 "$(get admin /meetings/$M/live)" "no live state for admins"
expect_not_contains "$SCRATCH/last.body" "What have you tried" "admin learns nothing"

# Hand-over: only by the facilitator, only to a member with an account, after a confirmation.
FAC=$(sql "SELECT facilitator_id FROM sets WHERE id = 1")
expect_status 422 "$(fpost /meetings/$M/facilitator --data-urlencode "person=$MATE" \
  --data-urlencode confirm=1)" "no hand-over to a member without an account"
expect_contains "$SCRATCH/last.body" "no setwork account" "says why"
expect_status 200 "$(fpost /meetings/$M/facilitator --data-urlencode "person=$SELF")" "hand-over asks first"
expect_contains "$SCRATCH/last.body" "Hand over facilitation?" "the confirmation page"
expect_contains "$SCRATCH/last.body" 'name="confirm" value="1"' "the confirming form"
if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
  fail "tidy hand-over confirmation: $(cat "$SCRATCH/tidy.txt")"
fi
[ "$(sql "SELECT IFNULL(facilitator_id, 0) FROM meetings WHERE id = $M")" = 0 ] && pass ||
  fail "nothing changed before the confirmation"
get facilitator "/meetings/$M?stage=after" >/dev/null
sed -n '/id="handover-to"/,/<\/select>/p' "$SCRATCH/last.body" >"$SCRATCH/handover.html"
expect_not_contains "$SCRATCH/handover.html" "value=\"$MATE\"" "members without an account not offered"
expect_contains "$SCRATCH/handover.html" "<option value=\"$SELF\">$SELF_NAME</option>" "a member with an account offered"
expect_status 303 "$(fpost /meetings/$M/facilitator --data-urlencode "person=$SELF" \
  --data-urlencode confirm=1)" "hand-over confirmed"
[ "$(sql "SELECT facilitator_id FROM meetings WHERE id = $M")" = "$SELF" ] && pass || fail "hand-over stored"
expect_status 403 "$(fpost /meetings/$M/facilitator --data-urlencode "person=$FAC" \
  --data-urlencode confirm=1)" "the former facilitator cannot hand it on again"
get participant "/meetings/$M?stage=after" >/dev/null
expect_contains "$SCRATCH/last.body" "Facilitating this meeting now: <strong>$SELF_NAME</strong> (you)" \
  "the page says who facilitates now"
expect_contains "$SCRATCH/last.body" "No other member of the set has an account yet" \
  "the new facilitator is told why there is no one to hand on to"
[ "$(jq -r .facilitator.id <(curl -s -b "$SCRATCH/participant" "$URL/meetings/$M/live"))" = "$SELF" ] &&
  pass || fail "live state names the new facilitator"

# The page passes tidy for the member and the facilitator.
for who in participant facilitator admin; do
  get $who /meetings/$M >/dev/null
  if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
    fail "tidy meeting page as $who: $(cat "$SCRATCH/tidy.txt")"
  fi
done
finish
