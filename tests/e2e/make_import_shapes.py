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

    reader_fixtures()


def reader_fixtures():
    """Workbooks for tests/unit/test_xlsx_reader.c, under cases/xlsx/."""
    import io
    import zipfile
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    d = os.path.join(HERE, "cases", "xlsx")
    os.makedirs(d, exist_ok=True)
    # Typed cells as Excel holds them: numbers, booleans, dates, date-times, times, a formula's
    # cached text is not written by openpyxl, so none here.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Types"
    ws.append(["text", "int", "float", "bool", "date", "datetime", "time", "big", "empty"])
    ws.append(["Zoë", 42, 0.1, True, datetime.date(2026, 3, 29),
               datetime.datetime(2026, 10, 25, 1, 30), datetime.time(14, 5, 9), 447700900123,
               None])
    ws.append(["x", -7, 1 / 3, False, datetime.date(1900, 1, 1),
               datetime.datetime(1999, 12, 31, 23, 59, 59), datetime.time(0, 0), 1e20, None])
    ws["C4"] = 2.5
    ws["A4"] = "gap before C4"
    wb.save(os.path.join(d, "types.xlsx"))
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["date"])
    ws.append([datetime.date(2026, 3, 29)])
    wb.save(os.path.join(d, "date1904.xlsx"))
    # Inline strings and a rich-text shared string with a phonetic run, written by hand the
    # way other producers (and Excel, for rich text) do.
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} {rel}><sheets>'
                           f'<sheet name="Inline" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s1.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {ns} count="1" uniqueCount="1"><si>'
                                '<r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">text</t></r>'
                                '<rPh sb="0" eb="1"><t>ignored</t></rPh></si></sst>',
        "xl/worksheets/s1.xml": f'<?xml version="1.0"?><worksheet {ns}><sheetData>'
                                '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
                                '<c r="B1" t="inlineStr"><is><t>note</t></is></c></row>'
                                '<row r="3"><c r="A3" t="inlineStr"><is><t>A &amp; B</t></is></c>'
                                '<c r="B3" t="s"><v>0</v></c></row>'
                                '<row r="4"><c r="B4" t="str"><v>formula text</v></c>'
                                '<c r="D4" t="e"><v>#N/A</v></c></row>'
                                '</sheetData></worksheet>',
    }
    with zipfile.ZipFile(os.path.join(d, "inline.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    # A cell at XFD, Excel's last column: refused as one, without padding 16,384 cells.
    wide = dict(parts)
    wide["xl/worksheets/s1.xml"] = (f'<?xml version="1.0"?><worksheet {ns}><sheetData>'
                                    '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
                                    '<row r="2"><c r="A2" t="inlineStr"><is><t>Ada</t></is></c>'
                                    '<c r="XFD2" t="inlineStr"><is><t>far</t></is></c>'
                                    '<c r="XFD3" t="inlineStr"><is><t>farther</t></is></c></row>'
                                    '</sheetData></worksheet>')
    with zipfile.ZipFile(os.path.join(d, "wide.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in wide.items():
            z.writestr(name, text)
    # A sheet whose XML stops in the middle of row 3 (a damaged download).
    cut = dict(parts)
    cut["xl/worksheets/s1.xml"] = (f'<?xml version="1.0"?><worksheet {ns}><sheetData>'
                                   '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
                                   '<row r="2"><c r="A2" t="inlineStr"><is><t>Ada</t></is></c></row>'
                                   '<row r="3"><c r="A3" t="inlineStr"><is><t>Be')
    with zipfile.ZipFile(os.path.join(d, "truncated_sheet.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in cut.items():
            z.writestr(name, text)
    with zipfile.ZipFile(os.path.join(d, "not_a_workbook.zip"), "w") as z:
        z.writestr("readme.txt", "just a zip")
    with zipfile.ZipFile(os.path.join(d, "spreadsheet.ods"), "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")


if __name__ == "__main__":
    sys.exit(main())
