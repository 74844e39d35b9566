/* A table written out for a spreadsheet: as CSV text (RFC 4180, formulas defused) or as an Excel
 * workbook (.xlsx, through libxlsxwriter) of one or more sheets. The sets of a plan are exported
 * this way (GET /plans/#/sets.csv and /plans/#/sets.xlsx). */
#ifndef SETWORK_IO_EXPORT_SHEET_EXPORT_H
#define SETWORK_IO_EXPORT_SHEET_EXPORT_H

#include "core/strbuf.h"

#include <stddef.h>

/* One sheet: ROWS rows of COLS cells, row 0 the header; CELLS is row-major and borrowed. */
struct export_sheet {
    const char *name; /* the sheet's tab, at most 31 characters */
    size_t cols, rows;
    const char *const *cells;
};

/* Appends SHEET as CSV to OUT (CRLF line ends). A cell starting with =, +, - or @ gets a leading
 * ' so that a spreadsheet does not run it as a formula. Returns 0, or -1 when out of memory. */
int export_csv(struct strbuf *out, const struct export_sheet *sheet);

/* Appends a workbook of COUNT sheets to OUT: header rows in bold and frozen, whole numbers as
 * numbers, everything else as text (never a formula). Returns 0, or -1 with a sentence in ERR
 * (the workbook could not be written). */
int export_xlsx(struct strbuf *out, const struct export_sheet *sheets, size_t count,
                struct strbuf *err);

#endif
