#!/usr/bin/env bash
# Settings: a config file, SETWORK_* variables and flags, in that order of precedence, as
# `setwork config show --json` reports them; bad files; the example file matches the table.
source "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
# Nothing from the caller's environment may leak into what is measured here.
for v in $(env | sed -n 's/^\(SETWORK_[A-Z_]*\)=.*/\1/p'); do
  case $v in SETWORK_SOURCE_DIR | SETWORK_BUILD_DIR | SETWORK_SHARED_DIR) ;; *) unset "$v" ;; esac
done
show() { "$SETWORK" "$@" config show --json; }
# field JSON SETTING KEY
field() { jq -r ".settings.$2.$3" "$1"; }

# No file, no variables: the defaults, and no config file.
show > none.json
expect_contains <(jq -r .config_file none.json) "null" "no config file"
expect_contains <(field none.json db value) "setwork.db" "db default"
expect_contains <(field none.json listen value) "127.0.0.1:8080" "listen default"
expect_contains <(field none.json db source) "default" "db source default"

cat > a.conf <<'EOF'
# a comment, then a blank line

db = file.db
listen = "0.0.0.0:9000"
public_url = https://sets.example.org
smtp_password = hunter2
session_idle = 600
EOF
show --config a.conf > file.json
expect_contains <(jq -r .config_file file.json) "a.conf" "config file named"
expect_contains <(field file.json db value) "file.db" "file sets db"
expect_contains <(field file.json db source) "file" "db from the file"
expect_contains <(field file.json db origin) "a.conf:3" "file and line of db"
expect_contains <(field file.json listen value) "0.0.0.0:9000" "quoted value"
expect_contains <(field file.json session_idle origin) "a.conf:7" "line of session_idle"
expect_contains <(field file.json smtp_password value) "********" "secret masked"
expect_not_contains file.json "hunter2" "secret never shown"
"$SETWORK" --config a.conf config show > file.txt
expect_contains file.txt "smtp_password        ********" "secret masked in text"
expect_not_contains file.txt "hunter2" "secret never shown in text"
expect_contains file.txt "file a.conf:5" "text names file and line"

# The environment beats the file; the flag beats both.
SETWORK_DB=env.db SETWORK_LISTEN=127.0.0.1:7000 show --config a.conf > env.json
expect_contains <(field env.json db value) "env.db" "env beats file"
expect_contains <(field env.json db origin) "SETWORK_DB" "env variable named"
expect_contains <(field env.json listen source) "env" "listen from env"
expect_contains <(field env.json public_url source) "file" "file still fills the rest"
SETWORK_DB=env.db show --config a.conf --db flag.db > flag.json
expect_contains <(field flag.json db value) "flag.db" "flag beats env"
expect_contains <(field flag.json db source) "flag" "db from the flag"
SETWORK_DB=env.db "$SETWORK" --config a.conf config show --db flag.db > flag.txt
expect_contains flag.txt "flag --db" "text names the flag"

# ./setwork.conf is read when no --config is given.
printf 'db = local.db\n' > setwork.conf
show > local.json
expect_contains <(jq -r .config_file local.json) "./setwork.conf" "local config found"
expect_contains <(field local.json db value) "local.db" "local config applies"
rm setwork.conf

# SETWORK_DB picks the database that commands use; --db still wins.
"$SETWORK" --db env.db demo --people 30 --seed 2 > /dev/null
SETWORK_DB=env.db "$SETWORK" programmes --json > progs.json
expect_contains progs.json '"members": 30' "SETWORK_DB picks the database"
SETWORK_DB=env.db "$SETWORK" --db other.db programmes > progs.txt
expect_contains progs.txt "No programmes yet" "--db beats SETWORK_DB"
printf 'db = env.db\n' > db.conf
"$SETWORK" --config db.conf programmes --json > progs.json
expect_contains progs.json '"members": 30' "the config file's db is used"

# A bad file stops the command with file:line for every problem, exit 1.
cat > bad.conf <<'EOF'
db = ok.db
lisen = 127.0.0.1:80
listen = localhost
public_url = ftp://x
EOF
set +e
"$SETWORK" --config bad.conf programmes > out 2> err; s=$?
set -e
expect_status 1 $s "bad config file"
expect_contains err "bad.conf:2: unknown setting 'lisen'" "unknown name with file:line"
expect_contains err "bad.conf:3: setting 'listen' is 'localhost'" "bad listen with file:line"
expect_contains err "bad.conf:4: setting 'public_url'" "bad URL with file:line"
# A config file named that does not exist is an error naming it.
set +e
"$SETWORK" --config missing.conf programmes > out 2> err; s=$?
set -e
expect_status 1 $s "missing config file"
expect_contains err "missing.conf: cannot read the config file" "missing file named"
# A bad variable names itself.
set +e
SETWORK_LISTEN=nowhere "$SETWORK" programmes > out 2> err; s=$?
set -e
expect_status 1 $s "bad SETWORK_LISTEN"
expect_contains err "environment variable SETWORK_LISTEN: setting 'listen' is 'nowhere'" \
  "bad variable named"
# Help works whatever the settings, so that a broken file does not hide how to fix it.
"$SETWORK" --config missing.conf help config > help.txt
expect_contains help.txt "usage: setwork config show" "help config"
"$SETWORK" config --help > help2.txt
if cmp -s help.txt help2.txt; then pass; else fail "config --help differs from help config"; fi
"$SETWORK" help > help.txt
expect_contains help.txt "  config" "help lists config"
set +e
"$SETWORK" config > out 2> err; s=$?
set -e
expect_status 2 $s "config without show"

# serve takes listen from the settings, and --listen wins over them.
start() {
  : > serve.out
  "$SETWORK" "$@" > serve.out 2> serve.err &
  pid=$!
  url=
  for _ in $(seq 1 100); do
    url=$(sed -n 's|^setwork: serving \(http://[^ ]*\)/ .*|\1|p' serve.out || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
  kill -TERM $pid 2> /dev/null || true
  wait $pid 2> /dev/null || true
  echo "$url"
}
printf 'db = serve.db\nlisten = 127.0.0.1:0\n' > serve.conf
url=$(start --config serve.conf serve)
if [[ $url =~ ^http://127\.0\.0\.1:[0-9]+$ && $url != *:8080 ]]; then pass; else
  fail "serve listens where the config file says: '$url' $(cat serve.err)"
fi
printf 'db = serve.db\nlisten = 127.0.0.1:1\n' > serve.conf
url=$(start --config serve.conf serve --listen 127.0.0.1:0)
if [[ $url =~ ^http://127\.0\.0\.1:[0-9]+$ && $url != *:1 ]]; then pass; else
  fail "--listen wins over the config file: '$url' $(cat serve.err)"
fi

# The committed example file is exactly what the table makes, and it reads back cleanly.
"$SETWORK" config show --example > example.conf
if diff -u "$SETWORK_SOURCE_DIR/docs/setwork.conf.example" example.conf > example.diff; then pass; else
  fail "docs/setwork.conf.example differs from 'setwork config show --example'; regenerate it"
  cat example.diff >&2
fi
sed 's/^#\([a-z_]* =\)/\1/' example.conf > uncommented.conf
show --config uncommented.conf > example.json
expect_contains <(field example.json listen source) "file" "example settings read back"
finish
