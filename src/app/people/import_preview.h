/* A cohort import in two steps, for the web: the upload is checked and its changes shown
 * (nothing written but the kept file), then the changes are applied exactly as shown, or not at
 * all when the store changed in between. The file is kept in import_previews by the POST that
 * previews it, so no GET writes and nothing large travels back through the browser. */
#ifndef SETWORK_APP_PEOPLE_IMPORT_PREVIEW_H
#define SETWORK_APP_PEOPLE_IMPORT_PREVIEW_H

#include "app/people/cohort_import.h"
#include "io/import/sheet_load.h"

/* Parses DATA (LEN bytes named FILENAME; SHEET of a workbook, NULL: the first) as a cohort
 * and imports it as cohort_import does with OPT (its source is FILENAME). SRC says how the file
 * was read (sheet_source_free it in every case). Returns as cohort_import. */
int import_upload(struct db *db, const struct import_options *opt, const char *data, size_t len,
                  const char *sheet, struct sheet_source *src, struct import_report *report,
                  struct diag_list *diags);

/* Checks the file as import_upload does in a dry run, for USER_ID and PROGRAMME_ID (named
 * PROGRAMME), and when it would change anything keeps it with the digest of its changes:
 * *PREVIEW_ID is then its id, else 0. Returns as cohort_import (0, 1 or -1). */
int import_preview(struct db *db, long long programme_id, const char *programme, long long user_id,
                   const char *filename, const char *data, size_t len, const char *sheet,
                   long long now, long long *preview_id, struct sheet_source *src,
                   struct import_report *report, struct diag_list *diags);

/* Applies preview PREVIEW_ID of USER_ID in PROGRAMME_ID when its changes are still the ones
 * previewed, and forgets it. Returns 0 (applied; REPORT says what changed), 1 with problems in
 * DIAGS, -1 on error, 2 when the changes are no longer the ones previewed (nothing written;
 * the file is kept again with its new changes in REPORT and *PREVIEW_ID), 3 when there is no
 * such preview (expired, applied already, or another person's). */
int import_preview_apply(struct db *db, long long programme_id, const char *programme,
                         long long user_id, long long now, long long *preview_id,
                         struct sheet_source *src, struct import_report *report,
                         struct diag_list *diags);

/* True when REPORT would change anything: a person added, updated, joining or removed. */
bool import_report_changes(const struct import_report *report);

#endif
