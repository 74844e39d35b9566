#!/usr/bin/env bash
# Every admin route that names a programme (/programmes/#... and /api/v1/programmes/#..., read
# from the route table, GET and POST) answers 404 for a programme that does not exist, never 200
# or 500 (issue 14: /programmes/999/sets.csv, /form and /network answered 200, POST
# /programmes/999/network/waves 500). A new route of that shape is covered by being in the table.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
A="$SCRATCH/jar.a"
expect_status 303 "$(login "$A" admin@demo.example)" "admin login"
TOKEN=$(api_token "$A")
csrf=$(page_csrf "$A")
grep -oE '\{WEB_(GET|POST), "(/api/v1)?/programmes/#[^"]*"' "$SETWORK_SOURCE_DIR/src/web/http/routes.c" |
  sed -E 's/\{WEB_([A-Z]+), "([^"]+)"/\1 \2/' >"$SCRATCH/routes"
[ "$(wc -l <"$SCRATCH/routes")" -ge 30 ] && pass || fail "only $(wc -l <"$SCRATCH/routes") routes"
while read -r method pattern; do
  path=$(printf '%s' "$pattern" | sed 's|/programmes/#|/programmes/999|; s|#|1|g')
  if [[ "$path" == /api/* ]]; then
    args=(-H "Authorization: Bearer $TOKEN")
    [ "$method" = POST ] && args+=(-H 'Content-Type: application/json' --data '{}')
    code=$(curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -X "$method" "${args[@]}" "$URL$path")
  elif [ "$method" = POST ]; then
    code=$(status "$A" POST "$path" --data-urlencode "csrf=$csrf" --data 'name=x')
  else
    code=$(status "$A" GET "$path")
  fi
  expect_status 404 "$code" "$method $path"
done <"$SCRATCH/routes"
# The real programme still answers.
expect_status 200 "$(status "$A" GET /programmes/1/network)" "programme 1 network page"
expect_status 200 "$(status "$A" GET /programmes/1/sets.csv)" "programme 1 sets"
finish
