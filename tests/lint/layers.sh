#!/usr/bin/env bash
# The layers of src/ (docs/ARCHITECTURE.md), lowest first. A file may include headers of its own
# layer and of layers below it, never above; the libraries that only some layers may use are
# named here too (the engines are pure: no SQLite, no HTTP, no JSON, no file or network I/O).
# The build enforces the same order with one include root per layer (CMakeLists.txt); this lint
# says which line broke it, and also covers headers no translation unit happens to include.
set -euo pipefail
cd "$SETWORK_SOURCE_DIR"
layers=(core model engine io store app web cli)
rank() {
  local i
  for i in "${!layers[@]}"; do
    [ "${layers[$i]}" = "$1" ] && { echo "$i"; return; }
  done
  echo -1
}
# Libraries only some layers may use: "header:layers allowed". SQLite is the store's alone;
# HTTP is the web's; the engines and models take and return plain arrays, never JSON.
restricted=(sqlite3.h:store microhttpd.h:web jansson.h:core,io,store,app,web,cli
            curl/curl.h:io,app)

files=$(git ls-files 'src/*.c' 'src/*.h' 2>/dev/null || find src -name '*.[ch]')
bad=0
for f in $files; do
  [ "$f" = src/main.c ] && continue
  own=${f#src/}
  own=${own%%/*}
  r=$(rank "$own")
  if [ "$r" -lt 0 ]; then
    echo "$f: not in a layer (${layers[*]}): move it into one" >&2
    bad=1
    continue
  fi
  while IFS=: read -r line inc; do
    target=${inc%%/*}
    tr=$(rank "$target")
    if [ "$tr" -gt "$r" ]; then
      echo "$f:$line: includes \"$inc\": $own may not reach up into $target" >&2
      bad=1
    fi
  done < <(grep -nE '^#include "[^"]+/' "$f" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
  for rule in "${restricted[@]}"; do
    hdr=${rule%%:*}
    allowed=",${rule##*:},"
    if [ "${allowed/,$own,/}" = "$allowed" ] && grep -qE "^#include <$hdr>" "$f"; then
      echo "$f: includes <$hdr>, which the $own layer may not use" >&2
      bad=1
    fi
  done
done
[ "$bad" -eq 0 ] || { echo "layer rule broken above (see docs/ARCHITECTURE.md)" >&2; exit 1; }
echo "every include goes down the layers"
