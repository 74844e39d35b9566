#!/usr/bin/env bash
# The CSV exports open cleanly: `setwork export` and `network export --format csv` (the same
# writer as nodes.csv and schedule.csv on the web) read with Python's csv module give one field
# per column, the formula guard inside the quoted field, and the values that were imported;
# importing the export changes nothing. Network metrics keep full precision in CSV and GraphML.
source "$(dirname "$0")/lib.sh"
cases="$(dirname "$0")/cases/export"
db="$SCRATCH/x.db"
"$SETWORK" --db "$db" import "$cases/cohort.csv" --programme Ex > /dev/null
"$SETWORK" --db "$db" export --programme Ex -o "$SCRATCH/out.csv"
if python3 - "$SCRATCH/out.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
assert all(len(r) == len(head) for r in body), [len(r) for r in body]
by = {r[head.index("email")]: dict(zip(head, r)) for r in body}
flo, gus, hal = by["flo@example.org"], by["gus@example.org"], by["hal@example.org"]
# The guard is part of the value, inside the quotes; the rest is the value as imported.
assert flo["phone"] == "'+44 20 7946 0958, ext. 4", flo["phone"]
assert flo["name"] == "'+Flo, the \"fixer\"", flo["name"]
assert flo["organisation"] == "'=HYPERLINK(\"http://x.example\",\"click\")", flo["organisation"]
assert flo["notes"] == "two\nlines", repr(flo["notes"])
assert gus["name"] == "'@Gus" and gus["phone"] == "'-12", gus
assert gus["department"] == "'-5; minus", gus["department"]
# Imported as '=already guarded: the reader takes the apostrophe off, the writer puts it back.
assert gus["notes"] == "'=already guarded", gus["notes"]
assert hal["phone"] == "'=1+2" and hal["notes"] == "tab\tinside", hal
# No cell a spreadsheet would run as a formula.
assert not any(v[:1] in "=+-@" and v for r in body for v in r)
PY
then pass; else fail "setwork export read with Python's csv"; fi
# import(export(x)) == x
"$SETWORK" --db "$db" import "$SCRATCH/out.csv" --programme Ex > "$SCRATCH/again"
expect_contains "$SCRATCH/again" "(0 new, 0 updated, 4 unchanged)" "re-importing the export"
"$SETWORK" --db "$SCRATCH/y.db" import "$SCRATCH/out.csv" --programme Ex > /dev/null
"$SETWORK" --db "$SCRATCH/y.db" export --programme Ex -o "$SCRATCH/out2.csv"
if cmp -s "$SCRATCH/out.csv" "$SCRATCH/out2.csv"; then pass; else
  fail "export of the imported export differs"; diff "$SCRATCH/out.csv" "$SCRATCH/out2.csv" >&2 || true; fi

"$SETWORK" --db "$db" network import "$cases/ties.csv" --programme Ex --wave w1 > /dev/null
"$SETWORK" --db "$db" network export --programme Ex --wave w1 --format csv --output "$SCRATCH/n"
if python3 - "$SCRATCH/n-nodes.csv" "$SCRATCH/n-edges.csv" <<'PY'
import csv, sys
nodes = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
edges = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
assert all(len(r) == len(nodes[0]) for r in nodes), [len(r) for r in nodes]
assert all(len(r) == len(edges[0]) for r in edges), [len(r) for r in edges]
labels = {r[0] for r in nodes[1:]}
assert "'+Flo, the \"fixer\"" in labels and "'@Gus" in labels, labels
assert any(r[0] == "'+Flo, the \"fixer\"" and r[1] == "'@Gus" for r in edges[1:]), edges
assert not any(v[:1] in "=+-@" and v for r in nodes + edges for v in r)
# Full precision: every metric reads back as a double and is written in its shortest exact form.
head = nodes[0]
metrics = [i for i, h in enumerate(head) if h not in ("Label", "Email", "Department", "Organisation", "Set")]
seen_fraction = False
for r in nodes[1:]:
    for i in metrics:
        if r[i] == "":
            continue
        v = float(r[i])
        if "." in r[i] or "e" in r[i]:
            assert repr(v) == r[i], (r[i], repr(v))  # Python's repr: the shortest exact form
        digits = len(r[i].lstrip("-").replace(".", "").lstrip("0").split("e")[0])
        seen_fraction = seen_fraction or digits > 6
assert seen_fraction, "no metric has more than 6 significant digits: precision was cut"
PY
then pass; else fail "network export read with Python's csv"; fi
"$SETWORK" --db "$db" network export --programme Ex --wave w1 --format graphml --output "$SCRATCH/g.graphml"
if python3 - "$SCRATCH/g.graphml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[1]).getroot()
values = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")
          if d.get("key") in ("constraint", "effective_size", "blau_department")]
assert values and all(repr(float(v)) == v or float(v).is_integer() for v in values), values
assert any(len(v) > 8 for v in values), values
PY
then pass; else fail "GraphML metrics at full precision"; fi
finish
