#!/usr/bin/env bash
# The pulse survey's waves open only in their windows: the start wave around the programme's
# start, the end wave around its end (pulse_window_days either side, set on the edit page).
# Outside its window a wave shows when it opens, takes no answers (409) and stores nothing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
sql() { sqlite3 "$db" "$1"; }
start=$(date -u -d '-10 days' +%Y-%m-%d)
end=$(date -u -d '+60 days' +%Y-%m-%d)
opens=$(date -u -d '+32 days' +%Y-%m-%d)
sql "UPDATE programmes SET starts_on = '$start', ends_on = '$end' WHERE id = 1"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
A="$SCRATCH/admin" P="$SCRATCH/part"
login "$A" admin@demo.example >/dev/null
login "$P" "$PARTICIPANT" >/dev/null
ME=$(sql "SELECT person_id FROM users WHERE email = '$PARTICIPANT'")
answers() { sql "SELECT COUNT(*) FROM survey_answers a JOIN survey_waves w ON w.id = a.wave_id WHERE a.person_id = $ME AND w.name = '$1'"; }

# The end wave, 60 days before the end with a 28-day window: not open yet, and says when.
expect_status 200 "$(status "$P" GET "/my/survey?wave=end")" "end survey page"
when=$(date -u -d "$opens" '+%-d %b %Y')
expect_contains "$SCRATCH/last.body" "The end-of-programme survey opens on $when, 28 days before the programme ends." \
  "says when it opens"
expect_not_contains "$SCRATCH/last.body" 'name="q0"' "no questions to answer yet"
expect_status 409 "$(post "$P" /my/survey --data-urlencode wave=end --data-urlencode q0=2 \
  --data-urlencode partial_ok=1)" "an early end answer refused"
[ "$(answers end)" = 0 ] && pass || fail "nothing stored"

# The start wave, 10 days after the start: open.
expect_status 200 "$(status "$P" GET "/my/survey?wave=start")" "start survey page"
expect_contains "$SCRATCH/last.body" 'name="q0"' "the start survey takes answers"
expect_status 200 "$(post "$P" /my/survey --data-urlencode wave=start --data-urlencode q0=2 \
  --data-urlencode partial_ok=1)" "a start answer"
[ "$(answers start)" = 1 ] && pass || fail "the start answer stored"

# A narrower window, set on the edit page, closes the start wave: it says so.
expect_status 200 "$(status "$A" GET /programmes/1/edit)" "edit page"
expect_contains "$SCRATCH/last.body" 'name="pulse_window_days"' "the window on the edit page"
sql "UPDATE programmes SET pulse_window_days = 7 WHERE id = 1"
closed=$(date -u -d "$start +7 days" '+%-d %b %Y')
status "$P" GET "/my/survey?wave=start" >/dev/null
expect_contains "$SCRATCH/last.body" "The start-of-programme survey closed on $closed." "closed, and when"
expect_contains "$SCRATCH/last.body" '<table class="answers">' "the person's own answers stay visible"

# Without dates both waves are open, as before.
sql "UPDATE programmes SET starts_on = NULL, ends_on = NULL WHERE id = 1"
status "$P" GET "/my/survey?wave=end" >/dev/null
expect_contains "$SCRATCH/last.body" 'name="q0"' "no dates, no window"
finish
