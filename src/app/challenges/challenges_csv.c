/* Challenges from CSV into the store. */
#include "app/challenges/challenges_csv.h"

#include "core/strbuf.h"
#include "io/csv/csv_reader.h"
#include "store/store_challenges.h"
#include "store/store_people.h"

#include <stdlib.h>
#include <string.h>

int challenges_parse_consent(const char *s)
{
    if (!s[0] || str_ieq(s, "no") || str_ieq(s, "n") || str_ieq(s, "false") || strcmp(s, "0") == 0)
        return 0;
    if (str_ieq(s, "yes") || str_ieq(s, "y") || str_ieq(s, "true") || strcmp(s, "1") == 0)
        return 1;
    return -1;
}

struct row {
    long long person;
    const char *title, *body;
    enum challenge_visibility vis;
    int consent;
};

/* Checks one row; problems go to DIAGS. Returns 0 (row usable), 1 (problem), -1 (database). */
static int check_row(struct db *db, long long programme_id, const char *name,
                     const struct csv_row *r, const long *col, struct row *out,
                     struct diag_list *diags)
{
    const char *email = r->fields[col[0]];
    out->title = r->fields[col[1]];
    out->body = col[2] >= 0 ? r->fields[col[2]] : "";
    const char *vis = col[3] >= 0 ? r->fields[col[3]] : "";
    const char *consent = col[4] >= 0 ? r->fields[col[4]] : "";
    int bad = 0;
    int rc = store_person_id(db, email, &out->person);
    if (rc < 0)
        return -1;
    int member = rc == 0 ? store_is_member(db, programme_id, out->person) : 0;
    if (member < 0)
        return -1;
    if (!email[0])
        bad = (diag_add(diags, name, r->line, "email", "the email is empty; fill it in"), 1);
    else if (member != 1)
        bad = (diag_add(diags, name, r->line, "email",
                        "'%s' is not a member of this programme; import them first", email),
               1);
    if (!out->title[0])
        bad = (diag_add(diags, name, r->line, "title", "the title is empty; fill it in"), 1);
    else if (strlen(out->title) > CHALLENGE_MAX_TITLE)
        bad = (diag_add(diags, name, r->line, "title", "the title is longer than %d bytes",
                        CHALLENGE_MAX_TITLE),
               1);
    if (strlen(out->body) > CHALLENGE_MAX_BODY)
        bad = (diag_add(diags, name, r->line, "body", "the text is longer than %d bytes",
                        CHALLENGE_MAX_BODY),
               1);
    out->vis = CHALLENGE_ONLY_ME;
    if (vis[0] && privacy_visibility_parse(vis, &out->vis) != 0)
        bad = (diag_add(diags, name, r->line, "visibility",
                        "'%s' is not a visibility; use only-me, set or cohort", vis),
               1);
    out->consent = challenges_parse_consent(consent);
    if (out->consent < 0)
        bad = (diag_add(diags, name, r->line, "consent", "'%s' is not yes or no", consent), 1);
    return bad ? 1 : 0;
}

struct title_line {
    long long person;
    const char *title;
    long line;
};

static int compare_title_line(const void *x, const void *y)
{
    const struct title_line *a = x, *b = y;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    int c = strcmp(a->title, b->title);
    return c ? c : (a->line < b->line ? -1 : a->line > b->line);
}

/* One person's challenge is known by its title: a second row with the same title would silently
 * overwrite the first. Returns 1 when such rows were reported, 0 when none, -1 on no memory. */
static int report_duplicates(const char *path, const struct csv_table *t, const struct row *rows,
                             struct diag_list *diags)
{
    struct title_line *tl = malloc((t->row_count ? t->row_count : 1) * sizeof *tl);
    if (!tl)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < t->row_count; i++) {
        if (rows[i].person > 0 && rows[i].title && rows[i].title[0])
            tl[n++] = (struct title_line){rows[i].person, rows[i].title, t->rows[i].line};
    }
    qsort(tl, n, sizeof *tl, compare_title_line);
    int found = 0;
    for (size_t i = 1; i < n; i++) {
        if (tl[i].person == tl[i - 1].person && strcmp(tl[i].title, tl[i - 1].title) == 0) {
            diag_add(diags, path, tl[i].line, "title",
                     "this person already has a challenge titled '%s' on line %ld; give each "
                     "challenge its own title",
                     tl[i].title, tl[i - 1].line);
            found = 1;
        }
    }
    free(tl);
    return found;
}

int challenges_csv_import(struct db *db, long long programme_id, const char *path, bool dry_run,
                          struct challenges_import_report *report, struct diag_list *diags)
{
    memset(report, 0, sizeof *report);
    char *data = NULL;
    size_t len = 0;
    struct csv_table t = {0};
    if (csv_read_file(path, &data, &len, diags) != 0)
        return 1;
    int rc = csv_parse_all(path, data, len, &t, diags);
    free(data);
    if (rc != 0)
        return rc;
    static const char *const names[] = {"email", "title", "body", "visibility", "consent"};
    long col[5];
    size_t before = diags->count + diags->dropped;
    for (size_t k = 0; k < 5; k++) {
        col[k] = csv_column(&t, names[k]);
        if (col[k] < 0 && k < 2)
            diag_add(diags, path, t.header_line, names[k],
                     "the required column '%s' is missing; add it", names[k]);
    }
    if (t.row_count > CHALLENGES_MAX_ROWS)
        diag_add(diags, path, 0, NULL, "the file has %zu challenges, more than the limit of %d",
                 t.row_count, CHALLENGES_MAX_ROWS);
    if (diags->count + diags->dropped > before) {
        csv_table_free(&t);
        return 1;
    }
    struct row *rows = calloc(t.row_count ? t.row_count : 1, sizeof *rows);
    int status = rows ? 0 : -1;
    for (size_t i = 0; status >= 0 && i < t.row_count; i++) {
        int r = check_row(db, programme_id, path, &t.rows[i], col, &rows[i], diags);
        if (r < 0)
            status = -1;
        else if (r > 0)
            status = 1;
    }
    if (status >= 0) {
        int dup = report_duplicates(path, &t, rows, diags);
        if (dup < 0)
            status = -1;
        else if (dup > 0)
            status = 1;
    }
    report->rows = t.row_count;
    if (status != 0 || dry_run)
        goto done;
    if (db_begin(db) != 0) {
        status = -1;
        goto done;
    }
    for (size_t i = 0; i < t.row_count; i++) {
        long long id;
        int created;
        if (store_challenge_put(db, programme_id, rows[i].person, rows[i].title, rows[i].body,
                                rows[i].vis, rows[i].consent == 1, &id, &created) != 0) {
            status = -1;
            db_rollback(db);
            goto done;
        }
        if (created)
            report->created++;
        else
            report->updated++;
    }
    if (db_commit(db) != 0) {
        status = -1;
        db_rollback(db);
    }
done:
    if (status < 0)
        diag_add(diags, path, 0, NULL, "database error: %s", db_errmsg(db));
    free(rows);
    csv_table_free(&t);
    return status;
}
