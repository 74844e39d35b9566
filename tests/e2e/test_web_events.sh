#!/usr/bin/env bash
# Mixer events in the web app: create, generate, lock, mark absent and re-plan (locked rounds
# stay, nobody absent is seated), print and CSV; the pages pass tidy; the JSON API agrees.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
jar="$SCRATCH/admin"
login "$jar" admin@demo.example >/dev/null
csrf=$(page_csrf "$jar")
tidy_ok() { tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "$1 is not valid HTML: $(cat "$SCRATCH/tidy.txt")"; }

[ "$(status "$jar" GET /programmes/1/events)" = 200 ] && pass || fail "events list"
tidy_ok "events list"
[ "$(status "$jar" POST /programmes/1/events --data-urlencode "csrf=$csrf" --data 'name=&group_size=4&rounds=3')" = 400 ] &&
  pass || fail "an event without a name is refused"
tidy_ok "events form with a problem"
code=$(status "$jar" POST /programmes/1/events --data-urlencode "csrf=$csrf" --data 'name=Spring+mixer&group_size=4&rounds=4' -D "$SCRATCH/h")
[ "$code" = 303 ] && grep -qi '^location: /events/1' "$SCRATCH/h" && pass || fail "create event: $code"
[ "$(status "$jar" GET /events/1)" = 200 ] && grep -q 'Generate' "$SCRATCH/last.body" && pass || fail "event page before generating"
tidy_ok "event page before generating"
[ "$(status "$jar" POST /events/1/generate --data-urlencode "csrf=$csrf")" = 303 ] && pass || fail "generate"
status "$jar" GET /events/1 >/dev/null
tidy_ok "event page"
grep -q 'Round 4' "$SCRATCH/last.body" && grep -q 'id="repeats">0<' "$SCRATCH/last.body" &&
  grep -q 'The schedule is perfect' "$SCRATCH/last.body" && pass || fail "200 people at tables of 4 for 4 rounds: perfect"
grep -q 'id="least">0<' "$SCRATCH/last.body" && pass || fail "the proven lower bound is shown"
[ "$(status "$jar" GET /events/1/schedule.csv)" = 200 ] && pass || fail "csv"
cp "$SCRATCH/last.body" "$SCRATCH/before.csv"
[ "$(head -1 "$SCRATCH/before.csv" | tr -d '\r')" = "round,table,person_id,name" ] && pass || fail "csv header"
[ "$(grep -c ',' "$SCRATCH/before.csv")" = 801 ] && pass || fail "csv has 4 rounds x 200 people"

# Lock rounds 1-2, mark person 5 absent from round 3: rounds 1-2 unchanged, 5 not seated in 3.
[ "$(status "$jar" POST /events/1/lock --data-urlencode "csrf=$csrf" --data 'locked=2')" = 303 ] && pass || fail "lock"
[ "$(status "$jar" POST /events/1/absent --data-urlencode "csrf=$csrf" --data 'person=5&round=2')" = 422 ] &&
  pass || fail "a locked round refuses absences"
tidy_ok "event page with a problem"
[ "$(status "$jar" POST /events/1/absent --data-urlencode "csrf=$csrf" --data 'person=5&round=3')" = 303 ] && pass || fail "absent"
status "$jar" GET /events/1/schedule.csv >/dev/null
cp "$SCRATCH/last.body" "$SCRATCH/after.csv"
python3 - "$SCRATCH/before.csv" "$SCRATCH/after.csv" <<'PY' && pass || fail "re-plan kept locked rounds and seated nobody absent"
import csv, sys
def load(p):
    return {(r['round'], r['person_id']): r['table'] for r in csv.DictReader(open(p, newline=''))}
b, a = load(sys.argv[1]), load(sys.argv[2])
assert all(a[k] == b[k] for k in b if k[0] in ('1', '2')), "locked rounds changed"
assert a[('3', '5')] == 'absent', a[('3', '5')]
assert all(v != 'absent' for k, v in a.items() if k != ('3', '5')), "someone else absent"
tables = {}
for (r, p), t in a.items():
    if t != 'absent':
        tables.setdefault((r, t), 0)
        tables[(r, t)] += 1
assert all(3 <= c <= 4 for c in tables.values()), tables
PY
# Someone who joins the programme after the locked rounds missed them; re-planning still works.
sqlite3 "$SCRATCH/db" "INSERT INTO people(email, name) VALUES ('late@example.org', 'Late Comer');
  INSERT INTO programme_members(programme_id, person_id) SELECT 1, id FROM people WHERE email = 'late@example.org'"
[ "$(status "$jar" POST /events/1/generate --data-urlencode "csrf=$csrf")" = 303 ] && pass || fail "re-plan with a late joiner: $(grep -o 'class="error">[^<]*' "$SCRATCH/last.body")"
status "$jar" GET /events/1/schedule.csv >/dev/null
[ "$(grep -c 'Late Comer' "$SCRATCH/last.body")" = 4 ] && [ "$(grep 'Late Comer' "$SCRATCH/last.body" | grep -c ',absent,')" = 2 ] &&
  pass || fail "the late joiner misses the locked rounds only"
status "$jar" GET /events/1 >/dev/null
grep -q 'Round 2 (locked)' "$SCRATCH/last.body" && grep -q 'Absent: ' "$SCRATCH/last.body" && pass || fail "page shows locks and absentees"

[ "$(status "$jar" GET /events/1/print)" = 200 ] && pass || fail "print"
tidy_ok "print page"
grep -q 'Round 4, table 1<' "$SCRATCH/last.body" && grep -q '<td>absent</td>' "$SCRATCH/last.body" && pass || fail "cards and itineraries"

# A participant sees their own itinerary and nothing else of the event.
pjar="$SCRATCH/participant"
login "$pjar" "$PARTICIPANT" >/dev/null
# ... reached from their home page.
[ "$(status "$pjar" GET /)" = 200 ] && pass || fail "participant home"
expect_contains "$SCRATCH/last.body" '<a href="/events/1/me">' "home links the event"
tidy_ok "home with events"
[ "$(status "$pjar" GET /events/1/me)" = 200 ] && grep -q 'Your table' "$SCRATCH/last.body" && pass || fail "own itinerary"
tidy_ok "own itinerary"
[ "$(grep -c '<tr><td>' "$SCRATCH/last.body")" = 4 ] && pass || fail "one row per round"
[ "$(status "$pjar" GET /events/1)" = 403 ] && [ "$(status "$pjar" GET /events/1/print)" = 403 ] && pass || fail "participants see no schedule"
[ "$(status "$jar" GET /events/1/me)" = 404 ] && pass || fail "an admin who is not a member has no itinerary"

# Formula-safe CSV: a name starting with = is neutralised.
sqlite3 "$SCRATCH/db" "UPDATE people SET name = '=HYPERLINK(1)' WHERE id = 7"
status "$jar" GET /events/1/schedule.csv >/dev/null
grep -q ",7,'=HYPERLINK(1)" "$SCRATCH/last.body" && ! grep -q ',7,=HYPERLINK' "$SCRATCH/last.body" && pass || fail "csv is formula-safe"

# The JSON API: create, generate, mark absent, lock.
curl -s -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "name=events" \
  "$URL/account/tokens" -o "$SCRATCH/token.html"
token=$(grep -o '<code class="secret">[^<]*' "$SCRATCH/token.html" | sed 's/.*>//')
if [ -n "$token" ]; then
  api() { curl -s -o "$SCRATCH/api.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$@"; }
  [ "$(api -X POST -H 'Content-Type: application/json' --data '{"name":"API mixer","group_size":3,"rounds":2}' "$URL/api/v1/programmes/1/events")" = 201 ] &&
    pass || fail "api create: $(cat "$SCRATCH/api.json")"
  [ "$(api -X POST "$URL/api/v1/events/2/generate")" = 200 ] &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["generated"] and len(d["schedule"])==2 and d["repeat_pairs"]==0 and d["least_repeats"]==0 and d["optimal"]' "$SCRATCH/api.json" &&
    pass || fail "api generate: $(head -c 300 "$SCRATCH/api.json")"
  [ "$(api -X POST -H 'Content-Type: application/json' --data '{"locked":1}' "$URL/api/v1/events/2/lock")" = 200 ] && pass || fail "api lock"
  [ "$(api -X POST -H 'Content-Type: application/json' --data '{"person":3,"round":2}' "$URL/api/v1/events/2/absent")" = 200 ] &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [p["id"] for p in d["schedule"][1]["absent"]]==[3]' "$SCRATCH/api.json" &&
    pass || fail "api absent: $(head -c 300 "$SCRATCH/api.json")"
  [ "$(api "$URL/api/v1/programmes/1/events")" = 200 ] && grep -q 'API mixer' "$SCRATCH/api.json" && pass || fail "api list"
else
  fail "no API token from the CLI"
fi

# Table sizes within a range when the people do not divide: 201 members at tables of 5-6.
[ "$(status "$jar" POST /programmes/1/events --data-urlencode "csrf=$csrf" --data 'name=Range&group_size=6-5&rounds=2')" = 400 ] &&
  grep -q 'smallest-largest' "$SCRATCH/last.body" && pass || fail "a reversed range is refused"
[ "$(status "$jar" POST /programmes/1/events --data-urlencode "csrf=$csrf" --data 'name=Range&group_size=four&rounds=2')" = 400 ] &&
  grep -q 'or a range, e.g. 4-5' "$SCRATCH/last.body" && pass || fail "a size that is not a number is refused"
code=$(status "$jar" POST /programmes/1/events --data-urlencode "csrf=$csrf" --data 'name=Range&group_size=5-6&rounds=3' -D "$SCRATCH/h")
range=$(grep -i '^location: /events/' "$SCRATCH/h" | tr -d '\r' | sed 's|.*/events/||')
[ "$code" = 303 ] && [ -n "$range" ] && pass || fail "create a range event: $code"
[ "$(status "$jar" POST "/events/$range/generate" --data-urlencode "csrf=$csrf")" = 303 ] && pass || fail "generate a range event"
status "$jar" GET "/events/$range" >/dev/null
grep -q 'tables of 5-6' "$SCRATCH/last.body" && pass || fail "the event page shows the range"
status "$jar" GET "/events/$range/schedule.csv" >/dev/null
python3 - "$SCRATCH/last.body" <<'PY' && pass || fail "range tables hold 5 or 6 and seat all 201"
import csv, sys
tables = {}
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
for r in rows:
    tables.setdefault((r['round'], r['table']), 0)
    tables[(r['round'], r['table'])] += 1
assert len(rows) == 3 * 201 and all(r['table'] != 'absent' for r in rows), len(rows)
assert set(tables.values()) == {5, 6}, sorted(set(tables.values()))
PY
# Exactly 6 a table cannot seat 201 people: generating says so instead of seating 5 somewhere.
code=$(status "$jar" POST /programmes/1/events --data-urlencode "csrf=$csrf" --data 'name=Sixes&group_size=6-6&rounds=2' -D "$SCRATCH/h")
sixes=$(grep -i '^location: /events/' "$SCRATCH/h" | tr -d '\r' | sed 's|.*/events/||')
[ "$code" = 303 ] && [ -n "$sixes" ] && pass || fail "create a 6-6 event: $code"
code=$(status "$jar" POST "/events/$sixes/generate" --data-urlencode "csrf=$csrf")
[ "$code" != 303 ] && grep -q 'cannot sit at tables of 6 to 6' "$SCRATCH/last.body" && pass ||
  fail "201 people at tables of exactly 6 are refused: $code"
finish
