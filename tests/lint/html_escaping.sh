#!/usr/bin/env bash
# HTML escaping cannot be bypassed: H() takes string literals only (a variable fails to
# compile), and pages never touch the buffer under struct html (only html.c and the response
# hand-over in routes.c do).
set -euo pipefail
cd "$SETWORK_SOURCE_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
cat >"$tmp/ok.c" <<'C'
#include "web/http/html.h"
void f(struct html *h) { H(h, "<p>"); html_text(h, "x"); }
C
cat >"$tmp/bad.c" <<'C'
#include "web/http/html.h"
void f(struct html *h, const char *s) { H(h, s); }
C
"$cc" -std=c17 -fsyntax-only -Isrc "$tmp/ok.c" || { echo "H() with a literal must compile" >&2; exit 1; }
if "$cc" -std=c17 -fsyntax-only -Isrc "$tmp/bad.c" 2>/dev/null; then
  echo "H() accepted a variable: unescaped output is possible" >&2
  exit 1
fi
if grep -nE '(\.|->)sb\b' src/web/pages/*.c src/web/api/*.c; then
  echo "pages must write HTML through the emitters in web/html.h, not the buffer" >&2
  exit 1
fi
echo "HTML output only through escaping emitters"
