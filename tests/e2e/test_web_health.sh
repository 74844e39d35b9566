#!/usr/bin/env bash
# The service's view of the server: one logfmt line per request on stderr (never a password,
# token or email), GET /healthz (200; 503 when the database file is gone or its migrations are
# not this version's), GET /metrics parsed by Debian's python3-prometheus-client.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
cd "$SCRATCH"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
A="$SCRATCH/admin"
expect_status 303 "$(login "$A" admin@demo.example)" "admin logs in"
ATOKEN=$(api_token "$A")
curl -s -o /dev/null -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/my/sets"
curl -s -o /dev/null "$URL/login?email=ada%40secret.example&token=querysecret"
curl -s -o /dev/null "$URL/no/such/page/ada@secret.example"
curl -s -o /dev/null -b "$A" "$URL/programmes/1"

# /healthz and /metrics from loopback.
code=$(curl -s -o health.txt -w '%{http_code}' "$URL/healthz")
expect_status 200 "$code" "healthz answers 200"
expect_contains health.txt "ok" "healthz says ok"
code=$(curl -s -o "$SCRATCH/metrics.txt" -D "$SCRATCH/metrics.headers" -w '%{http_code}' \
  "$URL/metrics")
expect_status 200 "$code" "metrics answers 200"
expect_contains "$SCRATCH/metrics.headers" "text/plain; version=0.0.4" "Prometheus content type"
/usr/bin/python3 - "$SCRATCH/metrics.txt" > "$SCRATCH/parsed.txt" 2>&1 <<'PY' && pass || {
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
req = fams["setwork_http_requests"]  # the parser drops _total from a counter's name
assert req.type == "counter", req.type
counts = {(s.labels["route"], s.labels["status"]): s.value for s in req.samples
          if s.name == "setwork_http_requests_total"}
assert counts.get(("/login", "200"), 0) >= 2, counts
assert counts.get(("/login", "303"), 0) == 1, counts
assert counts.get(("/programmes/#", "200"), 0) == 1, counts
assert counts.get(("-", "404"), 0) == 1, counts
assert counts.get(("/healthz", "200"), 0) == 1, counts
assert not any("@" in r or "secret" in r for r, _ in counts), counts
h = fams["setwork_http_request_duration_seconds"]
assert h.type == "histogram", h.type
buckets = [s for s in h.samples if s.name.endswith("_bucket")]
count = [s.value for s in h.samples if s.name.endswith("_count")][0]
assert buckets[-1].labels["le"] == "+Inf" and buckets[-1].value == count, buckets
assert all(a.value <= b.value for a, b in zip(buckets, buckets[1:])), "cumulative buckets"
assert count == sum(counts.values()), (count, counts)
assert fams["setwork_sessions"].samples[0].value >= 1, "the admin's session"
print("parsed", len(fams), "families,", int(count), "requests")
PY
  fail "the metrics do not parse as expected"
  sed 's/^/    | /' "$SCRATCH/parsed.txt" "$SCRATCH/metrics.txt" >&2
}

# The request log: one line per request, the route's pattern, never a secret.
log="$SCRATCH/server.err"
grep '^time=' "$log" > "$SCRATCH/lines.txt" || true
bad=$(grep -cvE '^time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}Z method=(GET|POST|HEAD|OTHER) route=[^ ]+ status=[0-9]{3} duration_ms=[0-9]+\.[0-9]{3} bytes=[0-9]+$' "$SCRATCH/lines.txt" || true)
expect_status 0 "$bad" "every log line has time, method, route, status, duration and bytes"
expect_contains "$SCRATCH/lines.txt" "method=POST route=/login status=303" "the login is logged"
expect_contains "$SCRATCH/lines.txt" "method=GET route=/programmes/# status=200" "pattern, not path"
expect_contains "$SCRATCH/lines.txt" "route=- status=404" "an unknown path is logged without it"
for secret in setwork-demo admin@demo.example ada secret "$ATOKEN" \
  "$(sed -n 's/.*\tsw_session\t//p' "$A")"; do
  expect_not_contains "$log" "$secret" "the log never holds '$secret'"
done

# /healthz: 503 when the file is gone (the server's open connections do not hide it), and
# when its migrations are not this version's; 200 again once put right.
mv "$SCRATCH/db" "$SCRATCH/db.away"
code=$(curl -s -o health.txt -w '%{http_code}' "$URL/healthz")
expect_status 503 "$code" "healthz is 503 when the database file is gone"
expect_contains health.txt "the database cannot be read" "and says why"
# Requests meanwhile never create a new empty database where the file was.
for _ in $(seq 1 12); do curl -s -o /dev/null "$URL/login"; curl -s -o /dev/null "$URL/healthz"; done
[ ! -e "$SCRATCH/db" ] && pass || fail "a request created a new database in place of the missing one"
mv "$SCRATCH/db.away" "$SCRATCH/db"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")
expect_status 200 "$code" "healthz is 200 when it is back"
if [ "$(id -u)" -ne 0 ]; then # root reads any file whatever its mode
  chmod 000 "$SCRATCH/db"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")
  expect_status 503 "$code" "healthz is 503 when the database file is unreadable"
  chmod 644 "$SCRATCH/db"
fi
sqlite3 "$SCRATCH/db" "INSERT INTO schema_migrations(version, name, applied_at)
  VALUES (9999, '9999_future.sql', 0)"
code=$(curl -s -o health.txt -w '%{http_code}' "$URL/healthz")
expect_status 503 "$code" "healthz is 503 when a newer version migrated the file"
expect_contains health.txt "migrations" "and says why"
sqlite3 "$SCRATCH/db" "DELETE FROM schema_migrations WHERE version = 9999"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")
expect_status 200 "$code" "healthz is 200 again"
stop_server

# --quiet: no request log.
start_server "$SCRATCH/db" --quiet
curl -s -o /dev/null "$URL/login"
expect_not_contains "$SCRATCH/server.err" "time=" "--quiet logs no requests"
stop_server
finish
