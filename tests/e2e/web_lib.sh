# Helpers for the HTTP tests: a demo database, a server on a free port, logins with cookie jars.
# Sourced after lib.sh.

# start_server DB [ARGS...]: serves DB on 127.0.0.1:0 and sets URL and SERVER_PID.
start_server() {
  local db=$1
  shift
  # Created here: the redirect below happens in the child, which may not have run yet.
  : >"$SCRATCH/server.out"
  "$SETWORK" --db "$db" serve --listen 127.0.0.1:0 "$@" >"$SCRATCH/server.out" 2>"$SCRATCH/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    URL=$(sed -n 's|^setwork: serving \(http://[^ ]*\)/ .*|\1|p' "$SCRATCH/server.out" || true)
    [ -n "$URL" ] && return 0
    sleep 0.1
  done
  echo "server did not start:" >&2
  cat "$SCRATCH/server.err" >&2
  exit 1
}

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

# demo_db DB: the demo programme with the three demo logins and the stand-in plan.
demo_db() {
  "$SETWORK" --db "$1" demo >/dev/null
  "$SETWORK" --db "$1" users demo >"$SCRATCH/logins.txt"
  PARTICIPANT=$(sed -n 's/^  participant  //p' "$SCRATCH/logins.txt")
}

# csrf_from FILE: the CSRF token in the first form of an HTML page.
csrf_from() {
  grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'
}

# login JAR EMAIL [PASSWORD]: logs in, keeping cookies in JAR; prints the status of the POST.
login() {
  local jar=$1 email=$2 password=${3:-setwork-demo}
  curl -s -c "$jar" -b "$jar" "$URL/login" -o "$SCRATCH/login.html"
  local token
  token=$(csrf_from "$SCRATCH/login.html")
  curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "csrf=$token" --data-urlencode "email=$email" \
    --data-urlencode "password=$password" "$URL/login"
}

# page_csrf JAR: the session's CSRF token (from the account page).
page_csrf() {
  curl -s -b "$1" "$URL/account" -o "$SCRATCH/account.html"
  csrf_from "$SCRATCH/account.html"
}

# status JAR METHOD PATH [curl args...]: prints the HTTP status.
status() {
  local jar=$1 method=$2 path=$3
  shift 3
  curl -s -o "$SCRATCH/last.body" -w '%{http_code}' -b "$jar" -X "$method" "$@" "$URL$path"
}

# api_token JAR: a new API token for the session in JAR (made on the account page).
api_token() {
  local c
  c=$(page_csrf "$1")
  curl -s -b "$1" --data-urlencode "csrf=$c" --data-urlencode "name=e2e" \
    "$URL/account/tokens" -o "$SCRATCH/token.html"
  grep -o '<code class="secret">[^<]*' "$SCRATCH/token.html" | sed 's/.*>//'
}

# post JAR PATH [curl args...]: POSTs a form with the session's CSRF token; prints the status.
post() {
  local jar=$1 path=$2 c
  shift 2
  c=$(page_csrf "$jar")
  status "$jar" POST "$path" --data-urlencode "csrf=$c" "$@"
}

# import_apply JAR PROGRAMME_ID: applies the import previewed on $SCRATCH/page.html (the page a
# POST to /programmes/#/import answered); prints the status, the page in $SCRATCH/applied.html.
import_apply() {
  local jar=$1 pid=$2 preview c
  preview=$(grep -o 'name="preview" value="[0-9]*"' "$SCRATCH/page.html" | grep -o '[0-9]*' | head -1)
  c=$(csrf_from "$SCRATCH/page.html")
  curl -s -b "$jar" --data-urlencode "csrf=$c" --data "preview=$preview" \
    -o "$SCRATCH/applied.html" -w '%{http_code}' "$URL/programmes/$pid/import"
}
