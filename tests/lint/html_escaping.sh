#!/usr/bin/env bash
# HTML and SVG escaping cannot be bypassed: H() and SVG() take string literals only (a variable
# fails to compile), pages never touch the buffer under struct html (only html.c and the
# response hand-over in routes.c do), and the SVG drawing code writes only through
# io/render/svg.h (only svg.c touches the buffer).
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
cat >"$tmp/svg_ok.c" <<'C'
#include "io/render/svg.h"
void f(struct svg *o) { SVG(o, "<g>"); svg_text(o, "x"); svg_num(o, 1.5, 1); }
C
cat >"$tmp/svg_bad.c" <<'C'
#include "io/render/svg.h"
void f(struct svg *o, const char *s) { SVG(o, s); }
C
"$cc" -std=c17 -fsyntax-only -Isrc "$tmp/ok.c" || { echo "H() with a literal must compile" >&2; exit 1; }
"$cc" -std=c17 -fsyntax-only -Isrc "$tmp/svg_ok.c" || { echo "SVG() with a literal must compile" >&2; exit 1; }
if "$cc" -std=c17 -fsyntax-only -Isrc "$tmp/svg_bad.c" 2>/dev/null; then
  echo "SVG() accepted a variable: unescaped output is possible" >&2
  exit 1
fi
if grep -nE '\b(sb_(printf|vprintf|append|append_len|append_char)|xml_escape_(text|attr))\(' \
  $(ls src/io/render/*.c | grep -v '/svg\.c$'); then
  echo "SVG is written only through io/render/svg.h (SVG(), svg_text, svg_attr, svg_num)" >&2
  exit 1
fi
if "$cc" -std=c17 -fsyntax-only -Isrc "$tmp/bad.c" 2>/dev/null; then
  echo "H() accepted a variable: unescaped output is possible" >&2
  exit 1
fi
if grep -nE '(\.|->)sb\b' src/web/pages/*.c src/web/api/*.c; then
  echo "pages must write HTML through the emitters in web/html.h, not the buffer" >&2
  exit 1
fi
echo "HTML and SVG output only through escaping emitters"
