/* A plan's sets for a spreadsheet (GET /plans/#/sets.csv and /plans/#/sets.xlsx): one row per
 * member with every attribute of the cohort, and, in the workbook, a summary sheet with each
 * set's size, new connections and mix. Both come from plan_view, as the page and the API do. */
#include "web/pages/page_plan.h"

#include "app/plans/plan_service.h"
#include "io/export/sheet_export.h"
#include "web/http/web.h"

#include <stdlib.h>
#include <string.h>

/* Strings the sheets point into, freed together. */
struct cells {
    const char **v;
    char **owned;
    size_t count, cap, owned_count;
};

static int push(struct cells *c, const char *s)
{
    if (c->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        const char **grown = realloc(c->v, cap * sizeof *grown);
        char **grown_owned = realloc(c->owned, cap * sizeof *grown_owned);
        if (grown)
            c->v = grown;
        if (grown_owned)
            c->owned = grown_owned;
        if (!grown || !grown_owned)
            return -1;
        c->cap = cap;
    }
    c->v[c->count++] = s ? s : "";
    return 0;
}

static int push_owned(struct cells *c, char *s)
{
    if (!s || push(c, s) != 0) {
        free(s);
        return -1;
    }
    c->owned[c->owned_count++] = s;
    return 0;
}

static void cells_free(struct cells *c)
{
    for (size_t i = 0; i < c->owned_count; i++)
        free(c->owned[i]);
    free(c->owned);
    free(c->v);
}

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* The members sheet: set, facilitator, name, email, then each attribute (ATTRS). */
static int members_sheet(json_t *plan, json_t *attrs, struct cells *c, struct export_sheet *out)
{
    size_t before = c->count, i, j, k;
    json_t *set, *m, *a;
    int rc = push(c, "set") | push(c, "facilitator") | push(c, "name") | push(c, "email");
    json_array_foreach(attrs, k, a) rc |= push(c, str(a, "attribute"));
    json_array_foreach(json_object_get(plan, "sets"), i, set)
    {
        json_array_foreach(json_object_get(set, "members"), j, m)
        {
            rc |= push(c, str(set, "name")) | push(c, str(set, "facilitator")) |
                  push(c, str(m, "name")) | push(c, str(m, "email"));
            json_array_foreach(attrs, k, a) rc |=
                push(c, str(json_object_get(m, "attributes"), str(a, "attribute")));
        }
    }
    out->cols = 4 + json_array_size(attrs);
    out->rows = (c->count - before) / out->cols;
    return rc ? -1 : 0;
}

/* The summary sheet: set, size, new connections, then each attribute's values with counts. */
static int summary_sheet(json_t *plan, json_t *attrs, struct cells *c, struct export_sheet *out)
{
    size_t before = c->count, i, k, t;
    json_t *set, *a, *v;
    int rc = push(c, "set") | push(c, "size") | push(c, "new connections");
    json_array_foreach(attrs, k, a) rc |= push(c, str(a, "attribute"));
    json_array_foreach(json_object_get(plan, "sets"), i, set)
    {
        rc |=
            push(c, str(set, "name")) |
            push_owned(c, str_printf("%lld",
                                     (long long)json_integer_value(json_object_get(set, "size")))) |
            push_owned(c, str_printf("%lld", (long long)json_integer_value(
                                                 json_object_get(set, "new_connections"))));
        json_array_foreach(json_object_get(set, "breakdown"), k, a)
        {
            struct strbuf sb = {0};
            json_array_foreach(json_object_get(a, "values"), t, v)
            {
                sb_printf(&sb, "%s%s %lld", t ? ", " : "",
                          *str(v, "value") ? str(v, "value") : "not given",
                          (long long)json_integer_value(json_object_get(v, "count")));
            }
            rc |= push_owned(c, sb.data ? sb.data : str_printf("%s", ""));
        }
    }
    out->cols = 3 + json_array_size(attrs);
    out->rows = (c->count - before) / out->cols;
    return rc ? -1 : 0;
}

static void export(struct web_request *r, bool xlsx)
{
    json_t *plan = NULL;
    enum status st = plan_view(r->db, r->ids[0], &plan);
    if (st != STATUS_OK) {
        web_error(r, st == STATUS_NOT_FOUND ? 404 : 500, "There is no such plan.");
        return;
    }
    json_t *first = json_array_get(json_object_get(plan, "sets"), 0);
    json_t *attrs = json_object_get(first, "breakdown");
    struct cells c = {0};
    struct export_sheet sheets[2] = {{.name = "Sets"}, {.name = "Summary"}};
    struct strbuf err = {0};
    sb_reset(&r->body);
    int rc = members_sheet(plan, attrs, &c, &sheets[0]);
    size_t summary_at = c.count;
    if (rc == 0 && xlsx)
        rc = summary_sheet(plan, attrs, &c, &sheets[1]);
    /* The cells array may have moved while it grew: point the sheets into it at the end. */
    sheets[0].cells = c.v;
    sheets[1].cells = c.v + summary_at;
    if (rc == 0)
        rc = xlsx ? export_xlsx(&r->body, sheets, 2, &err) : export_csv(&r->body, &sheets[0]);
    if (rc != 0) {
        web_error(r, 500, err.data ? err.data : "The sets could not be written.");
    } else {
        r->status = 200;
        r->content_type_out =
            xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                 : "text/csv; charset=utf-8";
    }
    sb_free(&err);
    cells_free(&c);
    json_decref(plan);
}

void page_plan_csv(struct web_request *r)
{
    export(r, false);
}

void page_plan_xlsx(struct web_request *r)
{
    export(r, true);
}
