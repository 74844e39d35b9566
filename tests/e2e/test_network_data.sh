#!/usr/bin/env bash
# Network data without surprises (issue 18): density as the help defines it (Zachary's karate
# club: contact density 0.139, nomination density 0.070, both labelled in --json at full
# precision); an unknown --relation is an error; "I know nobody here" (an empty to_email) is an
# answer that counts as a response, on the command line and in the web survey; the comparison
# judges "inside a set" by the plan in force when the later wave began, not one saved after, and
# leaves out (and counts) people who answered only one wave.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
cases="$(dirname "$0")/cases"
db="$SCRATCH/n.db"
run() { set +e; "$SETWORK" --db "$db" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; status=$?; set -e; }
json_is() { # json_is JQ_EXPR WANT WHAT
  local got
  got=$(jq -r "$1" "$SCRATCH/out")
  if [ "$got" = "$2" ]; then pass; else fail "$3: $1 is $got, expected $2"; fi
}
sql() { sqlite3 "$db" "$1"; }

# --- Density: the karate club, each friendship written once as a nomination.
"$SETWORK" --db "$db" import "$cases/network-karate/cohort.csv" --programme Karate >/dev/null
"$SETWORK" --db "$db" network import "$cases/network-karate/ties.csv" --programme Karate --wave w1 >/dev/null
run network report --programme Karate
expect_status 0 "$status" "karate report"
expect_contains "$SCRATCH/out" "34 people, 78 nominations, 78 pairs in contact; density 0.139" "text density is the contact density"
expect_contains "$SCRATCH/out" "nominations / ordered pairs: 0.070" "text names the nomination density"
run network report --programme Karate --json
json_is '.cohort.density * 1000 | round' 139 "JSON density is the contact density"
json_is '.cohort.nomination_density * 1000 | round' 70 "JSON nomination density, labelled"
json_is '.cohort.density_definitions.contact_density' "pairs in contact (either named the other) / all pairs, n(n-1)/2" "density defined"
# Full precision: 78/561 to 17 significant digits, not rounded to 6 or 10.
python3 - "$SCRATCH/out" <<'PY' && pass || fail "JSON density at full precision"
import json, sys
c = json.load(open(sys.argv[1]))["cohort"]
assert c["contact_density"] == 78 / 561, c["contact_density"]
assert c["nomination_density"] == 78 / 1122, c["nomination_density"]
PY
grep -q '"contact_density": 0.13903743315508021' "$SCRATCH/out" && pass || fail "17 significant digits in the JSON text"

# --- An unknown relation is an error, on report and export alike; case does not matter.
run network report --programme Karate --relation nosuch
expect_status 1 "$status" "report --relation nosuch"
expect_contains "$SCRATCH/err" "the programme has no relation 'nosuch'; its relation is 'knows'" "says which relations exist"
run network export --programme Karate --wave w1 --relation nosuch
expect_status 1 "$status" "export --relation nosuch"
expect_contains "$SCRATCH/err" "no relation 'nosuch'" "export says so"
run network report --programme Karate --relation KNOWS --json
expect_status 0 "$status" "a relation in another case"
json_is .cohort.ties 78 "relation KNOWS keeps every tie"
# The help says what density and strength mean.
"$SETWORK" help network >"$SCRATCH/help" 2>&1 || true
expect_contains "$SCRATCH/help" "Every metric is unweighted" "help: metrics unweighted"
expect_contains "$SCRATCH/help" "Strength is used by two further figures only, labelled weighted" "help: strength"
expect_contains "$SCRATCH/help" "Density is the contact density" "help: density"

# --- "I know nobody here" on the command line.
"$SETWORK" --db "$db" import "$cases/network/cohort.csv" --programme Net >/dev/null
cat >"$SCRATCH/nobody.csv" <<'CSV'
from_email,to_email,relation,strength
ada@example.org,bob@example.org,knows,3
flo@example.org,,knows,
gus@example.org,,,
CSV
run network import "$SCRATCH/nobody.csv" --programme Net --wave baseline --json
expect_status 0 "$status" "import with nobody rows"
json_is .respondents 3 "nobody rows count as respondents"
json_is .named_nobody 2 "two named nobody"
json_is .ties 1 "one tie"
run network report --programme Net --wave baseline --json
json_is '.waves[0].respondents' 3 "response count includes those who know nobody"
json_is '.people[] | select(.email == "flo@example.org") | .responded' true "flo answered"
json_is '.people[] | select(.email == "flo@example.org") | .isolated' true "flo named nobody"
# Contradictions and strengths on a nobody row are refused, and nothing is written.
cat >"$SCRATCH/both.csv" <<'CSV'
from_email,to_email,relation,strength
cy@example.org,,knows,
cy@example.org,di@example.org,knows,
di@example.org,,knows,5
CSV
run network import "$SCRATCH/both.csv" --programme Net --wave baseline
expect_status 1 "$status" "nobody and a name refused"
expect_contains "$SCRATCH/err" "cy@example.org names nobody here, but line 3 names di@example.org" "says which lines collide"
expect_contains "$SCRATCH/err" "both.csv:4: column 'strength'" "the strength's line and field"
expect_contains "$SCRATCH/err" "a row that names nobody (to_email empty) has no strength" "no strength on nobody"
[ "$(sql "SELECT COUNT(*) FROM network_responses r JOIN people p ON p.id = r.person_id WHERE p.email IN ('cy@example.org', 'di@example.org')")" = 0 ] &&
  pass || fail "nothing written"

# --- The plan in force, and people who answered only one wave.
# Baseline: ada, bob, cy, di answer; final: the same four, and ada now names cy. Flo and gus
# answer only the baseline above (nobody rows), ed never.
cat >"$SCRATCH/b.csv" <<'CSV'
from_email,to_email,relation
bob@example.org,di@example.org,knows
cy@example.org,,knows
di@example.org,,knows
CSV
cat >"$SCRATCH/f.csv" <<'CSV'
from_email,to_email,relation
ada@example.org,bob@example.org,knows
ada@example.org,cy@example.org,knows
bob@example.org,di@example.org,knows
cy@example.org,,knows
di@example.org,,knows
CSV
"$SETWORK" --db "$db" network import "$SCRATCH/b.csv" --programme Net --wave baseline >/dev/null
"$SETWORK" --db "$db" network import "$SCRATCH/f.csv" --programme Net --wave final >/dev/null
prog=$(sql "SELECT id FROM programmes WHERE name = 'Net'")
final=$(sql "SELECT id FROM network_waves WHERE programme_id = $prog AND name = 'final'")
baseline=$(sql "SELECT id FROM network_waves WHERE programme_id = $prog AND name = 'baseline'")
sql "UPDATE network_responses SET submitted_at = '2026-01-15T09:00:00Z' WHERE wave_id = $baseline;
  UPDATE network_ties SET recorded_at = '2026-01-15T09:00:00Z' WHERE wave_id = $baseline;
  UPDATE network_responses SET submitted_at = '2026-06-01T09:00:00Z' WHERE wave_id = $final;
  UPDATE network_ties SET recorded_at = '2026-06-01T09:00:00Z' WHERE wave_id = $final"
pid() { sql "SELECT id FROM people WHERE email = '$1@example.org'"; }
# Early (saved in May, before the final wave): ada and cy together. Late (saved and published
# in July, after it): ada and cy apart.
sql "INSERT INTO set_plans (id, programme_id, name, status, created_at) VALUES (901, $prog, 'Early', 'draft', '2026-05-01T00:00:00Z');
  INSERT INTO sets (id, plan_id, name, position) VALUES (9011, 901, 'E1', 1), (9012, 901, 'E2', 2);
  INSERT INTO set_members VALUES (9011, $(pid ada)), (9011, $(pid cy)), (9012, $(pid bob)), (9012, $(pid di));
  INSERT INTO set_plans (id, programme_id, name, status, created_at, published_at) VALUES (902, $prog, 'Late', 'published', '2026-07-01T00:00:00Z', '2026-07-01T00:00:00Z');
  INSERT INTO sets (id, plan_id, name, position) VALUES (9021, 902, 'L1', 1), (9022, 902, 'L2', 2);
  INSERT INTO set_members VALUES (9021, $(pid ada)), (9021, $(pid bob)), (9022, $(pid cy)), (9022, $(pid di));"
run network report --programme Net --compare baseline,final --json
expect_status 0 "$status" "compare"
json_is .compare.plan_in_force.name Early "the plan saved before the later wave, not the one after"
json_is .compare.plan_in_force.at 2026-06-01T09:00:00Z "when the later wave began"
json_is .compare.ties_gained_inside 1 "ada-cy gained inside Early's set"
json_is .compare.ties_gained_beyond 0 "nothing gained beyond"
json_is .compare.people_compared 4 "four answered both"
json_is .compare.left_out.answered_one_wave_only 2 "flo and gus answered one wave"
json_is .compare.left_out.answered_neither 1 "ed answered neither"
json_is .compare.ties_lost_beyond 0 "flo and gus lose nothing by skipping the final"
run network report --programme Net --compare baseline,final
expect_contains "$SCRATCH/out" "Compared over the 4 people who answered both 'baseline' and 'final'" "text says who is compared"
expect_contains "$SCRATCH/out" "warning: 2 people answered only one of the two waves and are left out" "text warns about those left out"
expect_contains "$SCRATCH/out" "Sets are those of plan 'Early', in force when 'final' began (2026-06-01T09:00:00Z)." "text names the plan"
# A plan published before the later wave wins over a newer draft saved before it.
sql "INSERT INTO set_plans (id, programme_id, name, status, created_at) VALUES (903, $prog, 'Draft', 'draft', '2026-05-20T00:00:00Z');
  UPDATE set_plans SET created_at = '2026-04-01T00:00:00Z', published_at = '2026-04-02T00:00:00Z', status = 'published' WHERE id = 902"
run network report --programme Net --compare baseline,final --json
json_is .compare.plan_in_force.name Late "the plan published before the later wave"
json_is .compare.ties_gained_inside 0 "ada and cy are apart in Late"
json_is .compare.ties_gained_beyond 1 "so their tie is beyond"
# Membership at the later wave's time, not the plan's layout now (issue 13): in Late's history
# ada was in L2 with cy until 1 July (after the final wave) and moved into L1 then.
sql "INSERT INTO set_membership (set_id, person_id, joined_at, left_at) VALUES
  (9022, $(pid ada), '0000-01-01T00:00:00Z', '2026-07-01T00:00:00Z'), (9021, $(pid ada), '2026-07-01T00:00:00Z', NULL),
  (9021, $(pid bob), '0000-01-01T00:00:00Z', NULL), (9022, $(pid cy), '0000-01-01T00:00:00Z', NULL),
  (9022, $(pid di), '0000-01-01T00:00:00Z', NULL)"
run network report --programme Net --compare baseline,final --json
json_is .compare.ties_gained_inside 1 "ada was in cy's set when the final wave began"
json_is .compare.ties_gained_beyond 0 "her later move does not put the tie beyond"
# Moved before the wave (1 May): the tie is beyond again.
sql "UPDATE set_membership SET left_at = '2026-05-01T00:00:00Z' WHERE set_id = 9022 AND person_id = $(pid ada);
  UPDATE set_membership SET joined_at = '2026-05-01T00:00:00Z' WHERE set_id = 9021 AND person_id = $(pid ada)"
run network report --programme Net --compare baseline,final --json
json_is .compare.ties_gained_inside 0 "ada had left cy's set before the final wave"
sql "DELETE FROM set_membership WHERE set_id IN (9021, 9022)"
# No plan before the later wave: nothing is inside.
sql "UPDATE set_plans SET created_at = '2027-01-01T00:00:00Z', published_at = NULL WHERE programme_id = $prog"
run network report --programme Net --compare baseline,final
expect_contains "$SCRATCH/out" "No plan was in force when the later wave began (2026-06-01T09:00:00Z)" "says when there is no plan"

# --- "I know nobody here" in the web survey counts as a response.
wdb="$SCRATCH/w.db"
demo_db "$wdb"
start_server "$wdb"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
A="$SCRATCH/jar.a" P="$SCRATCH/jar.p"
expect_status 303 "$(login "$A" admin@demo.example)" "admin login"
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant login"
acsrf=$(page_csrf "$A") pcsrf=$(page_csrf "$P")
expect_status 303 "$(status "$A" POST /programmes/1/network/waves --data-urlencode "csrf=$acsrf" --data-urlencode name=baseline)" "open wave"
expect_status 200 "$(status "$P" GET /network/1)" "survey page"
expect_contains "$SCRATCH/last.body" 'name="nobody" value="yes"' "the form offers I know nobody here"
# sed reads to the end (head would close the pipe early and fail grep under pipefail).
field=$(grep -o 'type="checkbox" name="r[0-9]*" value="[0-9]*"' "$SCRATCH/last.body" | sed -n 1p)
fname=$(echo "$field" | sed 's/.*name="//; s/".*//') fval=$(echo "$field" | sed 's/.*value="//; s/"//')
expect_status 422 "$(status "$P" POST /network/1 --data-urlencode "csrf=$pcsrf" --data "consent=yes&nobody=yes&$fname=$fval")" "nobody and a name refused"
[ "$(sqlite3 "$wdb" "SELECT COUNT(*) FROM network_responses")" = 0 ] && pass || fail "nothing saved when refused"
expect_status 303 "$(status "$P" POST /network/1 --data-urlencode "csrf=$pcsrf" --data "consent=yes&nobody=yes")" "I know nobody here"
[ "$(sqlite3 "$wdb" "SELECT COUNT(*) FROM network_responses")" = 1 ] && pass || fail "the answer counts as a response"
[ "$(sqlite3 "$wdb" "SELECT COUNT(*) FROM network_ties")" = 0 ] && pass || fail "naming nobody"
finish
