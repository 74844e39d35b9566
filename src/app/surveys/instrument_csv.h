/* Defining a pulse survey instrument from CSV: one row per item with the columns
 * code,text,scale,reversed,source. The response points and the instrument's name and source come
 * from the caller (the command line). */
#ifndef SETWORK_APP_SURVEYS_INSTRUMENT_CSV_H
#define SETWORK_APP_SURVEYS_INSTRUMENT_CSV_H

#include "core/diag.h"
#include "store/db.h"

struct instrument_spec {
    const char *name;            /* unique; answers refer to it with --instrument */
    const char *source;          /* where the instrument comes from, shown in every report */
    int point_min;               /* lowest answer, e.g. 1 */
    const char *points;          /* comma-separated labels, lowest first: "never,sometimes,often" */
    const char *lower_is_better; /* comma-separated scale names where a fall is good; may be NULL */
};

/* Reads PATH and stores a new instrument. Checks: the columns, 1 to INSTRUMENT_MAX_ITEMS items,
 * unique codes of letters, digits and '_', non-empty text and scale, reversed yes/no, 2 to
 * INSTRUMENT_MAX_POINTS points, a name not yet used, and every lower_is_better scale present.
 * Returns 0 and *ID, 1 with problems in DIAGS, -1 on a database error (in DIAGS). */
int instrument_csv_import(struct db *db, const char *path, const struct instrument_spec *spec,
                          long long *id, struct diag_list *diags);

#endif
