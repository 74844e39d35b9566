#!/usr/bin/env bash
# The users page: an admin changes a role, disables an account (its sessions end at once and
# it cannot log in) and enables it again; an admin cannot disable or demote themselves.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
"$SETWORK" --db "$db" users add lead@x.example --role admin --password 'a long password' >/dev/null
"$SETWORK" --db "$db" users add bo@x.example --role participant --password 'bo long password' >/dev/null
bo_id=$(sqlite3 "$db" "SELECT id FROM users WHERE email = 'bo@x.example'")
lead_id=$(sqlite3 "$db" "SELECT id FROM users WHERE email = 'lead@x.example'")
start_server "$db"
A="$SCRATCH/a" B="$SCRATCH/b"
[ "$(login "$A" lead@x.example 'a long password')" = 303 ] && pass || fail "admin logs in"
[ "$(login "$B" bo@x.example 'bo long password')" = 303 ] && pass || fail "bo logs in"
csrf=$(page_csrf "$A")
post() { curl -s -o "$SCRATCH/page.html" -w '%{http_code}' -b "$A" -H "Origin: $URL" --data-urlencode "csrf=$csrf" "$@"; }

expect_status 200 "$(post --data role=facilitator "$URL/users/$bo_id/role")" "change bo's role"
[ "$(sqlite3 "$db" "SELECT role FROM users WHERE id = $bo_id")" = facilitator ] && pass || fail "bo is a facilitator"
expect_status 400 "$(post --data role=king "$URL/users/$bo_id/role")" "an unknown role"
expect_status 409 "$(post --data role=participant "$URL/users/$lead_id/role")" "no demoting oneself"
expect_status 409 "$(post --data disabled=1 "$URL/users/$lead_id/disable")" "no disabling oneself"
expect_status 404 "$(post --data disabled=1 "$URL/users/999999/disable")" "no such account"

expect_status 200 "$(status "$B" GET /account)" "bo's session works"
expect_status 200 "$(post --data disabled=1 "$URL/users/$bo_id/disable")" "disable bo"
expect_contains "$SCRATCH/page.html" "The account is disabled." "says so"
expect_status 303 "$(status "$B" GET /account)" "bo's session ended"
expect_status 401 "$(login "$SCRATCH/b2" bo@x.example 'bo long password')" "a disabled account cannot log in"
expect_status 200 "$(post --data disabled=0 "$URL/users/$bo_id/disable")" "enable bo"
expect_status 303 "$(login "$SCRATCH/b3" bo@x.example 'bo long password')" "bo logs in again"
stop_server
finish
