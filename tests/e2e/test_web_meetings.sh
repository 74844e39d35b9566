#!/usr/bin/env bash
# Meeting pages over HTTP: the confidentiality matrix (member, member of another set,
# facilitator of the set and of no set there, admin) for every record kind the meeting page
# shows, the question log form, the .ics download and the secret calendar feed link.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" meetings schedule --programme Demo --first 2030-03-05T10:00 --every 4w \
  --count 3 --location "Room 4" >/dev/null
sql() { sqlite3 "$db" "$1"; }
SELF=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
M1=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1")
M5=$(sql "SELECT id FROM meetings WHERE set_id = 5 ORDER BY starts_at LIMIT 1")
[ -n "$SELF" ] && [ -n "$M1" ] && [ -n "$M5" ] || fail "setup: $SELF $M1 $M5"
# Records of set 1's first meeting and set 5's, written as the meeting page would.
sql "INSERT INTO set_ground_rules(set_id, position, body) VALUES (1, 1, 'RULE-ONE-SECRET');
     INSERT INTO set_ground_rules(set_id, position, body) VALUES (5, 1, 'RULE-FIVE-SECRET');
     INSERT INTO presentations(meeting_id, presenter_id, position) VALUES ($M1, $SELF, 1);"
P1=$(sql "SELECT id FROM presentations WHERE meeting_id = $M1")
sql "INSERT INTO meeting_questions(presentation_id, body) VALUES ($P1, 'QUESTION-SECRET')"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
for who in participant facilitator admin; do
  case $who in participant) email=$PARTICIPANT ;; *) email=$who@demo.example ;; esac
  expect_status 303 "$(login "$SCRATCH/$who" "$email")" "login $who"
done
get() { status "$SCRATCH/$1" GET "$2"; }

# The member and the set's facilitator see the content; the admin sees counts only.
for who in participant facilitator; do
  expect_status 200 "$(get $who /meetings/$M1)" "$who sees meeting"
  expect_contains "$SCRATCH/last.body" RULE-ONE-SECRET "$who sees ground rules"
  expect_contains "$SCRATCH/last.body" QUESTION-SECRET "$who sees question log"
  expect_contains "$SCRATCH/last.body" "Room 4" "$who sees location"
done
expect_status 200 "$(get admin /meetings/$M1)" "admin sees meeting"
expect_contains "$SCRATCH/last.body" "1 questions" "admin sees counts"
expect_not_contains "$SCRATCH/last.body" SECRET "admin never sees content"
expect_status 200 "$(get admin /meetings/$M5)" "admin sees any set's schedule"
expect_not_contains "$SCRATCH/last.body" RULE-FIVE-SECRET "admin not the rules of set 5"
# Another set's meeting: a member of set 1 and a facilitator of other sets get 404.
for who in participant facilitator; do
  f=$(sql "SELECT COUNT(*) FROM sets WHERE id = 5 AND facilitator_id = (SELECT person_id FROM users WHERE email = 'facilitator@demo.example')" 2>/dev/null || echo 0)
  [ "$who" = facilitator ] && [ "$f" != 0 ] && continue
  expect_status 404 "$(get $who /meetings/$M5)" "$who refused another set's meeting"
  expect_not_contains "$SCRATCH/last.body" SECRET "$who learns nothing"
  expect_status 404 "$(get $who /meetings/$M5/ics)" "$who refused another set's .ics"
done
expect_status 404 "$(get participant /meetings/999999)" "no such meeting"
expect_status 200 "$(get participant /sets/1)" "set page"
expect_contains "$SCRATCH/last.body" "/meetings/$M1\"" "set page lists its meetings"
expect_contains "$SCRATCH/last.body" "Tue 5 Mar 2030, 10:00-13:00 GMT" "set page shows the dates in local time"

# The question log: a member adds a question; nobody writes into another meeting.
csrf=$(page_csrf "$SCRATCH/participant")
expect_status 303 "$(status "$SCRATCH/participant" POST /meetings/$M1/questions \
  --data-urlencode "csrf=$csrf" --data-urlencode "presentation=$P1" \
  --data-urlencode "body=What would <b>success</b> look like?")" "add question"
get participant /meetings/$M1 >/dev/null
expect_contains "$SCRATCH/last.body" "What would &lt;b&gt;success&lt;/b&gt; look like?" "question shown escaped"
expect_contains "$SCRATCH/last.body" "$(sql "SELECT name FROM people WHERE id = $SELF"): What would" "the log shows who asked"
expect_status 404 "$(status "$SCRATCH/participant" POST /meetings/$M5/questions \
  --data-urlencode "csrf=$csrf" --data-urlencode "presentation=$P1" --data-urlencode "body=x")" \
  "no question through another set's meeting"
acsrf=$(page_csrf "$SCRATCH/admin")
expect_status 404 "$(status "$SCRATCH/admin" POST /meetings/$M1/questions \
  --data-urlencode "csrf=$acsrf" --data-urlencode "presentation=$P1" --data-urlencode "body=x")" \
  "admin cannot write content"
[ "$(sql "SELECT COUNT(*) FROM meeting_questions")" = 2 ] && pass || fail "two questions stored"

# One tap marks a question; apologies count toward the quorum warning; admins move and cancel.
Q1=$(sql "SELECT id FROM meeting_questions ORDER BY id LIMIT 1")
expect_status 303 "$(status "$SCRATCH/participant" POST /meetings/$M1/questions/$Q1/mark \
  --data-urlencode "csrf=$csrf" --data-urlencode "kind=closed")" "mark question closed"
[ "$(sql "SELECT kind FROM meeting_questions WHERE id = $Q1")" = closed ] && pass || fail "question closed"
expect_status 404 "$(status "$SCRATCH/participant" POST /meetings/$M5/questions/$Q1/mark \
  --data-urlencode "csrf=$csrf" --data-urlencode "kind=open")" "mark through another meeting"
expect_status 404 "$(status "$SCRATCH/admin" POST /meetings/$M1/questions/$Q1/mark \
  --data-urlencode "csrf=$acsrf" --data-urlencode "kind=open")" "admin cannot mark"
# The presenter takes the question log away as text: who asked, open or closed, the question.
expect_status 200 "$(get participant /meetings/$M1/presentations/$P1/questions.txt)" "questions as text"
ME=$(sql "SELECT name FROM people WHERE id = $SELF")
expect_contains "$SCRATCH/last.body" "Questions asked of $ME" "take-away names the presenter"
expect_contains "$SCRATCH/last.body" "1. [closed] a member: QUESTION-SECRET" "take-away: first question marked closed"
expect_contains "$SCRATCH/last.body" "2. [unmarked] $ME: What would <b>success</b> look like?" "take-away: who asked"
expect_status 200 "$(get facilitator /meetings/$M1/presentations/$P1/questions.txt)" "facilitator takes the questions"
expect_status 404 "$(get admin /meetings/$M1/presentations/$P1/questions.txt)" "admin never gets the questions"
expect_not_contains "$SCRATCH/last.body" SECRET "admin learns nothing from the take-away"
expect_status 404 "$(get participant /meetings/$M5/presentations/$P1/questions.txt)" "no take-away through another meeting"
expect_status 303 "$(status "$SCRATCH/participant" POST /meetings/$M1/attendance \
  --data-urlencode "csrf=$csrf" --data-urlencode "status=apologies")" "apologies"
get admin /meetings/$M1 >/dev/null
expect_contains "$SCRATCH/last.body" "apologies 1" "admin sees the apologies count"
expect_status 404 "$(status "$SCRATCH/participant" POST /meetings/$M5/attendance \
  --data-urlencode "csrf=$csrf" --data-urlencode "status=apologies")" "no apologies for another set"
M1B=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1 OFFSET 1")
expect_status 303 "$(status "$SCRATCH/admin" POST /meetings/$M1B/move \
  --data-urlencode "csrf=$acsrf" --data-urlencode "to=2030-04-10T14:00")" "admin moves"
expect_status 400 "$(status "$SCRATCH/admin" POST /meetings/$M1B/move \
  --data-urlencode "csrf=$acsrf" --data-urlencode "to=2030-13-10T14:00")" "bad date refused"
# A cancel asks first: the first POST shows what it does and changes nothing.
expect_status 200 "$(status "$SCRATCH/admin" POST /meetings/$M1B/cancel --data-urlencode "csrf=$acsrf")" "cancel asks"
expect_contains "$SCRATCH/last.body" "Cancel this meeting?" "the confirmation page"
expect_contains "$SCRATCH/last.body" "Wed 10 Apr 2030, 14:00-17:00 BST" "names the meeting's time"
expect_contains "$SCRATCH/last.body" 'name="confirm" value="1"' "the confirming form"
[ "$(sqlite3 "$db" "SELECT status FROM meetings WHERE id = $M1B")" != cancelled ] && pass || fail "not cancelled yet"
if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
  fail "tidy cancel confirmation: $(cat "$SCRATCH/tidy.txt")"
fi
expect_status 303 "$(status "$SCRATCH/admin" POST /meetings/$M1B/cancel --data-urlencode "csrf=$acsrf" \
  --data-urlencode confirm=1)" "admin cancels"
get participant /sets/1 >/dev/null
expect_contains "$SCRATCH/last.body" "Wed 10 Apr 2030, 14:00-17:00 BST" "moved date on set page, local time"
expect_contains "$SCRATCH/last.body" "cancelled" "cancelled on set page"

# Ground rules are editable by the set; the facilitator hands the role on for one meeting.
expect_status 303 "$(status "$SCRATCH/participant" POST /meetings/$M1/rules \
  --data-urlencode "csrf=$csrf" --data-urlencode "rule=RULE-TWO-SECRET")" "member adds a rule"
expect_status 404 "$(status "$SCRATCH/admin" POST /meetings/$M1/rules \
  --data-urlencode "csrf=$acsrf" --data-urlencode "rule=x")" "admin cannot add rules"
fcsrf=$(page_csrf "$SCRATCH/facilitator")
expect_status 403 "$(status "$SCRATCH/participant" POST /meetings/$M1/facilitator \
  --data-urlencode "csrf=$csrf" --data-urlencode "person=$SELF")" "member cannot take the role"
expect_status 422 "$(status "$SCRATCH/facilitator" POST /meetings/$M1/facilitator \
  --data-urlencode "csrf=$fcsrf" --data-urlencode "person=999999")" "only to a member"
expect_status 303 "$(status "$SCRATCH/facilitator" POST /meetings/$M1/facilitator \
  --data-urlencode "csrf=$fcsrf" --data-urlencode "person=$SELF" --data-urlencode confirm=1)" \
  "facilitator hands the role on"
[ "$(sql "SELECT facilitator_id FROM meetings WHERE id = $M1")" = "$SELF" ] && pass || fail "handover stored"
get participant /meetings/$M1 >/dev/null
expect_contains "$SCRATCH/last.body" RULE-TWO-SECRET "new rule shown"

# The journal: only its owner sees it.
expect_status 303 "$(status "$SCRATCH/participant" POST /journal --data-urlencode "csrf=$csrf" \
  --data-urlencode "body=JOURNAL-SECRET thoughts")" "journal entry"
expect_status 200 "$(get participant /journal)" "own journal"
expect_contains "$SCRATCH/last.body" "JOURNAL-SECRET" "owner reads the journal"
for who in facilitator admin; do
  get $who /journal >/dev/null
  expect_not_contains "$SCRATCH/last.body" "JOURNAL-SECRET" "$who does not"
  get $who /meetings/$M1 >/dev/null
  expect_not_contains "$SCRATCH/last.body" "JOURNAL-SECRET" "$who not on the meeting page"
done

# The JSON API keeps the same matrix.
declare -A TOK
for who in participant facilitator admin; do
  c=$(page_csrf "$SCRATCH/$who")
  curl -s -b "$SCRATCH/$who" --data-urlencode "csrf=$c" --data-urlencode "name=api" \
    "$URL/account/tokens" -o "$SCRATCH/tok.html"
  TOK[$who]=$(grep -o '<code class="secret">[^<]*' "$SCRATCH/tok.html" | sed 's/.*>//')
done
japi() { curl -s -o "$SCRATCH/api.json" -w '%{http_code}' -H "Authorization: Bearer ${TOK[$1]}" "${@:3}" "$URL$2"; }
for who in participant facilitator; do
  expect_status 200 "$(japi $who /api/v1/meetings/$M1)" "api $who meeting"
  expect_contains "$SCRATCH/api.json" QUESTION-SECRET "api $who sees questions"
done
expect_status 200 "$(japi admin /api/v1/meetings/$M1)" "api admin meeting"
expect_not_contains "$SCRATCH/api.json" SECRET "api admin no content"
[ "$(jq .counts.questions "$SCRATCH/api.json")" -ge 2 ] && pass || fail "api admin counts"
expect_status 404 "$(japi participant /api/v1/meetings/$M5)" "api other set's meeting"
expect_status 201 "$(japi participant /api/v1/meetings/$M1/questions -H 'Content-Type: application/json' \
  --data "{\"presentation\": $P1, \"body\": \"API question\"}")" "api add question"
expect_status 404 "$(japi admin /api/v1/meetings/$M1/questions -H 'Content-Type: application/json' \
  --data "{\"presentation\": $P1, \"body\": \"x\"}")" "api admin cannot add"
expect_status 200 "$(japi participant /api/v1/my/meetings)" "api my meetings"
[ "$(jq length "$SCRATCH/api.json")" = 3 ] && pass || fail "api three meetings"
expect_status 200 "$(japi admin /api/v1/meetings/$M1/cancel -X POST -H 'Content-Type: application/json' --data '{}')" "api cancel"
[ "$(sql "SELECT status FROM meetings WHERE id = $M1")" = cancelled ] && pass || fail "cancel stored"

get facilitator /meetings/$M1B >/dev/null
expect_contains "$SCRATCH/last.body" "Hand over" "facilitator offered the handover"

# Every meeting page passes tidy as each role sees it.
for who in participant facilitator admin; do
  for path in /meetings/$M1 /meetings/$M1B /my/meetings /sets/1 /account/calendar /journal; do
    get $who "$path" >/dev/null
    if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
      fail "tidy $path as $who: $(cat "$SCRATCH/tidy.txt")"
    fi
  done
done

# What is next, the single .ics and the feed.
expect_status 200 "$(get participant /my/meetings)" "my meetings"
expect_contains "$SCRATCH/last.body" "Next:" "next meeting shown"
expect_status 200 "$(get participant /meetings/$M1/ics)" ".ics download"
[ "$(grep -c '^BEGIN:VEVENT' "$SCRATCH/last.body")" = 1 ] && pass || fail "one event in .ics"
expect_status 200 "$(status "$SCRATCH/participant" POST /account/calendar --data-urlencode "csrf=$csrf")" "new feed link"
feed=$(grep -o '/calendar/[0-9a-f]*\.ics' "$SCRATCH/last.body" | head -1)
[ -n "$feed" ] && pass || fail "feed link shown"
expect_status 200 "$(curl -s -o "$SCRATCH/feed.ics" -w '%{http_code}' "$URL$feed")" "feed without login"
[ "$(grep -c '^BEGIN:VEVENT' "$SCRATCH/feed.ics")" = 3 ] && pass || fail "three events in feed"
expect_not_contains "$SCRATCH/feed.ics" SECRET "feed holds no content"
status "$SCRATCH/participant" POST /account/calendar --data-urlencode "csrf=$csrf" >/dev/null
expect_status 404 "$(curl -s -o /dev/null -w '%{http_code}' "$URL$feed")" "old link stops working"
expect_status 404 "$(curl -s -o /dev/null -w '%{http_code}' "$URL/calendar/$(printf 'a%.0s' $(seq 64)).ics")" "guessed token"
finish
