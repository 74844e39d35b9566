/* Importing pulse survey answers from CSV as survey tools export them: one row per person, an
 * `email` column, and one column per item code of the instrument holding a point number or the
 * point's label ("often"). All or nothing. */
#ifndef SETWORK_APP_SURVEYS_SURVEY_CSV_H
#define SETWORK_APP_SURVEYS_SURVEY_CSV_H

#include "core/diag.h"
#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

/* The most people one answers file may hold. */
#define SURVEY_MAX_ROWS 100000
/* Longest wave name ("start", "end", "meeting-3"). */
#define SURVEY_MAX_WAVE_NAME 40

struct survey_import_report {
    size_t rows;
    size_t answers;
    bool wave_created;
};

/* Imports PATH into wave WAVE of programme PROGRAMME_ID on instrument INSTRUMENT_ID (the wave is
 * created when new; an existing wave must use the same instrument). Every column other than email
 * must be an item code; every respondent must be a member; blank cells are unanswered. Returns 0,
 * 1 with problems in DIAGS (nothing written), or -1 on a database error (in DIAGS). */
int survey_csv_import(struct db *db, long long programme_id, const char *wave,
                      long long instrument_id, const char *path, bool dry_run,
                      struct survey_import_report *report, struct diag_list *diags);

/* True when NAME is a wave name setwork accepts: start, end or meeting-N. */
bool survey_wave_name_valid(const char *name);

#endif
