#!/usr/bin/env bash
# The authorisation matrix (tests/e2e/web/authz.tsv) against the real server: every route for
# every role, and every route in src/web/http/routes.c must have a row.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
matrix="$SETWORK_SOURCE_DIR/tests/e2e/web/authz.tsv"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT

declare -A JAR TOKEN
ROLES=(anon participant facilitator admin)
declare -A EMAIL=([participant]="$PARTICIPANT" [facilitator]=facilitator@demo.example
                  [admin]=admin@demo.example)
# A fresh session (and an API token) for ROLE.
relogin() {
  local role=$1
  JAR[$role]="$SCRATCH/jar.$role"
  rm -f "${JAR[$role]}"
  if [ "$role" = anon ]; then
    curl -s -c "${JAR[$role]}" "$URL/login" -o /dev/null
    return
  fi
  expect_status 303 "$(login "${JAR[$role]}" "${EMAIL[$role]}")" "login as $role"
}
for role in "${ROLES[@]}"; do
  relogin "$role"
  if [ "$role" != anon ]; then
    csrf=$(page_csrf "${JAR[$role]}")
    curl -s -b "${JAR[$role]}" --data-urlencode "csrf=$csrf" --data-urlencode "name=matrix" \
      "$URL/account/tokens" -o "$SCRATCH/token.html"
    TOKEN[$role]=$(grep -o '<code class="secret">[^<]*' "$SCRATCH/token.html" | sed 's/.*>//')
    [ -n "${TOKEN[$role]}" ] || fail "no API token for $role"
  fi
done

api() { curl -s -H "Authorization: Bearer ${TOKEN[admin]}" "$URL$1"; }
SELF=$(curl -s -H "Authorization: Bearer ${TOKEN[participant]}" "$URL/api/v1/me" |
  jq -r .person_id)
MATE=$(api /api/v1/sets/1 | jq -r --argjson s "$SELF" '[.members[].id | select(. != $s)][0]')
STRANGER=$(api /api/v1/sets/5 | jq -r '.members[0].id')
[ "$SELF" -gt 0 ] && [ "$MATE" -gt 0 ] && [ "$STRANGER" -gt 0 ] || fail "ids: $SELF $MATE $STRANGER"

# Every route in the table has a row (with # replaced by any number).
grep -oE '\{WEB_(GET|POST), "[^"]+"' "$SETWORK_SOURCE_DIR/src/web/http/routes.c" |
  sed -E 's/\{WEB_([A-Z]+), "([^"]+)"/\1 \2/' | while read -r method pattern; do
  regex="^$method +$(printf '%s' "$pattern" | sed -E 's/#/([0-9]+|\\{[a-z]+\\})/g; s/\*/[a-z.]+/g') "
  grep -qE "$regex" "$matrix" || echo "$method $pattern"
done >"$SCRATCH/missing"
if [ -s "$SCRATCH/missing" ]; then fail "routes without a row in authz.tsv: $(cat "$SCRATCH/missing")"; else pass; fi

while read -r method path want_anon want_p want_f want_a; do
  case "$method" in '#'* | '') continue ;; esac
  path=${path//\{self\}/$SELF}
  path=${path//\{mate\}/$MATE}
  path=${path//\{stranger\}/$STRANGER}
  wants=("$want_anon" "$want_p" "$want_f" "$want_a")
  for i in 0 1 2 3; do
    role=${ROLES[$i]}
    case "$path" in /logout*) [ "$role" != anon ] && relogin "$role" ;; esac
    args=()
    if [[ "$path" == /api/* ]]; then
      [ "$role" != anon ] && args+=(-H "Authorization: Bearer ${TOKEN[$role]}")
      [ "$method" = POST ] && args+=(-H 'Content-Type: application/json' --data '{}')
      got=$(curl -s -o "$SCRATCH/body" -w '%{http_code}' -X "$method" "${args[@]}" "$URL$path")
    else
      if [ "$method" = POST ]; then
        if [ "$role" = anon ]; then
          token=$(sed -n 's/.*\tsw_pre\t//p' "${JAR[$role]}")
        else
          token=$(page_csrf "${JAR[$role]}")
        fi
        args+=(--data-urlencode "csrf=$token")
      fi
      got=$(curl -s -o "$SCRATCH/body" -w '%{http_code}' -b "${JAR[$role]}" -X "$method" \
        "${args[@]}" "$URL$path")
    fi
    expect_status "${wants[$i]}" "$got" "$method $path as $role"
  done
done <"$matrix"
finish
