/* Reading the rows of one sheet of an Excel workbook (.xlsx: a zip archive of XML parts,
 * through libzip and libxml2): shared strings, inline strings, numbers in their shortest form,
 * booleans, and cells formatted as dates written as ISO dates. The rows go into a csv_builder,
 * so a sheet is checked exactly as a CSV file is, each problem at its row number. */
#ifndef SETWORK_IO_IMPORT_XLSX_READER_H
#define SETWORK_IO_IMPORT_XLSX_READER_H

#include "core/diag.h"
#include "io/csv/csv_reader.h"

#include <stdbool.h>
#include <stddef.h>

/* The most bytes one XML part of a workbook may unpack to (a zip bomb stops here). */
#define XLSX_MAX_PART_BYTES (128u * 1024u * 1024u)
/* Excel's own widest sheet (column XFD). */
#define XLSX_MAX_COLUMNS 16384

/* True when DATA starts like a zip archive (an .xlsx or .ods file). */
bool xlsx_is_zip(const char *data, size_t len);

/* Reads sheet SHEET (its name, any case; NULL for the first sheet) of the workbook in DATA
 * into OUT as csv_parse_with would (KEEP_GOOD_ROWS likewise). NAME is used in messages; the
 * sheet's name is stored in *SHEET_USED (caller frees in every case; NULL when none was found).
 * Returns 0, 1 with the problems in DIAGS (not a workbook, no such sheet, a bad part, or the rows'
 * problems), or -1 when out of memory. */
int xlsx_read(const char *name, const char *data, size_t len, const char *sheet,
              bool keep_good_rows, struct csv_table *out, char **sheet_used,
              struct diag_list *diags);

#endif
