#!/usr/bin/env bash
# One way to form a plan: the same settings and seed give the same plan (the same members in
# each set), the same objective and the same stored settings through `setwork form --programme
# ... --save`, the form page's POST and POST /api/v1/programmes/#/plans, each on its own copy of
# one store (every plan counts as history for the next); the plan page and GET /api/v1/plans/#
# show that objective. Plans stored with the older settings shapes load and score the same.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/base.db"
for copy in cli web api; do cp "$SCRATCH/base.db" "$SCRATCH/$copy.db"; done
SERVER_PID=
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
# expect_eq WANT GOT WHAT
expect_eq() { if [ "$1" = "$2" ]; then pass; else fail "$3: got '$2', expected '$1'"; fi; }
# num X: X written one way (SQLite says 8803.0 where jq says 8803).
num() { printf '%.6f' "$1"; }
WEIGHTS=organisation=10,department=2,new=3
# members DB PLAN: "set position: person ids" lines of plan PLAN.
members() {
  sqlite3 "$1" "SELECT s.position || ': ' || group_concat(m.person_id, ' ') FROM sets s JOIN
    (SELECT * FROM set_members ORDER BY person_id) m ON m.set_id = s.id WHERE s.plan_id = $2
    GROUP BY s.id ORDER BY s.position"
}
plan_of() { sqlite3 "$1" "SELECT id FROM set_plans WHERE name = 'Same'"; }
field() { sqlite3 "$1" "SELECT $3 FROM set_plans WHERE id = $2"; }

"$SETWORK" --db "$SCRATCH/cli.db" form --programme Demo --size 5-7 --weights "$WEIGHTS" --seed 7 \
  --iterations 3000 --save Same --json >"$SCRATCH/cli.json"
CLI=$(plan_of "$SCRATCH/cli.db")
[ -n "$CLI" ] && pass || fail "the command line saved no plan"
expect_eq "$(num "$(field "$SCRATCH/cli.db" "$CLI" objective)")" "$(num "$(jq .objective "$SCRATCH/cli.json")")" \
  "the command line prints the stored objective"

# shown DB PLAN: the plan's objective on its page and in the API (as the server has it).
start_server "$SCRATCH/web.db"
login "$SCRATCH/admin" admin@demo.example >/dev/null
expect_status 303 "$(post "$SCRATCH/admin" /programmes/1/form --data size_min=5 --data size_max=7 \
  --data-urlencode "weights=$WEIGHTS" --data seed=7 --data iterations=3000)" "the form page forms"
WEB=$(sqlite3 "$SCRATCH/web.db" "SELECT max(id) FROM set_plans")
sqlite3 "$SCRATCH/web.db" "UPDATE set_plans SET name = 'Same' WHERE id = $WEB"
TOKEN=$(api_token "$SCRATCH/admin")
api() { curl -s -H "Authorization: Bearer $TOKEN" "$URL$1"; }
check_shown() {
  local db=$1 plan=$2 what=$3 stored
  stored=$(field "$db" "$plan" objective)
  expect_status 200 "$(status "$SCRATCH/admin" GET "/plans/$plan")" "$what: the plan page"
  expect_eq "$(printf '%.1f' "$stored")" \
    "$(grep -o 'id="score">[^<]*' "$SCRATCH/last.body" | sed 's/.*>//')" "$what: the page's score"
  expect_eq "$(num "$stored")" "$(num "$(api "/api/v1/plans/$plan" | jq .objective)")" \
    "$what: the API's objective"
  expect_eq "$stored" "$(field "$db" "$plan" objective)" "$what: showing it wrote nothing"
}
check_shown "$SCRATCH/web.db" "$WEB" "the web's plan"
stop_server

start_server "$SCRATCH/api.db"
login "$SCRATCH/admin" admin@demo.example >/dev/null
TOKEN=$(api_token "$SCRATCH/admin")
code=$(curl -s -o "$SCRATCH/api.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data "{\"name\": \"Same\", \"size_min\": 5, \"size_max\": 7,
  \"weights\": \"$WEIGHTS\", \"seed\": 7, \"iterations\": 3000}" "$URL/api/v1/programmes/1/plans")
expect_status 200 "$code" "the API forms"
API=$(plan_of "$SCRATCH/api.db")
expect_eq "$API" "$(jq .id "$SCRATCH/api.json")" "the API answers with the new plan"
expect_eq "$(num "$(field "$SCRATCH/api.db" "$API" objective)")" "$(num "$(jq .objective "$SCRATCH/api.json")")" \
  "the API's answer shows the stored objective"
check_shown "$SCRATCH/api.db" "$API" "the API's plan"

# The three plans are one plan.
members "$SCRATCH/cli.db" "$CLI" >"$SCRATCH/cli.members"
members "$SCRATCH/web.db" "$WEB" >"$SCRATCH/web.members"
members "$SCRATCH/api.db" "$API" >"$SCRATCH/api.members"
[ "$(wc -l <"$SCRATCH/cli.members")" -ge 20 ] && pass || fail "the plan has too few sets"
cmp -s "$SCRATCH/cli.members" "$SCRATCH/web.members" && pass || fail "the web's sets differ from the command line's"
cmp -s "$SCRATCH/cli.members" "$SCRATCH/api.members" && pass || fail "the API's sets differ from the command line's"
for what in objective upper_bound settings_json; do
  expect_eq "$(field "$SCRATCH/cli.db" "$CLI" $what)" "$(field "$SCRATCH/web.db" "$WEB" $what)" "web: the same $what"
  expect_eq "$(field "$SCRATCH/cli.db" "$CLI" $what)" "$(field "$SCRATCH/api.db" "$API" $what)" "API: the same $what"
done
expect_eq organisation=10 "$(field "$SCRATCH/api.db" "$API" settings_json | jq -r '"organisation=\(.weights.organisation)"')" \
  "the stored weights are the ones asked for"

# A move (a POST) records the objective the plan then shows. It keeps every rule (from a set
# above 5 into one below 7), so that the page shows a score (a plan that breaks one has none).
SET2=$(sqlite3 "$SCRATCH/api.db" "SELECT s.id FROM sets s WHERE s.plan_id = $API AND
  (SELECT count(*) FROM set_members WHERE set_id = s.id) < 7 ORDER BY s.position LIMIT 1")
WHO=$(sqlite3 "$SCRATCH/api.db" "SELECT m.person_id FROM set_members m JOIN sets s ON s.id = m.set_id
  WHERE s.plan_id = $API AND s.id <> $SET2 AND (SELECT count(*) FROM set_members WHERE set_id = s.id) > 5
  ORDER BY s.position, m.person_id LIMIT 1")
before=$(field "$SCRATCH/api.db" "$API" objective)
expect_status 303 "$(post "$SCRATCH/admin" "/plans/$API/move" --data "person_id=$WHO" --data "set_id=$SET2")" "a move"
after=$(field "$SCRATCH/api.db" "$API" objective)
[ "$before" != "$after" ] && pass || fail "the move did not record a new objective ($before)"
check_shown "$SCRATCH/api.db" "$API" "after the move"

# Older settings shapes (the form page's weights text; the command line's weights object without
# sizes) still load and score the plan as it was formed.
SCORE=$(api "/api/v1/plans/$API" | jq .objective)
sqlite3 "$SCRATCH/api.db" "UPDATE set_plans SET settings_json = '{\"weights\":\"$WEIGHTS\",\"sets\":33,\"size_min\":5,\"size_max\":7,\"seed\":7,\"seconds\":1.0}' WHERE id = $API"
expect_eq "$SCORE" "$(api "/api/v1/plans/$API" | jq .objective)" "the older form page's settings"
OLD_CLI=$(field "$SCRATCH/cli.db" "$CLI" settings_json | jq -c '{weights: (.weights | del(.similar)), sets, seed, seconds, chain}')
sqlite3 "$SCRATCH/api.db" "UPDATE set_plans SET settings_json = '$OLD_CLI' WHERE id = $API"
expect_eq "$SCORE" "$(api "/api/v1/plans/$API" | jq .objective)" "the older command line's settings"
expect_eq "$after" "$(field "$SCRATCH/api.db" "$API" objective)" "reading older settings wrote nothing"
finish
