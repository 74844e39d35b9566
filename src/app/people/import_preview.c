/* The two steps of a web import: preview (a dry run, the file kept) and apply (the kept file,
 * committed only when its digest is the one previewed). */
#include "app/people/import_preview.h"

#include "io/import/cohort_csv.h"
#include "store/store_import_previews.h"
#include "store/store_people.h"

#include <string.h>

int import_upload(struct db *db, const struct import_options *opt, const char *data, size_t len,
                  const char *sheet, struct sheet_source *src, struct import_report *report,
                  struct diag_list *diags)
{
    struct cohort cohort = {0};
    struct cohort_lookup lookup = {store_person_exists, db};
    struct cohort_read_options read = {.sheet = sheet, .lookup = &lookup};
    memset(report, 0, sizeof *report);
    int rc = cohort_parse(opt->source, data, len, &read, &cohort, src, diags);
    if (rc != 0)
        return rc;
    rc = cohort_import(db, &cohort, opt, report, diags);
    cohort_free(&cohort);
    diag_sort(diags);
    return rc;
}

bool import_report_changes(const struct import_report *r)
{
    return r->created || r->updated || r->joined || r->pruned;
}

/* Keeps the file with the digest of REPORT, when there is anything to apply. */
static int keep(struct db *db, long long programme_id, long long user_id, const char *filename,
                const char *data, size_t len, const char *sheet, long long now,
                const struct import_report *report, long long *preview_id)
{
    *preview_id = 0;
    if (!import_report_changes(report))
        return 0;
    return store_import_preview_put(db, programme_id, user_id, filename, sheet, data, len,
                                    report->digest, now, preview_id);
}

int import_preview(struct db *db, long long programme_id, const char *programme, long long user_id,
                   const char *filename, const char *data, size_t len, const char *sheet,
                   long long now, long long *preview_id, struct sheet_source *src,
                   struct import_report *report, struct diag_list *diags)
{
    struct import_options opt = {.programme = programme, .source = filename, .dry_run = true};
    *preview_id = 0;
    int rc = import_upload(db, &opt, data, len, sheet, src, report, diags);
    if (rc == 0 &&
        keep(db, programme_id, user_id, filename, data, len, sheet, now, report, preview_id) != 0)
        rc = -1;
    return rc;
}

int import_preview_apply(struct db *db, long long programme_id, const char *programme,
                         long long user_id, long long now, long long *preview_id,
                         struct sheet_source *src, struct import_report *report,
                         struct diag_list *diags)
{
    struct stored_import_preview kept;
    memset(report, 0, sizeof *report);
    memset(src, 0, sizeof *src);
    int rc = store_import_preview_get(db, *preview_id, programme_id, user_id, now, &kept);
    if (rc != 0)
        return rc < 0 ? -1 : 3;
    struct import_options opt = {
        .programme = programme, .source = kept.filename, .expect = kept.digest};
    rc = import_upload(db, &opt, kept.content, kept.len, kept.sheet, src, report, diags);
    long long old = *preview_id;
    if (rc == 2 && keep(db, programme_id, user_id, kept.filename, kept.content, kept.len,
                        kept.sheet, now, report, preview_id) != 0)
        rc = -1;
    if ((rc == 0 || rc == 2) && store_import_preview_delete(db, old) != 0)
        rc = -1;
    stored_import_preview_free(&kept);
    return rc;
}
