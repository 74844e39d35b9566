#!/bin/sh
# Reading speed of each cohort file shape: a generated cohort of N people (setwork demo --csv)
# written as UTF-8 comma, Windows-1252 semicolon, UTF-16LE tab and .xlsx (openpyxl), each read
# and checked by bench_sheet_load (no database). Usage: bench/sheet_load.sh BUILD_DIR [N]
set -eu
build=$1 n=${2:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/setwork" demo --csv "$work/comma.csv" --people "$n"
/usr/bin/python3 - "$work" <<'PY'
import csv, sys, openpyxl
work = sys.argv[1]
rows = list(csv.reader(open(f"{work}/comma.csv", newline="", encoding="utf-8")))
# An accent in every row, so that the Windows-1252 file is not plain ASCII.
rows = [rows[0]] + [[r[0] + " é"] + r[1:] for r in rows[1:]]
for name, delim, enc in (("semicolon-1252.csv", ";", "cp1252"), ("tab-utf16.txt", "\t", "utf-16")):
    with open(f"{work}/{name}", "w", newline="", encoding=enc) as f:
        csv.writer(f, delimiter=delim, lineterminator="\r\n").writerows(rows)
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Cohort")
for r in rows:
    ws.append(r)
wb.save(f"{work}/cohort.xlsx")
PY
"$build/bench/bench_sheet_load" 3 "$work/comma.csv" "$work/semicolon-1252.csv" \
  "$work/tab-utf16.txt" "$work/cohort.xlsx"
