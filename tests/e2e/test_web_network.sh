#!/usr/bin/env bash
# The network survey pages over HTTP: an admin opens waves, a participant answers with consent
# and sees their own network; privacy: a participant never gets another person's ego network,
# the whole network or the report, and never sees an email; facilitators see no survey data.
# Pages pass tidy; exports are well-formed; the anonymised picture carries no names.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
set +o pipefail # grep | head below
A="$SCRATCH/jar.a" P="$SCRATCH/jar.p" F="$SCRATCH/jar.f"
expect_status 303 "$(login "$A" admin@demo.example)" "admin login"
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant login"
expect_status 303 "$(login "$F" facilitator@demo.example)" "facilitator login"
acsrf=$(page_csrf "$A") pcsrf=$(page_csrf "$P")
tidy_ok() { tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "$1 not valid HTML: $(cat "$SCRATCH/tidy.txt")"; }

expect_status 404 "$(status "$P" GET /network/1)" "no wave yet"
status "$P" GET / >/dev/null
expect_not_contains "$SCRATCH/last.body" 'href="/network/1"' "no survey link before a wave exists"
expect_status 200 "$(status "$A" GET /programmes/1/network)" "admin page before waves"
tidy_ok "admin page before waves"
expect_status 303 "$(status "$A" POST /programmes/1/network/waves --data-urlencode "csrf=$acsrf" --data-urlencode name=baseline)" "open wave"

status "$P" GET / >/dev/null
expect_contains "$SCRATCH/last.body" 'href="/network/1"' "the survey link once a wave is open"
expect_status 200 "$(status "$P" GET /network/1)" "survey page"
tidy_ok "survey page"
expect_contains "$SCRATCH/last.body" "Who will see what" "privacy statement"
expect_not_contains "$SCRATCH/last.body" "@" "no emails for participants"
SELF=$(grep -o '/people/[0-9]*/ego.svg' "$SCRATCH/last.body" | head -1 | grep -o '[0-9]*' || true)
ids=$(grep -o 'type="checkbox" name="r[0-9]*" value="[0-9]*"' "$SCRATCH/last.body" | sed 's/.*value="//; s/"//' | head -3 | tr '\n' ' ')
set -- $ids
[ $# -eq 3 ] && pass || fail "people to pick: $ids"
field=$(grep -o 'type="checkbox" name="r[0-9]*"' "$SCRATCH/last.body" | head -1 | sed 's/.*name="//; s/"//')
total=$(grep -c 'type="checkbox" name="r' "$SCRATCH/last.body")
[ "$total" -ge 190 ] && pass || fail "whole roster listed: $total"
# The search without JavaScript narrows the list but keeps every field valid.
first=$(grep -o '<li data-search="[^"]*' "$SCRATCH/last.body" | head -1 | sed 's/.*="//' | cut -d' ' -f1)
status "$P" GET "/network/1?q=$first" >/dev/null
n=$(grep -c 'type="checkbox" name="r' "$SCRATCH/last.body")
[ "$n" -ge 1 ] && [ "$n" -lt "$total" ] && pass || fail "search for $first gave $n of $total"

# Consent is asked first, and forgetting it loses nothing: the form comes back as it was sent.
status "$P" GET /network/1 >/dev/null
c_at=$(grep -bo 'name="consent"' "$SCRATCH/last.body" | head -1 | cut -d: -f1)
f_at=$(grep -bo '<fieldset class="pick"' "$SCRATCH/last.body" | head -1 | cut -d: -f1)
[ -n "$c_at" ] && [ -n "$f_at" ] && [ "$c_at" -lt "$f_at" ] && pass || fail "consent before the names ($c_at, $f_at)"
expect_status 422 "$(status "$P" POST /network/1 --data-urlencode "csrf=$pcsrf" --data "$field=$1&$field=$2")" "no consent"
expect_contains "$SCRATCH/last.body" "Please agree to how your answers are used" "says what is missing"
expect_contains "$SCRATCH/last.body" "name=\"$field\" value=\"$1\" checked" "the first pick kept"
expect_contains "$SCRATCH/last.body" "name=\"$field\" value=\"$2\" checked" "the second pick kept"
[ "$(grep -c ' checked' "$SCRATCH/last.body")" = 2 ] && pass || fail "only the picks are ticked"
tidy_ok "survey shown again"
expect_status 422 "$(status "$P" POST /network/1 --data-urlencode "csrf=$pcsrf" --data "consent=yes&$field=999999")" "stranger id"
expect_status 303 "$(status "$P" POST /network/1 --data-urlencode "csrf=$pcsrf" --data "consent=yes&$field=$1&$field=$2")" "answer"
expect_status 200 "$(status "$P" GET /network/1/me)" "my network"
tidy_ok "my network"
# The person's own figures, each explained in a sentence.
expect_contains "$SCRATCH/last.body" "Your network in figures" "own figures"
expect_contains "$SCRATCH/last.body" "<dt>Contacts</dt><dd><strong>2</strong> people you named" "contacts explained"
expect_contains "$SCRATCH/last.body" "<dt>Constraint</dt>" "constraint shown"
expect_contains "$SCRATCH/last.body" "where new ideas travel" "constraint explained"
SELF=$(grep -o '/people/[0-9]*/ego.svg' "$SCRATCH/last.body" | grep -o '[0-9][0-9]*' | head -1)
expect_status 200 "$(status "$P" GET "/network/1/people/$SELF/ego.svg")" "own ego svg"
expect_contains "$SCRATCH/last.body" "<svg" "own ego svg"
# Privacy: someone else's ego network, the whole network, the report, the exports.
expect_status 404 "$(status "$P" GET "/network/1/people/$1/ego.svg")" "another's ego network"
expect_status 403 "$(status "$P" GET /programmes/1/network.svg)" "whole network"
expect_status 403 "$(status "$P" GET /programmes/1/network/anonymised.svg)" "anonymised network"
expect_status 403 "$(status "$P" GET /programmes/1/network.graphml)" "graphml"
expect_status 403 "$(status "$F" GET "/network/1/people/$SELF/ego.svg")" "facilitator and ego"
expect_status 403 "$(status "$F" GET /programmes/1/network)" "facilitator and report"
# The JavaScript form: one field with the ids; answering replaces the earlier answer.

expect_status 303 "$(status "$A" POST /programmes/1/network/waves --data-urlencode "csrf=$acsrf" --data-urlencode name=final)" "second wave"
status "$P" GET /network/1 >/dev/null
field=$(grep -o 'type="checkbox" name="r[0-9]*"' "$SCRATCH/last.body" | head -1 | sed 's/.*name="//; s/"//')
lfield="l${field#r}"
expect_status 303 "$(status "$P" POST /network/1 --data-urlencode "csrf=$pcsrf" --data "consent=yes&$lfield=$1,$2,$3")" "answer with the list field"
status "$P" GET /network/1 >/dev/null
expect_contains "$SCRATCH/last.body" 'value="'"$3"'" checked' "answer shown as picked"
expect_status 200 "$(status "$A" GET /programmes/1/network)" "admin report"
tidy_ok "admin report"
expect_contains "$SCRATCH/last.body" "baseline" "waves listed"
expect_contains "$SCRATCH/last.body" "0.5%" "response rate as a percentage"
expect_contains "$SCRATCH/last.body" "charts.svg" "charts when comparing"
expect_contains "$SCRATCH/last.body" "Compared over the 1 people who answered both waves" "says who is compared"
expect_contains "$SCRATCH/last.body" "Named downloads" "named downloads labelled"
expect_contains "$SCRATCH/last.body" "Anonymised download" "anonymised download labelled"
expect_status 200 "$(status "$A" GET /programmes/1/network.svg)" "named svg"
xmllint --noout "$SCRATCH/last.body" && pass || fail "named svg not well-formed"
expect_status 200 "$(status "$A" GET /programmes/1/network/charts.svg)" "charts svg"
expect_status 200 "$(status "$A" GET "/programmes/1/network/anonymised.svg?wave=final")" "anonymised svg"
expect_status 200 "$(status "$A" GET /programmes/1/network.graphml)" "graphml"
expect_contains "$SCRATCH/last.body" "<graphml" "graphml"
expect_status 200 "$(status "$A" GET /programmes/1/network/edges.csv)" "edges csv"
[ "$(wc -l <"$SCRATCH/last.body")" -eq 4 ] && pass || fail "edges: $(cat "$SCRATCH/last.body")"
expect_status 200 "$(status "$A" GET "/network/1/people/$SELF/ego.svg")" "admin sees an ego network"
finish
