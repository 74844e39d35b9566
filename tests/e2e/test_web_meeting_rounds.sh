#!/usr/bin/env bash
# The rounds of a meeting over HTTP: check-in, actions, the report back with actions carried
# forward across two meetings, and session reviews; for each record the confidentiality matrix
# (a member, another member of the set, the set's facilitator, a member of another set, an
# admin) on the pages and in the JSON API; every page passes tidy.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" meetings schedule --programme Demo --first 2030-03-05T10:00 --every 4w \
  --count 3 --location "Room 4" >/dev/null
sql() { sqlite3 "$db" "$1"; }
SELF=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
MATE=$(sql "SELECT person_id FROM set_members WHERE set_id = 1 AND person_id <> $SELF LIMIT 1")
STRANGER=$(sql "SELECT person_id FROM set_members WHERE set_id = 5 LIMIT 1")
M1=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1")
M2=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1 OFFSET 1")
M3=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1 OFFSET 2")
M5=$(sql "SELECT id FROM meetings WHERE set_id = 5 ORDER BY starts_at LIMIT 1")
[ -n "$SELF" ] && [ -n "$MATE" ] && [ -n "$STRANGER" ] && [ -n "$M3" ] && [ -n "$M5" ] ||
  fail "setup: $SELF $MATE $STRANGER $M3 $M5"
[ "$(sql "SELECT COUNT(*) FROM sets WHERE id = 5 AND facilitator_id IS NOT NULL AND facilitator_id
  = (SELECT person_id FROM users WHERE email = 'facilitator@demo.example')")" = 0 ] ||
  fail "set 5 must not be the demo facilitator's"
MATE_EMAIL=$(sql "SELECT email FROM people WHERE id = $MATE")
STRANGER_EMAIL=$(sql "SELECT email FROM people WHERE id = $STRANGER")
for email in "$MATE_EMAIL" "$STRANGER_EMAIL"; do
  "$SETWORK" --db "$db" users add "$email" --role participant --password setwork-demo >/dev/null
done
sql "INSERT INTO presentations(meeting_id, presenter_id, position) VALUES ($M1, $SELF, 1);
     INSERT INTO presentations(meeting_id, presenter_id, position) VALUES ($M5, $STRANGER, 1);"
P1=$(sql "SELECT id FROM presentations WHERE meeting_id = $M1")
P5=$(sql "SELECT id FROM presentations WHERE meeting_id = $M5")
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
WHO=(participant mate facilitator stranger admin)
declare -A EMAIL=([participant]=$PARTICIPANT [mate]=$MATE_EMAIL [stranger]=$STRANGER_EMAIL
                  [facilitator]=facilitator@demo.example [admin]=admin@demo.example)
declare -A TOK
for who in "${WHO[@]}"; do
  expect_status 303 "$(login "$SCRATCH/$who" "${EMAIL[$who]}")" "login $who"
  TOK[$who]=$(api_token "$SCRATCH/$who")
  [ -n "${TOK[$who]}" ] || fail "API token for $who"
done
get() { status "$SCRATCH/$1" GET "$2"; }
japi() { curl -s -o "$SCRATCH/api.json" -w '%{http_code}' -H "Authorization: Bearer ${TOK[$1]}" "${@:3}" "$URL$2"; }
jpost() { japi "$1" "$2" -H 'Content-Type: application/json' --data "$3"; }

# --- Check-in: each member their own line; the facilitator marks who is here. ---------------
expect_status 303 "$(post "$SCRATCH/participant" /meetings/$M1/checkin \
  --data-urlencode "line=CHECKIN-SECRET <b>tired</b>")" "member checks in"
expect_status 303 "$(post "$SCRATCH/participant" /meetings/$M1/checkin \
  --data-urlencode "status=present")" "member marks themselves present"
expect_status 403 "$(post "$SCRATCH/participant" /meetings/$M1/checkin \
  --data-urlencode "person=$MATE" --data-urlencode "status=absent")" "member cannot mark a mate"
expect_status 400 "$(post "$SCRATCH/participant" /meetings/$M1/checkin \
  --data-urlencode "status=absent")" "absence is the facilitator's to mark"
expect_status 422 "$(post "$SCRATCH/participant" /meetings/$M1/checkin \
  --data-urlencode "line=two"$'\n'"lines")" "a check-in is one line"
expect_status 303 "$(post "$SCRATCH/facilitator" /meetings/$M1/checkin \
  --data-urlencode "person=$MATE" --data-urlencode "status=apologies")" "facilitator marks a member"
expect_status 422 "$(post "$SCRATCH/facilitator" /meetings/$M1/checkin \
  --data-urlencode "person=$STRANGER" --data-urlencode "status=present")" "only members of the set"
for who in stranger admin; do
  expect_status 404 "$(post "$SCRATCH/$who" /meetings/$M1/checkin \
    --data-urlencode "line=x")" "$who cannot check in to set 1"
done
[ "$(sql "SELECT status FROM meeting_attendance WHERE meeting_id = $M1 AND person_id = $MATE")" = apologies ] &&
  pass || fail "facilitator's mark stored"
[ "$(sql "SELECT COUNT(*) FROM meeting_checkins")" = 1 ] && pass || fail "one check-in stored"

# --- Actions: the presenter's own, recorded by the presenter or the facilitator. -----------
expect_status 303 "$(post "$SCRATCH/participant" /meetings/$M1/actions --data-urlencode "presentation=$P1" \
  --data-urlencode "body=ACTION-SECRET call & write" --data-urlencode "due_on=2030-03-20")" "presenter adds an action"
expect_status 303 "$(post "$SCRATCH/facilitator" /meetings/$M1/actions --data-urlencode "presentation=$P1" \
  --data-urlencode "body=ACTION-TWO-SECRET")" "facilitator records one"
expect_status 403 "$(post "$SCRATCH/mate" /meetings/$M1/actions --data-urlencode "presentation=$P1" \
  --data-urlencode "body=not mine")" "a mate cannot commit the presenter"
expect_status 400 "$(post "$SCRATCH/participant" /meetings/$M1/actions --data-urlencode "presentation=$P1" \
  --data-urlencode "body=x" --data-urlencode "due_on=2030-02-30")" "due date checked"
expect_status 404 "$(post "$SCRATCH/participant" /meetings/$M1/actions --data-urlencode "presentation=$P5" \
  --data-urlencode "body=x")" "no action through another set's presentation"
for who in stranger admin; do
  expect_status 404 "$(post "$SCRATCH/$who" /meetings/$M1/actions --data-urlencode "presentation=$P1" \
    --data-urlencode "body=x")" "$who cannot add actions"
done
A1=$(sql "SELECT id FROM meeting_actions WHERE body LIKE 'ACTION-SECRET%'")
A2=$(sql "SELECT id FROM meeting_actions WHERE body = 'ACTION-TWO-SECRET'")
[ -n "$A1" ] && [ -n "$A2" ] && [ "$(sql "SELECT COUNT(*) FROM meeting_actions")" = 2 ] && pass ||
  fail "two actions stored"

# --- Session review: one per member per meeting, saved again it is replaced. ---------------
expect_status 303 "$(post "$SCRATCH/participant" /meetings/$M1/review \
  --data-urlencode "helped=first draft" --data-urlencode "learned_questioning=x")" "member reviews"
expect_status 303 "$(post "$SCRATCH/participant" /meetings/$M1/review \
  --data-urlencode "helped=REVIEW-SECRET silence" --data-urlencode "learned_questioning=QUESTIONING-SECRET")" "review replaced"
expect_status 303 "$(post "$SCRATCH/mate" /meetings/$M1/review --data-urlencode "helped=MATE-REVIEW-SECRET")" "mate reviews"
expect_status 400 "$(post "$SCRATCH/mate" /meetings/$M1/review)" "an empty review"
for who in stranger admin; do
  expect_status 404 "$(post "$SCRATCH/$who" /meetings/$M1/review --data-urlencode "helped=x")" "$who cannot review"
done
[ "$(sql "SELECT COUNT(*) FROM member_reviews WHERE meeting_id = $M1")" = 2 ] && pass || fail "two reviews"

# --- Who sees what: the set and its facilitator see the content, the admin counts. ---------
SECRETS=(CHECKIN-SECRET ACTION-SECRET ACTION-TWO-SECRET REVIEW-SECRET QUESTIONING-SECRET MATE-REVIEW-SECRET)
for who in participant mate facilitator; do
  expect_status 200 "$(get $who /meetings/$M1)" "$who sees meeting 1"
  for s in "${SECRETS[@]}"; do expect_contains "$SCRATCH/last.body" "$s" "$who sees $s"; done
  expect_contains "$SCRATCH/last.body" "CHECKIN-SECRET &lt;b&gt;tired&lt;/b&gt;" "$who: check-in escaped"
  expect_contains "$SCRATCH/last.body" "call &amp; write" "$who: action escaped"
  expect_status 200 "$(japi $who /api/v1/meetings/$M1/records)" "api $who records"
  for s in "${SECRETS[@]}"; do expect_contains "$SCRATCH/api.json" "$s" "api $who sees $s"; done
done
expect_status 200 "$(get admin /meetings/$M1)" "admin sees meeting 1"
expect_contains "$SCRATCH/last.body" "1 check-ins, 2 reviews" "admin sees the rounds counted"
expect_status 200 "$(japi admin /api/v1/meetings/$M1/records)" "api admin records"
[ "$(jq -r ".checkin[] | select(.person_id == $MATE) | .status" "$SCRATCH/api.json")" = apologies ] &&
  pass || fail "api admin sees attendance"
[ "$(jq -c '[.counts.checkins, .counts.reviews, has("actions"), has("reviews")]' "$SCRATCH/api.json")" = '[1,2,false,false]' ] &&
  pass || fail "api admin: counts, no records: $(cat "$SCRATCH/api.json")"
for file in "$SCRATCH/last.body" "$SCRATCH/api.json"; do
  expect_not_contains "$file" SECRET "admin never sees the content"
done
expect_status 404 "$(get stranger /meetings/$M1)" "another set's member: page"
expect_not_contains "$SCRATCH/last.body" SECRET "another set's member learns nothing"
expect_status 404 "$(japi stranger /api/v1/meetings/$M1/records)" "another set's member: api"
expect_not_contains "$SCRATCH/api.json" SECRET "another set's member learns nothing (api)"
expect_status 200 "$(get stranger /meetings/$M5)" "the stranger's own meeting"
expect_not_contains "$SCRATCH/last.body" SECRET "set 5's meeting holds nothing of set 1"

# The set's reviews across its meetings: for the set and its facilitator only.
for who in participant mate facilitator; do
  expect_status 200 "$(get $who /sets/1/reviews)" "$who: the set's reviews"
  expect_contains "$SCRATCH/last.body" "REVIEW-SECRET silence" "$who reads the set's reviews"
  expect_contains "$SCRATCH/last.body" "MATE-REVIEW-SECRET" "$who reads every member's"
  expect_contains "$SCRATCH/last.body" "Meeting of Tue 5 Mar 2030, 10:00 GMT" "$who: by meeting"
  expect_status 200 "$(japi $who /api/v1/sets/1/reviews)" "api $who: the set's reviews"
  [ "$(jq length "$SCRATCH/api.json")" = 2 ] && pass || fail "api $who: two reviews"
done
for who in stranger admin; do
  expect_status 404 "$(get $who /sets/1/reviews)" "$who: no set reviews"
  expect_not_contains "$SCRATCH/last.body" SECRET "$who learns nothing from the set reviews"
  expect_status 404 "$(japi $who /api/v1/sets/1/reviews)" "api $who: no set reviews"
done

# "My setwork" and /api/v1/my/actions: the owner's open actions, nobody else's.
expect_status 200 "$(get participant /)" "participant's home"
expect_contains "$SCRATCH/last.body" "ACTION-SECRET call &amp; write" "home lists my actions"
expect_contains "$SCRATCH/last.body" "due 2030-03-20" "with the due date"
for who in mate stranger facilitator; do
  get $who / >/dev/null
  expect_not_contains "$SCRATCH/last.body" ACTION-SECRET "$who's home lists no one else's actions"
done
expect_status 200 "$(japi participant /api/v1/my/actions)" "api my actions"
[ "$(jq -r '[.[].id] | sort | map(tostring) | join(",")' "$SCRATCH/api.json")" = "$A1,$A2" ] &&
  pass || fail "api my actions: $(cat "$SCRATCH/api.json")"
japi mate /api/v1/my/actions >/dev/null
[ "$(jq length "$SCRATCH/api.json")" = 0 ] && pass || fail "the mate has no actions"

# --- Report back at the next meeting; carried forward; no longer open. ---------------------
expect_status 200 "$(get participant /meetings/$M2)" "meeting 2"
expect_contains "$SCRATCH/last.body" "/meetings/$M2/actions/$A1/report" "meeting 2 offers the report back"
expect_contains "$SCRATCH/last.body" "agreed at the meeting of Tue 5 Mar 2030, 10:00 GMT, due 2030-03-20" \
  "when it was agreed, in the series' zone"
get participant /meetings/$M1 >/dev/null
expect_not_contains "$SCRATCH/last.body" "/actions/$A1/report" "not at the meeting it was made"
expect_status 404 "$(post "$SCRATCH/participant" /meetings/$M1/actions/$A1/report \
  --data-urlencode "outcome=done")" "reported only at a later meeting"
for who in stranger admin; do
  expect_status 404 "$(post "$SCRATCH/$who" /meetings/$M2/actions/$A1/report \
    --data-urlencode "outcome=done")" "$who cannot report back"
done
expect_status 404 "$(post "$SCRATCH/stranger" /meetings/$M5/actions/$A1/report \
  --data-urlencode "outcome=done")" "nor through their own meeting"
expect_status 403 "$(post "$SCRATCH/mate" /meetings/$M2/actions/$A1/report \
  --data-urlencode "outcome=done")" "a mate cannot report someone's action"
expect_status 400 "$(post "$SCRATCH/participant" /meetings/$M2/actions/$A1/report \
  --data-urlencode "outcome=maybe")" "outcome checked"
expect_status 422 "$(post "$SCRATCH/participant" /meetings/$M2/actions/$A1/report \
  --data-urlencode "outcome=done" --data-urlencode "carry=1")" "a done action is not carried"
expect_status 303 "$(post "$SCRATCH/participant" /meetings/$M2/actions/$A1/report \
  --data-urlencode "outcome=partly" --data-urlencode "learned=LEARNED-SECRET ask earlier" \
  --data-urlencode "carry=1" --data-urlencode "due_on=2030-04-30")" "partly done, carried forward"
expect_status 422 "$(post "$SCRATCH/participant" /meetings/$M2/actions/$A1/report \
  --data-urlencode "outcome=partly" --data-urlencode "carry=1")" "carried forward once"
[ "$(sql "SELECT status || ' ' || reported_meeting_id FROM meeting_actions WHERE id = $A1")" = "partly $M2" ] &&
  pass || fail "report stored"
A3=$(sql "SELECT id FROM meeting_actions WHERE carried_from = $A1")
[ "$(sql "SELECT meeting_id || ' ' || status || ' ' || due_on FROM meeting_actions WHERE id = '$A3'")" = "$M2 open 2030-04-30" ] &&
  pass || fail "carried copy at meeting 2"
for who in participant mate facilitator; do
  get $who /meetings/$M2 >/dev/null
  expect_contains "$SCRATCH/last.body" "LEARNED-SECRET ask earlier" "$who sees what was learned"
  expect_contains "$SCRATCH/last.body" "carried forward" "$who sees it carried"
done
get admin /meetings/$M2 >/dev/null
expect_not_contains "$SCRATCH/last.body" SECRET "admin: no report-back content"
expect_contains "$SCRATCH/last.body" "1 actions reported back" "admin: the report counted"
# The facilitator reports the other action through the API: done.
expect_status 200 "$(jpost facilitator /api/v1/meetings/$M2/actions/$A2/report \
  '{"outcome": "done", "learned": "API-LEARNED-SECRET"}')" "api report back"
expect_status 404 "$(jpost admin /api/v1/meetings/$M2/actions/$A2/report '{"outcome": "done"}')" "api admin cannot report"
expect_status 404 "$(jpost stranger /api/v1/meetings/$M2/actions/$A2/report '{"outcome": "done"}')" "api stranger cannot report"
# At meeting 3 only the carried copy is open; the reported ones are not listed.
expect_status 200 "$(japi participant /api/v1/meetings/$M3/records)" "meeting 3 records"
[ "$(jq -c '[.report_back[] | .id]' "$SCRATCH/api.json")" = "[$A3]" ] && pass ||
  fail "meeting 3 report back: $(cat "$SCRATCH/api.json")"
japi participant /api/v1/my/actions >/dev/null
[ "$(jq -c '[.[].id]' "$SCRATCH/api.json")" = "[$A3]" ] && pass || fail "only the carried action is open"
get participant /meetings/$M3 >/dev/null
expect_contains "$SCRATCH/last.body" "/meetings/$M3/actions/$A3/report" "carried action reported at meeting 3"
expect_not_contains "$SCRATCH/last.body" "/actions/$A1/report" "the reported one is not open any more"

# --- The API writes with the same checks. ---------------------------------------------------
expect_status 201 "$(jpost participant /api/v1/meetings/$M1/actions "{\"presentation\": $P1, \"body\": \"API action\", \"due_on\": \"2030-05-01\"}")" "api add action"
expect_status 403 "$(jpost mate /api/v1/meetings/$M1/actions "{\"presentation\": $P1, \"body\": \"x\"}")" "api mate cannot add"
expect_status 400 "$(jpost participant /api/v1/meetings/$M1/actions 'not json')" "api bad body"
expect_status 200 "$(jpost mate /api/v1/meetings/$M1/checkin '{"line": "API-CHECKIN"}')" "api check-in"
expect_status 200 "$(jpost facilitator /api/v1/meetings/$M1/checkin "{\"person\": $SELF, \"status\": \"absent\"}")" "api facilitator marks"
expect_status 200 "$(jpost mate /api/v1/meetings/$M1/review '{"helped": "API review", "learned_questioning": ""}')" "api review"
for who in stranger admin; do
  expect_status 404 "$(jpost $who /api/v1/meetings/$M1/checkin '{"line": "x"}')" "api $who check-in"
  expect_status 404 "$(jpost $who /api/v1/meetings/$M1/actions "{\"presentation\": $P1, \"body\": \"x\"}")" "api $who action"
  expect_status 404 "$(jpost $who /api/v1/meetings/$M1/review '{"helped": "x"}')" "api $who review"
done
japi participant /api/v1/meetings/$M1/records >/dev/null
[ "$(jq -r ".checkin[] | select(.person_id == $MATE) | .line" "$SCRATCH/api.json")" = API-CHECKIN ] &&
  pass || fail "api check-in stored"
[ "$(jq -r ".checkin[] | select(.person_id == $SELF) | .status" "$SCRATCH/api.json")" = absent ] &&
  pass || fail "api attendance stored"

# --- Every page of the rounds passes tidy as each role sees it. -----------------------------
for who in participant facilitator admin; do
  for path in /meetings/$M1 /meetings/$M2 /meetings/$M3 / /my/meetings /sets/1/reviews; do
    [ "$who" = admin ] && [ "$path" = /sets/1/reviews ] && continue
    get $who "$path" >/dev/null
    if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
      fail "tidy $path as $who: $(cat "$SCRATCH/tidy.txt")"
    fi
  done
done
finish
