#!/usr/bin/env bash
# Fails if any source file calls a string function that is easy to misuse (as curl bans them):
# use core/strbuf.h instead.
set -euo pipefail
cd "$SETWORK_SOURCE_DIR"
if grep -nE '\b(sprintf|vsprintf|strcat|strncat|strcpy|strncpy|strtok|sscanf|gets)\s*\(' \
    $(git ls-files 'src/*.c' 'src/*.h' 2>/dev/null || find src -name '*.[ch]'); then
  echo "banned function used above: use the helpers in src/core/strbuf.h" >&2
  exit 1
fi
echo "no banned functions"
