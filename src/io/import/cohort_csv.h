/* Reading a cohort from CSV: the columns setwork knows, custom attributes, and every problem
 * found, each with its line and column. Nothing here touches the store. */
#ifndef SETWORK_IO_IMPORT_COHORT_CSV_H
#define SETWORK_IO_IMPORT_COHORT_CSV_H

#include "core/diag.h"
#include "model/cohort.h"

#include <stddef.h>

/* The most people one cohort file may hold. */
#define COHORT_MAX_PEOPLE 100000

/* Parses a cohort from DATA (LEN bytes, any shape cohort_parse reads) named NAME in messages.
 * Checks: required name and email, email form, duplicate emails, manager_email present in the file
 * (those that are not are kept in manager_email with manager = -1, for the caller to check against
 * the store), management cycles within the file, and everything csv_parse_all checks. Returns 0 and
 * fills OUT when no problem was found; 1 when problems were added to DIAGS (OUT is left empty); -1
 * when out of memory. */
int cohort_csv_parse(const char *name, const char *data, size_t len, struct cohort *out,
                     struct diag_list *diags);

/* Tells whether someone outside the file exists (in the store), so that a manager_email naming
 * nobody is reported together with every other problem. Returns 1 when EMAIL exists, 0 when
 * not, -1 on error. */
struct cohort_lookup {
    int (*exists)(void *ctx, const char *email);
    void *ctx;
};

/* As cohort_csv_parse, and also reports managers that are neither in the file nor known to
 * LOOKUP (may be NULL). */
int cohort_csv_parse_with(const char *name, const char *data, size_t len,
                          const struct cohort_lookup *lookup, struct cohort *out,
                          struct diag_list *diags);

struct sheet_source;

struct cohort_read_options {
    const char *sheet;                  /* a workbook's sheet by name; NULL: the first */
    const struct cohort_lookup *lookup; /* may be NULL */
};

/* Parses a cohort from a table file of any shape sheet_load reads (CSV with a comma,
 * semicolon or tab in UTF-8, UTF-16 or Windows-1252, or an .xlsx sheet), with the checks of
 * cohort_csv_parse_with. Structural problems (a stray quote, a row with too many fields) and
 * content problems (an empty name, a bad email, a duplicate) are all reported in one pass.
 * SRC (may be NULL) says how the file was read; the caller frees it with sheet_source_free.
 * OPT may be NULL. Returns as cohort_csv_parse does. */
int cohort_parse(const char *name, const char *data, size_t len,
                 const struct cohort_read_options *opt, struct cohort *out,
                 struct sheet_source *src, struct diag_list *diags);

/* Reads PATH and parses it as cohort_parse does (SRC as there; zeroed first). */
int cohort_read_file(const char *path, const struct cohort_read_options *opt, struct cohort *out,
                     struct sheet_source *src, struct diag_list *diags);

/* Reads PATH and parses it as cohort_csv_parse_with does; a missing or oversized file is a
 * problem in DIAGS (return 1). */
int cohort_csv_read(const char *path, const struct cohort_lookup *lookup, struct cohort *out,
                    struct diag_list *diags);

/* True when S looks like an email address setwork accepts (local@domain.tld, no spaces). */
int cohort_email_valid(const char *s);

/* Formats C as CSV in the import's format: name, email, every known attribute, manager_email,
 * then custom attributes; CRLF line ends. Returns a new string (caller frees) or NULL. */
char *cohort_csv_format(const struct cohort *c);

#endif
