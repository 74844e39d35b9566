#!/usr/bin/env bash
# Every page, as each role sees it, passes the HTML validator (tidy) without errors.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
check() { # check JAR PATH WHAT
  local code
  code=$(curl -s -o "$SCRATCH/page.html" -w '%{http_code}' -b "$1" "$URL$2")
  if [ "$code" = 303 ]; then pass; return; fi
  if tidy -errors -quiet "$SCRATCH/page.html" >"$SCRATCH/tidy.txt" 2>&1; then pass; else
    fail "$3 $2 (status $code) is not valid HTML:"
    sed 's/^/    | /' "$SCRATCH/tidy.txt" >&2
  fi
}
: >"$SCRATCH/anon"
check "$SCRATCH/anon" /login anonymous
# Every page names its icon, and the /favicon.ico browsers ask for anyway is served, not a 404.
expect_contains "$SCRATCH/page.html" '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' \
  "pages name the icon"
for icon in /favicon.ico /static/favicon.svg; do
  got=$(curl -s -o "$SCRATCH/icon" -w '%{http_code} %{content_type}' "$URL$icon")
  expect_status "200 image/svg+xml" "$got" "$icon"
  expect_contains "$SCRATCH/icon" "<svg" "$icon is the icon"
done
check "$SCRATCH/anon" /nowhere anonymous
check "$SCRATCH/anon" "/invitation?token=x" anonymous
for who in admin@demo.example facilitator@demo.example "$PARTICIPANT"; do
  jar="$SCRATCH/jar.$who"
  login "$jar" "$who" >/dev/null
  for path in / /account /users /programmes/new /programmes/1 "/programmes/1?q=a&attr=department&value=Finance" \
    /programmes/1/import /programmes/1/edit /programmes/1/sets/print /sets/1 /sets/5 /people/1 /people/2 /people/1/edit /nowhere; do
    check "$jar" "$path" "$who"
  done
done
# Pages after a POST: the import problems page and a failed form.
jar="$SCRATCH/jar.admin@demo.example"
csrf=$(page_csrf "$jar")
printf 'name,email\n,broken\n' >"$SCRATCH/bad.csv"
curl -s -b "$jar" -F "csrf=$csrf" -F "file=@$SCRATCH/bad.csv" "$URL/programmes/1/import" -o "$SCRATCH/page.html"
tidy -errors -quiet "$SCRATCH/page.html" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "import problems page: $(cat "$SCRATCH/tidy.txt")"
curl -s -b "$jar" --data-urlencode "csrf=$csrf" --data 'name=' "$URL/programmes" -o "$SCRATCH/page.html"
tidy -errors -quiet "$SCRATCH/page.html" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "form error page: $(cat "$SCRATCH/tidy.txt")"
finish
