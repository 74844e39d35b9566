#!/usr/bin/env bash
# A GET never writes: on a demo with rows in every table, every GET route of the route table
# (src/web/http/routes.c, each # replaced by real ids) is requested as each role (anonymous,
# participant, facilitator, admin; pages with the session cookie, the API with a token), and the
# database dump is the same before and after. Only the authentication bookkeeping may change:
# sessions.last_seen (the idle timeout needs it; touched at most once a minute) and
# api_tokens.last_used (shown on the account page), both blanked before the dumps are compared.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
sql() { sqlite3 "$db" "$1"; }
demo_db "$db"
"$SETWORK" --db "$db" challenges demo --programme Demo >/dev/null
"$SETWORK" --db "$db" network demo --programme Demo >/dev/null
"$SETWORK" --db "$db" meetings schedule --programme Demo --first 2030-03-05T10:00 --every 4w \
  --count 3 --location "Room 4" >/dev/null
"$SETWORK" --db "$db" meetings demo --programme Demo >/dev/null
# A plan saved by the command line with its own weights: the one GET /plans/N re-scored with the
# default weights and wrote back.
"$SETWORK" --db "$db" form --programme Demo --weights organisation=10 --iterations 2000 \
  --save "Heavy organisation" >/dev/null
"$SETWORK" --db "$db" users invite someone.new@demo.example --role participant >/dev/null
SELF=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
M1=$(sql "SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1")
M5=$(sql "SELECT id FROM meetings WHERE set_id = 5 ORDER BY starts_at LIMIT 1")
P1=$(sql "SELECT id FROM presentations WHERE meeting_id = $M1 ORDER BY id LIMIT 1")
[ -n "$SELF" ] && [ -n "$M1" ] && [ -n "$M5" ] && [ -n "$P1" ] || fail "setup: $SELF $M1 $M5 $P1"
# Rows no command writes, as their pages would.
sql "INSERT INTO meeting_questions(presentation_id, asker_id, body) VALUES ($P1, $SELF, 'Why?');
     INSERT INTO set_ground_rules(set_id, position, body) VALUES (1, 1, 'Listen first');
     INSERT INTO journal_entries(person_id, meeting_id, body) VALUES ($SELF, $M1, 'Noted');
     INSERT INTO network_consents(programme_id, person_id, granted, statement)
       VALUES (1, $SELF, 1, 'I agree');
     INSERT OR IGNORE INTO session_reviews(meeting_id, helped, learned_questioning)
       VALUES ($M1, 'The questions', 'Open ones');
     INSERT INTO member_notices(person_id, programme_id, body)
       VALUES ($SELF, 1, 'You have moved from Set 2 to Set 1 from 3 March 2026.');
     INSERT INTO plan_pins(plan_id, person_id, set_id)
       SELECT s.plan_id, m.person_id, s.id FROM sets s JOIN set_members m ON m.set_id = s.id
       ORDER BY s.plan_id DESC LIMIT 1;
     INSERT INTO plan_moves(plan_id, person_id, from_set_id, to_set_id)
       SELECT s.plan_id, m.person_id, s.id, s.id FROM sets s JOIN set_members m ON m.set_id = s.id
       ORDER BY s.plan_id DESC LIMIT 1;"

start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
ROLES=(anon participant facilitator admin)
declare -A JAR TOKEN
declare -A EMAIL=([participant]="$PARTICIPANT" [facilitator]=facilitator@demo.example
                  [admin]=admin@demo.example)
for role in "${ROLES[@]}"; do
  JAR[$role]="$SCRATCH/jar.$role"
  if [ "$role" = anon ]; then
    curl -s -c "${JAR[$role]}" "$URL/login" -o /dev/null
    continue
  fi
  expect_status 303 "$(login "${JAR[$role]}" "${EMAIL[$role]}")" "login as $role"
  TOKEN[$role]=$(api_token "${JAR[$role]}")
  [ -n "${TOKEN[$role]}" ] || fail "no API token for $role"
done
# A failed login (login_attempts), the participant's calendar feed, the timer, a mixer event with
# seats and an absence, and a plan formed on the web with a keep-apart rule (programme_rules).
expect_status 401 "$(login "$SCRATCH/jar.wrong" admin@demo.example wrong-password)" "a failed login"
expect_status 200 "$(post "${JAR[participant]}" /account/calendar)" "calendar feed link"
FEED=$(grep -o '/calendar/[0-9a-f]*\.ics' "$SCRATCH/last.body" | head -1)
[ -n "$FEED" ] || fail "no calendar feed link"
curl -s -o /dev/null -H "Authorization: Bearer ${TOKEN[participant]}" \
  -H 'Content-Type: application/json' --data '{"action": "start"}' "$URL/api/v1/meetings/$M1/timer"
expect_status 303 "$(post "${JAR[admin]}" /programmes/1/events --data 'name=Mixer&group_size=4&rounds=3')" \
  "create an event"
expect_status 303 "$(post "${JAR[admin]}" /events/1/generate)" "generate the event"
expect_status 303 "$(post "${JAR[admin]}" /events/1/absent --data 'person=5&round=3')" "an absence"
A=$(sql "SELECT email FROM people WHERE id = $SELF")
B=$(sql "SELECT email FROM people p JOIN set_members m ON m.person_id = p.id WHERE m.set_id = 5 LIMIT 1")
expect_status 303 "$(post "${JAR[admin]}" /programmes/1/form --data 'size_min=5&size_max=7&seconds=1' \
  --data-urlencode "apart=$A, $B")" "a plan formed on the web"
# Mail (migration 0012): without a mail server nothing is queued, so a message in the outbox
# and a reminder opt-out are put in directly.
sql "INSERT INTO outbox(idem_key, kind, recipient, subject, message_id, message, next_at, created_at)
     VALUES ('test:1', 'invitation', 'x@example.org', 'Hi', 'a@example.org', 'x', 0, 0)" >/dev/null
sql "INSERT INTO mail_optout(email, at) VALUES ('x@example.org', 0)" >/dev/null
# Reminders (migration 0016): what was sent about a meeting, and an unsubscribe link.
sql "INSERT INTO meeting_reminders(meeting_id, email, sequence, at) SELECT id, 'x@example.org', 0, 0
     FROM meetings LIMIT 1" >/dev/null
sql "INSERT INTO mail_unsubscribe(token_hash, email, created_at) VALUES ('00', 'y@example.org', 0)" >/dev/null

# The relations a wave asks (migration 0019).
sql "INSERT INTO network_wave_relations(wave_id, relation_id, position) SELECT max(w.id), min(r.id), 1
     FROM network_waves w, network_relations r WHERE w.programme_id = 1 AND r.programme_id = 1"
# Themes marked stale far in the future: the server's refresher leaves it alone.
sql "INSERT INTO theme_refresh(programme_id, changed_at) VALUES (1, 4102444800)"
# A cohort file kept for its import preview (migration 0021).
sql "INSERT INTO import_previews(programme_id, user_id, filename, content, digest, created_at)
     SELECT 1, id, 'c.csv', 'name,email', '00', 0 FROM users LIMIT 1" >/dev/null
# Every table holds a row, so that a GET that writes to any of them would show.
for t in $(sql "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"); do
  [ "$(sql "SELECT count(*) FROM \"$t\"")" -gt 0 ] || echo "$t"
done >"$SCRATCH/empty"
if [ -s "$SCRATCH/empty" ]; then fail "empty tables: $(tr '\n' ' ' <"$SCRATCH/empty")"; else pass; fi

# The dump, with the authentication bookkeeping blanked (a copy; the server keeps running).
dump() {
  rm -f "$SCRATCH/copy.db"
  sqlite3 "$db" ".backup '$SCRATCH/copy.db'"
  sqlite3 "$SCRATCH/copy.db" "UPDATE sessions SET last_seen = 0; UPDATE api_tokens SET last_used = NULL;"
  sqlite3 "$SCRATCH/copy.db" .dump >"$1"
}

# Candidate ids for the # after each kind of segment: the participant's own and others', and one
# that does not exist.
MATE=$(sql "SELECT person_id FROM set_members WHERE set_id = 1 AND person_id <> $SELF LIMIT 1")
STRANGER=$(sql "SELECT person_id FROM set_members WHERE set_id = 5 LIMIT 1")
declare -A IDS=(
  [programmes]="1 999"
  [plans]="$(sql "SELECT group_concat(id, ' ') FROM set_plans") 999"
  [people]="$SELF $MATE $STRANGER 999999"
  [sets]="1 2 5 999999"
  [meetings]="$M1 $M5 999999"
  [presentations]="$P1 999999"
  [events]="1 999"
  [network]="$(sql "SELECT group_concat(id, ' ') FROM network_waves") 999"
)
# expand PATTERN: every path for PATTERN, one a line.
expand() {
  local pattern=$1
  case "$pattern" in
    /static/\*) printf '%s\n' /static/style.css /static/app.js /static/nothing.css; return ;;
    /calendar/\*) printf '%s\n' "$FEED" /calendar/nothing.ics; return ;;
  esac
  local paths=("") seg kind=""
  IFS=/ read -ra segs <<<"${pattern#/}"
  for seg in "${segs[@]}"; do
    local next=()
    for p in "${paths[@]}"; do
      if [ "$seg" = "#" ]; then
        for id in ${IDS[$kind]:-1}; do next+=("$p/$id"); done
      else
        next+=("$p/$seg")
      fi
    done
    paths=("${next[@]}")
    [ "$seg" = "#" ] || kind=$seg
  done
  printf '%s\n' "${paths[@]}"
}
grep -oE '\{WEB_GET, "[^"]+"' "$SETWORK_SOURCE_DIR/src/web/http/routes.c" | sed -E 's/.*"([^"]+)"/\1/' |
  while read -r pattern; do expand "$pattern"; done >"$SCRATCH/paths"
[ "$(wc -l <"$SCRATCH/paths")" -ge 100 ] && pass || fail "only $(wc -l <"$SCRATCH/paths") paths"

dump "$SCRATCH/before.sql"
: >"$SCRATCH/codes"
while read -r path; do
  for role in "${ROLES[@]}"; do
    if [[ "$path" == /api/* ]]; then
      args=()
      [ "$role" != anon ] && args=(-H "Authorization: Bearer ${TOKEN[$role]}")
      code=$(curl -s -o /dev/null -w '%{http_code}' "${args[@]}" "$URL$path")
    else
      code=$(curl -s -o /dev/null -w '%{http_code}' -b "${JAR[$role]}" "$URL$path")
    fi
    echo "$code $role $path" >>"$SCRATCH/codes"
    # Stop at the first GET that writes, to name it.
    if [ "${CHECK_EACH:-0}" = 1 ]; then
      dump "$SCRATCH/now.sql"
      cmp -s "$SCRATCH/before.sql" "$SCRATCH/now.sql" || { echo "GET $path as $role wrote" >&2; break 2; }
    fi
  done
done <"$SCRATCH/paths"
dump "$SCRATCH/after.sql"
# The crawl reached the pages: each role got some 200s, nothing answered 500.
for role in "${ROLES[@]}"; do
  [ "$(grep -c "^200 $role " "$SCRATCH/codes")" -gt 0 ] && pass || fail "no page answered $role"
done
if grep -q '^5' "$SCRATCH/codes"; then fail "server errors: $(grep '^5' "$SCRATCH/codes" | head -3)"; else pass; fi
grep -q "^200 admin /plans/1$" "$SCRATCH/codes" && pass || fail "the admin did not see plan 1"
if cmp -s "$SCRATCH/before.sql" "$SCRATCH/after.sql"; then
  pass
else
  fail "a GET wrote to the database: $(diff "$SCRATCH/before.sql" "$SCRATCH/after.sql" | head -6)"
fi
finish
