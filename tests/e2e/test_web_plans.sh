#!/usr/bin/env bash
# Forming sets on the web: the form page, a plan with keep-apart rules, a move that breaks a rule
# shows the message and the score at once, lock and re-optimise keep a locked set, the JSON API,
# and publishing shows each participant only their own set, without other people's emails.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
expect_eq() { # expect_eq WANT GOT WHAT
  if [ "$1" = "$2" ]; then pass; else fail "$3: want $1, got $2"; fi
}
tidy_ok() { # tidy_ok FILE WHAT
  if tidy -errors -quiet "$1" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
    fail "$2 is not valid HTML: $(cat "$SCRATCH/tidy.txt")"
  fi
}
admin="$SCRATCH/admin"
expect_status 303 "$(login "$admin" admin@demo.example)" "admin logs in"
csrf=$(page_csrf "$admin")
curl -s -b "$admin" --data-urlencode "csrf=$csrf" --data-urlencode "name=t" "$URL/account/tokens" \
  -o "$SCRATCH/token.html"
TOKEN=$(grep -o '<code class="secret">[^<]*' "$SCRATCH/token.html" | sed 's/.*>//')
api() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }

expect_status 200 "$(status "$admin" GET /programmes/1/form)" "form page"
tidy_ok "$SCRATCH/last.body" "the form page"
grep -q 'name="csrf"' "$SCRATCH/last.body" && pass || fail "the form page has no CSRF field"

# Two people to keep apart, and the participant's email.
api "$URL/api/v1/programmes/1/people" >"$SCRATCH/people.json"
A=$(jq -r '(if type == "array" then . else .people end)[0].email' "$SCRATCH/people.json")
B=$(jq -r '(if type == "array" then . else .people end)[1].email' "$SCRATCH/people.json")
[ -n "$A" ] && [ "$A" != null ] && [ "$B" != null ] && pass || fail "no people: $(head -c 300 "$SCRATCH/people.json")"

PLAN=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$admin" -X POST --data-urlencode "csrf=$csrf" \
  --data "sets=20" --data "seconds=1" --data "seed=3" --data-urlencode "apart=$A, $B" \
  "$URL/programmes/1/form" | sed 's|.*/plans/||')
[ "$PLAN" -gt 1 ] 2>/dev/null && pass || fail "no plan id: $PLAN"

api "$URL/api/v1/plans/$PLAN" >"$SCRATCH/plan.json"
# The form page shows the keep-apart pair it stored (programme_rules), ready to edit, by name.
NAME_A=$(jq -r --arg e "$A" '.sets[].members[] | select(.email == $e) | .name' "$SCRATCH/plan.json")
NAME_B=$(jq -r --arg e "$B" '.sets[].members[] | select(.email == $e) | .name' "$SCRATCH/plan.json")
status "$admin" GET /programmes/1/form >/dev/null
grep -qF "name=\"apart-0-a\" value=\"$NAME_A\"" "$SCRATCH/last.body" &&
  grep -qF "name=\"apart-0-b\" value=\"$NAME_B\"" "$SCRATCH/last.body" && pass ||
  fail "the form page does not show the stored pair by name"
tidy_ok "$SCRATCH/last.body" "the form page with rules"
expect_eq 20 "$(jq '.sets | length' "$SCRATCH/plan.json")" "20 sets"
expect_eq 0 "$(jq '.broken | length' "$SCRATCH/plan.json")" "the formed plan breaks no rule"
expect_eq true "$(jq '.objective > 0 and .upper_bound >= .objective' "$SCRATCH/plan.json")" \
  "objective within the bound"
expect_eq true "$(jq '[.sets[].new_connections] | all(. > 0)' "$SCRATCH/plan.json")" \
  "every set creates new connections"
SET_A=$(jq --arg e "$A" '.sets[] | select(any(.members[]; .email == $e)) | .id' "$SCRATCH/plan.json")
ID_B=$(jq --arg e "$B" '.sets[].members[] | select(.email == $e) | .id' "$SCRATCH/plan.json")
[ "$SET_A" != "$(jq --arg e "$B" '.sets[] | select(any(.members[]; .email == $e)) | .id' "$SCRATCH/plan.json")" ] &&
  pass || fail "the keep-apart pair shares a set"

status "$admin" GET "/plans/$PLAN" >/dev/null
tidy_ok "$SCRATCH/last.body" "the plan page"

# Moving B in with A breaks the keep-apart rule: the plan page says so, with the score.
expect_status 303 "$(status "$admin" POST "/plans/$PLAN/move" --data-urlencode "csrf=$csrf" \
  --data "person_id=$ID_B" --data "set_id=$SET_A")" "move"
expect_status 200 "$(status "$admin" GET "/plans/$PLAN")" "plan after the move"
grep -q 'This plan breaks a rule' "$SCRATCH/last.body" && pass || fail "no broken-rule message"
grep -qF "$NAME_B and $NAME_A are to be kept apart but are both in" "$SCRATCH/last.body" ||
  grep -qF "$NAME_A and $NAME_B are to be kept apart but are both in" "$SCRATCH/last.body" && pass ||
  fail "the message does not name $NAME_A and $NAME_B"
grep -q 'id="score"' "$SCRATCH/last.body" && pass || fail "no score on the plan page"
tidy_ok "$SCRATCH/last.body" "the plan page with a broken rule"
expect_eq true "$(api "$URL/api/v1/plans/$PLAN" | jq '.broken | length > 0')" "API shows the break"

# Lock A's set, re-optimise: the set keeps its members and the rest is repaired.
expect_status 303 "$(status "$admin" POST "/plans/$PLAN/move" --data-urlencode "csrf=$csrf" \
  --data "person_id=$ID_B" --data "set_id=$(jq '.sets[-1].id' "$SCRATCH/plan.json")")" "move back"
api "$URL/api/v1/plans/$PLAN" >"$SCRATCH/before.json"
LOCKED=$(jq '.sets[0].id' "$SCRATCH/before.json")
expect_status 303 "$(status "$admin" POST "/plans/$PLAN/lock" --data-urlencode "csrf=$csrf" \
  --data "set_id=$LOCKED" --data locked=1)" "lock"
expect_status 200 "$(api -o /dev/null -w '%{http_code}' -X POST --data '{"iterations":20000,"seed":9}' \
  "$URL/api/v1/plans/$PLAN/reoptimise")" "re-optimise through the API"
api "$URL/api/v1/plans/$PLAN" >"$SCRATCH/after.json"
expect_eq "$(jq -c '[.sets[0].members[].id] | sort' "$SCRATCH/before.json")" \
  "$(jq -c '[.sets[0].members[].id] | sort' "$SCRATCH/after.json")" "the locked set kept its members"
expect_eq true "$(jq '.sets[0].locked' "$SCRATCH/after.json")" "the set stays locked"
expect_eq 0 "$(jq '.broken | length' "$SCRATCH/after.json")" "re-optimised plan breaks no rule"

# A facilitator per set; then publish.
expect_status 303 "$(status "$admin" POST "/plans/$PLAN/facilitator" --data-urlencode "csrf=$csrf" \
  --data "set_id=$LOCKED" --data-urlencode "email=facilitator@demo.example")" "facilitator"
expect_status 400 "$(status "$admin" POST "/plans/$PLAN/facilitator" --data-urlencode "csrf=$csrf" \
  --data "set_id=$LOCKED" --data-urlencode "email=nobody@nowhere.example")" "unknown facilitator"
expect_eq facilitator@demo.example "$(api "$URL/api/v1/plans/$PLAN" | jq -r '.sets[0].facilitator')" "facilitator set"
status "$admin" GET "/plans/$PLAN" >/dev/null
grep -q 'facilitator facilitator@demo.example' "$SCRATCH/last.body" && pass || fail "the plan page does not name the facilitator"
# The demo has published sets already: publishing another plan first shows who moves.
expect_status 409 "$(status "$admin" POST "/plans/$PLAN/publish" --data-urlencode "csrf=$csrf")" "publish over published sets asks first"
grep -q 'Confirm the change to published sets' "$SCRATCH/last.body" && pass || fail "no confirmation page"
expect_status 303 "$(status "$admin" POST "/plans/$PLAN/publish" --data-urlencode "csrf=$csrf" --data confirm=1)" "publish"
expect_eq published "$(api "$URL/api/v1/plans/$PLAN" | jq -r .status)" "published"

# The participant sees their own set of the new plan and no other set, and no emails of others.
part="$SCRATCH/part"
expect_status 303 "$(login "$part" "$PARTICIPANT")" "participant logs in"
api "$URL/api/v1/plans/$PLAN" >"$SCRATCH/final.json"
MINE=$(jq --arg e "$PARTICIPANT" '.sets[] | select(any(.members[]; .email == $e)) | .id' "$SCRATCH/final.json")
OTHER=$(jq --arg e "$PARTICIPANT" '[.sets[] | select(all(.members[]; .email != $e)) | .id][0]' "$SCRATCH/final.json")
expect_status 200 "$(status "$part" GET "/sets/$MINE")" "participant sees their set"
for e in $(jq -r --argjson s "$MINE" '.sets[] | select(.id == $s) | .members[].email' "$SCRATCH/final.json"); do
  [ "$e" = "$PARTICIPANT" ] && continue
  grep -qi "$e" "$SCRATCH/last.body" && fail "participant sees the email $e"
  name=$(jq -r --arg e "$e" '.sets[].members[] | select(.email == $e) | .name' "$SCRATCH/final.json")
  name=$(printf '%s' "$name" | sed "s/&/\\&amp;/g; s/'/\\&#39;/g")
  grep -qF "$name" "$SCRATCH/last.body" || fail "participant does not see set mate $name"
done
pass
expect_status 404 "$(status "$part" GET "/sets/$OTHER")" "participant cannot see another set"
expect_status 403 "$(status "$part" GET "/plans/$PLAN")" "participant cannot see the plan"
expect_status 200 "$(status "$part" GET /)" "participant home"
grep -q "/sets/$MINE\"" "$SCRATCH/last.body" && pass || fail "home does not link the new set"
finish
