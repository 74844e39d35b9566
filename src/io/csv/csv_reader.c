/* CSV reading: an RFC 4180 tokeniser with line tracking and recovery (so that every problem
 * in a file is reported, each with its line and column), header normalisation, checks and
 * limits. Spreadsheet rows (.xlsx) go through the same builder. */
#include "io/csv/csv_reader.h"

#include "core/strbuf.h"
#include "core/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct csv_builder {
    const char *name;
    struct diag_list *diags;
    long row_start; /* line where the record being built began */
    char **fields;  /* fields of the record being built */
    size_t nfields;
    long too_big_field;  /* index of the first field of the row over CSV_MAX_FIELD_BYTES, or -1 */
    long nul_field;      /* index of the first field of the row holding a NUL byte, or -1 */
    size_t nul_position; /* 1-based byte position of that NUL in its field */
    bool header_done;
    bool header_bad; /* the header could not be read: no row can be checked */
    bool stop;       /* a limit was hit: ignore the rest */
    int problems;
    bool oom;
    struct csv_table *table;
    size_t rows_cap;
};

static void problem(struct csv_builder *r, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(struct csv_builder *r, long line, const char *field, const char *fmt, ...)
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

/* The column a problem is reported against: the header's name for it when there is one, else
 * its 1-based number. LABEL is scratch space for the number. */
static const char *column_label(const struct csv_builder *b, size_t index, char label[32])
{
    const struct csv_table *t = b->table;
    if (b->header_done && index < t->columns && t->header_raw[index][0])
        return t->header_raw[index];
    snprintf(label, 32, "%zu", index + 1);
    return label;
}

static void drop_fields(struct csv_builder *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i]);
    free(r->fields);
    r->fields = NULL;
    r->nfields = 0;
    r->too_big_field = -1;
    r->nul_field = -1;
}

/* Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
static bool formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
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

/* Returns true when FIELD is valid UTF-8; otherwise reports it against its column. */
static bool check_utf8(struct csv_builder *r, const char *field, size_t colno)
{
    size_t bad = 0;
    if (utf8_valid(field, strlen(field), &bad))
        return true;
    char label[32];
    problem(r, r->row_start, column_label(r, colno, label),
            "the text is not valid UTF-8 (bad byte at position %zu); save the file as "
            "UTF-8 (in Excel: 'CSV UTF-8')",
            bad + 1);
    return false;
}

static void take_header(struct csv_builder *r)
{
    struct csv_table *t = r->table;
    size_t n = r->nfields;
    while (n > 0 && r->fields[n - 1][0] == '\0')
        n--; /* trailing empty columns */
    r->header_bad = true;
    r->header_done = true;
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
                "(a UTF-16 file without a byte order mark has one in every character)",
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
    t->header_line = r->row_start;
    r->header_done = false; /* column_label: numbers while the header is being read */
    for (size_t i = 0; i < n; i++) {
        bool ok = check_utf8(r, r->fields[i], i);
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
    r->header_done = true;
    r->header_bad = false;
}

static bool blank_field(const char *f)
{
    return f[strspn(f, " \t")] == '\0';
}

static void take_row(struct csv_builder *r)
{
    struct csv_table *t = r->table;
    size_t used = r->nfields;
    char label[32];
    while (used > t->columns && blank_field(r->fields[used - 1]))
        used--; /* trailing empty (or blank) columns are harmless */
    if (used > t->columns) {
        size_t first = t->columns;
        while (first + 1 < used && blank_field(r->fields[first]))
            first++; /* the first extra value that holds something */
        snprintf(label, sizeof label, "%zu", first + 1);
        problem(r, r->row_start, label,
                "this row has %zu fields but the header names %zu columns (the extra values "
                "start at column %zu); remove the extra values, put quotes around values that "
                "contain commas, or add a header for them",
                used, t->columns, first + 1);
        return;
    }
    if (r->too_big_field >= 0) {
        problem(r, r->row_start, column_label(r, (size_t)r->too_big_field, label),
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
        problem(r, r->row_start, column_label(r, (size_t)r->nul_field, label),
                "the text contains a NUL byte (position %zu); save the file as UTF-8 text "
                "(UTF-16 files without a byte order mark are full of them)",
                r->nul_position);
        return;
    }
    bool ok = true;
    for (size_t i = 0; i < used; i++)
        ok &= check_utf8(r, r->fields[i], i);
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

struct csv_builder *csv_builder_new(const char *name, struct csv_table *out,
                                    struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    struct csv_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->name = name;
    b->diags = diags;
    b->table = out;
    b->nul_field = -1;
    b->too_big_field = -1;
    return b;
}

void csv_builder_record(struct csv_builder *b, long line, char **fields, size_t *lens, size_t count)
{
    b->fields = fields;
    b->nfields = count;
    b->row_start = line;
    if (b->stop || b->oom || (b->header_done && b->header_bad)) {
        drop_fields(b);
        return;
    }
    bool blank = true;
    for (size_t i = 0; i < count; i++) {
        const char *nul = lens[i] ? memchr(fields[i], '\0', lens[i]) : NULL;
        if (nul && b->nul_field < 0) {
            b->nul_field = (long)i;
            b->nul_position = (size_t)(nul - fields[i]) + 1;
        }
        if (lens[i] > CSV_MAX_FIELD_BYTES && b->too_big_field < 0)
            b->too_big_field = (long)i;
        blank = blank && fields[i][strspn(fields[i], " \t")] == '\0' && !nul;
    }
    blank = blank && b->too_big_field < 0;
    if (!blank) {
        if (!b->header_done)
            take_header(b);
        else
            take_row(b);
    }
    drop_fields(b);
}

int csv_builder_finish(struct csv_builder *b, bool keep_good_rows)
{
    struct csv_table *out = b->table;
    drop_fields(b);
    if (!b->oom && !b->header_done && b->problems == 0)
        problem(b, 0, NULL, "the file is empty; it needs a header row and at least one row");
    bool oom = b->oom, problems = b->problems > 0, header_bad = b->header_bad;
    free(b);
    if (oom) {
        csv_table_free(out);
        return -1;
    }
    if (problems) {
        if (!keep_good_rows || header_bad)
            csv_table_free(out);
        return 1;
    }
    return 0;
}

/* The tokeniser: one pass over the text, records handed to the builder as they end. */
struct tokeniser {
    struct csv_builder *b;
    const char *p, *end;
    char delim;
    long line; /* physical line of P */
    struct strbuf field;
    char **fields;
    size_t *lens;
    size_t count, cap;
    bool bad; /* a structural problem in this record: it is dropped */
    bool oom;
};

/* Consumes a line end at P (CRLF, LF or a lone CR) and counts the line; returns its length. */
static size_t line_end(struct tokeniser *k)
{
    if (k->p < k->end && *k->p == '\r') {
        k->line++;
        return k->p + 1 < k->end && k->p[1] == '\n' ? 2 : 1;
    }
    if (k->p < k->end && *k->p == '\n') {
        k->line++;
        return 1;
    }
    return 0;
}

static void push_field(struct tokeniser *k)
{
    if (k->count == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 16;
        char **f = realloc(k->fields, cap * sizeof *f);
        size_t *l = f ? realloc(k->lens, cap * sizeof *l) : NULL;
        if (f)
            k->fields = f;
        if (!f || !l) {
            k->oom = true;
            return;
        }
        k->lens = l;
        k->cap = cap;
    }
    size_t len = k->field.len;
    char *s = len > CSV_MAX_FIELD_BYTES ? strdup("") : sb_take(&k->field);
    sb_free(&k->field);
    if (!s) {
        k->oom = true;
        return;
    }
    k->fields[k->count] = s;
    /* An over-long field is kept empty; its length tells the builder to report it. */
    k->lens[k->count++] = len;
}

static void drop_record(struct tokeniser *k)
{
    for (size_t i = 0; i < k->count; i++)
        free(k->fields[i]);
    k->count = 0;
    sb_free(&k->field);
}

static void end_record(struct tokeniser *k, long start)
{
    if (k->oom || k->bad) {
        /* A header that cannot be read leaves nothing to check the rows against; the rows'
         * structural problems are still reported. */
        if (!k->b->header_done)
            k->b->header_done = k->b->header_bad = true;
        drop_record(k);
        return;
    }
    /* The builder takes the fields; fresh ones follow. */
    csv_builder_record(k->b, start, k->fields, k->lens, k->count);
    k->fields = NULL;
    k->count = k->cap = 0;
}

static void structural(struct tokeniser *k, long line, size_t index, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void structural(struct tokeniser *k, long line, size_t index, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    char label[32];
    struct csv_builder *b = k->b;
    if (!msg || (!b->stop &&
                 diag_add(b->diags, b->name, line, column_label(b, index, label), "%s", msg) != 0))
        k->oom = true;
    free(msg);
    b->problems++;
    k->bad = true;
}

/* Reads one quoted field from the opening quote at P. Returns false when it is never closed:
 * the problem is reported at the line where it opened and P is moved to the start of the next
 * line, so that the rest of the file is still read and checked. */
static bool quoted_field(struct tokeniser *k, size_t index)
{
    long open_line = k->line;
    const char *open = k->p++;
    for (;;) {
        if (k->p >= k->end) {
            structural(k, open_line, index,
                       "a quoted field that starts on this line is never closed; add the closing "
                       "double quote");
            const char *q = open;
            while (q < k->end && *q != '\n' && *q != '\r')
                q++;
            k->p = q;
            k->line = open_line;
            k->p += line_end(k);
            return false;
        }
        char c = *k->p;
        if (c == '"') {
            if (k->p + 1 < k->end && k->p[1] == '"') {
                sb_append_char(&k->field, '"');
                k->p += 2;
                continue;
            }
            k->p++;
            break;
        }
        size_t n = line_end(k);
        if (n) {
            sb_append_len(&k->field, k->p, n);
            k->p += n;
            continue;
        }
        sb_append_char(&k->field, c);
        k->p++;
    }
    /* Spaces between the closing quote and the delimiter are harmless. */
    const char *q = k->p;
    while (q < k->end && (*q == ' ' || (*q == '\t' && k->delim != '\t')))
        q++;
    if (q < k->end && *q != k->delim && *q != '\r' && *q != '\n') {
        structural(k, k->line, index,
                   "text follows the closing quote of this field; put the whole field in "
                   "double quotes and write each quote inside it as two (\"\")");
        /* Keep reading the rest as plain text up to the delimiter. */
        while (k->p < k->end && *k->p != k->delim && *k->p != '\r' && *k->p != '\n')
            sb_append_char(&k->field, *k->p++);
    } else {
        k->p = q;
    }
    return true;
}

/* An unquoted field runs to the delimiter or the line end. A quote inside it is kept as it is
 * (37°36'37.8"N), as Excel and Python's csv read it: only a quote that opens the field
 * quotes it. */
static void plain_field(struct tokeniser *k)
{
    while (k->p < k->end && *k->p != k->delim && *k->p != '\r' && *k->p != '\n')
        sb_append_char(&k->field, *k->p++);
}

static int tokenise(struct tokeniser *k)
{
    while (k->p < k->end && !k->oom && !k->b->stop && !k->b->oom) {
        long start = k->line;
        k->bad = false;
        for (;;) {
            size_t index = k->count;
            const char *q = k->p;
            while (q < k->end && *q == ' ')
                q++;
            bool closed = true;
            if (q < k->end && *q == '"') {
                k->p = q;
                closed = quoted_field(k, index);
            } else {
                plain_field(k);
            }
            if (k->field.failed)
                k->oom = true;
            if (!closed) {
                drop_record(k);
                break;
            }
            push_field(k);
            if (k->oom)
                break;
            if (k->p < k->end && *k->p == k->delim) {
                k->p++;
                continue;
            }
            k->p += line_end(k);
            end_record(k, start);
            break;
        }
    }
    drop_record(k);
    free(k->fields);
    free(k->lens);
    return k->oom ? -1 : 0;
}

int csv_parse_with(const char *name, const char *data, size_t len,
                   const struct csv_parse_options *opt, struct csv_table *out,
                   struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    if (len > CSV_MAX_FILE_BYTES) {
        diag_add(diags, name, 0, NULL,
                 "the file is %zu bytes, larger than the limit of %u bytes (64 MiB); split it "
                 "into several files",
                 len, CSV_MAX_FILE_BYTES);
        return 1;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    struct csv_builder *b = csv_builder_new(name, out, diags);
    if (!b)
        return -1;
    struct tokeniser k = {.b = b,
                          .p = data,
                          .end = data + len,
                          .delim = opt && opt->delimiter ? opt->delimiter : ',',
                          .line = 1};
    if (tokenise(&k) != 0)
        b->oom = true;
    return csv_builder_finish(b, opt && opt->keep_good_rows);
}

int csv_parse_all(const char *name, const char *data, size_t len, struct csv_table *out,
                  struct diag_list *diags)
{
    return csv_parse_with(name, data, len, NULL, out, diags);
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
     * again (csv_parse_all), so files round-trip. It belongs to the value, so it goes inside
     * the quotes: '"'+44, 1"' is one field, where a CSV reader splits ''"+44, 1"' in two. */
    bool guard = formula_start(field[0]) || (field[0] == '\'' && formula_start(field[1]));
    size_t n = strlen(field);
    bool quote = strpbrk(field, ",;\"\r\n") != NULL ||
                 (n && (field[0] == ' ' || field[n - 1] == ' ' || field[0] == '\t'));
    if (!quote) {
        if (guard)
            sb_append_char(sb, '\'');
        return sb_append_len(sb, field, n);
    }
    sb_append_char(sb, '"');
    if (guard)
        sb_append_char(sb, '\'');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            sb_append_char(sb, '"');
        sb_append_char(sb, *p);
    }
    return sb_append_char(sb, '"');
}

int csv_append_number(struct strbuf *sb, double v)
{
    if (isnan(v))
        return 0;
    /* The shortest of %.15g .. %.17g that strtod reads back exactly: 0.1 stays 0.1. */
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return sb_append(sb, buf);
}
