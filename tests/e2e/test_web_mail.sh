#!/usr/bin/env bash
# Mail from the web app: `setwork serve` with smtp_url runs a sender thread; an admin's
# invitation and a programme's bulk invitation arrive at a real SMTP server, and the users page
# shows the mail that failed with the server's answer.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
source "$(dirname "$0")/mail/mail_lib.sh"
start_smtp ok
"$SETWORK" --db "$db" users add lead@x.example --role admin --password 'a long password' >/dev/null
{
  echo "name,email"
  for i in 1 2 3; do echo "Member $i,m$i@x.example"; done
} >"$SCRATCH/cohort.csv"
"$SETWORK" --db "$db" import "$SCRATCH/cohort.csv" --programme Pilot >/dev/null
export SETWORK_SMTP_URL=$SMTP_URL SETWORK_MAIL_FROM=$FROM SETWORK_PUBLIC_URL=https://sets.example.org
start_server "$db"
jar="$SCRATCH/jar"
[ "$(login "$jar" lead@x.example 'a long password')" = 303 ] && pass || fail "admin logs in"
csrf=$(page_csrf "$jar")
post() { curl -s -o "$SCRATCH/page.html" -w '%{http_code}' -b "$jar" -H "Origin: $URL" --data-urlencode "csrf=$csrf" "$@"; }
# wait_for NAME N: until the server has N messages (the sender runs every few seconds).
wait_for() {
  for _ in $(seq 1 300); do
    [ "$(count "$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
}

code=$(post --data-urlencode email=ana@x.example --data-urlencode role=participant "$URL/users")
expect_status 200 "$code" "invite on the web"
expect_contains "$SCRATCH/page.html" "on its way by mail" "the page says it is mailed"
expect_not_contains "$SCRATCH/page.html" "/invitation?token=" "no link shown when mailing"
wait_for ok 1
[ "$(count ok)" = 1 ] && pass || fail "the sender thread delivered the invitation: $(count ok)"
"$PY" "$here/check_mail.py" "$SCRATCH/ok" >"$SCRATCH/msgs" || fail "MIME check: $(cat "$SCRATCH/msgs")"
expect_contains "$SCRATCH/msgs" '"link": "https://sets.example.org/invitation?token=' "public_url in the link"

pilot=$(grep -o 'option value="[0-9]*">Pilot<' "$SCRATCH/page.html" | grep -o '[0-9]*')
code=$(post --data-urlencode "programme=$pilot" "$URL/users/invite-all")
expect_status 200 "$code" "bulk invitation on the web"
expect_contains "$SCRATCH/page.html" "3 invitation(s) on their way by mail" "bulk notice"
wait_for ok 4
[ "$(count ok)" = 4 ] && pass || fail "bulk: 4 messages in all, got $(count ok)"
code=$(post --data-urlencode "programme=$pilot" "$URL/users/invite-all")
expect_contains "$SCRATCH/page.html" "0 invitation(s)" "bulk twice invites nobody"
code=$(post --data-urlencode "programme=x" "$URL/users/invite-all")
expect_status 400 "$code" "a bad programme"

# Password reset: the same answer for any email; a mail only for an account; 3 per 15 minutes.
anon="$SCRATCH/anon"
curl -s -c "$anon" -b "$anon" "$URL/password-reset" -o "$SCRATCH/reset.html"
pre=$(csrf_from "$SCRATCH/reset.html")
reset() { curl -s -o "$SCRATCH/reset.html" -w '%{http_code}' -c "$anon" -b "$anon" -H "Origin: $URL" \
  --data-urlencode "csrf=$pre" --data-urlencode "email=$1" "$URL/password-reset"; }
expect_status 200 "$(reset nobody@x.example)" "reset for an unknown email"
cp "$SCRATCH/reset.html" "$SCRATCH/reset-unknown.html"
expect_status 200 "$(reset lead@x.example)" "reset for the lead"
if diff -q "$SCRATCH/reset.html" "$SCRATCH/reset-unknown.html" >/dev/null; then pass; else fail "the same answer either way"; fi
reset LEAD@x.example >/dev/null
reset lead@x.example >/dev/null
reset lead@x.example >/dev/null # the fourth in the window: answered the same, nothing sent
# Queueing happens in the request, so the outbox already says how many there will be.
[ "$(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE kind = 'reset'")" = 3 ] && pass || fail "three resets queued, not four"
wait_for ok 7
"$PY" "$here/check_mail.py" "$SCRATCH/ok" >"$SCRATCH/msgs" || fail "MIME check: $(cat "$SCRATCH/msgs")"
[ "$(grep -c '"subject": "Reset your setwork password"' "$SCRATCH/msgs")" = 3 ] && pass || fail "three reset mails, not four: $(grep -c Reset "$SCRATCH/msgs")"
expect_not_contains "$SCRATCH/msgs" '"to": "nobody@x.example"' "no mail for an unknown email"
stop_server

# A 5xx server: the users page lists the failure with the server's answer.
start_smtp perm --mode permfail
export SETWORK_SMTP_URL=$SMTP_URL
start_server "$db"
jar="$SCRATCH/jar2"
[ "$(login "$jar" lead@x.example 'a long password')" = 303 ] && pass || fail "admin logs in again"
csrf=$(page_csrf "$jar")
post --data-urlencode email=zed@x.example --data-urlencode role=participant "$URL/users" >/dev/null
for _ in $(seq 1 300); do
  [ "$(sqlite3 "$db" "SELECT status FROM outbox WHERE recipient = 'zed@x.example'")" = failed ] && break
  sleep 0.1
done
curl -s -b "$jar" "$URL/users" -o "$SCRATCH/users.html"
expect_contains "$SCRATCH/users.html" "Mail not delivered yet" "the failures are shown"
expect_contains "$SCRATCH/users.html" "550 5.1.1 &lt;zed@x.example&gt;: Recipient address rejected" "with the server's answer"
stop_server
finish
