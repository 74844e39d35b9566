#!/usr/bin/env bash
# Privacy of people over HTTP (issue 14): namesakes in a participant's network picture are told
# apart without an email (the demo has two "Isla Davies" and three "Farid Fischer"), and a
# participant's API shows a set-mate's name and department but not their gender, grade or email.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
set +o pipefail # grep | head below
A="$SCRATCH/jar.a" P="$SCRATCH/jar.p"
expect_status 303 "$(login "$A" admin@demo.example)" "admin login"
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant login"
acsrf=$(page_csrf "$A") pcsrf=$(page_csrf "$P")
expect_status 303 "$(status "$A" POST /programmes/1/network/waves --data-urlencode "csrf=$acsrf" --data-urlencode name=baseline)" "open wave"

# The participant names every namesake in the cohort.
namesakes=$(sqlite3 "$SCRATCH/db" "SELECT id FROM people WHERE name IN (SELECT name FROM people GROUP BY name HAVING count(*) > 1) ORDER BY id" | paste -sd, -)
[ -n "$namesakes" ] && pass || fail "the demo has namesakes"
status "$P" GET /network/1 >/dev/null
field=$(grep -o 'type="checkbox" name="r[0-9]*"' "$SCRATCH/last.body" | head -1 | sed 's/.*name="//; s/"//')
expect_status 303 "$(status "$P" POST /network/1 --data-urlencode "csrf=$pcsrf" --data "consent=yes&l${field#r}=$namesakes")" "answer naming the namesakes"
SELF=$(sqlite3 "$SCRATCH/db" "SELECT id FROM people WHERE email = '$PARTICIPANT'")

expect_status 200 "$(status "$P" GET "/network/1/people/$SELF/ego.svg")" "own ego svg"
expect_not_contains "$SCRATCH/last.body" "@" "no email in the ego picture"
expect_contains "$SCRATCH/last.body" "Isla Davies (Finance)" "namesake told apart by department"
expect_contains "$SCRATCH/last.body" "Isla Davies (Tenancy)" "the other namesake"
expect_status 200 "$(status "$P" GET /network/1/me)" "my network page"
expect_not_contains "$SCRATCH/last.body" "@demo\|@northbridge\|@harbourview" "no email on my network page"

TOKEN=$(api_token "$P")
curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/network/1/me" -o "$SCRATCH/me.json"
expect_contains "$SCRATCH/me.json" "Isla Davies (" "API picture has the namesakes"
expect_not_contains "$SCRATCH/me.json" "@" "no email in the API picture"

# A set-mate through the API: who they are, not their gender, grade or email.
set_id=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/my/sets" | jq '.[0].id')
mate=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/sets/$set_id" | jq --argjson me "$SELF" '[.members[] | select(.id != $me)][0].id')
[ -n "$mate" ] && [ "$mate" != null ] && pass || fail "a set-mate in set $set_id"
has_gender=$(sqlite3 "$SCRATCH/db" "SELECT count(*) FROM person_attributes WHERE person_id = $mate AND name IN ('gender', 'grade')")
[ "$has_gender" -ge 1 ] && pass || fail "the set-mate has a gender or grade stored"
curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/people/$mate" -o "$SCRATCH/mate.json"
[ "$(jq -r .name "$SCRATCH/mate.json")" != null ] && pass || fail "set-mate readable: $(cat "$SCRATCH/mate.json")"
[ "$(jq '.attributes | has("gender") or has("grade")' "$SCRATCH/mate.json")" = false ] && pass || fail "set-mate's gender or grade: $(cat "$SCRATCH/mate.json")"
[ "$(jq 'has("email")' "$SCRATCH/mate.json")" = false ] && pass || fail "set-mate's email"
# The person themselves and admins still see everything.
curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/people/$SELF" -o "$SCRATCH/self.json"
[ "$(jq -r .email "$SCRATCH/self.json")" = "$PARTICIPANT" ] && pass || fail "own email"
ATOKEN=$(api_token "$A")
curl -s -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/people/$mate" -o "$SCRATCH/admin.json"
[ "$(jq '.attributes | has("gender") or has("grade")' "$SCRATCH/admin.json")" = true ] && pass || fail "admin sees gender or grade: $(cat "$SCRATCH/admin.json")"
finish
