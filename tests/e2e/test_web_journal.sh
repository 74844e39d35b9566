#!/usr/bin/env bash
# The private journal over HTTP: dates as people read them (in the zone of their programme's
# meetings), a refused entry keeps what was typed, editing and deleting one's own entries (a
# delete asks first and a GET never deletes), and nobody else can edit, delete or read them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" meetings schedule --programme Demo --first 2030-03-05T10:00 --every 4w \
  --count 2 --location "Room 4" --tz America/New_York >/dev/null
sql() { sqlite3 "$db" "$1"; }
SELF=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
# An entry written at a known instant: 15:38 UTC is 10:38 in New York in December.
sql "INSERT INTO journal_entries(person_id, body, created_at)
     VALUES ($SELF, 'OLD-SECRET reflection', '2026-12-02T15:38:18Z')"
OLD=$(sql "SELECT id FROM journal_entries WHERE body LIKE 'OLD-SECRET%'")
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
for who in participant facilitator; do
  case $who in participant) email=$PARTICIPANT ;; *) email=$who@demo.example ;; esac
  expect_status 303 "$(login "$SCRATCH/$who" "$email")" "login $who"
done

expect_status 200 "$(status "$SCRATCH/participant" GET /journal)" "journal"
expect_contains "$SCRATCH/last.body" "Wed 2 Dec 2026, 10:38 EST" "date in the programme's zone"
expect_not_contains "$SCRATCH/last.body" "2026-12-02T15:38:18Z" "no raw timestamp"

# A refused entry shows the form again with the text typed, not a dead end.
long=$(head -c 4001 /dev/zero | tr '\0' 'x')
expect_status 422 "$(post "$SCRATCH/participant" /journal --data-urlencode "body=KEEP-ME $long")" \
  "too long refused"
expect_contains "$SCRATCH/last.body" "too long" "says why"
expect_contains "$SCRATCH/last.body" "KEEP-ME xxxx" "keeps what was typed"
expect_status 400 "$(post "$SCRATCH/participant" /journal --data-urlencode "body=")" "empty refused"

# Editing: the writer changes the text, and the page says it was edited.
expect_status 303 "$(post "$SCRATCH/participant" /journal/$OLD/edit \
  --data-urlencode "body=NEW-SECRET <b>second</b> thoughts")" "edit own entry"
[ "$(sql "SELECT body FROM journal_entries WHERE id = $OLD")" = "NEW-SECRET <b>second</b> thoughts" ] \
  && pass || fail "edit stored"
[ -n "$(sql "SELECT edited_at FROM journal_entries WHERE id = $OLD")" ] && pass || fail "edited_at stamped"
status "$SCRATCH/participant" GET /journal >/dev/null
expect_contains "$SCRATCH/last.body" "NEW-SECRET &lt;b&gt;second&lt;/b&gt; thoughts" "edited text, escaped"
expect_contains "$SCRATCH/last.body" "· edited" "marked as edited"
expect_status 422 "$(post "$SCRATCH/participant" /journal/$OLD/edit \
  --data-urlencode "body=TYPED-EDIT $long")" "too long an edit refused"
expect_contains "$SCRATCH/last.body" "TYPED-EDIT xxxx" "keeps the edit typed"
expect_contains "$SCRATCH/last.body" "<details class=\"journal-edit\" open>" "the edit box stays open"

# Nobody else edits or deletes it, and a miss looks like an absent entry.
for path in /journal/$OLD/edit /journal/$OLD/delete; do
  expect_status 404 "$(post "$SCRATCH/facilitator" "$path" --data-urlencode "body=HIJACK" \
    --data-urlencode "confirm=1")" "facilitator refused $path"
done
expect_status 404 "$(post "$SCRATCH/participant" /journal/999999/edit --data-urlencode "body=x")" \
  "no such entry"
[ "$(sql "SELECT COUNT(*) FROM journal_entries WHERE id = $OLD AND body LIKE 'NEW-SECRET%'")" = 1 ] \
  && pass || fail "entry untouched by others"

# Deleting asks first: the first POST only shows the question.
expect_status 200 "$(post "$SCRATCH/participant" /journal/$OLD/delete)" "delete asks"
expect_contains "$SCRATCH/last.body" "Delete this reflection?" "confirmation page"
expect_contains "$SCRATCH/last.body" 'name="confirm" value="1"' "confirmation form"
[ "$(sql "SELECT COUNT(*) FROM journal_entries WHERE id = $OLD")" = 1 ] && pass || fail "not deleted yet"
if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
  fail "tidy confirmation page: $(cat "$SCRATCH/tidy.txt")"
fi
expect_status 303 "$(post "$SCRATCH/participant" /journal/$OLD/delete --data-urlencode confirm=1)" \
  "delete confirmed"
[ "$(sql "SELECT COUNT(*) FROM journal_entries WHERE id = $OLD")" = 0 ] && pass || fail "deleted"
status "$SCRATCH/participant" GET /journal >/dev/null
expect_contains "$SCRATCH/last.body" "No reflections yet" "empty state says what to do"
if tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
  fail "tidy journal: $(cat "$SCRATCH/tidy.txt")"
fi
finish
