/* Loading a table file of any common shape: CSV with a comma, semicolon or tab, in UTF-8 (with
 * or without a byte order mark), UTF-16 or Windows-1252, or the first (or a named) sheet of an
 * .xlsx workbook; and a sentence that says how it was read. */
#ifndef SETWORK_IO_IMPORT_SHEET_LOAD_H
#define SETWORK_IO_IMPORT_SHEET_LOAD_H

#include "core/diag.h"
#include "io/csv/csv_reader.h"

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

struct sheet_source {
    bool workbook;        /* an .xlsx workbook, not text */
    char *sheet;          /* the sheet read (workbooks); owned */
    const char *encoding; /* text files: "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252" */
    bool bom;             /* text files: there was a byte order mark */
    bool transcoded;      /* text files: converted to UTF-8 */
    char delimiter;       /* text files: ',', ';' or '\t' */
};

/* Reads DATA (LEN bytes, NAME in messages) into OUT, recognising its shape as above; SHEET
 * picks a workbook's sheet by name (NULL: the first). With KEEP_GOOD_ROWS a return of 1 keeps
 * the good rows as csv_parse_with does. SRC says how the file was read (free it with
 * sheet_source_free in every case). Returns 0, 1 with problems in DIAGS, -1 when out of
 * memory. */
int sheet_load(const char *name, const char *data, size_t len, const char *sheet,
               bool keep_good_rows, struct csv_table *out, struct sheet_source *src,
               struct diag_list *diags);

/* Appends to SB a sentence for the summary, such as "Read as CSV: UTF-8, semicolon-separated."
 * or "Read as an Excel workbook, sheet 'Staff'.". */
void sheet_source_describe(const struct sheet_source *src, struct strbuf *sb);

void sheet_source_free(struct sheet_source *src);

#endif
