#!/usr/bin/env bash
# Several relations in one network survey wave (issue 16): the lead chooses them when opening the
# wave, the participant is asked each (answers kept when consent is forgotten), a later wave asks
# only its own relations and leaves the others' answers alone, and the report is read per
# relation with every relation together as the default.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
set +o pipefail # grep | head below
sql() { sqlite3 "$db" "$1"; }
A="$SCRATCH/jar.a" P="$SCRATCH/jar.p"
login "$A" admin@demo.example >/dev/null
login "$P" "$PARTICIPANT" >/dev/null
tidy_ok() { tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "$1 not valid HTML: $(cat "$SCRATCH/tidy.txt")"; }

expect_status 200 "$(status "$A" GET /programmes/1/network)" "the report before any wave"
expect_contains "$SCRATCH/last.body" '<label for="relations">Relations to ask, one a line</label>' \
  "the wave form asks for relations"
tidy_ok "the report with the wave form"
long=$(printf 'x%.0s' $(seq 1 101))
expect_status 400 "$(post "$A" /programmes/1/network/waves --data name=w1 --data-urlencode "relations=$long")" \
  "a relation too long"
expect_contains "$SCRATCH/last.body" "100 characters" "says the limit"
[ "$(sql "SELECT COUNT(*) FROM network_waves")" = 0 ] && pass || fail "nothing opened on an error"
expect_status 303 "$(post "$A" /programmes/1/network/waves --data name=baseline \
  --data-urlencode $'relations=go to for advice\r\n  know well \r\n\r\nGo to for advice')" "a wave with two relations"
[ "$(sql "SELECT group_concat(r.name, '|') FROM network_wave_relations w JOIN network_relations r
          ON r.id = w.relation_id ORDER BY w.position")" = "go to for advice|know well" ] && pass ||
  fail "two relations, trimmed and each once"
ADVICE=$(sql "SELECT id FROM network_relations WHERE name = 'go to for advice'")
KNOW=$(sql "SELECT id FROM network_relations WHERE name = 'know well'")

# The participant is asked both, in order, consent first; forgetting consent keeps every pick.
expect_status 200 "$(status "$P" GET /network/1)" "the survey"
tidy_ok "the survey with two relations"
expect_contains "$SCRATCH/last.body" "Whom do you go to for advice?" "the first relation asked"
expect_contains "$SCRATCH/last.body" "Whom do you know well?" "the second relation asked"
a_at=$(grep -bo "data-relation=\"$ADVICE\"" "$SCRATCH/last.body" | head -1 | cut -d: -f1)
k_at=$(grep -bo "data-relation=\"$KNOW\"" "$SCRATCH/last.body" | head -1 | cut -d: -f1)
[ -n "$a_at" ] && [ -n "$k_at" ] && [ "$a_at" -lt "$k_at" ] && pass || fail "in the order given"
ids=$(grep -o "name=\"r$ADVICE\" value=\"[0-9]*\"" "$SCRATCH/last.body" | sed 's/.*value="//; s/"//' | head -3 | tr '\n' ' ')
set -- $ids
expect_status 422 "$(post "$P" /network/1 --data "r$ADVICE=$1&r$KNOW=$2&r$KNOW=$3")" "no consent"
expect_contains "$SCRATCH/last.body" "name=\"r$ADVICE\" value=\"$1\" checked" "the advice pick kept"
expect_contains "$SCRATCH/last.body" "name=\"r$KNOW\" value=\"$2\" checked" "the first know-well pick kept"
expect_contains "$SCRATCH/last.body" "name=\"r$KNOW\" value=\"$3\" checked" "the second know-well pick kept"
[ "$(sql "SELECT COUNT(*) FROM network_ties")" = 0 ] && pass || fail "nothing saved without consent"
expect_status 303 "$(post "$P" /network/1 --data "consent=yes&r$ADVICE=$1&r$KNOW=$2&r$KNOW=$3")" "the answer"
[ "$(sql "SELECT relation_id || ':' || COUNT(*) FROM network_ties GROUP BY relation_id ORDER BY relation_id" | tr '\n' ' ')" \
  = "$ADVICE:1 $KNOW:2 " ] && pass || fail "each relation saved: $(sql "SELECT relation_id, to_id FROM network_ties")"

# The report: every relation together by default, one relation when chosen, and its downloads.
expect_status 200 "$(status "$A" GET /programmes/1/network)" "the report"
tidy_ok "the report with a relation selector"
expect_contains "$SCRATCH/last.body" '<label for="relation">Relation shown</label>' "a relation selector"
expect_contains "$SCRATCH/last.body" "<option value=\"know well\">Whom do you know well?</option>" "each relation offered"
named() { sed -n '/<h2[^>]*>People<\/h2>/,$p' "$SCRATCH/last.body" |
  grep -o '</a></td><td>yes</td><td class="num">[0-9]*' | sed 's/.*">//'; }
[ "$(named)" = 3 ] && pass || fail "every relation together by default: $(named)"
expect_status 200 "$(status "$A" GET "/programmes/1/network?wave=baseline&relation=know%20well")" "one relation"
tidy_ok "the report for one relation"
[ "$(named)" = 2 ] && pass || fail "know well alone: $(named)"
expect_contains "$SCRATCH/last.body" "<option value=\"know well\" selected>" "the relation chosen is shown"
expect_contains "$SCRATCH/last.body" "nodes.csv?wave=baseline&amp;relation=know%20well" "downloads follow the relation"
status "$A" GET "/programmes/1/network/edges.csv?wave=baseline&relation=go%20to%20for%20advice" >/dev/null
[ "$(($(wc -l <"$SCRATCH/last.body") - 1))" = 1 ] && pass || fail "the advice edges alone: $(cat "$SCRATCH/last.body")"
expect_status 404 "$(status "$A" GET "/programmes/1/network?relation=nothing")" "an unknown relation"

# A later wave asks only its own relation and leaves the earlier answers as they were.
expect_status 303 "$(post "$A" /programmes/1/network/waves --data name=midpoint --data-urlencode "relations=know well")" \
  "a wave with one relation"
expect_status 200 "$(status "$P" GET /network/1)" "the later survey"
expect_not_contains "$SCRATCH/last.body" "Whom do you go to for advice?" "the other relation is not asked"
expect_status 303 "$(post "$P" /network/1 --data "consent=yes&r$KNOW=$1")" "the later answer"
W2=$(sql "SELECT id FROM network_waves WHERE name = 'midpoint'")
[ "$(sql "SELECT COUNT(*) FROM network_ties WHERE wave_id = $W2 AND relation_id = $KNOW")" = 1 ] && pass ||
  fail "the later wave saved"
[ "$(sql "SELECT COUNT(*) FROM network_ties WHERE wave_id <> $W2")" = 3 ] && pass || fail "the first wave untouched"
finish
