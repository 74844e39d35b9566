#!/bin/sh
# Benchmark of the interactive whole network at 2,000 people: see bench/network_view.mjs.
# Usage: sh bench/network_view.sh BUILD_DIR [PEOPLE] [RUNS]
set -eu
here=$(dirname "$0")
[ -d "$here/../tests/browser/node_modules" ] || { echo "network_view: run scripts/install-browser-deps first" >&2; exit 0; }
exec node "$here/network_view.mjs" "$@"
