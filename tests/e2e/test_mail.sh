#!/usr/bin/env bash
# Mail against a real SMTP server (aiosmtpd on 127.0.0.1, started here): invitations one by one
# and in bulk, their MIME parsed with Python's email package, the link that works once,
# `setwork notify` twice, refusing, 4xx and 5xx servers, and a kill -9 mid-queue.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
source "$(dirname "$0")/mail/mail_lib.sh"
start_smtp ok
ok_url=$SMTP_URL

# One invitation: sent through the server at once, well-formed, with a link that works once.
sw "$ok_url" users invite ana@x.example --role participant >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "invite with mail"
expect_contains "$SCRATCH/out" "invitation queued to ana@x.example" "invite says it mailed"
[ "$(count ok)" = 1 ] && pass || fail "one message after one invitation, got $(count ok)"
"$PY" "$here/check_mail.py" "$SCRATCH/ok" >"$SCRATCH/msgs" || fail "MIME check: $(cat "$SCRATCH/msgs")"
expect_contains "$SCRATCH/msgs" '"to": "ana@x.example"' "the invitation goes to ana"
expect_contains "$SCRATCH/msgs" '"parts": ["text/plain", "text/html"]' "plain text with an HTML alternative"
expect_contains "$SCRATCH/msgs" '"type": "multipart/alternative"' "multipart/alternative"
link=$(jq -r .link "$SCRATCH/msgs" | head -1)
case "$link" in http://127.0.0.1:8080/invitation\?token=*) pass ;; *) fail "link in the mail: $link" ;; esac

# notify sends what is due and exits 0: nothing is due twice.
for run in 1 2; do
  sw "$ok_url" notify >"$SCRATCH/notify$run"
  expect_status 0 $? "notify run $run"
  expect_contains "$SCRATCH/notify$run" "sent 0," "notify run $run sends nothing new"
done
[ "$(count ok)" = 1 ] && pass || fail "notify sent the invitation again: $(count ok)"

# The link from the mail sets the password once, on the real web app.
start_server "$db"
path=${link#http://127.0.0.1:8080}
jar="$SCRATCH/jar"
curl -s -c "$jar" -b "$jar" "$URL$path" -o "$SCRATCH/inv.html"
csrf=$(csrf_from "$SCRATCH/inv.html")
token=${path#*token=}
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
  --data-urlencode "token=$token" --data-urlencode "password=a good long password" \
  --data-urlencode "confirm=a good long password" "$URL/invitation")
expect_status 303 "$code" "the mailed link sets the password"
[ "$(login "$SCRATCH/jar2" ana@x.example 'a good long password')" = 303 ] && pass || fail "ana logs in with the new password"
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
  --data-urlencode "token=$token" --data-urlencode "password=another long password" \
  --data-urlencode "confirm=another long password" "$URL/invitation")
expect_status 404 "$code" "the mailed link works only once"
stop_server

# An account with a password is not invited again; one without gets a new link (a resend).
set +e
sw "$ok_url" users invite ana@x.example --role participant >/dev/null 2>"$SCRATCH/err"
expect_status 1 $? "no invitation for an account with a password"
set -e
expect_contains "$SCRATCH/err" "has an account already" "says why"
sw "$ok_url" users invite bo@x.example --role facilitator >/dev/null
sw "$ok_url" users invite bo@x.example --role facilitator >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "new invitation queued to bo@x.example" "a resend"
[ "$(count ok)" = 3 ] && pass || fail "two mails for bo, got $(count ok) in all"
"$PY" "$here/check_mail.py" "$SCRATCH/ok" >"$SCRATCH/msgs" || fail "MIME check: $(cat "$SCRATCH/msgs")"
[ "$(grep -c '"to": "bo@x.example"' "$SCRATCH/msgs")" = 2 ] && pass || fail "bo has two mails"
[ "$(grep '"to": "bo@x.example"' "$SCRATCH/msgs" | jq -r .link | sort -u | wc -l)" = 2 ] && pass || fail "each with its own link"

# Bulk: every member of a programme without an account, once; UTF-8 names and sender name.
{
  echo "name,email"
  echo "Zoë Ñandú,zoe@x.example"
  echo "Ana Existing,ana@x.example"
  for i in $(seq 1 30); do echo "Person $i,p$i@x.example"; done
} >"$SCRATCH/cohort.csv"
"$SETWORK" --db "$db" import "$SCRATCH/cohort.csv" --programme Pilot >/dev/null
start_smtp utf8
SETWORK_SMTP_URL=$SMTP_URL SETWORK_MAIL_FROM="Équipe Sets <$FROM>" "$SETWORK" --db "$db" \
  users invite --programme Pilot --all --base-url https://sets.example.org >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "invited 31 member(s) of Pilot" "bulk invitation"
[ "$(count utf8)" = 31 ] && pass || fail "31 mails, got $(count utf8)"
"$PY" "$here/check_mail.py" "$SCRATCH/utf8" >"$SCRATCH/msgs" || fail "MIME check: $(cat "$SCRATCH/msgs")"
expect_contains "$SCRATCH/msgs" '"from": "\u00c9quipe Sets <setwork@example.org>"' "RFC 2047 sender name"
grep '"to": "zoe@x.example"' "$SCRATCH/msgs" | jq -r .text >"$SCRATCH/zoe.txt"
expect_contains "$SCRATCH/zoe.txt" "Hello Zoë Ñandú," "UTF-8 body"
expect_contains "$SCRATCH/zoe.txt" "https://sets.example.org/invitation?token=" "--base-url in the link"
expect_not_contains "$SCRATCH/msgs" '"to": "ana@x.example"' "ana has an account: not invited"
sw "$SMTP_URL" users invite --programme Pilot --all >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "every member of Pilot has an account already" "bulk twice invites nobody"
[ "$(count utf8)" = 31 ] && pass || fail "bulk twice sends nothing more"

# A server that refuses connections: the invitation waits, notify --retry delivers it later.
closed="smtp://127.0.0.1:1"
sw "$closed" users invite cy@x.example >"$SCRATCH/out" 2>"$SCRATCH/err"
expect_status 0 $? "invite with the server down still invites"
expect_contains "$SCRATCH/err" "will be retried" "says it will retry"
"$SETWORK" --db "$db" notify --list >"$SCRATCH/list"
expect_contains "$SCRATCH/list" "pending  invitation cy@x.example" "listed as pending"
expect_contains "$SCRATCH/list" "attempts 1" "one attempt"
sw "$closed" notify >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "sent 0, to retry 0" "backoff: not due again at once"
sw "$ok_url" notify --retry >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "sent 1, to retry 0, failed 0" "delivered once the server is back"

# 4xx: retried with backoff; 5xx: failed for good with the server's answer.
start_smtp temp --mode tempfail
sw "$SMTP_URL" users invite dee@x.example >/dev/null 2>&1
sw "$SMTP_URL" notify --retry >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "to retry 1" "4xx is retried"
"$SETWORK" --db "$db" notify --list --json >"$SCRATCH/list.json"
[ "$(jq -r '.[] | select(.to == "dee@x.example") | "\(.status) \(.attempts)"' "$SCRATCH/list.json")" = "pending 2" ] && pass || fail "4xx: pending after 2 attempts: $(cat "$SCRATCH/list.json")"
jq -r '.[] | select(.to == "dee@x.example") | .error' "$SCRATCH/list.json" | grep -q '^451 4.3.0 Try again later' && pass || fail "4xx answer recorded"
start_smtp perm --mode permfail
sw "$SMTP_URL" users invite eve@x.example >/dev/null 2>&1
"$SETWORK" --db "$db" notify --list --json >"$SCRATCH/list.json"
[ "$(jq -r '.[] | select(.to == "eve@x.example") | .status' "$SCRATCH/list.json")" = failed ] && pass || fail "5xx fails for good"
jq -r '.[] | select(.to == "eve@x.example") | .error' "$SCRATCH/list.json" | grep -q '^550 5.1.1 <eve@x.example>: Recipient address rejected' && pass || fail "5xx answer recorded: $(cat "$SCRATCH/list.json")"
sw "$ok_url" notify --retry >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "sent 1, to retry 0, failed 0" "the 4xx one goes; the failed one stays failed"
[ "$(find "$SCRATCH/ok" -name '*.eml' -exec grep -l '^To: eve@x.example' {} + | wc -l)" = 0 ] && pass || fail "a failed message is not sent again"

# kill -9 of the sender mid-queue: nothing lost, nothing doubled.
{
  echo "name,email"
  for i in $(seq 1 30); do echo "Kill $i,k$i@x.example"; done
} >"$SCRATCH/kill.csv"
"$SETWORK" --db "$db" import "$SCRATCH/kill.csv" --programme Crash >/dev/null
sw "$closed" users invite --programme Crash --all >/dev/null 2>&1
start_smtp slow --rcpt-delay 0.3
# Not through sw: $! must be setwork itself, not a subshell around it.
SETWORK_SMTP_URL=$SMTP_URL SETWORK_MAIL_FROM=$FROM "$SETWORK" --db "$db" notify --retry >/dev/null 2>&1 &
sender=$!
for _ in $(seq 1 200); do
  [ "$(count slow)" -ge 5 ] && break
  sleep 0.05
done
sleep 0.15 # inside the next message's RCPT, before the server has it
kill -9 "$sender"
wait "$sender" 2>/dev/null || true
got=$(count slow)
[ "$got" -ge 5 ] && [ "$got" -lt 30 ] && pass || fail "the kill came mid-queue ($got sent)"
sw "$SMTP_URL" notify >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "failed 0" "the rest goes after the crash"
[ "$(count slow)" = 30 ] && pass || fail "30 messages after the crash, got $(count slow)"
"$PY" "$here/check_mail.py" "$SCRATCH/slow" >"$SCRATCH/msgs" || fail "MIME check"
[ "$(jq -r .to "$SCRATCH/msgs" | sort -u | wc -l)" = 30 ] && pass || fail "each of 30 people has one mail"
[ "$(jq -r .message_id "$SCRATCH/msgs" | sort -u | wc -l)" = 30 ] && pass || fail "no Message-ID twice"
finish
