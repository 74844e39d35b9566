#!/usr/bin/env bash
# Sessions, CSRF, Origin, rate limiting, invitations, privacy of emails, bad input that changes
# nothing, uploads, escaping, limits and a graceful stop, against the real server.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
A="$SCRATCH/admin" P="$SCRATCH/participant"
expect_status 303 "$(login "$A" admin@demo.example)" "admin logs in"
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant logs in"
csrf=$(page_csrf "$A")
programmes() { curl -s -b "$A" "$URL/api/v1/programmes" -H "Authorization: Bearer $ATOKEN" | jq length; }
curl -s -b "$A" --data-urlencode "csrf=$csrf" --data-urlencode "name=t" "$URL/account/tokens" -o "$SCRATCH/t.html"
ATOKEN=$(grep -o '<code class="secret">[^<]*' "$SCRATCH/t.html" | sed 's/.*>//')
before=$(programmes)

# CSRF: without a token, or with another session's token, nothing is created.
expect_status 403 "$(status "$A" POST /programmes --data 'name=NoToken')" "POST without CSRF token"
pcsrf=$(page_csrf "$P")
expect_status 403 "$(status "$A" POST /programmes --data-urlencode "csrf=$pcsrf" --data 'name=Other')" "another session's token"
pre=$(sed -n 's/.*\tsw_pre\t//p' "$A")
[ -n "$pre" ] && pass || fail "the login left a pre-login token"
expect_status 403 "$(status "$A" POST /programmes --data-urlencode "csrf=$pre" --data 'name=Pre')" "pre-login token refused on a logged-in form"
# Origin: a form posted from another site is refused even with the right token.
expect_status 403 "$(status "$A" POST /programmes -H 'Origin: http://evil.example' --data-urlencode "csrf=$csrf" --data 'name=Evil')" "foreign Origin"
expect_status 303 "$(status "$A" POST /programmes -H "Origin: $URL" --data-urlencode "csrf=$csrf" --data-urlencode 'name=Spring <b>cohort</b>')" "own Origin creates"
[ "$(programmes)" = "$((before + 1))" ] && pass || fail "exactly one programme created"

# Bad input: a clear message, nothing stored.
expect_status 400 "$(status "$A" POST /programmes --data-urlencode "csrf=$csrf" --data 'name=Bad&starts_on=2026-13-45')" "bad date"
expect_contains "$SCRATCH/last.body" "Dates must look like 2026-09-01." "bad date message"
expect_status 400 "$(status "$A" POST /programmes --data-urlencode "csrf=$csrf" --data 'name=')" "empty name"
expect_contains "$SCRATCH/last.body" "Give the programme a name." "empty name message"
expect_status 400 "$(status "$A" POST /programmes --data-urlencode "csrf=$csrf" --data 'name=%ZZ')" "malformed escape"
[ "$(programmes)" = "$((before + 1))" ] && pass || fail "bad input stored nothing"

# Escaping: the programme name with markup comes back as text.
curl -s -b "$A" "$URL/" -o "$SCRATCH/home.html"
expect_contains "$SCRATCH/home.html" "Spring &lt;b&gt;cohort&lt;/b&gt;" "name escaped"
expect_not_contains "$SCRATCH/home.html" "<b>cohort" "no raw markup"

# Upload: problems listed by line, nothing stored; then a good file imports.
pid=$(curl -s -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/programmes" | jq '.[] | select(.name | startswith("Spring")) | .id')
printf 'name,email,department\nAda One,ada@x.example,Finance\n,bob@x.example,IT\nCy,not-an-email,IT\n' >"$SCRATCH/bad.csv"
expect_status 422 "$(status "$A" POST "/programmes/$pid/import" -F "csrf=$csrf" -F "file=@$SCRATCH/bad.csv;type=text/csv")" "bad CSV refused"
expect_contains "$SCRATCH/last.body" "<td class=\"num\">3</td>" "problem on line 3"
expect_contains "$SCRATCH/last.body" "<td class=\"num\">4</td>" "problem on line 4"
n=$(curl -s -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/programmes/$pid" | jq .members)
expect_status 0 "$n" "nothing stored from a bad file"
printf 'name,email,department\nAda One,ada@x.example,Finance\nBo Two,bo@x.example,IT\n' >"$SCRATCH/good.csv"
expect_status 200 "$(status "$A" POST "/programmes/$pid/import" -F "csrf=$csrf" -F "file=@$SCRATCH/good.csv")" "good CSV previewed"
expect_contains "$SCRATCH/last.body" "2 new" "import preview"
cp "$SCRATCH/last.body" "$SCRATCH/page.html"
expect_status 200 "$(import_apply "$A" "$pid")" "good CSV imported"
expect_contains "$SCRATCH/applied.html" "2 new" "import report"
expect_status 200 "$(status "$A" GET "/programmes/$pid?q=ada")" "search"
expect_contains "$SCRATCH/last.body" "ada@x.example" "admin sees emails"
expect_not_contains "$SCRATCH/last.body" "bo@x.example" "search filters"

# Editing a person: a bad field changes nothing; a good edit is saved and escaped on output.
ada=$(curl -s -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/programmes/$pid/people?q=ada" | jq '.[0].id')
expect_status 400 "$(status "$A" POST "/people/$ada/edit" --data-urlencode "csrf=$csrf" --data 'name=&department=Audit')" "empty name refused"
expect_contains "$SCRATCH/last.body" "Give the person a name." "edit message"
dept=$(curl -s -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/people/$ada" | jq -r .attributes.department)
expect_status Finance "$dept" "a refused edit changed nothing"
expect_status 303 "$(status "$A" POST "/people/$ada/edit" --data-urlencode "csrf=$csrf" --data-urlencode 'name=Ada <i>One</i>' --data 'department=Audit')" "edit saved"
status "$A" GET "/people/$ada" >/dev/null
expect_contains "$SCRATCH/last.body" "Ada &lt;i&gt;One&lt;/i&gt;" "edited name escaped"
expect_contains "$SCRATCH/last.body" "<dd>Audit</dd>" "edited department"

# Editing a programme: bad set sizes change nothing; a good edit is saved.
expect_status 400 "$(status "$A" POST "/programmes/$pid/edit" --data-urlencode "csrf=$csrf" --data 'name=Renamed&set_size_min=7&set_size_max=5')" "min above max refused"
expect_contains "$SCRATCH/last.body" "The smallest set cannot be larger than the largest." "set size message"
name=$(curl -s -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/programmes/$pid" | jq -r .name)
expect_status "Spring <b>cohort</b>" "$name" "a refused edit changed nothing"
expect_status 303 "$(status "$A" POST "/programmes/$pid/edit" --data-urlencode "csrf=$csrf" --data 'name=Renamed&set_size_min=5&set_size_max=7&starts_on=2026-09-01')" "programme edited"
sizes=$(curl -s -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/programmes/$pid" | jq -r '"\(.name) \(.set_size_min) \(.set_size_max) \(.starts_on)"')
expect_status "Renamed 5 7 2026-09-01" "$sizes" "programme edit saved"
expect_status 400 "$(status "$A" POST "/programmes/$pid/edit" --data-urlencode "csrf=$csrf" --data 'name=Demo&set_size_min=5&set_size_max=7')" "a taken name refused"
api_edit() { curl -s -o "$SCRATCH/api.json" -w '%{http_code}' -H "Authorization: Bearer $ATOKEN" -H 'Content-Type: application/json' --data "$1" "$URL/api/v1/programmes/$pid"; }
expect_status 400 "$(api_edit '{"set_size_min": 9}')" "API: min above max refused"
expect_status 200 "$(api_edit '{"set_size_max": 8}')" "API: programme edited"
expect_status "Renamed 5 8" "$(jq -r '"\(.name) \(.set_size_min) \(.set_size_max)"' "$SCRATCH/api.json")" "API: other fields kept"

# Privacy: a participant sees set mates' names, never their emails.
status "$P" GET /sets/1 >/dev/null
mates=$(grep -c '/people/' "$SCRATCH/last.body")
[ "$mates" -ge 2 ] && pass || fail "participant sees set mates ($mates)"
grep -o '[a-z0-9.]*@[a-z.-]*' "$SCRATCH/last.body" | grep -v "^$PARTICIPANT\$" >"$SCRATCH/emails" || true
[ -s "$SCRATCH/emails" ] && fail "participant sees emails: $(cat "$SCRATCH/emails")" || pass

# Rate limiting: after five failures even the right password is refused for a while.
for i in 1 2 3 4 5; do login "$SCRATCH/x" facilitator@demo.example wrong-password >/dev/null; done
expect_status 429 "$(login "$SCRATCH/x" facilitator@demo.example)" "rate limited"

# Invitations: the link sets a password once.
curl -s -b "$A" --data-urlencode "csrf=$csrf" --data 'email=new.person@x.example&role=participant' "$URL/users" -o "$SCRATCH/inv.html"
link=$(grep -o '/invitation?token=[A-Za-z0-9_-]*' "$SCRATCH/inv.html" | head -1)
[ -n "$link" ] && pass || fail "invitation link shown"
J="$SCRATCH/newjar"
curl -s -c "$J" -b "$J" "$URL$link" -o "$SCRATCH/setpw.html"
ptoken=$(csrf_from "$SCRATCH/setpw.html")
itoken=${link#*token=}
expect_status 400 "$(status "$J" POST /invitation --data-urlencode "csrf=$ptoken" --data "token=$itoken&password=short&confirm=short")" "short password refused"
expect_status 303 "$(status "$J" POST /invitation --data-urlencode "csrf=$ptoken" --data "token=$itoken&password=long+enough+pw&confirm=long+enough+pw")" "password set"
expect_status 404 "$(status "$J" POST /invitation --data-urlencode "csrf=$ptoken" --data "token=$itoken&password=another+long+pw&confirm=another+long+pw")" "link works once"
expect_status 303 "$(login "$SCRATCH/new" new.person@x.example 'long enough pw')" "new person logs in"

# Sessions: rotated on login, ended by logout, expired when idle.
old=$(sed -n 's/.*\tsw_session\t//p' "$A")
R="$SCRATCH/rotate"
curl -s -c "$R" "$URL/login" -o "$SCRATCH/login2.html"
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tsw_session\t%s\n' "$old" >>"$R"
curl -s -o /dev/null -c "$R" -b "$R" --data-urlencode "csrf=$(csrf_from "$SCRATCH/login2.html")" \
  --data 'email=admin@demo.example&password=setwork-demo' "$URL/login"
new=$(sed -n 's/.*\tsw_session\t//p' "$R")
[ -n "$new" ] && [ "$old" != "$new" ] && pass || fail "session id rotated on login"
curl -s -o /dev/null -w '%{http_code}' -b "sw_session=$old" "$URL/" | grep -q 303 && pass || fail "old session ended"

# Limits: an anonymous body over the small limit is refused before it is read.
head -c 20000 /dev/zero | tr '\0' a >"$SCRATCH/big"
expect_status 413 "$(curl -s -o /dev/null -w '%{http_code}' --data-binary "@$SCRATCH/big" "$URL/login")" "anonymous body limit"
expect_status 401 "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer nonsense' "$URL/api/v1/me")" "bad API token"

# API tokens: created and revoked through the API; a revoked token stops working.
made=$(curl -s -H "Authorization: Bearer $ATOKEN" -H 'Content-Type: application/json' --data '{"name":"script"}' "$URL/api/v1/tokens")
tok=$(printf '%s' "$made" | jq -r .token)
expect_status 200 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$URL/api/v1/me")" "new API token works"
tid=$(curl -s -H "Authorization: Bearer $tok" "$URL/api/v1/tokens" | jq '.[] | select(.name == "script") | .id')
expect_status 200 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" -X POST "$URL/api/v1/tokens/$tid/delete")" "token revoked"
expect_status 401 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$URL/api/v1/me")" "revoked token refused"
# A session cookie is no API credential (so the API needs no CSRF token).
expect_status 401 "$(status "$A" GET /api/v1/me)" "cookie does not authenticate the API"

# Log out everywhere: every session of that person ends, others' do not.
P2="$SCRATCH/participant2"
expect_status 303 "$(login "$P2" "$PARTICIPANT")" "second session"
ptok=$(api_token "$P2")
expect_status 200 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ptok" "$URL/api/v1/me")" "participant's API token works"
expect_contains "$SCRATCH/account.html" "revokes all your API tokens" "the page says tokens go too"
pc=$(page_csrf "$P2")
expect_status 303 "$(status "$P2" POST /logout/everywhere --data-urlencode "csrf=$pc")" "log out everywhere"
expect_status 303 "$(status "$P" GET /)" "first session ended too"
expect_status 401 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ptok" "$URL/api/v1/me")" "log out everywhere revokes API tokens"
expect_status 200 "$(status "$R" GET /)" "another person's session lives on"

# A graceful stop: SIGTERM ends the server with status 0.
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
expect_status 0 $? "stops cleanly on SIGTERM"
expect_contains "$SCRATCH/server.err" "stopped" "says it stopped"

# Idle sessions expire: a server with an 8-second idle limit (times are whole seconds), used,
# then left alone. The margins are seconds wide because a login under the sanitizers on a
# loaded machine can take more than one (a 3-second limit failed there).
start_server "$SCRATCH/db" --session-idle 8
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant logs in again"
sleep 3
expect_status 200 "$(status "$P" GET /)" "session alive"
sleep 6
expect_status 200 "$(status "$P" GET /)" "use keeps it alive past the idle limit after login"
sleep 10
expect_status 303 "$(status "$P" GET /)" "idle session expired"
stop_server

# Sessions end after --session-max seconds however busy they are.
start_server "$SCRATCH/db" --session-max 3
expect_status 303 "$(login "$P" "$PARTICIPANT")" "participant logs in for the absolute limit"
for i in 1 2 3 4 5; do status "$P" GET / >/dev/null; sleep 1; done
expect_status 303 "$(status "$P" GET /)" "session ended at its absolute limit"
finish
