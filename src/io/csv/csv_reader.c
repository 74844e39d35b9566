/* CSV reading on top of libcsv: line tracking, header normalisation, checks and limits. */
#include "io/csv/csv_reader.h"

#include "core/strbuf.h"
#include "core/utf8.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* libcsv's parser state for "no field of the current row seen yet" (ROW_NOT_BEGUN). */
#define LIBCSV_ROW_NOT_BEGUN 0

struct reader {
    const char *name;
    struct diag_list *diags;
    long line;      /* physical line being fed to libcsv */
    long row_start; /* line where the row being read began */
    char **fields;  /* fields of the row being read */
    size_t nfields;
    size_t fields_cap;
    long too_big_field;  /* index of the first field of the row over CSV_MAX_FIELD_BYTES, or -1 */
    long nul_field;      /* index of the first field of the row holding a NUL byte, or -1 */
    size_t nul_position; /* 1-based byte position of that NUL in its field */
    bool header_done;
    bool stop; /* a limit was hit: ignore the rest */
    int problems;
    bool oom;
    struct csv_table *table;
    size_t rows_cap;
};

static void problem(struct reader *r, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(struct reader *r, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    if (!msg || diag_add(r->diags, r->name, line, field, "%s", msg) != 0)
        r->oom = true;
    free(msg);
    r->problems++;
}

static void drop_fields(struct reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i]);
    r->nfields = 0;
    r->too_big_field = -1;
    r->nul_field = -1;
}

/* Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
static bool formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static void on_field(void *data, size_t len, void *arg)
{
    struct reader *r = arg;
    if (r->stop || r->oom)
        return;
    if (len > CSV_MAX_FIELD_BYTES) {
        if (r->too_big_field < 0)
            r->too_big_field = (long)r->nfields;
        len = 0;
    }
    if (r->nfields == r->fields_cap) {
        size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
        char **f = realloc(r->fields, cap * sizeof *f);
        if (!f) {
            r->oom = true;
            return;
        }
        r->fields = f;
        r->fields_cap = cap;
    }
    /* Fields are C strings from here on: a NUL byte would silently cut the value short. */
    const char *nul = len ? memchr(data, '\0', len) : NULL;
    if (nul && r->nul_field < 0) {
        r->nul_field = (long)r->nfields;
        r->nul_position = (size_t)(nul - (const char *)data) + 1;
    }
    char *s = malloc(len + 1);
    if (!s) {
        r->oom = true;
        return;
    }
    if (len)
        memcpy(s, data, len);
    s[len] = '\0';
    r->fields[r->nfields++] = s;
}

char *csv_normalise_name(char *s)
{
    str_lower(str_trim(s));
    char *w = s;
    for (char *p = s; *p; p++) {
        char c = (*p == ' ' || *p == '-' || *p == '\t') ? '_' : *p;
        if (c == '_' && w > s && w[-1] == '_')
            continue;
        *w++ = c;
    }
    *w = '\0';
    return s;
}

/* Returns true when FIELD is valid UTF-8; otherwise reports it against COLUMN. */
static bool check_utf8(struct reader *r, const char *field, const char *column, size_t colno)
{
    size_t bad = 0;
    if (utf8_valid(field, strlen(field), &bad))
        return true;
    if (column && *column) {
        problem(r, r->row_start, column,
                "the text is not valid UTF-8 (bad byte at position %zu); save the file as "
                "UTF-8 (in Excel: 'CSV UTF-8')",
                bad + 1);
    } else {
        char label[32];
        snprintf(label, sizeof label, "%zu", colno + 1);
        problem(r, r->row_start, label,
                "the text is not valid UTF-8 (bad byte at position %zu); save the file as "
                "UTF-8 (in Excel: 'CSV UTF-8')",
                bad + 1);
    }
    return false;
}

static void take_header(struct reader *r)
{
    struct csv_table *t = r->table;
    size_t n = r->nfields;
    while (n > 0 && r->fields[n - 1][0] == '\0')
        n--; /* trailing empty columns */
    if (n > CSV_MAX_COLUMNS) {
        problem(r, r->row_start, NULL,
                "the header has %zu columns, more than the limit of %d; remove unused columns", n,
                CSV_MAX_COLUMNS);
        r->stop = true;
        return;
    }
    if (r->too_big_field >= 0) {
        char label[32];
        snprintf(label, sizeof label, "%ld", r->too_big_field + 1);
        problem(r, r->row_start, label,
                "this header name is longer than the limit of %u bytes; is the first row really "
                "the header?",
                CSV_MAX_FIELD_BYTES);
        r->stop = true;
        return;
    }
    if (r->nul_field >= 0) {
        char label[32];
        snprintf(label, sizeof label, "%ld", r->nul_field + 1);
        problem(r, r->row_start, label,
                "the header contains a NUL byte (position %zu); save the file as UTF-8 text "
                "(a UTF-16 file has one in every character)",
                r->nul_position);
        r->stop = true;
        return;
    }
    t->header = calloc(n ? n : 1, sizeof *t->header);
    t->header_raw = calloc(n ? n : 1, sizeof *t->header_raw);
    if (!t->header || !t->header_raw) {
        r->oom = true;
        return;
    }
    t->columns = n;
    for (size_t i = 0; i < n; i++) {
        bool ok = check_utf8(r, r->fields[i], NULL, i);
        t->header_raw[i] = strdup(ok ? r->fields[i] : "?");
        t->header[i] = strdup(ok ? r->fields[i] : "?");
        if (!t->header[i] || !t->header_raw[i]) {
            r->oom = true;
            return;
        }
        str_trim(t->header_raw[i]);
        csv_normalise_name(t->header[i]);
        if (t->header[i][0] == '\0') {
            char label[32];
            snprintf(label, sizeof label, "%zu", i + 1);
            problem(r, r->row_start, label,
                    "this header column has no name; name it or delete the column");
        }
        for (size_t j = 0; j < i; j++) {
            if (t->header[i][0] && strcmp(t->header[i], t->header[j]) == 0)
                problem(r, r->row_start, t->header_raw[i],
                        "this column name appears twice in the header (columns %zu and %zu); "
                        "rename or remove one",
                        j + 1, i + 1);
        }
    }
    t->header_line = r->row_start;
    r->header_done = true;
}

static void take_row(struct reader *r)
{
    struct csv_table *t = r->table;
    size_t used = r->nfields;
    while (used > t->columns && r->fields[used - 1][0] == '\0')
        used--; /* trailing empty columns are harmless */
    if (used > t->columns) {
        problem(r, r->row_start, NULL,
                "this row has %zu fields but the header names %zu columns; remove the extra "
                "values, put quotes around values that contain commas, or add a header for them",
                used, t->columns);
        return;
    }
    if (r->too_big_field >= 0) {
        size_t i = (size_t)r->too_big_field;
        char label[32];
        snprintf(label, sizeof label, "%zu", i + 1);
        problem(r, r->row_start, i < t->columns && *t->header_raw[i] ? t->header_raw[i] : label,
                "the text is longer than the limit of %u bytes; shorten it", CSV_MAX_FIELD_BYTES);
        return;
    }
    if (t->row_count >= CSV_MAX_ROWS) {
        problem(r, r->row_start, NULL,
                "the file has more than %d rows, the limit; split it into several files",
                CSV_MAX_ROWS);
        r->stop = true;
        return;
    }
    if (r->nul_field >= 0) {
        size_t i = (size_t)r->nul_field;
        char label[32];
        snprintf(label, sizeof label, "%zu", i + 1);
        problem(r, r->row_start, i < t->columns && *t->header_raw[i] ? t->header_raw[i] : label,
                "the text contains a NUL byte (position %zu); save the file as UTF-8 text "
                "(UTF-16 files are full of them)",
                r->nul_position);
        return;
    }
    bool ok = true;
    for (size_t i = 0; i < used; i++)
        ok &= check_utf8(r, r->fields[i], t->header_raw[i], i);
    if (!ok)
        return;
    if (t->row_count == r->rows_cap) {
        size_t cap = r->rows_cap ? r->rows_cap * 2 : 64;
        struct csv_row *rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows) {
            r->oom = true;
            return;
        }
        t->rows = rows;
        r->rows_cap = cap;
    }
    char **fields = calloc(t->columns ? t->columns : 1, sizeof *fields);
    if (!fields) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < t->columns; i++) {
        if (i < used) {
            fields[i] = r->fields[i];
            r->fields[i] = NULL;
            str_trim(fields[i]);
            if (fields[i][0] == '\'' && formula_start(fields[i][1]))
                memmove(fields[i], fields[i] + 1, strlen(fields[i]));
        } else {
            fields[i] = strdup("");
            if (!fields[i])
                r->oom = true;
        }
    }
    t->rows[t->row_count].line = r->row_start;
    t->rows[t->row_count].fields = fields;
    t->row_count++;
}

static void on_row(int terminator, void *arg)
{
    struct reader *r = arg;
    if (r->stop || r->oom) {
        drop_fields(r);
        return;
    }
    bool blank = r->nul_field < 0 && r->too_big_field < 0;
    for (size_t i = 0; i < r->nfields && blank; i++) {
        char *f = r->fields[i];
        blank = f[strspn(f, " \t")] == '\0';
    }
    if (!blank) {
        if (!r->header_done)
            take_header(r);
        else
            take_row(r);
    }
    drop_fields(r);
}

/* Length of the physical line starting at P (up to END), including its terminator: LF, CRLF,
 * or a lone CR (old Mac files). */
static size_t line_length(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && *q != '\n' && *q != '\r')
        q++;
    if (q < end && *q == '\r')
        q++;
    else if (q < end && *q == '\n')
        return (size_t)(q + 1 - p);
    if (q < end && *q == '\n' && q[-1] == '\r')
        q++;
    return (size_t)(q - p);
}

int csv_parse_all(const char *name, const char *data, size_t len, struct csv_table *out,
                  struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    size_t before = diags->count + diags->dropped;
    struct reader r = {
        .name = name, .diags = diags, .table = out, .nul_field = -1, .too_big_field = -1};
    if (len > CSV_MAX_FILE_BYTES) {
        problem(&r, 0, NULL,
                "the file is %zu bytes, larger than the limit of %u bytes (64 MiB); split it "
                "into several files",
                len, CSV_MAX_FILE_BYTES);
        return 1;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return -1;
    const char *cur = data, *end = data + len;
    r.line = 0;
    while (cur < end && !r.stop && !r.oom) {
        size_t n = line_length(cur, end);
        r.line++;
        if (p.pstate == LIBCSV_ROW_NOT_BEGUN)
            r.row_start = r.line;
        if (csv_parse(&p, cur, n, on_field, on_row, &r) != n) {
            if (csv_error(&p) == CSV_ENOMEM) {
                r.oom = true;
                break;
            }
            problem(&r, r.line, NULL,
                    "a quote appears inside a field that is not quoted, or after a closing "
                    "quote; put the whole field in double quotes and write each quote inside it "
                    "as two (\"\")");
            /* Skip the rest of this line and start afresh on the next one. */
            drop_fields(&r);
            csv_free(&p);
            if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
                r.oom = true;
                break;
            }
        }
        cur += n;
    }
    if (!r.stop && !r.oom && csv_fini(&p, on_field, on_row, &r) != 0) {
        if (csv_error(&p) == CSV_ENOMEM)
            r.oom = true;
        else
            problem(&r, r.row_start, NULL,
                    "a quoted field that starts on this line is never closed; add the closing "
                    "double quote");
        drop_fields(&r);
    }
    csv_free(&p);
    drop_fields(&r);
    free(r.fields);
    if (!r.oom && !r.header_done && r.problems == 0)
        problem(&r, 0, NULL, "the file is empty; it needs a header row and at least one row");
    if (r.oom) {
        csv_table_free(out);
        return -1;
    }
    if (diags->count + diags->dropped > before) {
        csv_table_free(out);
        return 1;
    }
    return 0;
}

int csv_read_file(const char *path, char **data, size_t *len, struct diag_list *diags)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diags, path, 0, NULL, "cannot open the file: %s", strerror(errno));
        return 1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add(diags, path, 0, NULL, "this is not a regular file");
        fclose(f);
        return 1;
    }
    if ((unsigned long long)st.st_size > CSV_MAX_FILE_BYTES) {
        diag_add(diags, path, 0, NULL,
                 "the file is %lld bytes, larger than the limit of %u bytes (64 MiB); split it "
                 "into several files",
                 (long long)st.st_size, CSV_MAX_FILE_BYTES);
        fclose(f);
        return 1;
    }
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size + 1);
    if (!buf || fread(buf, 1, size, f) != size) {
        diag_add(diags, path, 0, NULL, "cannot read the file: %s",
                 buf ? strerror(errno) : "out of memory");
        free(buf);
        fclose(f);
        return 1;
    }
    fclose(f);
    buf[size] = '\0';
    *data = buf;
    *len = size;
    return 0;
}

long csv_column(const struct csv_table *t, const char *name)
{
    for (size_t i = 0; i < t->columns; i++) {
        if (strcmp(t->header[i], name) == 0)
            return (long)i;
    }
    return -1;
}

void csv_table_free(struct csv_table *t)
{
    for (size_t i = 0; i < t->row_count; i++) {
        for (size_t j = 0; j < t->columns; j++)
            free(t->rows[i].fields[j]);
        free(t->rows[i].fields);
    }
    free(t->rows);
    for (size_t j = 0; j < t->columns; j++) {
        if (t->header)
            free(t->header[j]);
        if (t->header_raw)
            free(t->header_raw[j]);
    }
    free(t->header);
    free(t->header_raw);
    memset(t, 0, sizeof *t);
}

int csv_append_field(struct strbuf *sb, const char *field)
{
    /* A leading apostrophe makes a spreadsheet show the cell as text; the reader removes it
     * again (csv_parse_all), so files round-trip. */
    if (formula_start(field[0]) || (field[0] == '\'' && formula_start(field[1])))
        sb_append_char(sb, '\'');
    size_t n = strlen(field);
    bool quote = strpbrk(field, ",\"\r\n") != NULL ||
                 (n && (field[0] == ' ' || field[n - 1] == ' ' || field[0] == '\t'));
    if (!quote)
        return sb_append_len(sb, field, n);
    sb_append_char(sb, '"');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            sb_append_char(sb, '"');
        sb_append_char(sb, *p);
    }
    return sb_append_char(sb, '"');
}
