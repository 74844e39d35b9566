#!/usr/bin/env bash
# import(export(x)) == x for every import case that imports: the export of a cohort, imported
# into a fresh database, exports byte for byte the same, and imported over the original
# changes nothing. Every shape_* case (one cohort in each encoding, delimiter and .xlsx)
# exports the same file as the plain UTF-8 comma one.
source "$(dirname "$0")/lib.sh"
cases="$(dirname "$0")/cases/import"
reference="$SCRATCH/shape_comma_utf8.export.csv"
checked=0
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  [ "$(cat "$dir/expected_status")" = 0 ] || continue
  args=()
  [ -f "$dir/args" ] && read -r -a args < "$dir/args"
  case " ${args[*]} " in *" --dry-run "*) continue ;; esac
  input=$(ls "$dir"input.* | head -n 1)
  one="$SCRATCH/$name.1.db" two="$SCRATCH/$name.2.db"
  "$SETWORK" --db "$one" import "$input" --programme "P" "${args[@]}" > /dev/null
  "$SETWORK" --db "$one" export --programme "P" -o "$SCRATCH/$name.export.csv"
  "$SETWORK" --db "$two" import "$SCRATCH/$name.export.csv" --programme "P" > /dev/null
  "$SETWORK" --db "$two" export --programme "P" -o "$SCRATCH/$name.again.csv"
  if cmp -s "$SCRATCH/$name.export.csv" "$SCRATCH/$name.again.csv"; then pass; else
    fail "$name: the export, imported and exported again, differs"
    diff "$SCRATCH/$name.export.csv" "$SCRATCH/$name.again.csv" >&2 || true
  fi
  "$SETWORK" --db "$one" import "$SCRATCH/$name.export.csv" --programme "P" > "$SCRATCH/out"
  expect_contains "$SCRATCH/out" "(0 new, 0 updated," "$name: importing its own export changes nothing"
  checked=$((checked + 1))
done
for dir in "$cases"/shape_*/; do
  name=$(basename "$dir")
  if cmp -s "$reference" "$SCRATCH/$name.export.csv"; then pass; else
    fail "$name is not read as the same cohort as shape_comma_utf8"
    diff "$reference" "$SCRATCH/$name.export.csv" >&2 || true
  fi
done
[ "$checked" -ge 13 ] && pass || fail "only $checked cases were round-tripped"
finish
