#!/bin/sh
# Web benchmark (not a test): a logged-in participant's "My setwork" page under wrk on loopback,
# 64 connections, 2 threads, 20 s; reports requests/s, latency percentiles and the server's
# resident memory at the end of the load. Targets: >= 5,000 req/s, p99 < 20 ms, RSS < 64 MB.
# Usage: sh bench/web.sh BUILD_DIR [SECONDS] [PATH]
set -eu
build=$1 seconds=${2:-20} path=${3:-/}
bin=$build/setwork
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" --db "$dir/db" demo >/dev/null
participant=$("$bin" --db "$dir/db" users demo | sed -n 's/^  participant  //p')
: >"$dir/out"
"$bin" --db "$dir/db" serve --listen 127.0.0.1:0 >"$dir/out" 2>"$dir/err" &
pid=$!
url=
for _ in $(seq 1 50); do
  url=$(sed -n 's|^setwork: serving \(http://[^ ]*\)/ .*|\1|p' "$dir/out")
  [ -n "$url" ] && break
  sleep 0.1
done
curl -s -c "$dir/jar" "$url/login" -o "$dir/login.html"
token=$(grep -o 'name="csrf" value="[^"]*"' "$dir/login.html" | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$dir/jar" -b "$dir/jar" --data-urlencode "csrf=$token" \
  --data-urlencode "email=$participant" --data-urlencode "password=setwork-demo" "$url/login"
session=$(sed -n 's/.*\tsw_session\t//p' "$dir/jar")
code=$(curl -s -o /dev/null -w '%{http_code}' -b "sw_session=$session" "$url$path")
[ "$code" = 200 ] || { echo "web.sh: $path gave $code, not 200" >&2; exit 1; }
echo "web: wrk -t2 -c64 -d${seconds}s --latency $url$path (participant's session)"
# Sample the resident set during the load (VmHWM would include the one Argon2id login, 64 MiB
# for a moment before the load started).
(while kill -0 $pid 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$pid/status; sleep 0.2; done) >"$dir/rss" &
sampler=$!
wrk -t2 -c64 -d"${seconds}s" --latency -H "Cookie: sw_session=$session" "$url$path" | tee "$dir/wrk"
kill $sampler 2>/dev/null || true
echo "server RSS during load: max $(sort -n "$dir/rss" | tail -1) kB over $(wc -l <"$dir/rss") samples"
