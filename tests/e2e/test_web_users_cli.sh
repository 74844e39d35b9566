#!/usr/bin/env bash
# `setwork users`: add, invite, list, demo; errors have the documented exit statuses.
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/db"
"$SETWORK" --db "$db" users add lead@x.example --role admin --password 'a long password' >"$SCRATCH/out"
expect_status 0 $? "add with password"
set +e
"$SETWORK" --db "$db" users add lead@x.example --role admin 2>"$SCRATCH/err"
expect_status 1 $? "duplicate email"
expect_contains "$SCRATCH/err" "has an account already" "duplicate message"
"$SETWORK" --db "$db" users add x@x.example --role king 2>/dev/null
expect_status 2 $? "unknown role"
"$SETWORK" --db "$db" users add y@x.example --role admin --password short 2>"$SCRATCH/err"
expect_status 1 $? "short password"
expect_contains "$SCRATCH/err" "at least 10 characters" "password rule"
"$SETWORK" --db "$db" users demo 2>"$SCRATCH/err"
expect_status 1 $? "demo logins need the Demo programme"
set -e
"$SETWORK" --db "$db" users invite fac@x.example --role facilitator --base-url http://h:1 >"$SCRATCH/out"
grep -qE '^http://h:1/invitation\?token=[A-Za-z0-9_-]{43}$' "$SCRATCH/out" && pass || fail "invite prints a link: $(cat "$SCRATCH/out")"
"$SETWORK" --db "$db" users list >"$SCRATCH/list"
expect_contains "$SCRATCH/list" "admin        lead@x.example" "list shows the admin"
expect_contains "$SCRATCH/list" "fac@x.example (invited)" "list shows the invited facilitator"
"$SETWORK" --db "$db" demo >/dev/null
"$SETWORK" --db "$db" users demo >"$SCRATCH/demo1"
"$SETWORK" --db "$db" users demo >"$SCRATCH/demo2"
expect_contains "$SCRATCH/demo1" "admin        admin@demo.example" "demo logins"
if diff -q "$SCRATCH/demo1" "$SCRATCH/demo2" >/dev/null; then pass; else fail "users demo is idempotent"; fi
finish
