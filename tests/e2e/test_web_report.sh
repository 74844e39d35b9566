#!/usr/bin/env bash
# The impact report page and its JSON: admins only, valid HTML with server-side SVG charts.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
"$SETWORK" --db "$SCRATCH/db" network demo --programme Demo >/dev/null
"$SETWORK" --db "$SCRATCH/db" challenges demo --programme Demo >/dev/null
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
admin="$SCRATCH/jar.admin"
login "$admin" admin@demo.example >/dev/null
code=$(curl -s -o "$SCRATCH/page.html" -w '%{http_code}' -b "$admin" "$URL/programmes/1/report")
[ "$code" = 200 ] && pass || fail "admin report page: status $code"
tidy -errors -quiet "$SCRATCH/page.html" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "report page: $(cat "$SCRATCH/tidy.txt")"
grep -q '<svg' "$SCRATCH/page.html" && pass || fail "report page has no SVG chart"
grep -q 'Participation' "$SCRATCH/page.html" && pass || fail "report page has no participation section"
# A sponsor's page: the headline figures first and in words, labels not field names.
expect_contains "$SCRATCH/page.html" '<h2 id="headlines">In brief</h2>' "headlines section"
for raw in people_in_sets challenges_shared_with_cohort '<dt>available' effect_size; do
  expect_not_contains "$SCRATCH/page.html" "$raw" "no raw field name $raw"
done
token=$(api_token "$admin")
curl -s -H "Authorization: Bearer $token" "$URL/api/v1/programmes/1/report" -o "$SCRATCH/report.json"
value=$(jq -r '.headlines[] | select(.id == "contacts") | .value' "$SCRATCH/report.json")
[ -n "$value" ] && [ "$value" != "Not yet measured" ] && pass || fail "contacts headline: $value"
expect_contains "$SCRATCH/page.html" "<p class=\"figure\">$value</p>" "the page shows the API's figure"
share=$(jq -r '.network.cross_organisation_tie_share | "\(.before * 100 | round)% → \(.after * 100 | round)%"' "$SCRATCH/report.json")
expect_contains "$SCRATCH/page.html" "$share" "cross-organisation share in percent"
part="$SCRATCH/jar.part"
login "$part" "$PARTICIPANT" >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$part" "$URL/programmes/1/report")
[ "$code" = 403 ] && pass || fail "participant got the report page: $code"
cp "$SCRATCH/page.html" "${SETWORK_BUILD_DIR:-/tmp}/report-page.html" 2>/dev/null || true
finish
