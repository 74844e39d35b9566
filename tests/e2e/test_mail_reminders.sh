#!/usr/bin/env bash
# Reminders against a real SMTP server (aiosmtpd): meeting invitations with an iCalendar part
# (iMIP: METHOD, the feed's UID, ORGANIZER and ATTENDEE) parsed with Python's email package and
# icalendar, an update after a move, a CANCEL after a cancellation, `setwork notify` twice,
# actions falling due, set-change notices, and the one-click unsubscribe (a GET writes nothing).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
source "$(dirname "$0")/mail/mail_lib.sh"
start_smtp box
url=$SMTP_URL
run() { "$SETWORK" --db "$db" "$@"; }
# check NAME: the messages of the server as JSON lines, checked MIME.
check() { "$PY" "$here/check_mail.py" "$SCRATCH/box" >"$SCRATCH/$1" || fail "MIME check: $(cat "$SCRATCH/$1")"; }

run demo --people 24 >/dev/null
sqlite3 "$db" "INSERT INTO set_plans (id, programme_id, name, status) VALUES (1, 1, 'p', 'published');
  INSERT INTO sets (id, plan_id, name, position) VALUES (1, 1, 'Set 1', 1), (2, 1, 'Set 2', 2);
  INSERT INTO set_members SELECT 1, id FROM people ORDER BY id LIMIT 6;
  INSERT INTO set_members SELECT 2, id FROM people ORDER BY id LIMIT 6 OFFSET 6;"
member=$(sqlite3 "$db" "SELECT email FROM people ORDER BY id LIMIT 1")
# Set 1 meets tomorrow (within the default 2 days) and in four weeks (not yet due).
first=$(date -u -d '+1 day' +%Y-%m-%dT10:00)
run meetings schedule --programme Demo --set "Set 1" --first "$first" --every 4w --count 2 \
  --duration 2h --tz UTC --location "Room 4" >/dev/null
mid=$(run meetings list --programme Demo --json | jq -r '.[0].id')

# One invitation per member of the set, each a REQUEST with the feed's UID.
sw "$url" notify >"$SCRATCH/n1"
expect_contains "$SCRATCH/n1" "sent 6," "notify sends the six invitations"
expect_contains "$SCRATCH/n1" "queued 6 meeting invitation(s)" "says what it queued"
[ "$(count box)" = 6 ] && pass || fail "six messages, got $(count box)"
check m1
[ "$(jq -r .method "$SCRATCH/m1" | sort -u)" = REQUEST ] && pass || fail "METHOD:REQUEST"
[ "$(jq -r .method_param "$SCRATCH/m1" | sort -u)" = REQUEST ] && pass || fail "Content-Type method=REQUEST"
[ "$(jq -r .sequence "$SCRATCH/m1" | sort -u)" = 0 ] && pass || fail "SEQUENCE 0"
[ "$(jq -r '.parts | join(",")' "$SCRATCH/m1" | sort -u)" = "text/plain,text/html,text/calendar" ] && pass || fail "text, HTML and calendar parts"
[ "$(jq -r .to "$SCRATCH/m1" | sort -u | wc -l)" = 6 ] && pass || fail "six different recipients"
run ics "$member" >"$SCRATCH/feed.ics"
feed_uid=$(grep -m1 '^UID:' "$SCRATCH/feed.ics" | tr -d '\r' | cut -d: -f2-)
[ "$(jq -r .uid "$SCRATCH/m1" | sort -u)" = "$feed_uid" ] && pass || fail "UID equals the feed's ($feed_uid)"
jq -r .unsubscribe "$SCRATCH/m1" | grep -q '^<http://127.0.0.1:8080/unsubscribe?token=' && pass || fail "List-Unsubscribe"
# RFC 6047: ORGANIZER is the sender, ATTENDEE the one recipient, and RFC 8058's Post header.
"$PY" - "$SCRATCH/box" "$FROM" <<'PY' || fail "iMIP ORGANIZER/ATTENDEE"
import email, email.policy, glob, sys, icalendar
for path in glob.glob(sys.argv[1] + "/*.eml"):
    msg = email.message_from_binary_file(open(path, "rb"), policy=email.policy.default)
    assert str(msg["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click", path
    cal = [p for p in msg.walk() if p.get_content_type() == "text/calendar"][0]
    ev = icalendar.Calendar.from_ical(cal.get_content()).walk("VEVENT")[0]
    assert str(ev["ORGANIZER"]).lower() == "mailto:" + sys.argv[2], ev["ORGANIZER"]
    att = ev["ATTENDEE"]
    assert not isinstance(att, list), "one attendee"
    assert str(att).lower() == "mailto:" + str(msg["To"]).lower(), (att, msg["To"])
    assert att.params["PARTSTAT"] == "NEEDS-ACTION" and att.params["CN"]
PY
pass

# notify twice: nothing new the second time.
sw "$url" notify >"$SCRATCH/n2"
expect_contains "$SCRATCH/n2" "sent 0," "the second notify sends nothing"
[ "$(count box)" = 6 ] && pass || fail "still six messages, got $(count box)"

# A move sends an update: same UID, SEQUENCE 1.
run meetings move "$mid" --to "$(date -u -d '+1 day' +%Y-%m-%dT14:00)" >/dev/null
rm -f "$SCRATCH"/box/*.eml
sw "$url" notify >"$SCRATCH/n3"
expect_contains "$SCRATCH/n3" "queued 0 meeting invitation(s), 6 update(s)" "six updates"
check m3
[ "$(jq -r .uid "$SCRATCH/m3" | sort -u)" = "$feed_uid" ] && pass || fail "the update keeps the UID"
[ "$(jq -r .sequence "$SCRATCH/m3" | sort -u)" = 1 ] && pass || fail "SEQUENCE 1 after the move"
[ "$(jq -r .method "$SCRATCH/m3" | sort -u)" = REQUEST ] && pass || fail "an update is a REQUEST"
jq -r .subject "$SCRATCH/m3" | grep -q '^Moved: ' && pass || fail "the subject says it moved"

# The unsubscribe link: the GET shows a confirmation and writes nothing; the POST opts out.
link=$(jq -r .unsubscribe "$SCRATCH/m3" | head -1 | tr -d '<>')
victim=$(jq -r .to "$SCRATCH/m3" | head -1)
path=${link#http://127.0.0.1:8080}
start_server "$db"
before=$(sqlite3 "$db" .dump | sha256sum)
code=$(curl -s -o "$SCRATCH/u.html" -w '%{http_code}' "$URL$path")
expect_status 200 "$code" "the unsubscribe GET answers"
expect_contains "$SCRATCH/u.html" "$victim" "names the address"
[ "$(sqlite3 "$db" .dump | sha256sum)" = "$before" ] && pass || fail "the unsubscribe GET wrote to the database"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/unsubscribe?token=nonsense")
expect_status 404 "$code" "an unknown token"
code=$(curl -s -o "$SCRATCH/u2.html" -w '%{http_code}' --data 'List-Unsubscribe=One-Click' "$URL$path")
expect_status 200 "$code" "the one-click POST"
[ "$(sqlite3 "$db" "SELECT count(*) FROM mail_optout WHERE email = lower('$victim')")" = 1 ] && pass || fail "the POST wrote mail_optout"
stop_server

# A cancellation: METHOD:CANCEL to the five who still want reminders.
run meetings cancel "$mid" >/dev/null
rm -f "$SCRATCH"/box/*.eml
sw "$url" notify >"$SCRATCH/n4"
expect_contains "$SCRATCH/n4" "5 cancellation(s)" "five cancellations"
check m4
[ "$(jq -r .method "$SCRATCH/m4" | sort -u)" = CANCEL ] && pass || fail "METHOD:CANCEL"
[ "$(jq -r .method_param "$SCRATCH/m4" | sort -u)" = CANCEL ] && pass || fail "Content-Type method=CANCEL"
[ "$(jq -r .sequence "$SCRATCH/m4" | sort -u)" = 2 ] && pass || fail "SEQUENCE 2 after the cancel"
[ "$(jq -r .status "$SCRATCH/m4" | sort -u)" = CANCELLED ] && pass || fail "STATUS:CANCELLED"
[ "$(jq -r .uid "$SCRATCH/m4" | sort -u)" = "$feed_uid" ] && pass || fail "the cancel keeps the UID"
expect_not_contains "$SCRATCH/m4" "\"to\": \"$victim\"" "the opted-out member gets nothing"
sw "$url" notify >"$SCRATCH/n5"
expect_contains "$SCRATCH/n5" "sent 0," "nothing more after the cancel"

# An action falling due tomorrow: one mail to its owner, once; none for a done one.
owner=$(sqlite3 "$db" "SELECT id FROM people WHERE lower(email) <> lower('$victim') ORDER BY id LIMIT 1")
owner_email=$(sqlite3 "$db" "SELECT email FROM people WHERE id = $owner")
due=$(date -u -d '+1 day' +%Y-%m-%d)
sqlite3 "$db" "INSERT INTO meeting_actions (meeting_id, owner_id, body, due_on) VALUES ($mid, $owner, 'Call the supplier', '$due');
  INSERT INTO meeting_actions (meeting_id, owner_id, body, due_on, status) VALUES ($mid, $owner, 'Done already', '$due', 'done');
  INSERT INTO member_notices (person_id, programme_id, body) VALUES ($owner, 1, 'You move from Set 1 to Set 2.');"
rm -f "$SCRATCH"/box/*.eml
sw "$url" notify >"$SCRATCH/n6"
expect_contains "$SCRATCH/n6" "1 action(s) falling due, 1 set-change notice(s)" "one action and one notice"
[ "$(count box)" = 2 ] && pass || fail "two messages, got $(count box)"
check m6
grep '"subject": "Your action falls due' "$SCRATCH/m6" | jq -r .text >"$SCRATCH/action.txt"
expect_contains "$SCRATCH/action.txt" "Call the supplier" "the action's text"
expect_not_contains "$SCRATCH/m6" "Done already" "no mail for a done action"
[ "$(jq -r .to "$SCRATCH/m6" | sort -u)" = "$(echo "$owner_email" | tr 'A-Z' 'a-z')" ] && pass || fail "both to the owner"
[ "$(sqlite3 "$db" "SELECT count(*) FROM member_notices WHERE mailed_at IS NOT NULL")" = 1 ] && pass || fail "notice marked mailed"
sw "$url" notify >"$SCRATCH/n7"
expect_contains "$SCRATCH/n7" "sent 0," "the action and the notice go once"
[ "$(count box)" = 2 ] && pass || fail "still two, got $(count box)"

# The programme's reminder days on its edit page: 0 sends no invitations, 2 sends them again.
run users demo >"$SCRATCH/logins.txt"
PARTICIPANT=$(sed -n 's/^  participant  //p' "$SCRATCH/logins.txt")
run meetings schedule --programme Demo --set "Set 2" --first "$first" --every 4w --count 1 \
  --duration 2h --tz UTC --location "Room 5" >/dev/null
start_server "$db"
A="$SCRATCH/jar.admin"
expect_status 303 "$(login "$A" admin@demo.example)" "admin logs in"
curl -s -b "$A" "$URL/programmes/1/edit" -o "$SCRATCH/edit.html"
grep -q 'name="reminder_days"[^>]*value="2"' "$SCRATCH/edit.html" && pass || fail "the edit page shows 2 reminder days"
edit() { post "$A" /programmes/1/edit --data "name=Demo&set_size_min=5&set_size_max=7&reminder_days=$1"; }
expect_status 400 "$(edit 61)" "61 days refused"
expect_status 400 "$(edit two)" "words refused"
expect_status 303 "$(edit 0)" "0 days saved"
[ "$(sqlite3 "$db" "SELECT reminder_days FROM programmes WHERE id = 1")" = 0 ] && pass || fail "reminder_days stored"
rm -f "$SCRATCH"/box/*.eml
sw "$url" notify >"$SCRATCH/n8"
[ "$(count box)" = 0 ] && pass || fail "no invitations when reminders are off for the programme"
expect_status 303 "$(edit 2)" "2 days saved"
sw "$url" notify >"$SCRATCH/n9"
expect_contains "$SCRATCH/n9" "queued 6 meeting invitation(s)" "Set 2's six invitations"

# The Account page's switch writes mail_optout for the logged-in person, and back.
P="$SCRATCH/jar.participant"
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant logs in"
curl -s -b "$P" "$URL/account" -o "$SCRATCH/account.html"
expect_contains "$SCRATCH/account.html" "Turn reminders off" "the Account page has the switch"
expect_status 303 "$(post "$P" /account/reminders --data reminders=off)" "reminders off"
[ "$(sqlite3 "$db" "SELECT count(*) FROM mail_optout WHERE email = lower('$PARTICIPANT')")" = 1 ] && pass || fail "switch wrote mail_optout"
curl -s -b "$P" "$URL/account" -o "$SCRATCH/account.html"
expect_contains "$SCRATCH/account.html" "Turn reminders on" "the switch shows off"
expect_status 400 "$(post "$P" /account/reminders --data reminders=maybe)" "a bad value refused"
expect_status 303 "$(post "$P" /account/reminders --data reminders=on)" "reminders on"
[ "$(sqlite3 "$db" "SELECT count(*) FROM mail_optout WHERE email = lower('$PARTICIPANT')")" = 0 ] && pass || fail "switch removed mail_optout"
stop_server

# The sender thread of `setwork serve` queues reminders too: a move of Set 2's meeting reaches
# its six members without `setwork notify`.
run meetings move "$(run meetings list --programme Demo --set "Set 2" --json | jq -r '.[0].id')" \
  --to "$(date -u -d '+1 day' +%Y-%m-%dT16:00)" >/dev/null
rm -f "$SCRATCH"/box/*.eml
SETWORK_SMTP_URL=$url SETWORK_MAIL_FROM=$FROM start_server "$db"
for _ in $(seq 1 100); do
  [ "$(count box)" -ge 6 ] && break
  sleep 0.2
done
stop_server
[ "$(count box)" = 6 ] && pass || fail "serve sent six updates, got $(count box)"
check m10
[ "$(jq -r .sequence "$SCRATCH/m10" | sort -u)" = 1 ] && pass || fail "serve's updates carry SEQUENCE 1"
jq -r .unsubscribe "$SCRATCH/m10" | grep -q "^<$URL/unsubscribe?token=" && pass || fail "serve links to itself"

# An address the mail layer refuses is skipped with a reason; the others still get theirs.
set2=$(run meetings list --programme Demo --set "Set 2" --json | jq -r '.[0].id')
sqlite3 "$db" "UPDATE people SET email = 'bad address@x.example'
  WHERE id = (SELECT person_id FROM set_members WHERE set_id = 2 ORDER BY person_id LIMIT 1)"
run meetings move "$set2" --to "$(date -u -d '+1 day' +%Y-%m-%dT17:00)" >/dev/null
rm -f "$SCRATCH"/box/*.eml
set +e
sw "$url" notify >"$SCRATCH/n11" 2>"$SCRATCH/e11"
rc=$?
set -e
expect_status 0 "$rc" "notify with one bad address"
expect_contains "$SCRATCH/n11" "queued 0 meeting invitation(s), 5 update(s)" "five updates"
expect_contains "$SCRATCH/e11" "skipped 1 reminder(s)" "the bad address is skipped"
expect_contains "$SCRATCH/e11" "bad address@x.example" "and named"
[ "$(count box)" = 5 ] && pass || fail "five messages, got $(count box)"

finish
