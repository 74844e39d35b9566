/* Which reader a table file needs, and the sentence that says so. */
#include "io/import/sheet_load.h"

#include "core/strbuf.h"
#include "io/csv/csv_sniff.h"
#include "io/import/xlsx_reader.h"

#include <stdlib.h>
#include <string.h>

/* The signature of the old binary Excel format (an OLE compound file). */
static const char xls_magic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

int sheet_load(const char *name, const char *data, size_t len, const char *sheet,
               bool keep_good_rows, struct csv_table *out, struct sheet_source *src,
               struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    memset(src, 0, sizeof *src);
    if (len > CSV_MAX_FILE_BYTES) {
        diag_add(diags, name, 0, NULL,
                 "the file is %zu bytes, larger than the limit of %u bytes (64 MiB); split it "
                 "into several files",
                 len, CSV_MAX_FILE_BYTES);
        return 1;
    }
    if (xlsx_is_zip(data, len)) {
        src->workbook = true;
        return xlsx_read(name, data, len, sheet, keep_good_rows, out, &src->sheet, diags);
    }
    if (len >= 8 && memcmp(data, xls_magic, 8) == 0) {
        diag_add(diags, name, 0, NULL,
                 "this is an old Excel .xls file, which setwork does not read; in Excel, save "
                 "it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'");
        return 1;
    }
    if (sheet) {
        diag_add(diags, name, 0, NULL,
                 "--sheet names a sheet of an Excel workbook, but this file is text (CSV); "
                 "leave --sheet out");
        return 1;
    }
    struct csv_text text;
    int rc = csv_decode(name, data, len, &text, diags);
    if (rc == 0) {
        src->encoding = text.encoding;
        src->bom = text.bom;
        src->transcoded = text.transcoded;
        src->delimiter = csv_sniff_delimiter(text.data, text.len);
        struct csv_parse_options opt = {.delimiter = src->delimiter,
                                        .keep_good_rows = keep_good_rows};
        rc = csv_parse_with(name, text.data, text.len, &opt, out, diags);
    }
    csv_text_free(&text);
    return rc;
}

void sheet_source_describe(const struct sheet_source *src, struct strbuf *sb)
{
    if (src->workbook) {
        sb_append(sb, "Read as an Excel workbook");
        if (src->sheet)
            sb_printf(sb, ", sheet '%s'", src->sheet);
        sb_append(sb, ".");
        return;
    }
    if (!src->encoding)
        return;
    sb_printf(sb, "Read as CSV: %s", src->encoding);
    if (src->bom)
        sb_append(sb, " with a byte order mark");
    if (src->transcoded && strcmp(src->encoding, "Windows-1252") == 0)
        sb_append(sb, " (the file is not valid UTF-8, so it was read as Windows-1252, as Excel "
                      "writes 'CSV' on Windows, and converted; check accented letters)");
    else if (src->transcoded)
        sb_append(sb, " (converted to UTF-8)");
    sb_printf(sb, ", %s-separated.", csv_delimiter_name(src->delimiter));
}

void sheet_source_free(struct sheet_source *src)
{
    free(src->sheet);
    memset(src, 0, sizeof *src);
}
