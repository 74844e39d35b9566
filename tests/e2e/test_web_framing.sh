#!/usr/bin/env bash
# HTTP framing over raw sockets (issue 14): ambiguous lengths, a NUL in the path, bodies over the
# pre-login limit (chunked too) and slow headers; the cases are in web/framing.py.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
port=${URL##*:}
python3 "$(dirname "$0")/web/framing.py" "$port" >"$SCRATCH/framing.txt" 2>&1 && pass || fail "framing: $(grep -v '^ok' "$SCRATCH/framing.txt")"
cat "$SCRATCH/framing.txt"
finish
