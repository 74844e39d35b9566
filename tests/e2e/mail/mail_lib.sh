# Helpers for the mail tests: a real SMTP server (aiosmtpd) per test, counting what it got.
# Sourced after lib.sh and web_lib.sh.
here=$(dirname "${BASH_SOURCE[0]}")
# Debian's python3 has Debian's aiosmtpd and icalendar, whatever python3 is first on PATH.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if ! "$PY" -c 'import aiosmtpd' 2>/dev/null; then
  echo "python3-aiosmtpd is missing: run scripts/install-deps" >&2
  exit 1
fi
db="$SCRATCH/db"
FROM=setwork@example.org
SMTP_PIDS=()

# start_smtp NAME [ARGS...]: a server storing into $SCRATCH/NAME; sets SMTP_URL.
start_smtp() {
  local name=$1
  shift
  mkdir -p "$SCRATCH/$name"
  "$PY" "$here/smtp_server.py" --dir "$SCRATCH/$name" --port-file "$SCRATCH/$name.port" "$@" \
    2>"$SCRATCH/$name.log" &
  SMTP_PIDS+=($!)
  for _ in $(seq 1 100); do
    [ -s "$SCRATCH/$name.port" ] && break
    sleep 0.1
  done
  [ -s "$SCRATCH/$name.port" ] || { cat "$SCRATCH/$name.log" >&2; exit 1; }
  SMTP_URL="smtp://127.0.0.1:$(cat "$SCRATCH/$name.port")"
}
stop_all() {
  for p in "${SMTP_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_server 2>/dev/null || true
  rm -rf "$SCRATCH"
}
trap stop_all EXIT
count() { find "$SCRATCH/$1" -name '*.eml' | wc -l; }
# sw URL ARGS...: setwork with mail settings for the server at URL.
sw() {
  local url=$1
  shift
  SETWORK_SMTP_URL=$url SETWORK_MAIL_FROM="$FROM" "$SETWORK" --db "$db" "$@"
}

