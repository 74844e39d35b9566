#!/usr/bin/env bash
# `setwork network report` and `export` on a small cohort whose figures are known: in the
# baseline Flo is isolated and there are three components; by the final wave three new ties
# join everyone. Checks the JSON figures, the pictures (well-formed XML, escaped names, no
# names when anonymised), GraphML and CSV exports, and the errors.
source "$(dirname "$0")/lib.sh"
cases="$(dirname "$0")/cases"
db="$SCRATCH/n.db"
run() { set +e; "$SETWORK" --db "$db" "$@" > "$SCRATCH/out" 2> "$SCRATCH/err"; status=$?; set -e; }
json_is() { # json_is JQ_EXPR WANT WHAT
  local got
  got=$(jq -r "$1" "$SCRATCH/out")
  if [ "$got" = "$2" ]; then pass; else fail "$3: $1 is $got, expected $2"; fi
}
xml_ok() { if xmllint --noout "$1" 2> "$SCRATCH/xml"; then pass; else fail "$2: not well-formed"; cat "$SCRATCH/xml" >&2; fi; }

"$SETWORK" --db "$db" import "$cases/network/cohort.csv" --programme Net > /dev/null
run network report --programme Net
expect_status 1 "$status" "report before any survey"
expect_contains "$SCRATCH/err" "has no network survey yet" "report before any survey"
"$SETWORK" --db "$db" network import "$cases/network-report/baseline.csv" --programme Net --wave baseline > /dev/null
"$SETWORK" --db "$db" network import "$cases/network-report/final.csv" --programme Net --wave final > /dev/null

run network report --programme Net --wave baseline --json
expect_status 0 "$status" "baseline report"
json_is .cohort.isolates 1 "baseline"
json_is .cohort.components 3 "baseline"
json_is .cohort.contacts 4 "baseline"
json_is '.people[] | select(.email == "flo@example.org") | .isolated' true "baseline"
json_is '.waves[0].respondents' 4 "baseline response count"
json_is '.waves[0].members' 7 "baseline members"

run network report --programme Net --compare baseline,final --json --svg "$SCRATCH/cmp.svg" --chart "$SCRATCH/chart.svg"
expect_status 0 "$status" "compare"
json_is .cohort.isolates 0 "final"
json_is .cohort.components 1 "final"
# Only the four who answered both waves (ada, bob, cy, di) are compared, with the ties they
# named: ada's new tie to ed counts; flo's and gus's (who skipped the baseline) do not.
json_is .compare.people_compared 4 "compare over both-wave respondents"
json_is .compare.left_out.answered_one_wave_only 2 "flo and gus answered only the final wave"
json_is .compare.left_out.answered_neither 1 "ed answered neither"
json_is .compare.ties_gained_beyond 1 "compare"
json_is .compare.ties_lost_beyond 0 "compare"
json_is .compare.ties_kept 4 "compare"
json_is .compare.cohort_before.isolates 1 "compare"
json_is '.compare.metrics.degree.pairs' 4 "compare: changes over the four"
json_is '.compare.metrics.degree.mean_diff * 4 | round' 1 "compare: 1 new tie adds a contact to ada"
json_is '.people[] | select(.email == "ada@example.org") | .change.gained_beyond' 1 "ada gained one"
xml_ok "$SCRATCH/cmp.svg" "side-by-side picture"
xml_ok "$SCRATCH/chart.svg" "change chart"
expect_contains "$SCRATCH/cmp.svg" "Flo &lt;Fox&gt; &amp; Co" "names are escaped"
expect_contains "$SCRATCH/cmp.svg" 'class="new-ties"' "new ties drawn"

run network report --programme Net --compare baseline,final --svg "$SCRATCH/ego.svg" --ego ada@example.org
expect_status 0 "$status" "ego"
xml_ok "$SCRATCH/ego.svg" "ego picture"
expect_contains "$SCRATCH/ego.svg" "Contacts of Ada Lovelace" "ego title"
expect_contains "$SCRATCH/ego.svg" "1 new" "ego growth"

run network report --programme Net --json --anonymise --svg "$SCRATCH/anon.svg"
expect_status 0 "$status" "anonymised"
expect_not_contains "$SCRATCH/out" "example.org" "anonymised JSON has no emails"
expect_not_contains "$SCRATCH/out" "Lovelace" "anonymised JSON has no names"
expect_not_contains "$SCRATCH/anon.svg" "Lovelace" "anonymised picture has no names"
expect_contains "$SCRATCH/anon.svg" ">P1<" "anonymised picture labels"
# Anonymised outputs follow the pseudonyms, not the order of emails (which would name them).
seq_labels() { seq 1 7 | sed 's/^/P/' | paste -sd' ' -; }
got=$(jq -r '[.people[].label] | join(" ")' "$SCRATCH/out")
[ "$got" = "$(seq_labels)" ] && pass || fail "anonymised JSON in pseudonym order: $got"
got=$(grep -o '<title>P[0-9]*</title>' "$SCRATCH/anon.svg" | sed 's/<[^>]*>//g' | paste -sd' ' -)
[ "$got" = "$(seq_labels)" ] && pass || fail "anonymised picture drawn in pseudonym order: $got"

run network export --programme Net --wave final --format graphml --output "$SCRATCH/g.graphml"
expect_status 0 "$status" "graphml"
xml_ok "$SCRATCH/g.graphml" "graphml"
expect_contains "$SCRATCH/g.graphml" 'edgedefault="directed"' "graphml"
if [ "$(grep -c '<edge ' "$SCRATCH/g.graphml")" = 7 ]; then pass; else fail "graphml: 7 edges"; fi
run network export --programme Net --wave final --format csv --output "$SCRATCH/k" --anonymise
expect_status 0 "$status" "csv export"
if [ "$(wc -l < "$SCRATCH/k-nodes.csv")" = 8 ] && [ "$(wc -l < "$SCRATCH/k-edges.csv")" = 8 ]; then
  pass; else fail "csv export: 7 nodes and 7 edges plus headers"; fi
expect_not_contains "$SCRATCH/k-nodes.csv" "example.org" "anonymised CSV"
got=$(tail -n +2 "$SCRATCH/k-nodes.csv" | cut -d, -f1 | paste -sd' ' -)
[ "$got" = "$(seq_labels)" ] && pass || fail "anonymised nodes in pseudonym order: $got"
run network export --programme Net --wave final --format graphml --output "$SCRATCH/a.graphml" --anonymise
expect_status 0 "$status" "anonymised graphml"
got=$(grep -o '<node id="n[0-9]*"><data key="label">P[0-9]*' "$SCRATCH/a.graphml" | sed 's/<node id="n\([0-9]*\)"><data key="label">P/\1:/' | awk -F: '$2 != $1 + 1' | wc -l)
[ "$got" = 0 ] && pass || fail "graphml node n<k> is P<k+1>: $(grep -o '<node[^>]*><data key="label">[^<]*' "$SCRATCH/a.graphml")"
expect_not_contains "$SCRATCH/a.graphml" "example.org" "anonymised graphml"
# Each export draws its own secret: three exports do not all give the same pseudonyms.
for i in 1 2 3; do
  run network export --programme Net --wave final --format csv --output "$SCRATCH/s$i" --anonymise
done
if cmp -s "$SCRATCH/s1-edges.csv" "$SCRATCH/s2-edges.csv" && cmp -s "$SCRATCH/s2-edges.csv" "$SCRATCH/s3-edges.csv"; then
  fail "three anonymised exports with the same pseudonyms"; else pass; fi
expect_contains "$SCRATCH/k-edges.csv" "advice" "relation in edge list"

run network report --programme Net --relation advice --json
expect_status 0 "$status" "one relation"
json_is .cohort.contacts 1 "only the advice tie counts"

# The impact report's network section: aggregate figures only, first wave against the latest.
run report --programme Net --json
expect_status 0 "$status" "impact report"
json_is .network.available true "impact report network section"
json_is .network.new_ties_beyond_own_set 1 "impact report"
json_is .network.isolates.before 1 "impact report"
json_is .network.isolates.after 0 "impact report"
json_is '.network.contacts_per_person.d_z_ci95 | length' 2 "impact report d_z interval"
expect_not_contains "$SCRATCH/out" "Lovelace" "impact report names nobody"

run network report --programme Net --svg "$SCRATCH/x.svg" --ego ghost@example.org
expect_status 1 "$status" "unknown ego"
expect_contains "$SCRATCH/err" "'ghost@example.org' is not a member" "unknown ego"
run network report --programme Net --compare baseline,midpoint
expect_status 1 "$status" "unknown wave"
expect_contains "$SCRATCH/err" "has no wave 'midpoint'" "unknown wave"
run network report --programme Net --chart "$SCRATCH/c.svg"
expect_status 2 "$status" "chart without compare"
run network report --programme Nope
expect_status 1 "$status" "unknown programme"
run network frobnicate
expect_status 2 "$status" "unknown subcommand"
finish
