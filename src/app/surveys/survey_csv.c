/* Survey answers from CSV into the store. */
#include "app/surveys/survey_csv.h"

#include "core/strbuf.h"
#include "io/csv/csv_reader.h"
#include "store/store_challenges.h"
#include "store/store_people.h"
#include "store/store_surveys.h"

#include <stdlib.h>
#include <string.h>

bool survey_wave_name_valid(const char *name)
{
    if (strcmp(name, "start") == 0 || strcmp(name, "end") == 0)
        return true;
    if (strncmp(name, "meeting-", 8) != 0 || !name[8] || strlen(name) > SURVEY_MAX_WAVE_NAME)
        return false;
    for (const char *p = name + 8; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
    }
    return true;
}

/* The point a cell means: a number in range, or a point label in any case. */
static int parse_point(const struct instrument *ins, const char *s, int *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end != s && !*end && v >= ins->point_min && v <= ins->point_max) {
        *out = (int)v;
        return 0;
    }
    for (int p = 0; p <= ins->point_max - ins->point_min; p++) {
        if (str_ieq(ins->point_labels[p], s)) {
            *out = ins->point_min + p;
            return 0;
        }
    }
    return -1;
}

struct person_line {
    long long person;
    long line;
};

static int compare_person_line(const void *x, const void *y)
{
    const struct person_line *a = x, *b = y;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Two rows for one person in one wave would silently overwrite each other: report them. */
static int report_duplicates(const char *path, const struct csv_table *t, const long long *people,
                             struct diag_list *diags)
{
    struct person_line *pl = malloc((t->row_count ? t->row_count : 1) * sizeof *pl);
    if (!pl)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < t->row_count; i++) {
        if (people[i] > 0)
            pl[n++] = (struct person_line){people[i], t->rows[i].line};
    }
    qsort(pl, n, sizeof *pl, compare_person_line);
    for (size_t i = 1; i < n; i++) {
        if (pl[i].person == pl[i - 1].person)
            diag_add(diags, path, pl[i].line, "email",
                     "this person already answered on line %ld; keep one row per person",
                     pl[i - 1].line);
    }
    free(pl);
    return 0;
}

int survey_csv_import(struct db *db, long long programme_id, const char *wave,
                      long long instrument_id, const char *path, bool dry_run,
                      struct survey_import_report *report, struct diag_list *diags)
{
    memset(report, 0, sizeof *report);
    struct instrument ins;
    long long *item_ids = NULL;
    int rc = store_instrument_load(db, instrument_id, &ins, &item_ids);
    if (rc != 0) {
        diag_add(diags, path, 0, NULL, rc == 1 ? "the instrument is missing" : "database error");
        return rc == 1 ? 1 : -1;
    }
    char *data = NULL;
    size_t len = 0;
    struct csv_table t = {0};
    long *item_of_col = NULL;
    long long *people = NULL;
    int *values = NULL;
    int status = 1;
    if (csv_read_file(path, &data, &len, diags) != 0)
        goto done;
    status = csv_parse_all(path, data, len, &t, diags);
    if (status != 0)
        goto done;
    size_t before = diags->count + diags->dropped;
    long col_email = csv_column(&t, "email");
    if (col_email < 0)
        diag_add(diags, path, t.header_line, "email",
                 "the required column 'email' is missing; add it");
    item_of_col = calloc(t.columns, sizeof *item_of_col);
    if (!item_of_col) {
        status = -1;
        goto done;
    }
    for (size_t c = 0; c < t.columns; c++) {
        item_of_col[c] = (long)c == col_email ? -1 : instrument_item_index(&ins, t.header[c]);
        if ((long)c != col_email && item_of_col[c] < 0)
            diag_add(diags, path, t.header_line, t.header_raw[c],
                     "'%s' is not an item of the instrument '%s'; its items are the codes shown "
                     "by 'setwork survey items'",
                     t.header_raw[c], ins.name);
    }
    if (t.row_count > SURVEY_MAX_ROWS)
        diag_add(diags, path, 0, NULL, "the file has %zu rows, more than the limit of %d",
                 t.row_count, SURVEY_MAX_ROWS);
    if (diags->count + diags->dropped > before) {
        status = 1;
        goto done;
    }
    people = calloc(t.row_count ? t.row_count : 1, sizeof *people);
    values = malloc((t.row_count * t.columns + 1) * sizeof *values);
    if (!people || !values) {
        status = -1;
        goto done;
    }
    for (size_t i = 0; i < t.row_count; i++) {
        const struct csv_row *r = &t.rows[i];
        const char *email = r->fields[col_email];
        int found = store_person_id(db, email, &people[i]);
        int member = found == 0 ? store_is_member(db, programme_id, people[i]) : 0;
        if (found < 0 || member < 0) {
            status = -1;
            goto done;
        }
        if (!email[0])
            diag_add(diags, path, r->line, "email", "the email is empty; fill it in");
        else if (member != 1)
            diag_add(diags, path, r->line, "email", "'%s' is not a member of this programme",
                     email);
        for (size_t c = 0; c < t.columns; c++) {
            values[i * t.columns + c] = INSTRUMENT_NO_ANSWER;
            if (item_of_col[c] < 0 || !r->fields[c][0])
                continue;
            if (parse_point(&ins, r->fields[c], &values[i * t.columns + c]) != 0)
                diag_add(diags, path, r->line, t.header_raw[c],
                         "'%s' is not an answer; use %d to %d or a label such as '%s'",
                         r->fields[c], ins.point_min, ins.point_max, ins.point_labels[0]);
        }
    }
    if (report_duplicates(path, &t, people, diags) != 0) {
        status = -1;
        goto done;
    }
    report->rows = t.row_count;
    if (diags->count + diags->dropped > before) {
        status = 1;
        goto done;
    }
    status = 0;
    if (dry_run)
        goto done;
    long long wave_id, have_instrument;
    if (db_begin(db) != 0) {
        status = -1;
        goto done;
    }
    report->wave_created = store_wave_find(db, programme_id, wave, &wave_id, &have_instrument) == 1;
    rc = store_wave_ensure(db, programme_id, wave, instrument_id, &wave_id);
    if (rc == 1) {
        diag_add(diags, path, 0, NULL,
                 "wave '%s' already holds answers on another instrument; use a new wave name",
                 wave);
        db_rollback(db);
        status = 1;
        goto done;
    }
    for (size_t i = 0; rc == 0 && i < t.row_count; i++) {
        for (size_t c = 0; rc == 0 && c < t.columns; c++) {
            int v = values[i * t.columns + c];
            if (v == INSTRUMENT_NO_ANSWER)
                continue;
            rc = store_answer_put(db, wave_id, people[i], item_ids[item_of_col[c]], v);
            report->answers++;
        }
    }
    if (rc != 0 || db_commit(db) != 0) {
        db_rollback(db);
        status = -1;
    }
done:
    if (status < 0)
        diag_add(diags, path, 0, NULL, "database error: %s", db_errmsg(db));
    free(data);
    free(item_of_col);
    free(people);
    free(values);
    csv_table_free(&t);
    instrument_free(&ins);
    free(item_ids);
    return status;
}
