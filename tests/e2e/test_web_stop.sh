#!/usr/bin/env bash
# A graceful stop: SIGTERM while an upload is still arriving lets that request finish (and its
# write commit: the file kept for its preview) before the server exits with status 0; new
# connections are refused meanwhile.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
A="$SCRATCH/admin"
expect_status 303 "$(login "$A" admin@demo.example)" "admin logs in"
csrf=$(page_csrf "$A")
{
  echo "name,email,department"
  for i in $(seq 1 3000); do echo "Person $i,person.$i@slow.example,Dept $((i % 7))"; done
} >"$SCRATCH/big.csv"
# About 100 kB at 40 kB/s: the upload takes over two seconds.
curl -s -o "$SCRATCH/upload.html" -w '%{http_code}' --limit-rate 40k -b "$A" -F "csrf=$csrf" \
  -F "file=@$SCRATCH/big.csv" "$URL/programmes/1/import" >"$SCRATCH/upload.status" &
upload=$!
sleep 1
kill -TERM "$SERVER_PID"
sleep 0.3
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -b "$A" "$URL/" || true)
[ "$code" = 000 ] && pass || fail "a new request during the stop got $code, expected refusal"
wait "$upload"
expect_status 200 "$(cat "$SCRATCH/upload.status")" "upload in flight finished"
expect_contains "$SCRATCH/upload.html" "3000 new" "its preview was made"
wait "$SERVER_PID"
expect_status 0 $? "server exited cleanly"
kept=$(sqlite3 "$SCRATCH/db" "SELECT length(content) FROM import_previews")
expect_status "$(wc -c <"$SCRATCH/big.csv")" "$kept" "the uploaded file is in the store after the stop"
finish
