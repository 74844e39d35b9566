# Shared helpers for the end-to-end scripts: a scratch folder, and checks that print what they
# expected and what they got.
set -euo pipefail
: "${SETWORK:?SETWORK must name the setwork binary}"
SCRATCH=$(mktemp -d /tmp/setwork-e2e.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
FAILURES=0
PASSES=0

fail() {
  echo "FAIL: $*" >&2
  FAILURES=$((FAILURES + 1))
}
pass() {
  PASSES=$((PASSES + 1))
}

# expect_status WANT GOT WHAT
expect_status() {
  if [ "$1" != "$2" ]; then fail "$3: exit status $2, expected $1"; else pass; fi
}

# expect_contains FILE TEXT WHAT
expect_contains() {
  if grep -qF -- "$2" "$1"; then pass; else
    fail "$3: expected to find: $2"
    sed 's/^/    | /' "$1" >&2
  fi
}

expect_not_contains() {
  if grep -qF -- "$2" "$1"; then
    fail "$3: did not expect: $2"
    sed 's/^/    | /' "$1" >&2
  else pass; fi
}

finish() {
  echo "$PASSES passed, $FAILURES failed"
  [ "$FAILURES" -eq 0 ]
}
