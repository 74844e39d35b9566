#!/usr/bin/env bash
# HTTPS: `setwork serve --tls-cert --tls-key` with a certificate this test makes (openssl):
# TLS 1.2 and 1.3 are served, 1.1 and plain HTTP on the TLS port are refused, cookies carry
# Secure and responses Strict-Transport-Security, the plain-HTTP listener only redirects, and
# an https:// public_url (nginx in front) gives the same headers over plain HTTP.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
cd "$SCRATCH"

# A CA and a server certificate for 127.0.0.1 signed by it.
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
  -subj "/CN=setwork test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout key.pem -out req.csr -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > ext.cnf
openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out cert.pem -days 2 \
  -extfile ext.cnf 2>/dev/null
export CURL_CA_BUNDLE="$SCRATCH/ca.pem" # every curl below (and web_lib's) trusts the test CA

demo_db db
: > server.out
"$SETWORK" --db db serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key key.pem \
  --redirect-listen 127.0.0.1:0 > server.out 2> server.err &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT
for _ in $(seq 1 100); do
  URL=$(sed -n 's|^setwork: serving \(https://[^ ]*\)/ .*|\1|p' server.out)
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { cat server.err >&2; fail "the TLS server did not start"; finish; }
PLAIN=$(sed -n 's|^setwork: redirecting \(http://[^ ]*\)/ to .*|\1|p' server.out)
hostport=${URL#https://}

# TLS 1.2 and 1.3 both get the login page, verified against the test CA.
for v in 1.2 1.3; do
  code=$(curl -s -o login.html -w '%{http_code}' --tlsv$v --tls-max $v "$URL/login")
  expect_status 200 "$code" "TLS $v gets the login page"
done
expect_contains login.html 'name="csrf"' "it is the login form"
for v in 1_2 1_3; do
  openssl s_client -connect "$hostport" -tls$v -CAfile ca.pem < /dev/null > s_$v.txt 2>&1 || true
  expect_contains s_$v.txt "Verify return code: 0 (ok)" "TLS ${v/_/.}: the certificate verifies"
  expect_contains s_$v.txt "New, TLSv${v/_/.}, Cipher is" "TLS ${v/_/.} is negotiated"
done
# TLS 1.1 is refused by the server even when the client would allow it (and curl's too).
openssl s_client -connect "$hostport" -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' < /dev/null \
  > s_1_1.txt 2>&1 || true
expect_contains s_1_1.txt "Cipher is (NONE)" "TLS 1.1 gets no session"
code=$(curl -s -o /dev/null -w '%{http_code}' --tlsv1.1 --tls-max 1.1 "$URL/login" || true)
expect_status 000 "$code" "curl with TLS 1.1 only is refused"
# Plain HTTP to the TLS port is dropped, and the server carries on.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$hostport/login" || true)
expect_status 000 "$code" "plain HTTP to the TLS port gets no answer"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/login")
expect_status 200 "$code" "the server still serves after that"

# Cookies carry Secure; every response carries HSTS.
curl -s -D login.headers -o /dev/null "$URL/login"
expect_contains login.headers "Strict-Transport-Security: max-age=31536000" "HSTS on a page"
expect_contains login.headers "; Secure" "the pre-login cookie is Secure"
A="$SCRATCH/admin"
curl -s -c "$A" -b "$A" "$URL/login" -o form.html
csrf=$(csrf_from form.html)
curl -s -D post.headers -o /dev/null -c "$A" -b "$A" -H "Origin: $URL" \
  --data-urlencode "email=admin@demo.example" --data-urlencode "password=setwork-demo" \
  --data-urlencode "csrf=$csrf" "$URL/login"
expect_contains post.headers "HTTP/1.1 303" "admin logs in over TLS"
grep -i '^set-cookie: sw_session=' post.headers > session.cookie || true
expect_contains session.cookie "; Secure" "the session cookie is Secure"
expect_contains session.cookie "HttpOnly" "and still HttpOnly"
code=$(curl -s -o home.html -w '%{http_code}' -b "$A" "$URL/")
expect_status 200 "$code" "the session works over TLS"

# The plain listener redirects every path (with its query) to https, and serves nothing else.
curl -s -D redirect.headers -o redirect.body "$PLAIN/sets/1?tab=meetings"
expect_contains redirect.headers "HTTP/1.1 301" "plain HTTP is redirected"
expect_contains redirect.headers "Location: $URL/sets/1?tab=meetings" "to the same path on https"
expect_not_contains redirect.body "csrf" "the redirect serves no page"
kill -TERM $SERVER_PID
wait $SERVER_PID || true

# Bad TLS settings stop the server before it listens, naming the file.
echo "not a key" > bad.pem
set +e
"$SETWORK" --db db serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key bad.pem \
  > /dev/null 2> bad.err
expect_status 1 $? "a key that is not PEM"
expect_contains bad.err "tls_key bad.pem: not a PEM file" "names the setting and the file"
"$SETWORK" --db db serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key missing.pem \
  > /dev/null 2> missing.err
expect_status 1 $? "a missing key"
expect_contains missing.err "tls_key missing.pem: cannot read it" "says it cannot read it"
"$SETWORK" --db db serve --listen 127.0.0.1:0 --tls-cert cert.pem > /dev/null 2> half.err
expect_status 2 $? "a certificate without a key"
"$SETWORK" --db db serve --listen 127.0.0.1:0 --redirect-listen 127.0.0.1:0 > /dev/null 2> r.err
expect_status 2 $? "a redirect without HTTPS"
# A key that is not the certificate's (MHD refuses it when starting).
openssl genrsa -out other.pem 2048 2>/dev/null
"$SETWORK" --db db serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key other.pem \
  > /dev/null 2> other.err
expect_status 1 $? "a key that does not match the certificate"
set -e

# Behind nginx: plain HTTP to setwork with an https:// public_url still marks cookies Secure,
# sends HSTS, and accepts the public origin on a POST.
unset CURL_CA_BUNDLE
SETWORK_PUBLIC_URL=https://sets.example.org start_server db
curl -s -D proxied.headers -c proxied.jar -o form2.html "$URL/login"
expect_contains proxied.headers "Strict-Transport-Security: max-age=31536000" "HSTS behind nginx"
expect_contains proxied.headers "; Secure" "Secure cookies behind nginx"
csrf=$(csrf_from form2.html)
code=$(curl -s -o /dev/null -w '%{http_code}' -b proxied.jar -H "Origin: https://sets.example.org" \
  --data-urlencode "email=admin@demo.example" --data-urlencode "password=setwork-demo" \
  --data-urlencode "csrf=$csrf" "$URL/login")
expect_status 303 "$code" "a POST from the public origin is accepted"
code=$(curl -s -o /dev/null -w '%{http_code}' -b proxied.jar -H "Origin: https://evil.example" \
  --data-urlencode "email=admin@demo.example" --data-urlencode "password=setwork-demo" \
  --data-urlencode "csrf=$csrf" "$URL/login")
expect_status 403 "$code" "a POST from another origin is still refused"
stop_server
finish
