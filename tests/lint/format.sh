#!/usr/bin/env bash
# Every C file follows the one .clang-format. With --fix (what `make format` runs) it applies it.
# The files are git's tracked ones; without git, or outside a git checkout (a tarball), every
# C file under src/, tests/ and bench/.
set -euo pipefail
cd "${SETWORK_SOURCE_DIR:-$(dirname "$0")/../..}"
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c' 2>/dev/null || true)
if [ -z "$files" ]; then
  files=$(find src tests bench -path tests/browser/node_modules -prune -o -type f \
    \( -path 'src/*.[ch]' -o -path 'tests/*.[ch]' -o -path 'bench/*.c' \) -print | LC_ALL=C sort)
fi
[ -n "$files" ] || { echo "no C files found in $PWD" >&2; exit 1; }
if [ "${1:-}" = "--fix" ]; then
  # shellcheck disable=SC2086
  exec clang-format -i $files
fi
# shellcheck disable=SC2086
if ! clang-format --dry-run --Werror $files; then
  echo "files above are not formatted: run 'make format'" >&2
  exit 1
fi
echo "all C files formatted ($(echo "$files" | wc -l) files)"
