#!/usr/bin/env bash
# The privacy crawler (issue 14): a demo with namesakes and a marker in every kind of record
# (web/crawl_markers.tsv), crawled as admin, the facilitator of sets 1 and 2, a participant of
# set 1, a participant of set 5 and anonymously: every GET route (web/crawl_routes.tsv gives the
# ids; a route without a row fails) and every link. No foreign email, no marker outside its
# audience, nothing below k = 3. The cases and checks are in web/crawl.py.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" challenges demo --programme Demo >/dev/null
"$SETWORK" --db "$db" network demo --programme Demo >/dev/null
"$SETWORK" --db "$db" meetings schedule --programme Demo --first 2030-03-05T10:00 --every 4w \
  --count 3 --location "Room 4" >/dev/null
"$SETWORK" --db "$db" meetings demo --programme Demo >/dev/null
B=$(sqlite3 "$db" "SELECT p.email FROM people p JOIN set_members m ON m.person_id = p.id WHERE m.set_id = 5 ORDER BY p.id LIMIT 1")
"$SETWORK" --db "$db" users add "$B" --role participant --password setwork-demo >/dev/null
# A second programme of two people who answered both pulse surveys: fewer than k = 3, so no
# mean of theirs may appear anywhere (the crawler requests programme 2 as well).
{
  echo "email,name,organisation,department"
  echo "small.one@demo.example,Small One,Acme,Finance"
  echo "small.two@demo.example,Small Two,Acme,Finance"
} >"$SCRATCH/small.csv"
"$SETWORK" --db "$db" import "$SCRATCH/small.csv" --programme Small >/dev/null
for wave in start end; do
  {
    echo "email,ucla_companionship,ucla_left_out,ucla_isolated,work_someone_to_ask,work_part_of_community,work_talk_across,work_face_alone"
    echo "small.one@demo.example,1,2,1,3,3,2,1"
    echo "small.two@demo.example,2,1,2,2,3,3,2"
  } >"$SCRATCH/small-$wave.csv"
  "$SETWORK" --db "$db" survey import "$SCRATCH/small-$wave.csv" --programme Small --wave $wave >/dev/null
done
[ "$(sqlite3 "$db" "SELECT id FROM programmes WHERE name = 'Small'")" = 2 ] && pass || fail "programme 2 is Small"
web="$(dirname "$0")/web"
python3 "$web/crawl.py" plant "$db" "$web/crawl_markers.tsv" || fail "planting the markers"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
python3 "$web/crawl.py" crawl "$URL" "$db" "$SETWORK_SOURCE_DIR/src/web/http/routes.c" \
  "$web/crawl_routes.tsv" "$web/crawl_markers.tsv" >"$SCRATCH/crawl.txt" 2>&1 && pass ||
  fail "crawl: $(grep -v '^ok' "$SCRATCH/crawl.txt")"
cat "$SCRATCH/crawl.txt"
finish
