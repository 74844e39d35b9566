#!/usr/bin/env bash
# The layer rule is checked twice, and each check must catch a reach upwards:
# the lint (tests/lint/layers.sh) on a tree where the engine includes a store header, and the
# build's include roots (one per layer, CMakeLists.txt), under which that include does not compile.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The lint fails on an engine file that reaches up into the store, and names the line.
mkdir -p "$tmp/tree/src/engine/x" "$tmp/tree/src/store"
printf '#include "store/db.h"\n' >"$tmp/tree/src/engine/x/up.c"
printf '/* ok */\n' >"$tmp/tree/src/store/db.h"
if SETWORK_SOURCE_DIR="$tmp/tree" bash "$SETWORK_SOURCE_DIR/tests/lint/layers.sh" 2>"$tmp/err"; then
  echo "the layer lint accepted an engine file that includes store/db.h" >&2
  exit 1
fi
grep -q 'src/engine/x/up.c:1: includes "store/db.h"' "$tmp/err" ||
  { echo "the layer lint did not name the line:" >&2; cat "$tmp/err" >&2; exit 1; }
# ... and an engine file may not use SQLite even without our headers.
printf '#include <sqlite3.h>\n' >"$tmp/tree/src/engine/x/up.c"
if SETWORK_SOURCE_DIR="$tmp/tree" bash "$SETWORK_SOURCE_DIR/tests/lint/layers.sh" 2>/dev/null; then
  echo "the layer lint accepted <sqlite3.h> in the engine" >&2
  exit 1
fi

# 2. The build: the engine's include root does not reach the store; the store's reaches both.
layers="$SETWORK_BUILD_DIR/layers"
printf '#include "store/db.h"\n' >"$tmp/up.c"
printf '#include "engine/formation/formation.h"\n' >"$tmp/down.c"
cc=${CC:-cc}
engine_flags=(-I"$layers/core" -I"$layers/model" -I"$layers/engine")
store_flags=("${engine_flags[@]}" -I"$layers/io" -I"$layers/store")
if "$cc" -std=c17 -fsyntax-only "${engine_flags[@]}" "$tmp/up.c" 2>/dev/null; then
  echo "the engine's include roots reach store/db.h: the build does not keep the layers apart" >&2
  exit 1
fi
"$cc" -std=c17 -fsyntax-only "${store_flags[@]}" "$tmp/up.c" ||
  { echo "the store's include roots must reach store/db.h" >&2; exit 1; }
"$cc" -std=c17 -fsyntax-only "${engine_flags[@]}" "$tmp/down.c" ||
  { echo "the engine's include roots must reach its own headers" >&2; exit 1; }
echo "an include up the layers fails the lint and does not compile"
