#!/usr/bin/env bash
# Membership over time (issue 13) on the demo with records at each set's first meeting (held
# two weeks ago): a move on published sets needs confirm=1 (409 with who would move without
# it); once moved, P sees Set 1's future meetings and none of the records of its earlier
# meeting, keeps their own Set 2 records, Set 1's members and authors keep theirs, P's calendar
# shows Set 2's later meetings as cancelled and P's home page says what changed. Re-optimising
# and publishing another plan without confirm change nothing and answer 409. History is kept.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
sql() { sqlite3 "$db" "$1"; }
FIRST=$(date -u -d '14 days ago' +%Y-%m-%dT10:00)
"$SETWORK" --db "$db" meetings schedule --programme Demo --first "$FIRST" --every 4w --count 4 --location "Room 4" \
  --tz UTC >/dev/null
"$SETWORK" --db "$db" meetings demo --programme Demo >/dev/null
PLAN=$(sql "SELECT id FROM set_plans WHERE status = 'published'")
S1=$(sql "SELECT id FROM sets WHERE plan_id = $PLAN AND name = 'Set 1'")
S2=$(sql "SELECT id FROM sets WHERE plan_id = $PLAN AND name = 'Set 2'")
meeting() { sql "SELECT id FROM meetings WHERE set_id = $1 ORDER BY starts_at LIMIT 1 OFFSET $2"; }
M1_PAST=$(meeting "$S1" 0)
M1_NEXT=$(meeting "$S1" 1)
M2_PAST=$(meeting "$S2" 0)
M2_NEXT=$(meeting "$S2" 1)
# P presented at Set 2's first meeting; A at Set 1's.
P=$(sql "SELECT owner_id FROM meeting_actions WHERE meeting_id = $M2_PAST ORDER BY id LIMIT 1")
A=$(sql "SELECT owner_id FROM meeting_actions WHERE meeting_id = $M1_PAST ORDER BY id LIMIT 1")
P_ACTION=$(sql "SELECT body FROM meeting_actions WHERE owner_id = $P AND meeting_id = $M2_PAST")
A_ACTION=$(sql "SELECT body FROM meeting_actions WHERE owner_id = $A AND meeting_id = $M1_PAST")
A_ACTION_ID=$(sql "SELECT id FROM meeting_actions WHERE owner_id = $A AND meeting_id = $M1_PAST")
[ -n "$P" ] && [ -n "$A" ] && [ -n "$M1_NEXT" ] && [ -n "$M2_NEXT" ] && [ -n "$P_ACTION" ] ||
  { fail "setup: plan $PLAN sets $S1 $S2 meetings $M1_PAST $M1_NEXT $M2_PAST people $P $A"; finish; exit 1; }
P_EMAIL=$(sql "SELECT email FROM people WHERE id = $P")
A_EMAIL=$(sql "SELECT email FROM people WHERE id = $A")
P_NAME=$(sql "SELECT name FROM people WHERE id = $P" | sed "s/'/\&#39;/g")
for email in "$P_EMAIL" "$A_EMAIL"; do
  [ -n "$(sql "SELECT 1 FROM users WHERE email = '$email'")" ] ||
    "$SETWORK" --db "$db" users add "$email" --role participant --password setwork-demo >/dev/null
done
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
for who in admin p a; do
  case $who in admin) e=admin@demo.example ;; p) e=$P_EMAIL ;; a) e=$A_EMAIL ;; esac
  expect_status 303 "$(login "$SCRATCH/$who" "$e")" "login $who"
done
TOKEN=$(api_token "$SCRATCH/admin")
P_TOKEN=$(api_token "$SCRATCH/p")
A_TOKEN=$(api_token "$SCRATCH/a")
jget() { curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -H "Authorization: Bearer $1" "$URL$2"; }
jpost() { curl -s -o "$SCRATCH/api.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data "$2" "$URL$1"; }
layout() { sql "SELECT group_concat(set_id || ':' || person_id) FROM (SELECT m.* FROM set_members m
  JOIN sets s ON s.id = m.set_id WHERE s.plan_id = $PLAN ORDER BY 1, 2)"; }
get() { status "$SCRATCH/$1" GET "$2"; }

# --- The programme's state and its plans and sets, on the page, in the API and the CLI. -----
NSETS=$(sql "SELECT count(*) FROM sets WHERE plan_id = $PLAN")
get admin /programmes/1 >/dev/null
expect_contains "$SCRATCH/last.body" '<span class="state">running</span>' "the programme runs (a set has met)"
expect_contains "$SCRATCH/last.body" "href=\"/plans/$PLAN\"" "the programme page links its plan"
expect_contains "$SCRATCH/last.body" "href=\"/sets/$S1\"" "and its published sets"
expect_status running "$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/programmes/1" | jq -r .state)" \
  "the API says the state"
expect_status "running $NSETS" "$("$SETWORK" --db "$db" programmes --json | jq -r '.[0] | .state + " " + (.sets | tostring)')" \
  "setwork programmes says the state"

# --- Before the move: P's Set 2, not Set 1's meeting. ---------------------------------------
expect_status 404 "$(get p /meetings/$M1_PAST)" "P does not see Set 1's meeting before the move"
expect_status 200 "$(get p /meetings/$M2_PAST)" "P sees their Set 2 meeting"

# --- Without confirm: 409 with who would move, and nothing written. --------------------------
before=$(layout)
expect_status 409 "$(post "$SCRATCH/admin" /plans/$PLAN/move --data "person_id=$P" --data "set_id=$S1")" \
  "a move on published sets asks first"
expect_contains "$SCRATCH/last.body" "Confirm the change to published sets" "the confirmation page"
expect_contains "$SCRATCH/last.body" "$P_EMAIL" "the confirmation page names who moves"
expect_status 409 "$(jpost /api/v1/plans/$PLAN/move "{\"person_id\": $P, \"set_id\": $S1}")" "API move asks first"
expect_status "Set 2>Set 1" "$(jq -r '.change.moved[0] | .from + ">" + .to' "$SCRATCH/api.json")" "API says what would change"
expect_status 1 "$(jq '.change.moved | length' "$SCRATCH/api.json")" "one person would move"
expect_status "$before" "$(layout)" "nothing moved without confirm"
expect_status 0 "$(sql "SELECT count(*) FROM member_notices")" "no notice without confirm"

# --- Confirmed. -------------------------------------------------------------------------------
expect_status 303 "$(post "$SCRATCH/admin" /plans/$PLAN/move --data "person_id=$P" --data "set_id=$S1" --data confirm=1)" \
  "the confirmed move"
expect_status 1 "$(sql "SELECT count(*) FROM set_members WHERE set_id = $S1 AND person_id = $P")" "P is in Set 1"
expect_status "1 1" "$(sql "SELECT count(*) FILTER (WHERE set_id = $S2 AND left_at IS NOT NULL),
  count(*) FILTER (WHERE set_id = $S1 AND left_at IS NULL) FROM set_membership WHERE person_id = $P" | tr '|' ' ')" \
  "P's history: left Set 2, in Set 1, nothing deleted"

# P: Set 1's future meeting yes, its earlier meeting and records no; their own Set 2 records yes.
expect_status 200 "$(get p /meetings/$M1_NEXT)" "P sees Set 1's next meeting"
expect_status 404 "$(get p /meetings/$M1_PAST)" "P does not see Set 1's earlier meeting"
expect_status 404 "$(jget "$P_TOKEN" /api/v1/meetings/$M1_PAST/records)" "nor its records in the API"
expect_status 200 "$(get p /meetings/$M2_PAST)" "P still sees the Set 2 meeting they were at"
expect_contains "$SCRATCH/last.body" "$P_ACTION" "P still sees their own Set 2 action"
expect_status 404 "$(get p /meetings/$M2_NEXT)" "P no longer sees Set 2's next meeting"
get p /my/meetings >/dev/null
expect_not_contains "$SCRATCH/last.body" "/meetings/$M2_NEXT\"" "Set 2's next meeting is not in P's list"
expect_contains "$SCRATCH/last.body" "/meetings/$M1_NEXT\"" "Set 1's next meeting is in P's list"
get p / >/dev/null
expect_contains "$SCRATCH/last.body" "You have moved from Set 2 to Set 1 from" "P's home page says so"

# Set 2's page and API: current members, and P as a former member with the day, to its members;
# P no longer reaches Set 2's page.
B=$(sql "SELECT person_id FROM set_members WHERE set_id = $S2 ORDER BY person_id LIMIT 1")
B_EMAIL=$(sql "SELECT email FROM people WHERE id = $B")
[ -n "$(sql "SELECT 1 FROM users WHERE email = '$B_EMAIL'")" ] ||
  "$SETWORK" --db "$db" users add "$B_EMAIL" --role participant --password setwork-demo >/dev/null
expect_status 303 "$(login "$SCRATCH/b" "$B_EMAIL")" "login b (Set 2)"
TODAY=$(date -u +%Y-%m-%d)
expect_status 200 "$(get b /sets/$S2)" "B sees Set 2"
expect_contains "$SCRATCH/last.body" "<h2>Former members</h2>" "Set 2's page lists former members"
expect_contains "$SCRATCH/last.body" "<li>$P_NAME, left on $TODAY</li>" "P left Set 2 today"
B_TOKEN=$(api_token "$SCRATCH/b")
expect_status 200 "$(jget "$B_TOKEN" /api/v1/sets/$S2)" "B reads Set 2 in the API"
expect_status "$P $TODAY" "$(jq -r '.former_members[0] | "\(.id) \(.left_on)"' "$SCRATCH/last.body")" \
  "the API lists P as a former member with the day"
expect_status 0 "$(jq "[.members[] | select(.id == $P)] | length" "$SCRATCH/last.body")" "P is not a current member"
expect_status 0 "$(jq '.former_members | length' <(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/sets/$S1"))" \
  "Set 1 has no former members"
expect_status 404 "$(get p /sets/$S2)" "P no longer reaches Set 2's page"
get admin /sets/$S1 >/dev/null
expect_not_contains "$SCRATCH/last.body" "Former members" "no former-members list when nobody has left"

# Set 1's original member and author keeps the earlier records.
expect_status 200 "$(get a /meetings/$M1_PAST)" "A still sees Set 1's earlier meeting"
expect_contains "$SCRATCH/last.body" "$A_ACTION" "A still sees their action"
expect_not_contains "$SCRATCH/last.body" "$P_NAME" "the roll of Set 1's earlier meeting is who was there then"
expect_status 200 "$(jget "$A_TOKEN" /api/v1/meetings/$M1_PAST/records)" "A reads the records in the API"
expect_contains "$SCRATCH/last.body" "$A_ACTION" "A's action in the API"
[ -n "$A_ACTION_ID" ] && pass

# P's calendar: Set 2's later meetings cancelled, Set 1's later ones scheduled, Set 1's earlier
# meeting absent.
"$SETWORK" --db "$db" ics "$P_EMAIL" >"$SCRATCH/p.ics"
uid() { sql "SELECT uid FROM meetings WHERE id = $1"; }
event() { awk -v u="UID:$(uid "$1")" '/BEGIN:VEVENT/{e=""} {e=e $0 "\n"} /END:VEVENT/{if (index(e, u)) printf "%s", e}' "$SCRATCH/p.ics" | tr -d '\r'; }
event "$M2_NEXT" | grep -q "STATUS:CANCELLED" && pass || fail "Set 2's next meeting is cancelled in P's feed"
event "$M1_NEXT" | grep -q "STATUS:CANCELLED" && fail "Set 1's next meeting must not be cancelled" || pass
[ -n "$(event "$M1_NEXT")" ] && pass || fail "Set 1's next meeting is in P's feed"
[ -z "$(event "$M1_PAST")" ] && pass || fail "Set 1's earlier meeting is not in P's feed"
event "$M2_PAST" | grep -q "STATUS:CANCELLED" && fail "the Set 2 meeting P was at is not cancelled" || pass

# --- Re-optimising and publishing another plan without confirm change nothing. ----------------
before=$(layout)
get admin /plans/$PLAN >/dev/null
expect_contains "$SCRATCH/last.body" 'name="include_met"' "the plan page offers to re-plan sets that have met"
expect_status 409 "$(post "$SCRATCH/admin" /plans/$PLAN/reoptimise)" "re-optimise a published plan asks first"
expect_status 409 "$(post "$SCRATCH/admin" /plans/$PLAN/reoptimise --data include_met=1)" \
  "re-optimise with the sets that have met asks first"
expect_contains "$SCRATCH/last.body" 'name="include_met" value="1"' "and confirming keeps that choice"
expect_status 409 "$(jpost /api/v1/plans/$PLAN/reoptimise '{"iterations": 2000}')" "API re-optimise asks first"
expect_status 409 "$(jpost /api/v1/plans/$PLAN/reoptimise '{"iterations": 2000, "include_met": true}')" \
  "API re-optimise with the sets that have met asks first"
[ "$(jq '.change.moved | length' "$SCRATCH/api.json")" -gt 0 ] && pass || fail "and says who would move"
expect_status 200 "$(jpost /api/v1/programmes/1/plans '{"name": "Second", "sets": 30, "iterations": 2000}')" "a second plan"
SECOND=$(jq .id "$SCRATCH/api.json")
get admin /programmes/1 >/dev/null
expect_contains "$SCRATCH/last.body" "$NSETS published sets" "counts count the published sets only"
expect_contains "$SCRATCH/last.body" "href=\"/plans/$SECOND\"" "the programme page lists the draft plan too"
# On a draft: a move needs no confirmation and becomes a pin that re-optimising keeps.
MOVER=$(sql "SELECT m.person_id FROM set_members m JOIN sets s ON s.id = m.set_id
  WHERE s.plan_id = $SECOND AND s.position = 1 LIMIT 1")
TARGET=$(sql "SELECT id FROM sets WHERE plan_id = $SECOND AND position = 2")
expect_status 200 "$(jpost /api/v1/plans/$SECOND/move "{\"person_id\": $MOVER, \"set_id\": $TARGET}")" \
  "a move on a draft needs no confirmation"
expect_status 200 "$(jpost /api/v1/plans/$SECOND/reoptimise '{"iterations": 3000}')" "re-optimise the draft"
expect_status 1 "$(sql "SELECT count(*) FROM set_members WHERE set_id = $TARGET AND person_id = $MOVER")" \
  "the person moved by hand stays where they were put"
expect_status "$before" "$(layout)" "changes on a draft leave the published sets alone"
expect_status 409 "$(post "$SCRATCH/admin" /plans/$SECOND/publish)" "publishing another plan asks first"
expect_contains "$SCRATCH/last.body" "cancels the future meetings" "and says what happens to the meetings"
expect_status 409 "$(jpost /api/v1/plans/$SECOND/publish '{}')" "API publish asks first"
# Two plans' sets share names ("Set 1" in each): the confirmation names each set with its plan.
PLAN_NAME=$(sql "SELECT name FROM set_plans WHERE id = $PLAN")
expect_status "(${PLAN_NAME}) (Second)" \
  "$(jq -r '.change.moved[] | select(.from != null and .to != null) | (.from | sub("^Set [0-9]+ "; "")) + " " + (.to | sub("^Set [0-9]+ "; ""))' "$SCRATCH/api.json" | sort -u)" \
  "API: from the first plan's set to the second plan's, each named with its plan"
post "$SCRATCH/admin" /plans/$SECOND/publish >/dev/null
expect_contains "$SCRATCH/last.body" "<td>Set 1 (Second)</td>" "the confirmation table names the new set's plan"
expect_status "$before" "$(layout)" "nothing moved without confirm"
expect_status "$PLAN" "$(sql "SELECT id FROM set_plans WHERE status = 'published'")" "the published plan stays"
expect_status 0 "$(sql "SELECT count(*) FROM meetings WHERE status = 'cancelled'")" "no meeting cancelled"

# Confirmed: the old sets' future meetings are cancelled, their past ones kept; history kept.
expect_status 200 "$(jpost /api/v1/plans/$SECOND/publish '{"confirm": true}')" "the confirmed publish"
expect_status 0 "$(sql "SELECT count(*) FROM meetings m JOIN sets s ON s.id = m.set_id
  WHERE s.plan_id = $PLAN AND m.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ','now') AND m.status = 'scheduled'")" \
  "the old sets' future meetings are cancelled"
expect_status 0 "$(sql "SELECT count(*) FROM meetings m JOIN sets s ON s.id = m.set_id
  WHERE s.plan_id = $PLAN AND m.starts_at < strftime('%Y-%m-%dT%H:%M:%SZ','now') AND m.status = 'cancelled'")" \
  "their held meetings stay as they were"
expect_status 200 "$(get a /meetings/$M1_PAST)" "A still sees the meeting they were at"
expect_status 0 "$(sql "SELECT count(*) FROM set_membership WHERE set_id IN (SELECT id FROM sets WHERE plan_id = $PLAN) AND left_at IS NULL")" \
  "everyone left the old sets"
[ "$(sql "SELECT count(*) FROM member_notices")" -gt 1 ] && pass || fail "notices for everyone moved"
finish
