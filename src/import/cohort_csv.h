/* Reading a cohort from CSV: the columns setwork knows, custom attributes, and every problem
 * found, each with its line and column. Nothing here touches the store. */
#ifndef SETWORK_IMPORT_COHORT_CSV_H
#define SETWORK_IMPORT_COHORT_CSV_H

#include "core/diag.h"
#include "model/cohort.h"

#include <stddef.h>

/* The most people one cohort file may hold. */
#define COHORT_MAX_PEOPLE 100000

/* Parses a cohort from DATA (LEN bytes) named NAME in messages. Checks: required name and email,
 * email form, duplicate emails, manager_email present in the file (those that are not are kept
 * in manager_email with manager = -1, for the caller to check against the store), management
 * cycles within the file, and everything csv_parse_all checks. Returns 0 and fills OUT when no
 * problem was found; 1 when problems were added to DIAGS (OUT is left empty); -1 when out of
 * memory. */
int cohort_csv_parse(const char *name, const char *data, size_t len, struct cohort *out,
                     struct diag_list *diags);

/* Reads PATH and parses it as cohort_csv_parse does; a missing or oversized file is a problem
 * in DIAGS (return 1). */
int cohort_csv_read(const char *path, struct cohort *out, struct diag_list *diags);

/* True when S looks like an email address setwork accepts (local@domain.tld, no spaces). */
int cohort_email_valid(const char *s);

/* Formats C as CSV in the import's format: name, email, every known attribute, manager_email,
 * then custom attributes; CRLF line ends. Returns a new string (caller frees) or NULL. */
char *cohort_csv_format(const struct cohort *c);

#endif
