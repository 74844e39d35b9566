#!/usr/bin/env bash
# The data of the interactive whole network, GET /programmes/#/network/graph.json (issue 16):
# only admins get it (a participant and a facilitator are refused, as for the named SVG); it
# holds every member and every pair in contact once, with the SVG's positions, the sets and the
# cohort's attributes, and never an email: not as a field, not in an attribute column named like
# one (home_mail, whose values spell the address out), not in a column whose values hold one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" form --programme Demo --save "Plan A" >/dev/null
"$SETWORK" --db "$db" network demo --programme Demo >/dev/null
# A small cohort whose extra columns carry addresses.
cat >"$SCRATCH/tiny.csv" <<'CSV'
name,email,department,team,home_mail,buddy
Ada Lovelace,ada@example.org,Finance,Blue,ada.l (at) work.example,bob@example.org
Bob Brown,bob@example.org,Finance,Red,bob.b (at) work.example,
Cy Clark,cy@example.org,Housing,Blue,cy.c (at) work.example,ada@example.org
CSV
cat >"$SCRATCH/tiny-ties.csv" <<'CSV'
from_email,to_email,relation
ada@example.org,bob@example.org,knows
bob@example.org,ada@example.org,knows
cy@example.org,ada@example.org,knows
CSV
"$SETWORK" --db "$db" import "$SCRATCH/tiny.csv" --programme Tiny >/dev/null
"$SETWORK" --db "$db" network import "$SCRATCH/tiny-ties.csv" --programme Tiny --wave w1 >/dev/null
"$SETWORK" --db "$db" network report --programme Demo --json >"$SCRATCH/report.json"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
A="$SCRATCH/jar.a" P="$SCRATCH/jar.p" F="$SCRATCH/jar.f" N="$SCRATCH/jar.n"
expect_status 303 "$(login "$A" admin@demo.example)" "admin login"
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant login"
expect_status 303 "$(login "$F" facilitator@demo.example)" "facilitator login"
touch "$N"

# Who may have it.
expect_status 403 "$(status "$P" GET /programmes/1/network/graph.json)" "participant refused"
expect_not_contains "$SCRATCH/last.body" '"nodes"' "participant gets no data"
expect_status 403 "$(status "$F" GET /programmes/1/network/graph.json)" "facilitator refused"
expect_not_contains "$SCRATCH/last.body" '"nodes"' "facilitator gets no data"
expect_status 303 "$(status "$N" GET /programmes/1/network/graph.json)" "anonymous sent to log in"
expect_status 404 "$(status "$A" GET '/programmes/1/network/graph.json?wave=nosuch')" "unknown wave"
expect_status 404 "$(status "$A" GET /programmes/99/network/graph.json)" "unknown programme"

# What it holds.
got=$(curl -s -b "$A" -o "$SCRATCH/g.json" -w '%{http_code} %{content_type}' "$URL/programmes/1/network/graph.json")
expect_status "200 application/json" "$got" "admin gets JSON"
expect_not_contains "$SCRATCH/g.json" "@" "no email anywhere in the graph"
contacts=$(jq .cohort.contacts "$SCRATCH/report.json")
python3 - "$SCRATCH/g.json" "$contacts" <<'PY' && pass || fail "graph content"
import json, sys
g = json.load(open(sys.argv[1]))
contacts = int(sys.argv[2])
assert g["wave"] == "final" and g["before"] == "baseline", (g["wave"], g["before"])
assert g["people"] == 200 and len(g["nodes"]) == 200, g["people"]
assert "department" in g["attributes"] and "organisation" in g["attributes"], g["attributes"]
assert len(g["sets"]) > 20, len(g["sets"])
for n in g["nodes"]:
    assert set(n) == {"id", "name", "set", "answered", "degree", "x", "y", "values"}, set(n)
    assert 0 <= n["x"] <= 1 and 0 <= n["y"] <= 1, (n["x"], n["y"])
    assert len(n["values"]) == len(g["attributes"])
    assert n["set"] is None or 0 <= n["set"] < len(g["sets"])
assert sum(n["set"] is not None for n in g["nodes"]) == 200, "everyone is in a set of the plan"
pairs = {(min(a, b), max(a, b)) for a, b, _, _ in g["edges"]}
assert len(pairs) == len(g["edges"]) == g["contacts"] == contacts, (len(pairs), g["contacts"], contacts)
assert all(0 <= a < 200 and 0 <= b < 200 and a != b for a, b, _, _ in g["edges"])
assert any(e[3] for e in g["edges"]), "some contacts are new since the baseline"
degree = [0] * 200
for a, b, _, _ in g["edges"]:
    degree[a] += 1
    degree[b] += 1
assert degree == [n["degree"] for n in g["nodes"]], "degrees agree with the contacts"
PY
expect_status 200 "$(status "$A" GET '/programmes/1/network/graph.json?wave=baseline')" "an earlier wave"
python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); assert g["wave"]=="baseline" and g["before"] is None' \
  "$SCRATCH/last.body" && pass || fail "the baseline alone"

# Columns that carry addresses are left out; the others stay.
expect_status 200 "$(status "$A" GET /programmes/2/network/graph.json)" "tiny programme"
expect_not_contains "$SCRATCH/last.body" "@" "no address from extra columns"
expect_not_contains "$SCRATCH/last.body" "work.example" "no column named like an address"
python3 - "$SCRATCH/last.body" <<'PY' && pass || fail "tiny graph"
import json, sys
g = json.load(open(sys.argv[1]))
assert "team" in g["attributes"] and "department" in g["attributes"], g["attributes"]
assert "home_mail" not in g["attributes"] and "buddy" not in g["attributes"], g["attributes"]
names = [n["name"] for n in g["nodes"]]
assert sorted(names) == ["Ada Lovelace", "Bob Brown", "Cy Clark"], names
ada, bob = names.index("Ada Lovelace"), names.index("Bob Brown")
mutual = [e for e in g["edges"] if {e[0], e[1]} == {ada, bob}]
assert len(g["edges"]) == 2 and len(mutual) == 1 and mutual[0][2] == 1, g["edges"]
PY

# The page carries the view over the SVG, which stays for print and without JavaScript.
expect_status 200 "$(status "$A" GET /programmes/1/network)" "network page"
expect_contains "$SCRATCH/last.body" 'data-graph="/programmes/1/network/graph.json?wave=final"' "page points at the data"
expect_contains "$SCRATCH/last.body" '<img src="/programmes/1/network.svg?wave=final"' "the SVG is still there"
expect_contains "$SCRATCH/last.body" '<script src="/static/cytoscape.min.js" defer></script>' "the library"
expect_status 200 "$(status "$N" GET /static/cytoscape.min.js)" "the library is served from the binary"
cmp -s "$SCRATCH/last.body" "$SETWORK_SOURCE_DIR/src/web/assets/cytoscape.min.js" && pass || fail "served as committed"
expect_status 200 "$(status "$N" GET /static/cytoscape-license.txt)" "its licence is served"
expect_contains "$SCRATCH/last.body" "Permission is hereby granted" "licence text"
finish
