#!/usr/bin/env bash
# Tie strength used as weights (issue 18): when every tie of a wave has a strength, the report
# gives the weighted degree and Burt's constraint with weights (strength/100, the strongest tie
# of a pair), per person in --json and as cohort means in the text, beside the unweighted
# figures, which stay as they were. Checked against networkx to 1e-9. With one tie lacking a
# strength the weighted figures are left out, and the report says how many ties lack one.
source "$(dirname "$0")/lib.sh"
cases="$(dirname "$0")/cases/network-weighted"
db="$SCRATCH/n.db"
run() { set +e; "$SETWORK" --db "$db" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; status=$?; set -e; }
json_is() { # json_is JQ_EXPR WANT WHAT
  local got
  got=$(jq -r "$1" "$SCRATCH/out")
  if [ "$got" = "$2" ]; then pass; else fail "$3: $1 is $got, expected $2"; fi
}

"$SETWORK" --db "$db" import "$cases/cohort.csv" --programme W >/dev/null
"$SETWORK" --db "$db" network import "$cases/ties.csv" --programme W --wave w1 >/dev/null
run network report --programme W --wave w1 --json
expect_status 0 "$status" "weighted report"
json_is .cohort.weighted true "every tie has a strength"
json_is .cohort.ties_without_strength 0 "no tie lacks a strength"
json_is '.people[] | select(.email == "gus@weighted.example") | .weighted_constraint' null \
  "constraint undefined when every contact has strength 0"
json_is '.people[] | select(.email == "hal@weighted.example") | .weighted_degree' 0 "isolate weighs 0"

# networkx: the contact graph with each pair weighing its strongest tie / 100.
python3 - "$cases/ties.csv" "$SCRATCH/out" <<'PY' && pass || fail "weighted figures agree with networkx"
import csv, json, math, sys
import networkx as nx
report = json.load(open(sys.argv[2]))
people = {p["email"]: p for p in report["people"]}
g = nx.Graph()
g.add_nodes_from(people)
for row in csv.DictReader(open(sys.argv[1])):
    u, v, w = row["from_email"], row["to_email"], float(row["strength"]) / 100
    if g.has_edge(u, v):
        w = max(w, g[u][v]["weight"])
    g.add_edge(u, v, weight=w)
wdeg = dict(g.degree(weight="weight"))
wcon = nx.constraint(g, weight="weight")
con = nx.constraint(g)
def close(a, b):
    return abs(a - b) <= 1e-9
bad = []
for e, p in people.items():
    if not close(p["weighted_degree"], wdeg[e]):
        bad.append((e, "weighted_degree", p["weighted_degree"], wdeg[e]))
    total = wdeg[e]
    if g.degree(e) == 0 or total == 0:
        # networkx gives nan for isolates and 0 when every weight is 0; both are undefined.
        if p["weighted_constraint"] is not None:
            bad.append((e, "weighted_constraint", p["weighted_constraint"], None))
    elif not close(p["weighted_constraint"], wcon[e]):
        bad.append((e, "weighted_constraint", p["weighted_constraint"], wcon[e]))
    # The unweighted constraint is untouched by the weights.
    if g.degree(e) and not close(p["constraint"], con[e]):
        bad.append((e, "constraint", p["constraint"], con[e]))
c = report["cohort"]
mean_wdeg = sum(wdeg.values()) / len(wdeg)
defined = [wcon[e] for e in people if g.degree(e) and wdeg[e] > 0]
if not close(c["mean_weighted_degree"], mean_wdeg):
    bad.append(("cohort", "mean_weighted_degree", c["mean_weighted_degree"], mean_wdeg))
if not close(c["mean_weighted_constraint"], sum(defined) / len(defined)):
    bad.append(("cohort", "mean_weighted_constraint", c["mean_weighted_constraint"]))
if bad:
    print(bad, file=sys.stderr)
    sys.exit(1)
PY
# Hand-checked: Ada's contacts weigh 0.8 (Bob, strongest of 80 and 60), 1.0 (Cy) and 0.4 (Di,
# strongest of 40 advice and 20 knows).
json_is '.people[] | select(.email == "ada@weighted.example") | .weighted_degree * 1e9 | round' \
  2200000000 "Ada's weighted degree"
json_is '.people[] | select(.email == "ada@weighted.example") | .degree' 3 "unweighted degree kept"

run network report --programme W --wave w1
expect_contains "$SCRATCH/out" "Weighted by strength/100 (the figures above are unweighted): mean weighted degree 1.181, mean weighted constraint 0.777." \
  "text gives the weighted cohort means"
expect_contains "$SCRATCH/out" "8 people, 11 nominations, 9 pairs in contact; density 0.321" \
  "unweighted figures unchanged"

# One tie without a strength: the weighted figures are left out, and the report says why.
"$SETWORK" --db "$db" network import "$cases/partial.csv" --programme W --wave w2 >/dev/null
run network report --programme W --wave w2 --json
expect_status 0 "$status" "partial strengths"
json_is .cohort.weighted false "not weighted with a missing strength"
json_is .cohort.ties_without_strength 1 "one tie lacks a strength"
json_is .cohort.mean_weighted_degree null "no weighted mean degree"
json_is '[.people[] | .weighted_degree, .weighted_constraint] | unique' '[
  null
]' "no weighted figure for anyone"
run network report --programme W --wave w2
expect_contains "$SCRATCH/out" "Weighted figures left out: 1 of 3 ties have no strength." \
  "text says why the weighted figures are missing"
expect_not_contains "$SCRATCH/out" "mean weighted degree" "no weighted means"

# The help says which figures use strength and how a missing one counts.
"$SETWORK" help network >"$SCRATCH/help" 2>&1 || true
expect_contains "$SCRATCH/help" "Strength is used by two further figures only, labelled weighted" "help: which figures"
expect_contains "$SCRATCH/help" "a missing strength is not guessed" "help: missing strengths"
finish
