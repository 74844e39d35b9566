#!/bin/sh
# Reminder queueing speed: 300 people in 50 sets of 6, 12 meetings each (600), reminder_days 60
# so that every first meeting and more fall in the window; `setwork notify` against a port
# that refuses, so the time is the queueing (and one refused connection). The first pass
# queues the invitations; the second finds nothing new. Usage: bench/reminders.sh BUILD_DIR
set -eu
bin=$1/setwork
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/b.db
"$bin" --db "$db" demo --people 300 >/dev/null
sqlite3 "$db" "INSERT INTO set_plans (id, programme_id, name, status) VALUES (900, 1, 'p', 'published');
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 50)
  INSERT INTO sets (id, plan_id, name, position) SELECT 1000 + i, 900, 'B' || i, i FROM k;
  INSERT INTO set_members SELECT 1000 + ((rn - 1) / 6) + 1, id
    FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM people) WHERE rn <= 300;
  UPDATE programmes SET reminder_days = 60;"
first=$(date -u -d '+1 day' +%Y-%m-%dT10:00)
for i in $(seq 1 50); do
  "$bin" --db "$db" meetings schedule --programme Demo --set "B$i" --first "$first" --every 4w \
    --count 12 --duration 2h --tz UTC --location Room >/dev/null
done
run() { SETWORK_SMTP_URL=smtp://127.0.0.1:9 SETWORK_MAIL_FROM=s@example.org "$bin" --db "$db" notify; }
for pass in first second; do
  start=$(date +%s.%N)
  run | tail -1
  end=$(date +%s.%N)
  echo "$pass pass: $(echo "$end - $start" | bc) s"
done
echo "outbox: $(sqlite3 "$db" 'SELECT count(*) FROM outbox') messages"
