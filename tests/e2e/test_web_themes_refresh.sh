#!/usr/bin/env bash
# Themes kept current: a challenge written on the web joins its theme once the programme has
# been quiet for the themes_refresh seconds, with nobody running `setwork challenges themes`;
# and challenges changed from the command line are themed when the server starts.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" challenges demo --programme Demo >/dev/null
sql() { sqlite3 "$db" "$1"; }
# A challenge imported from the command line after the last themes were found.
ME=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
{
  echo "email,title,body,visibility,consent"
  echo "$PARTICIPANT,CLI workload,\"My workload has grown every month this year and the email never stops. How do I prioritise my time?\",cohort,yes"
} >"$SCRATCH/c.csv"
"$SETWORK" --db "$db" challenges import "$SCRATCH/c.csv" --programme Demo >/dev/null
[ "$(sql "SELECT COUNT(*) FROM theme_refresh")" = 1 ] && pass || fail "the import marks the themes stale"
in_theme() { sql "SELECT COUNT(*) FROM theme_members tm JOIN challenges c ON c.id = tm.challenge_id
                  WHERE c.person_id = $ME AND c.title = '$1'"; }
[ "$(in_theme 'CLI workload')" = 0 ] && pass || fail "not themed before the server runs"
SETWORK_THEMES_REFRESH=1 start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
[ "$(in_theme 'CLI workload')" = 1 ] && pass || fail "themed when the server starts"
[ "$(sql "SELECT COUNT(*) FROM theme_refresh")" = 0 ] && pass || fail "no longer marked"

part="$SCRATCH/part"
login "$part" "$PARTICIPANT" >/dev/null
expect_status 303 "$(post "$part" /my/challenges --data-urlencode programme=1 --data-urlencode "title=Web workload" \
  --data-urlencode "body=Long hours have become normal for me and I worry about burning out. How do I say no without letting people down?" \
  --data-urlencode visibility=cohort --data-urlencode consent=yes)" "a challenge on the web"
[ "$(in_theme 'Web workload')" = 0 ] && pass || fail "not themed at once (the wait gathers edits)"
for _ in $(seq 1 100); do
  [ "$(in_theme 'Web workload')" = 1 ] && break
  sleep 0.1
done
[ "$(in_theme 'Web workload')" = 1 ] && pass || fail "themed in the background"
status "$part" GET /my/challenges >/dev/null
sed -n '/<h3>Web workload<\/h3>/,/<\/article>/p' "$SCRATCH/last.body" >"$SCRATCH/web.html"
expect_contains "$SCRATCH/web.html" "others in this cohort are working on something close to this" \
  "the participant sees the others"
finish
