/* Tables as CSV and as .xlsx (sheet_export.h). libxlsxwriter 1.1.4 (Debian 12) writes only to a
 * file, so the workbook goes to a private temporary file that is read back and removed. */
#include "io/export/sheet_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void csv_cell(struct strbuf *sb, const char *s)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        sb_append_char(sb, '"');
    if (s[0] && strchr("=+-@", s[0]))
        sb_append_char(sb, '\'');
    for (; *s; s++) {
        if (*s == '"')
            sb_append_char(sb, '"');
        sb_append_char(sb, *s);
    }
    if (quote)
        sb_append_char(sb, '"');
}

int export_csv(struct strbuf *out, const struct export_sheet *sheet)
{
    for (size_t r = 0; r < sheet->rows; r++) {
        for (size_t c = 0; c < sheet->cols; c++) {
            if (c)
                sb_append_char(out, ',');
            const char *cell = sheet->cells[r * sheet->cols + c];
            csv_cell(out, cell ? cell : "");
        }
        sb_append(out, "\r\n");
    }
    return out->failed ? -1 : 0;
}

/* A whole number without a leading zero (a grade "07" or a phone number stays text). */
static int whole_number(const char *s, double *v)
{
    size_t len = strlen(s);
    if (len == 0 || len > 15 || (s[0] == '0' && len > 1) || strspn(s, "0123456789") != len)
        return 0;
    *v = strtod(s, NULL);
    return 1;
}

static int write_sheet(lxw_workbook *wb, const struct export_sheet *sheet, lxw_format *bold)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet->name);
    if (!ws)
        return -1;
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t r = 0; r < sheet->rows && r < LXW_ROW_MAX; r++) {
        for (size_t c = 0; c < sheet->cols && c < LXW_COL_MAX; c++) {
            const char *cell = sheet->cells[r * sheet->cols + c];
            double v;
            lxw_error e;
            if (!cell || !*cell)
                continue;
            if (r > 0 && whole_number(cell, &v))
                e = worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, NULL);
            else
                e = worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, cell,
                                           r == 0 ? bold : NULL);
            if (e != LXW_NO_ERROR)
                return -1;
        }
    }
    if (sheet->cols)
        worksheet_set_column(ws, 0, (lxw_col_t)(sheet->cols - 1), 18, NULL);
    return 0;
}

int export_xlsx(struct strbuf *out, const struct export_sheet *sheets, size_t count,
                struct strbuf *err)
{
    const char *dir = getenv("TMPDIR");
    char *path = str_printf("%s/setwork-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = path ? mkstemp(path) : -1;
    if (fd < 0) {
        sb_append(err, "the workbook could not be written: no temporary file");
        free(path);
        return -1;
    }
    close(fd);
    int rc = -1;
    lxw_workbook *wb = workbook_new(path);
    if (wb) {
        lxw_format *bold = workbook_add_format(wb);
        format_set_bold(bold);
        rc = 0;
        for (size_t s = 0; s < count && rc == 0; s++)
            rc = write_sheet(wb, &sheets[s], bold);
        /* workbook_close writes the file and frees the workbook, whatever happened before. */
        if (workbook_close(wb) != LXW_NO_ERROR)
            rc = -1;
    }
    FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
    if (f) {
        char buf[65536];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, f)) > 0)
            sb_append_len(out, buf, got);
        rc = ferror(f) || out->failed ? -1 : 0;
        fclose(f);
    } else {
        rc = -1;
    }
    unlink(path);
    free(path);
    if (rc != 0)
        sb_append(err, "the workbook could not be written");
    return rc;
}
