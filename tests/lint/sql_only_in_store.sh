#!/usr/bin/env bash
# SQL lives only in src/store/ (as kcgi's sqlbox teaches: one fixed set of prepared statements).
# Fails if any other source file prepares or executes SQL.
set -euo pipefail
cd "$SETWORK_SOURCE_DIR"
files=$(git ls-files 'src/*.c' 'src/*.h' 2>/dev/null || find src -name '*.[ch]')
if grep -nE '\b(db_prepare|sqlite3_prepare(_v2|_v3)?|sqlite3_exec)\s*\(' $files | grep -v '^src/store/'; then
  echo "SQL outside src/store/ above: move it into a store_<thing>.c function" >&2
  exit 1
fi
echo "SQL only in src/store/"
