#!/usr/bin/env bash
# Issue 15: a re-import on the web shows each change (person, field, before, after), the people
# who would join and the members the file leaves out, and changes nothing until "Apply these
# changes"; applying changes exactly what was shown, once; when the people changed in between,
# nothing is written and the changes are shown again as they are now. The same through the API
# (?dry_run=1, ?expect=DIGEST).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
sw() { "$SETWORK" --db "$db" "$@"; }
cat > "$SCRATCH/v1.csv" <<'CSV'
name,email,department,location
Ada,ada@example.org,Research,London
Ben,ben@example.org,Sales,Leeds
Cara,cara@example.org,Sales,Leeds
CSV
sw import "$SCRATCH/v1.csv" --programme Leaders >/dev/null
pid=$(sqlite3 "$db" "SELECT id FROM programmes WHERE name = 'Leaders'")
start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
jar="$SCRATCH/jar"
login "$jar" admin@demo.example >/dev/null
csrf=$(page_csrf "$jar")
upload() { # upload FILE: prints the status; the page is in $SCRATCH/page.html
  curl -s -b "$jar" -F "csrf=$csrf" -F "file=@$1" -o "$SCRATCH/page.html" -w '%{http_code}' \
    "$URL/programmes/$pid/import"
}
# One change a line: "email|field|before|after", from the page's table of changes.
changes() {
  python3 - "$1" <<'PY'
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cell = None; self.on = False
    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == "import-changes": self.on = True
        if self.on and tag == "tr": self.rows.append([])
        if self.on and tag == "td": self.cell = ""
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None: self.rows[-1].append(self.cell); self.cell = None
        if tag == "table": self.on = False
    def handle_data(self, d):
        if self.cell is not None: self.cell += d
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
for r in p.rows:
    if r: print("|".join(r))
PY
}
state() { sw export --programme Leaders; sqlite3 "$db" "SELECT count(*) FROM programme_members WHERE programme_id = $pid"; }

cat > "$SCRATCH/v2.csv" <<'CSV'
name,email,department
Ada Lovelace,ada@example.org,Research
Ben,ben@example.org,Marketing
Dan,dan@example.org,Sales
CSV
state >"$SCRATCH/before"
expect_status 200 "$(upload "$SCRATCH/v2.csv")" "a re-import is previewed"
changes "$SCRATCH/page.html" >"$SCRATCH/changes"
printf '%s\n' "ada@example.org|name|Ada|Ada Lovelace" "ben@example.org|department|Sales|Marketing" \
  >"$SCRATCH/expected"
diff -u "$SCRATCH/expected" "$SCRATCH/changes" && pass || fail "the preview lists person, field, before and after"
expect_contains "$SCRATCH/page.html" "3 people in the file: 1 new, 2 updated, 0 unchanged; 1 would join" "preview counts"
expect_contains "$SCRATCH/page.html" "Dan (dan@example.org), new to setwork" "the person added is listed"
expect_contains "$SCRATCH/page.html" "<li>cara@example.org</li>" "the member missing from the file is listed"
expect_contains "$SCRATCH/page.html" "Nothing happens to them: they stay in the programme" "and what happens to them"
expect_contains "$SCRATCH/page.html" "Apply these changes" "an Apply button"
expect_contains "$SCRATCH/page.html" ">Cancel</a>" "a Cancel link"
if tidy -errors -quiet "$SCRATCH/page.html" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
  fail "preview page: not valid HTML: $(cat "$SCRATCH/tidy.txt")"; fi
state >"$SCRATCH/after-preview"
diff -u "$SCRATCH/before" "$SCRATCH/after-preview" && pass || fail "nothing changes before Apply"
cp "$SCRATCH/page.html" "$SCRATCH/preview1.html"

# Apply: exactly the changes shown, and the page says what changed.
expect_status 200 "$(import_apply "$jar" "$pid")" "apply"
expect_contains "$SCRATCH/applied.html" "Cohort imported" "applied page"
changes "$SCRATCH/applied.html" >"$SCRATCH/applied"
diff -u "$SCRATCH/expected" "$SCRATCH/applied" && pass || fail "the applied page lists the same changes"
state >"$SCRATCH/after"
diff "$SCRATCH/before" "$SCRATCH/after" | grep '^[<>]' | tr -d '\r' | sed 's/,*$//' | sort \
  >"$SCRATCH/delta" || true
cat > "$SCRATCH/delta.expected" <<'TXT'
< 3
< Ada,ada@example.org,,Research,London
< Ben,ben@example.org,,Sales,Leeds
> 4
> Ada Lovelace,ada@example.org,,Research,London
> Ben,ben@example.org,,Marketing,Leeds
> Dan,dan@example.org,,Sales
TXT
sort -o "$SCRATCH/delta.expected" "$SCRATCH/delta.expected"
diff -u "$SCRATCH/delta.expected" "$SCRATCH/delta" && pass || fail "apply changed exactly what was previewed"
expect_status 0 "$(sqlite3 "$db" 'SELECT count(*) FROM import_previews')" "the kept file is forgotten"
# The same preview cannot be applied twice.
cp "$SCRATCH/preview1.html" "$SCRATCH/page.html"
expect_status 410 "$(import_apply "$jar" "$pid")" "a preview applies once"
expect_contains "$SCRATCH/applied.html" "Upload the file again" "and says what to do"

# The same file again: nothing to apply.
expect_status 200 "$(upload "$SCRATCH/v2.csv")" "the same file again"
expect_contains "$SCRATCH/page.html" "there is nothing to apply" "nothing to apply"
expect_not_contains "$SCRATCH/page.html" "Apply these changes" "and no Apply button"

# Changed in between: Ben's department is edited after the preview; nothing is written, and the
# changes are shown again as they are now.
printf 'name,email,department\nBen,ben@example.org,Finance\n' >"$SCRATCH/v3.csv"
expect_status 200 "$(upload "$SCRATCH/v3.csv")" "preview a change of Ben"
printf 'name,email,department\nBen,ben@example.org,Audit\n' >"$SCRATCH/edit.csv"
sw import "$SCRATCH/edit.csv" --programme Leaders >/dev/null
state >"$SCRATCH/before"
expect_status 409 "$(import_apply "$jar" "$pid")" "apply after the people changed"
state >"$SCRATCH/after"
diff -u "$SCRATCH/before" "$SCRATCH/after" && pass || fail "nothing written when the data changed"
expect_contains "$SCRATCH/applied.html" "the people in setwork changed after you checked the file" "says so"
cp "$SCRATCH/applied.html" "$SCRATCH/page.html"
[ "$(changes "$SCRATCH/page.html")" = "ben@example.org|department|Audit|Finance" ] && pass ||
  fail "the changes shown again as they are now: $(changes "$SCRATCH/page.html")"
expect_status 200 "$(import_apply "$jar" "$pid")" "apply the new preview"
sw export --programme Leaders >"$SCRATCH/export.csv"
expect_contains "$SCRATCH/export.csv" "Ben,ben@example.org,,Finance" "the new preview applied"

# Problems as before: file, line and field; nothing kept.
printf 'name,email\nEve,not-an-email\n' >"$SCRATCH/bad.csv"
expect_status 422 "$(upload "$SCRATCH/bad.csv")" "a bad file"
expect_contains "$SCRATCH/page.html" '<td class="num">2</td><td>email</td>' "line and field"
expect_status 0 "$(sqlite3 "$db" 'SELECT count(*) FROM import_previews')" "a bad file is not kept"

# The API: ?dry_run=1 gives the changes and their digest; ?expect=DIGEST applies only those.
token=$(api_token "$jar")
api() { curl -s -o "$SCRATCH/api.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
  -H 'Content-Type: text/csv' --data-binary "@$1" "$URL/api/v1/programmes/$pid/import$2"; }
printf 'name,email,department\nBen,ben@example.org,Legal\n' >"$SCRATCH/v4.csv"
expect_status 200 "$(api "$SCRATCH/v4.csv" '?dry_run=1')" "API dry run"
[ "$(jq -r '.changes[0] | "\(.email)|\(.field)|\(.from)|\(.to)"' "$SCRATCH/api.json")" = \
  "ben@example.org|department|Finance|Legal" ] && pass || fail "API dry run lists the change"
digest=$(jq -r .digest "$SCRATCH/api.json")
expect_status 409 "$(api "$SCRATCH/v4.csv" "?expect=0000")" "API apply with another digest"
sw export --programme Leaders >"$SCRATCH/export.csv"
expect_contains "$SCRATCH/export.csv" "Ben,ben@example.org,,Finance" "and nothing written"
expect_status 200 "$(api "$SCRATCH/v4.csv" "?expect=$digest")" "API apply with the digest"
sw export --programme Leaders >"$SCRATCH/export.csv"
expect_contains "$SCRATCH/export.csv" "Ben,ben@example.org,,Legal" "applied"
finish
