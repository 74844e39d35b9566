#!/usr/bin/env bash
# One check of a schedule under the command line and the web: `setwork meetings schedule` and
# POST /api/v1/programmes/#/series read the same fields through app/meetings/series_plan.h, so
# the same bad schedule is refused with the same sentences, field by field, and nothing is written.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
sql() { sqlite3 "$db" "$1"; }
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
expect_status 303 "$(login "$SCRATCH/admin" admin@demo.example)" "login admin"
TOKEN=$(api_token "$SCRATCH/admin")
api() { curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -X POST --data "$2" "$URL$1"; }
cli() {
  "$SETWORK" --db "$db" meetings schedule --programme Demo "$@" 2>"$SCRATCH/cli.err" >/dev/null
}
# The CLI's sentences without "setwork meetings: --option: ", sorted; the API's likewise.
cli_messages() { sed 's/^setwork meetings: --[a-z]*: //' "$SCRATCH/cli.err" | sort; }
api_messages() { jq -r '.problems[].message' "$SCRATCH/last.body" | sort; }

# A first meeting that is no date, too many meetings, an unknown zone, no place.
expect_status 422 "$(api /api/v1/programmes/1/series '{"count": 99, "first": "2027-02-30T10:00", "every_weeks": 4, "duration": "3h", "tz": "Mars/Base"}')" "API refuses"
set +e
cli --count 99 --first 2027-02-30T10:00 --every 4w --duration 3h --tz Mars/Base
expect_status 1 $? "CLI refuses"
set -e
[ "$(api_messages | wc -l)" = 4 ] && pass || fail "four problems on the web: $(cat "$SCRATCH/last.body")"
diff <(cli_messages) <(api_messages) >"$SCRATCH/diff" && pass || fail "same sentences: $(cat "$SCRATCH/diff")"
expect_contains "$SCRATCH/cli.err" "setwork meetings: --tz: 'Mars/Base' is not a time zone we know" "CLI names the option"
expect_contains "$SCRATCH/cli.err" "setwork meetings: --location: An in-person series needs a location" "CLI names --location"
[ "$(sql "SELECT COUNT(*) FROM meetings")" = 0 ] && pass || fail "nothing written"

# A set that is not in the published plan.
expect_status 422 "$(api /api/v1/programmes/1/series '{"set": "999", "count": 2, "first": "2027-03-02T10:00", "every_weeks": 4, "duration": "3h", "location": "Hall"}')" "API: no such set"
set +e
cli --set "No such set" --count 2 --first 2027-03-02T10:00 --every 4w --duration 3h --location Hall
expect_status 1 $? "CLI: no such set"
set -e
diff <(cli_messages) <(api_messages) >"$SCRATCH/diff" && pass || fail "same sentence for the set: $(cat "$SCRATCH/diff")"

# A JSON body over WEB_JSON_BODY_MAX (1 MiB) is refused before it is parsed.
printf '{"count": 2%1100000s}' '' >"$SCRATCH/big.json"
expect_status 413 "$(curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data-binary "@$SCRATCH/big.json" "$URL/api/v1/programmes/1/series")" "JSON body limit"
expect_contains "$SCRATCH/last.body" "The JSON body is too large" "says so"

# A good schedule passes both ways; the CLI's --every monthly still works.
set +e
cli --set "Set 1" --count 3 --first 2027-03-02T10:00 --every monthly --location Hall
expect_status 0 $? "CLI schedules monthly"
set -e
[ "$(sql "SELECT group_concat(substr(starts_at, 1, 10)) FROM (SELECT starts_at FROM meetings ORDER BY starts_at)")" = "2027-03-02,2027-04-06,2027-05-04" ] \
  && pass || fail "first Tuesday of each month: $(sql "SELECT group_concat(starts_at) FROM meetings")"
[ "$(sql "SELECT rule FROM meeting_series")" = monthly ] && pass || fail "stored as monthly"
finish
