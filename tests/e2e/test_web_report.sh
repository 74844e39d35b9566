#!/usr/bin/env bash
# The impact report page and its JSON: admins only, valid HTML with server-side SVG charts.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
admin="$SCRATCH/jar.admin"
login "$admin" admin@demo.example >/dev/null
code=$(curl -s -o "$SCRATCH/page.html" -w '%{http_code}' -b "$admin" "$URL/programmes/1/report")
[ "$code" = 200 ] && pass || fail "admin report page: status $code"
tidy -errors -quiet "$SCRATCH/page.html" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "report page: $(cat "$SCRATCH/tidy.txt")"
grep -q '<svg' "$SCRATCH/page.html" && pass || fail "report page has no SVG chart"
grep -q 'Participation' "$SCRATCH/page.html" && pass || fail "report page has no participation section"
part="$SCRATCH/jar.part"
login "$part" "$PARTICIPANT" >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$part" "$URL/programmes/1/report")
[ "$code" = 403 ] && pass || fail "participant got the report page: $code"
cp "$SCRATCH/page.html" "${SETWORK_BUILD_DIR:-/tmp}/report-page.html" 2>/dev/null || true
finish
