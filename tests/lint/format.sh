#!/usr/bin/env bash
# Every C file follows the one .clang-format (run `make format` to apply it).
set -euo pipefail
cd "$SETWORK_SOURCE_DIR"
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c' 2>/dev/null)
if ! clang-format --dry-run --Werror $files; then
  echo "files above are not formatted: run 'make format'" >&2
  exit 1
fi
echo "all C files formatted"
