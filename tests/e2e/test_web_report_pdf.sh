#!/usr/bin/env bash
# Issue 15: the impact report as a PDF (/programmes/#/report.pdf), read back with poppler: one
# or two A4 pages; every headline's title, figure and sentence as the API gives them; the
# charts' labels; no email; a theme below the programme's people floor absent as on the page;
# the same authorisation as the report; linked from the report page.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
for tool in pdfinfo pdftotext; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps test"
done
[ "$FAILURES" -eq 0 ] || finish
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" network demo --programme Demo >/dev/null
"$SETWORK" --db "$db" challenges demo --programme Demo >/dev/null
# A floor of 17 people: the largest theme (19 people) is shown, the next ones (16) are not.
"$SETWORK" --db "$db" challenges themes --programme Demo --min-people 17 --json >"$SCRATCH/themes.json"
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
admin="$SCRATCH/jar.admin"
login "$admin" admin@demo.example >/dev/null
code=$(curl -s -o "$SCRATCH/report.pdf" -D "$SCRATCH/headers" -w '%{http_code}' -b "$admin" \
  "$URL/programmes/1/report.pdf")
expect_status 200 "$code" "admin gets the PDF"
expect_contains "$SCRATCH/headers" "Content-Type: application/pdf" "served as PDF"
pdfinfo "$SCRATCH/report.pdf" >"$SCRATCH/info" 2>&1 || fail "pdfinfo cannot read it: $(cat "$SCRATCH/info")"
pages=$(sed -n 's/^Pages: *//p' "$SCRATCH/info")
[ "$pages" -ge 1 ] && [ "$pages" -le 2 ] && pass || fail "one or two pages, not $pages"
expect_contains "$SCRATCH/info" "(A4)" "A4 pages"
expect_contains "$SCRATCH/info" "Impact report: Demo" "its title"
pdftotext "$SCRATCH/report.pdf" "$SCRATCH/report.txt"
token=$(api_token "$admin")
curl -s -H "Authorization: Bearer $token" "$URL/api/v1/programmes/1/report" -o "$SCRATCH/report.json"
# Every headline's title, figure and sentence, compared without the line breaks of the page.
python3 - "$SCRATCH/report.json" "$SCRATCH/report.txt" "$SCRATCH/themes.json" >"$SCRATCH/check" <<'PY'
import json, re, sys
rep = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
flat = re.sub(r"\s+", "", text)
def has(s): return re.sub(r"\s+", "", s) in flat
out = []
heads = rep["headlines"]
out.append("headlines %d" % len(heads))
for h in heads:
    for k in ("title", "value", "detail"):
        if not has(h[k]): out.append("missing %s of %s: %s" % (k, h["id"], h[k]))
shown = [t["label"] for t in rep["themes"]["shown"]]
hidden = [t["label"] for t in json.load(open(sys.argv[3])) if not t["shown"]]
out.append("shown %d hidden %d" % (len(shown), len(hidden)))
for l in shown:
    if not has(l): out.append("missing shown theme " + l)
for l in hidden:
    if has(l): out.append("hidden theme in the PDF: " + l)
for s in rep["connectedness"]["scales"]:
    if s.get("shown") and not has(s["title"] + ": start"): out.append("missing chart bar " + s["title"])
emails = re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
if emails: out.append("emails: " + " ".join(emails))
print("\n".join(out))
PY
expect_not_contains "$SCRATCH/check" "missing" "every headline's title, figure and sentence, the shown themes and the scales"
expect_not_contains "$SCRATCH/check" "hidden theme" "no theme below the floor"
expect_not_contains "$SCRATCH/check" "emails:" "no email in the PDF"
expect_not_contains "$SCRATCH/check" "headlines 0" "there are headlines to check"
expect_not_contains "$SCRATCH/check" "hidden 0" "there is a hidden theme to check"
grep -q "^shown [1-9]" "$SCRATCH/check" && pass || fail "there is a shown theme to check"
expect_contains "$SCRATCH/report.txt" "People per shared theme" "the themes chart"
expect_contains "$SCRATCH/report.txt" "Connectedness: mean score at start and end" "the connectedness chart"
# Linked from the report page.
curl -s -b "$admin" "$URL/programmes/1/report" -o "$SCRATCH/page.html"
expect_contains "$SCRATCH/page.html" 'href="/programmes/1/report.pdf" download' "the page links the PDF"
# The report's authorisation: admins only; another programme's is 404.
part="$SCRATCH/jar.part"
login "$part" "$PARTICIPANT" >/dev/null
expect_status 403 "$(curl -s -o /dev/null -w '%{http_code}' -b "$part" "$URL/programmes/1/report.pdf")" "participant refused"
expect_status 303 "$(curl -s -o /dev/null -w '%{http_code}' "$URL/programmes/1/report.pdf")" "anonymous sent to log in"
expect_status 404 "$(curl -s -o /dev/null -w '%{http_code}' -b "$admin" "$URL/programmes/999/report.pdf")" "no such programme"
# A programme with nothing measured yet still makes a PDF that says so.
printf 'name,email\nAda,ada@example.org\n' >"$SCRATCH/one.csv"
"$SETWORK" --db "$db" import "$SCRATCH/one.csv" --programme Empty >/dev/null
pid=$(sqlite3 "$db" "SELECT id FROM programmes WHERE name = 'Empty'")
expect_status 200 "$(curl -s -o "$SCRATCH/empty.pdf" -w '%{http_code}' -b "$admin" "$URL/programmes/$pid/report.pdf")" "an empty programme's PDF"
pdftotext "$SCRATCH/empty.pdf" "$SCRATCH/empty.txt"
expect_contains "$SCRATCH/empty.txt" "Not yet measured" "says what is not measured"
expect_not_contains "$SCRATCH/empty.txt" "ada@example.org" "no email"
finish
