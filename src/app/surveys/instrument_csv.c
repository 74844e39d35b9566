/* An instrument's items from CSV into the store. */
#include "app/surveys/instrument_csv.h"

#include "app/challenges/challenges_csv.h"
#include "core/strbuf.h"
#include "engine/stats/instrument.h"
#include "io/csv/csv_reader.h"
#include "store/store_surveys.h"

#include <stdlib.h>
#include <string.h>

/* Splits a comma-separated list into trimmed, owned strings. Returns the count, -1 on no memory. */
static long split_list(const char *s, char ***out)
{
    *out = NULL;
    long n = 0;
    char *copy = strdup(s ? s : "");
    if (!copy)
        return -1;
    for (char *p = copy; p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        str_trim(p);
        if (*p) {
            char **grown = realloc(*out, (size_t)(n + 1) * sizeof *grown);
            char *item = strdup(p);
            if (!grown || !item) {
                free(item);
                free(grown ? grown : *out);
                *out = NULL;
                free(copy);
                return -1;
            }
            *out = grown;
            (*out)[n++] = item;
        }
        p = comma ? comma + 1 : NULL;
    }
    free(copy);
    return n;
}

static void free_list(char **list, long n)
{
    for (long i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

static bool code_valid(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        bool ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                  (*s >= '0' && *s <= '9') || *s == '_';
        if (!ok)
            return false;
    }
    return true;
}

/* Adds scale NAME if new; returns 0 or -1. */
static int add_scale(struct instrument *ins, const char *name)
{
    if (instrument_scale_index(ins, name) >= 0)
        return 0;
    struct instrument_scale *n = realloc(ins->scales, (ins->nscales + 1) * sizeof *n);
    if (!n)
        return -1;
    ins->scales = n;
    struct instrument_scale *s = &ins->scales[ins->nscales++];
    s->name = strdup(name);
    s->title = strdup(name);
    s->higher_is_better = true;
    return s->name && s->title ? 0 : -1;
}

int instrument_csv_import(struct db *db, const char *path, const struct instrument_spec *spec,
                          long long *id, struct diag_list *diags)
{
    struct instrument ins = {0};
    struct csv_table t = {0};
    char *data = NULL, **lower = NULL;
    size_t len = 0;
    long nlower = 0, npoints = 0;
    int status = 1;
    if (csv_read_file(path, &data, &len, diags) != 0)
        return 1;
    status = csv_parse_all(path, data, len, &t, diags);
    free(data);
    if (status != 0)
        return status;
    status = -1;
    size_t before = diags->count + diags->dropped;
    static const char *const names[] = {"code", "text", "scale", "reversed", "source"};
    long col[5];
    for (int k = 0; k < 5; k++) {
        col[k] = csv_column(&t, names[k]);
        if (col[k] < 0)
            diag_add(diags, path, t.header_line, names[k],
                     "the required column '%s' is missing; add it", names[k]);
    }
    if (t.row_count < 1 || t.row_count > INSTRUMENT_MAX_ITEMS)
        diag_add(diags, path, 0, NULL, "an instrument has 1 to %d items, not %zu",
                 INSTRUMENT_MAX_ITEMS, t.row_count);
    long long existing;
    int found = store_instrument_id(db, spec->name, &existing);
    if (found < 0)
        goto done;
    if (found == 0)
        diag_add(diags, path, 0, NULL, "an instrument named '%s' exists already; choose a new name",
                 spec->name);
    npoints = split_list(spec->points, &ins.point_labels);
    nlower = split_list(spec->lower_is_better, &lower);
    if (npoints < 0 || nlower < 0)
        goto done;
    if (npoints < 2 || npoints > INSTRUMENT_MAX_POINTS)
        diag_add(diags, path, 0, NULL, "give 2 to %d answer points, lowest first, not %ld",
                 INSTRUMENT_MAX_POINTS, npoints);
    if (diags->count + diags->dropped > before) {
        status = 1;
        goto done;
    }
    ins.name = strdup(spec->name);
    ins.source = strdup(spec->source);
    ins.point_min = spec->point_min;
    ins.point_max = spec->point_min + (int)npoints - 1;
    ins.items = calloc(t.row_count, sizeof *ins.items);
    if (!ins.name || !ins.source || !ins.items)
        goto done;
    for (size_t i = 0; i < t.row_count; i++) {
        const struct csv_row *r = &t.rows[i];
        const char *code = r->fields[col[0]], *text = r->fields[col[1]];
        const char *scale = r->fields[col[2]], *rev = r->fields[col[3]];
        const char *src = r->fields[col[4]];
        if (!code_valid(code))
            diag_add(diags, path, r->line, "code",
                     "'%s' is not a code; use letters, digits and '_'", code);
        else if (instrument_item_index(&ins, code) >= 0)
            diag_add(diags, path, r->line, "code", "'%s' appears twice", code);
        if (!text[0])
            diag_add(diags, path, r->line, "text", "the question is empty");
        if (!code_valid(scale))
            diag_add(diags, path, r->line, "scale",
                     "'%s' is not a scale name; use letters, digits and '_'", scale);
        int reversed = challenges_parse_consent(rev);
        if (reversed < 0)
            diag_add(diags, path, r->line, "reversed", "'%s' is not yes or no", rev);
        struct instrument_item *it = &ins.items[ins.nitems++];
        it->code = strdup(code);
        it->text = strdup(text);
        it->scale = strdup(scale);
        it->source = strdup(src[0] ? src : spec->source);
        it->reversed = reversed == 1;
        if (!it->code || !it->text || !it->scale || !it->source || add_scale(&ins, scale) != 0)
            goto done;
    }
    for (long k = 0; k < nlower; k++) {
        long s = instrument_scale_index(&ins, lower[k]);
        if (s < 0)
            diag_add(diags, path, 0, NULL, "no item belongs to the scale '%s'", lower[k]);
        else
            ins.scales[s].higher_is_better = false;
    }
    if (diags->count + diags->dropped > before) {
        status = 1;
        goto done;
    }
    if (db_begin(db) != 0)
        goto done;
    if (store_instrument_create(db, &ins, id) != 0 || db_commit(db) != 0) {
        db_rollback(db);
        goto done;
    }
    status = 0;
done:
    if (status < 0)
        diag_add(diags, path, 0, NULL, "database error: %s", db_errmsg(db));
    /* instrument_free walks point_labels by the point range, which is set only after the
     * checks: free the labels here when the range was never set. */
    if (ins.point_max == 0 && ins.point_min == 0) {
        free_list(ins.point_labels, npoints);
        ins.point_labels = NULL;
    }
    instrument_free(&ins);
    free_list(lower, nlower);
    csv_table_free(&t);
    return status;
}
