/* Reading CSV (RFC 4180) files exported from spreadsheets and HR systems: our own tokeniser
 * (libcsv could not say at which line and column a quote went wrong), with line numbers,
 * header normalisation, UTF-8 checks, limits, and a report of every problem rather than the
 * first. */
#ifndef SETWORK_IO_CSV_CSV_READER_H
#define SETWORK_IO_CSV_CSV_READER_H

#include "core/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Limits on what a CSV file may hold; each is reported by name when exceeded. */
#define CSV_MAX_FILE_BYTES  (64u * 1024u * 1024u) /* 64 MiB */
#define CSV_MAX_FIELD_BYTES (64u * 1024u)         /* one cell */
#define CSV_MAX_COLUMNS     256
#define CSV_MAX_ROWS        200000

struct csv_row {
    long line;     /* line the row starts on (1-based, counting the header) */
    char **fields; /* exactly table.columns entries, trimmed, never NULL */
};

struct csv_table {
    size_t columns;
    char **header;     /* normalised names: trimmed, lower-case, spaces and '-' as '_' */
    char **header_raw; /* as written in the file, for messages */
    size_t row_count;
    struct csv_row *rows;
    long header_line; /* line where the header row begins (blank lines may come first) */
};

/* Parses DATA (LEN bytes; NAME is used in messages) as comma-separated UTF-8 (a BOM is
 * skipped). Handles CRLF, LF or lone CR, quoted fields with commas, quotes and newlines, blank
 * lines, trailing empty columns, and quotes inside an unquoted field (kept, as Excel does).
 * Reports in DIAGS, each with its line and column: invalid UTF-8, text after a closing quote,
 * a quoted field never closed (at the line where it opens), rows with too
 * many fields, an empty or duplicate header name, and each limit above. Returns 0 when OUT
 * holds the table and nothing was wrong, 1 when problems were reported (OUT is empty), -1 when
 * out of memory. */
int csv_parse_all(const char *name, const char *data, size_t len, struct csv_table *out,
                  struct diag_list *diags);

struct csv_parse_options {
    char delimiter;      /* ',' when 0; ';' and '\t' are the other common ones */
    bool keep_good_rows; /* on problems, OUT still holds the header and every good row */
};

/* As csv_parse_all with OPT (may be NULL). With keep_good_rows, a return of 1 leaves in OUT
 * the rows that had no problem (none when the header itself was bad: OUT->header is NULL), so
 * that the caller can check their content too; the caller frees OUT in every case. */
int csv_parse_with(const char *name, const char *data, size_t len,
                   const struct csv_parse_options *opt, struct csv_table *out,
                   struct diag_list *diags);

/* Builds a csv_table from records read elsewhere (a spreadsheet's rows), with the same header
 * handling, checks and limits as csv_parse_with. csv_builder_new returns NULL when out of
 * memory. csv_builder_record takes FIELDS (COUNT strings of LENS[i] bytes, NUL-terminated,
 * and the array itself, all malloc'd) and owns them from then on (LENS stays the caller's);
 * LINE is where the record starts. csv_builder_finish frees the builder and returns as
 * csv_parse_with does. */
struct csv_builder;
struct csv_builder *csv_builder_new(const char *name, struct csv_table *out,
                                    struct diag_list *diags);
void csv_builder_record(struct csv_builder *b, long line, char **fields, size_t *lens,
                        size_t count);
int csv_builder_finish(struct csv_builder *b, bool keep_good_rows);

/* Reads the file at PATH (at most CSV_MAX_FILE_BYTES) into *DATA (caller frees) and *LEN.
 * Returns 0, or 1 with the reason in DIAGS. */
int csv_read_file(const char *path, char **data, size_t *len, struct diag_list *diags);

/* Index of header column NAME (normalised), or -1. */
long csv_column(const struct csv_table *t, const char *name);

/* Normalises a header name in place (see csv_table.header). */
char *csv_normalise_name(char *s);

void csv_table_free(struct csv_table *t);

/* Appends FIELD to SB as one RFC 4180 field, quoted only when it must be (comma, semicolon,
 * quote, CR, LF, or leading/trailing space). A field a spreadsheet would run as a formula
 * (starting with = + - @ TAB or CR) gets a leading apostrophe inside the quotes when there are
 * any ('"'+44 1, 2"'), which csv_parse_all removes on reading, so exported files are safe to
 * open and still import unchanged. Returns 0 or -1. */
struct strbuf;
int csv_append_field(struct strbuf *sb, const char *field);

/* Appends V to SB in the shortest form that reads back as the same double (up to %.17g), as
 * a bare CSV field; nothing for NAN (an empty field). Returns 0 or -1. */
int csv_append_number(struct strbuf *sb, double v);

#endif
