/* Importing challenges from CSV (email,title,body,visibility,consent): for demonstrations, tests
 * and programmes that collect challenges on paper or in a form. All or nothing. */
#ifndef SETWORK_APP_CHALLENGES_CHALLENGES_CSV_H
#define SETWORK_APP_CHALLENGES_CHALLENGES_CSV_H

#include "core/diag.h"
#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

/* The most challenges one file may hold. */
#define CHALLENGES_MAX_ROWS 20000

struct challenges_import_report {
    size_t rows;
    size_t created;
    size_t updated;
};

/* Reads PATH and stores every row as a challenge of programme PROGRAMME_ID, creating or updating
 * by (person, title). Each author must be a member of the programme; visibility is only-me, set
 * or cohort (blank: only-me, the safe default); consent is yes/no, true/false or 1/0 (blank: no).
 * Returns 0 when stored (or checked, with DRY_RUN), 1 when problems were added to DIAGS and
 * nothing was written, -1 on a database error (in DIAGS). */
int challenges_csv_import(struct db *db, long long programme_id, const char *path, bool dry_run,
                          struct challenges_import_report *report, struct diag_list *diags);

/* Parses a yes/no cell: 0 (no), 1 (yes) or -1 (neither). Blank is no. */
int challenges_parse_consent(const char *s);

#endif
