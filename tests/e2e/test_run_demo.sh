#!/usr/bin/env bash
# `make run`'s script on a new database: the demo is created, the logins are printed, the server
# answers, and the demo participant can log in and sees a set with meetings.
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/demo.db"
"$SETWORK_SOURCE_DIR/scripts/run-demo" "$SETWORK" "$db" 127.0.0.1:0 > "$SCRATCH/out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$SCRATCH"' EXIT
url=""
for _ in $(seq 1 300); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$SCRATCH/out" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.2
done
if [ -z "$url" ]; then fail "no URL printed"; cat "$SCRATCH/out" >&2; finish; exit 1; fi
pass
expect_contains "$SCRATCH/out" "admin        admin@demo.example" "admin login printed"
participant=$(awk '/participant  /{print $2}' "$SCRATCH/out" | head -1)
[ -n "$participant" ] && pass || fail "participant login printed"
status=$(curl -s -o /dev/null -w '%{http_code}' "${url}login")
expect_status 200 "$status" "login page served"
# Log in as the participant (the login form uses a double-submit CSRF cookie).
jar="$SCRATCH/jar"
curl -s -c "$jar" -b "$jar" "${url}login" > "$SCRATCH/login.html"
token=$(grep -oE 'name="csrf" value="[^"]+"' "$SCRATCH/login.html" | head -1 | sed 's/.*value="//; s/"$//')
curl -s -c "$jar" -b "$jar" -H "Origin: ${url%/}" -o /dev/null \
  --data-urlencode "csrf=$token" --data-urlencode "email=$participant" \
  --data-urlencode "password=setwork-demo" "${url}login"
curl -s -b "$jar" "$url" > "$SCRATCH/home.html"
expect_contains "$SCRATCH/home.html" "My sets" "participant home"
expect_contains "$SCRATCH/home.html" "facilitator Fran Okafor" "the demo sets are published with facilitators"
expect_contains "$SCRATCH/home.html" "What is next" "My setwork says what is next"
expect_contains "$SCRATCH/home.html" "Next: <a href=\"/meetings/" "the next meeting is linked"
next=$(grep -oE 'Next: <a href="/meetings/[0-9]+' "$SCRATCH/home.html" | grep -oE '[0-9]+$' | head -1)
curl -s -b "$jar" "${url}meetings/$next" > "$SCRATCH/meeting.html"
expect_contains "$SCRATCH/meeting.html" '<ul class="actions-list">' "the first meeting has the presenters' actions"
expect_contains "$SCRATCH/meeting.html" '<article class="review">' "and session reviews"
"$SETWORK" --db "$db" meetings list --programme Demo > "$SCRATCH/meetings"
expect_contains "$SCRATCH/meetings" "Europe/London" "a meeting series per set"
"$SETWORK" --db "$db" report --programme Demo > "$SCRATCH/report"
expect_contains "$SCRATCH/report" "people answered both" "demo surveys feed the report"
"$SETWORK" --db "$db" network report --programme Demo --compare baseline,final > "$SCRATCH/net"
expect_contains "$SCRATCH/net" "inside sets" "demo network waves show growth inside and beyond sets"
finish
