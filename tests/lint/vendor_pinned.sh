#!/usr/bin/env bash
# The JavaScript library committed in src/web/assets is the one src/web/vendor's lock pins: its
# first line names the locked version (always checked), the library's own version string agrees,
# and, when `scripts/install-browser-deps` has installed src/web/vendor/node_modules, the rest of
# the file is byte for byte the locked package's dist file (the first line is ours: the dist
# file's header carries the licence but no version). Its licence text is committed beside it.
set -euo pipefail
cd "${SETWORK_SOURCE_DIR:-$(dirname "$0")/../..}"
vendor=src/web/vendor
failed=0
fail() { echo "vendor_pinned: $*" >&2; failed=1; }
# check NAME COMMITTED DIST LICENCE: DIST is the file inside the npm package.
check() {
  local name=$1 committed=$2 dist=$3 licence=$4 locked header
  locked=$(jq -r --arg p "node_modules/$name" '.packages[$p].version // empty' "$vendor/package-lock.json")
  [ -n "$locked" ] || { fail "$vendor/package-lock.json does not lock $name"; return; }
  [ -f "$committed" ] || { fail "$committed is missing"; return; }
  [ -f "$licence" ] || fail "$licence (the licence of $name) is missing"
  header=$(head -n 1 "$committed")
  if [[ "$header" != "/*! $name $locked from npm "* ]]; then
    fail "$committed line 1 should name $name $locked (the locked version), it says: ${header:0:100}"
  fi
  # The library says its own version inside the minified code (cytoscape: version="3.35.0").
  grep -q "version=\"$locked\"" "$committed" ||
    fail "$committed does not carry version=\"$locked\" inside: it is not the locked release"
  local installed="$vendor/node_modules/$name/$dist"
  if [ -d "$vendor/node_modules" ]; then
    if [ ! -f "$installed" ]; then
      fail "$installed is missing: run scripts/install-browser-deps"
    elif ! tail -n +2 "$committed" | cmp -s - "$installed"; then
      fail "$committed (after its first line) differs from $installed: copy the locked dist file"
    fi
    if [ -f "$vendor/node_modules/$name/LICENSE" ] && ! cmp -s "$licence" "$vendor/node_modules/$name/LICENSE"; then
      fail "$licence differs from the package's LICENSE"
    fi
  else
    echo "vendor_pinned: $vendor/node_modules not installed: version checked, bytes not compared"
  fi
}
check cytoscape src/web/assets/cytoscape.min.js dist/cytoscape.min.js src/web/assets/cytoscape-license.txt
[ "$failed" -eq 0 ] || exit 1
echo "vendored JavaScript matches $vendor/package-lock.json"
