#!/usr/bin/python3
"""Writes the import cases that hold one cohort in every common file shape: each delimiter,
each encoding, and .xlsx workbooks as openpyxl (Debian's python3-openpyxl) writes them, the way
Excel does. Run it from anywhere: it writes under tests/e2e/cases/import/shape_*/. The files are
committed; run it again only to change them. Every shape must import as the same cohort
(test_import_roundtrip.sh compares their exports)."""
import datetime
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases", "import")

HEADER = ["Name", "Email", "Organisation", "Department", "Location", "Phone", "Start date",
          "Manager Email"]
# Accents that differ between UTF-8 and Windows-1252, the euro sign (0x80 in Windows-1252), a
# semicolon and a comma inside values, a quote, and a phone number a spreadsheet would take for
# a formula.
ROWS = [
    ["Zoë Müller", "zoe@example.org", "Façade & Co", "R&D; Labs", "Köln", "+49 221 123",
     "2026-01-05", ""],
    ["José Núñez", "jose@example.org", "Façade & Co", "Finance, €", "Málaga", "0612",
     "2026-02-10", "zoe@example.org"],
    ["Ana \"Nan\" O'Neil", "ana@example.org", "Øresund AB", "Sales", "Malmö", "",
     "2025-12-31", "zoe@example.org"],
    ["Žarko Šimunovic", "zarko@example.org", "Øresund AB", "Sales", "Kraków", "-",
     "2026-03-01", "ana@example.org"],
]


def csv_text(delim, rows):
    def field(v):
        if any(c in v for c in (delim, '"', "\n", "\r")) or v[:1] in ("+", "-", "=", "@"):
            return '"' + v.replace('"', '""') + '"'
        return v
    return "".join(delim.join(field(v) for v in r) + "\r\n" for r in [HEADER] + rows)


def case(name, data, expected_stdout, args=None, ext="csv"):
    d = os.path.join(CASES, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith("input."):
            os.remove(os.path.join(d, f))
    with open(os.path.join(d, "input." + ext), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "expected_status"), "w") as f:
        f.write("0\n")
    with open(os.path.join(d, "expected_stdout"), "w") as f:
        f.write(expected_stdout + "\n4 people (4 new, 0 updated, 0 unchanged)\n")
    if args:
        with open(os.path.join(d, "args"), "w") as f:
            f.write(args + "\n")


def xlsx_bytes(sheets):
    import io
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def typed(rows):
    """Rows as a spreadsheet holds them: dates as dates, a number as a number."""
    out = []
    for r in rows:
        r = list(r)
        r[6] = datetime.date.fromisoformat(r[6])
        out.append([v if v != "" else None for v in r])
    return out


def main():
    utf8 = csv_text(",", ROWS)
    case("shape_comma_utf8", utf8.encode("utf-8"), "Read as CSV: UTF-8, comma-separated.")
    case("shape_comma_utf8_bom", b"\xef\xbb\xbf" + utf8.encode("utf-8"),
         "Read as CSV: UTF-8 with a byte order mark, comma-separated.")
    case("shape_semicolon_utf8", csv_text(";", ROWS).encode("utf-8"),
         "Read as CSV: UTF-8, semicolon-separated.")
    case("shape_tab_utf8", csv_text("\t", ROWS).encode("utf-8"),
         "Read as CSV: UTF-8, tab-separated.")
    # Excel's "Unicode text": UTF-16LE with a byte order mark (converted to UTF-8), tab-separated.
    case("shape_tab_utf16le_bom", b"\xff\xfe" + csv_text("\t", ROWS).encode("utf-16-le"),
         "Read as CSV: UTF-16LE with a byte order mark (converted to UTF-8), tab-separated.")
    case("shape_comma_utf16be_bom", b"\xfe\xff" + utf8.encode("utf-16-be"),
         "Read as CSV: UTF-16BE with a byte order mark (converted to UTF-8), comma-separated.")
    # Excel's "CSV" on Windows in much of Europe: Windows-1252 and semicolons.
    case("shape_semicolon_windows1252", csv_text(";", ROWS).encode("cp1252"),
         "Read as CSV: Windows-1252 (the file is not valid UTF-8, so it was read as "
         "Windows-1252")
    case("shape_comma_windows1252", csv_text(",", ROWS).encode("cp1252"),
         "Read as CSV: Windows-1252 (the file is not valid UTF-8")
    rows = [HEADER] + typed(ROWS)
    case("shape_xlsx_first_sheet", xlsx_bytes([("Cohort", rows), ("Notes", [["x"]])]),
         "Read as an Excel workbook, sheet 'Cohort'.", ext="xlsx")
    case("shape_xlsx_named_sheet",
         xlsx_bytes([("Notes", [["not the cohort"]]), ("Staff2026", rows)]),
         "Read as an Excel workbook, sheet 'Staff2026'.", args="--sheet staff2026", ext="xlsx")

    # Workbooks with problems: a missing sheet; every problem of a sheet in one pass.
    d = os.path.join(CASES, "xlsx_no_such_sheet")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "input.xlsx"), "wb") as f:
        f.write(xlsx_bytes([("Cohort", rows), ("Notes", [["x"]])]))
    with open(os.path.join(d, "args"), "w") as f:
        f.write("--sheet Staff\n")
    with open(os.path.join(d, "expected_status"), "w") as f:
        f.write("1\n")
    with open(os.path.join(d, "expected_stderr"), "w") as f:
        f.write("input.xlsx: the workbook has no sheet 'Staff'; its sheets are 'Cohort', "
                "'Notes' (give one with --sheet)\n")
    bad = [HEADER] + typed(ROWS)
    bad[2] = list(bad[2])
    bad[2][1] = "jose at example.org"
    bad[3] = list(bad[3])
    bad[3][0] = None
    bad.append(["Zed", "zoe@example.org", None, None, None, 42, None, None])
    d = os.path.join(CASES, "xlsx_every_problem_listed")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "input.xlsx"), "wb") as f:
        f.write(xlsx_bytes([("Cohort", bad)]))
    with open(os.path.join(d, "expected_status"), "w") as f:
        f.write("1\n")
    with open(os.path.join(d, "expected_stderr"), "w") as f:
        f.write("Read as an Excel workbook, sheet 'Cohort'.\n"
                "input.xlsx:3: column 'email': 'jose at example.org' is not a valid email\n"
                "input.xlsx:4: column 'name': the name is empty\n"
                "input.xlsx:6: column 'email': 'zoe@example.org' appears again (first on line 2)\n"
                "3 problems in\n")


if __name__ == "__main__":
    sys.exit(main())
