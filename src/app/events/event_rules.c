/* Turning an event's stored rules into the rounds engine's arrays: categories and pair costs
 * from the cohort's attributes, keep-apart pairs from a plan's sets, history from an earlier
 * event's tables. */
#include "app/events/event_rules.h"

#include "core/strbuf.h"
#include "engine/formation/score.h"
#include "store/store_cohort.h"
#include "store/store_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int event_mix_weight(const char *name)
{
    return (int)(2.0 * form_default_weight(name) + 0.5);
}

/* The index of ID in the sorted IDS, or -1. */
static int index_of(const long long *ids, int n, long long id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (ids[mid] == id)
            return mid;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Categories of column EV->mix_by per event person, and the pair costs. 0, 1, -1. */
static int mixing(struct db *db, const struct store_event *ev, const long long *ids, int n,
                  struct event_rules *out, char *err, size_t errlen)
{
    struct cohort cohort = {0};
    char *why = NULL;
    if (store_load_cohort(db, ev->programme_id, &cohort, &why) != 0) {
        free(why);
        return -1;
    }
    free(why);
    int rc = 0;
    long a = cohort_attr_index(&cohort, ev->mix_by);
    if (a < 0) {
        snprintf(err, errlen,
                 "The people of this programme no longer have a column '%s' to mix by; "
                 "create the event again with another column.",
                 ev->mix_by);
        rc = 1;
        goto out;
    }
    /* The value of each event person in the cohort's order of people. */
    const char **value = calloc((size_t)n + 1, sizeof *value);
    out->attr = malloc(((size_t)n + 1) * sizeof *out->attr);
    out->mix_cost = calloc((size_t)n * (size_t)n + 1, sizeof *out->mix_cost);
    if (!value || !out->attr || !out->mix_cost) {
        free(value);
        rc = -1;
        goto out;
    }
    for (size_t k = 0; k < cohort.count; k++) {
        int i = index_of(ids, n, cohort.people[k].id);
        if (i >= 0)
            value[i] = cohort.people[k].values[a];
    }
    /* Categories as `setwork rounds` numbers them: blank is none, case does not matter. */
    for (int i = 0; i < n; i++) {
        out->attr[i] = value[i] && value[i][0] ? i : -1;
        for (int j = 0; j < i && out->attr[i] >= 0; j++)
            if (value[j] && str_ieq(value[j], value[i])) {
                out->attr[i] = out->attr[j];
                break;
            }
    }
    int w = event_mix_weight(ev->mix_by);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (i != j && out->attr[i] >= 0 && out->attr[i] == out->attr[j])
                out->mix_cost[(size_t)i * (size_t)n + (size_t)j] = w;
    free(value);
out:
    cohort_free(&cohort);
    return rc;
}

/* Appends pair (I, J) to *PAIRS holding *COUNT pairs with room for *CAP. 0 or -1. */
static int add_pair(int **pairs, size_t *count, size_t *cap, int i, int j)
{
    if (*count == *cap) {
        size_t grown = *cap ? 2 * *cap : 64;
        int *p = realloc(*pairs, grown * 2 * sizeof *p);
        if (!p)
            return -1;
        *pairs = p;
        *cap = grown;
    }
    (*pairs)[2 * *count] = i;
    (*pairs)[2 * *count + 1] = j;
    (*count)++;
    return 0;
}

/* Every pair of set-mates of plan EV->apart_plan_id among the event's people. */
static int set_mates(struct db *db, const struct store_event *ev, const long long *ids, int n,
                     struct event_rules *out, char *err, size_t errlen)
{
    struct store_plan_rows plan;
    int rc = store_plan_rows_load(db, ev->apart_plan_id, &plan);
    if (rc < 0)
        return -1;
    if (rc == 1 || plan.programme_id != ev->programme_id) {
        if (rc == 0)
            store_plan_rows_free(&plan);
        str_copy(err, "The plan whose set-mates were to be kept apart no longer exists.", errlen);
        return 1;
    }
    int *who = malloc(((size_t)plan.n + 1) * sizeof *who);
    size_t cap = 0;
    rc = who ? 0 : -1;
    for (int k = 0; k < plan.n && rc == 0; k++)
        who[k] = index_of(ids, n, plan.person_ids[k]);
    for (int k = 0; k < plan.n && rc == 0; k++)
        for (int l = k + 1; l < plan.n && rc == 0; l++)
            if (who[k] >= 0 && who[l] >= 0 && plan.group[k] == plan.group[l])
                rc = add_pair(&out->apart, &out->apart_count, &cap, who[k], who[l]);
    free(who);
    store_plan_rows_free(&plan);
    return rc;
}

/* Every pair who shared a table at event EV->apart_event_id, once per round they did. */
static int earlier_tables(struct db *db, const struct store_event *ev, const long long *ids, int n,
                          struct event_rules *out, char *err, size_t errlen)
{
    struct store_event before;
    int rc = store_event_get(db, ev->apart_event_id, &before);
    if (rc < 0)
        return -1;
    if (rc == 1 || before.programme_id != ev->programme_id || before.id == ev->id) {
        str_copy(err, "The earlier event whose tables were to be kept apart no longer exists.",
                 errlen);
        return 1;
    }
    int *table = malloc(((size_t)before.rounds * (size_t)n + 1) * sizeof *table);
    if (!table || store_event_seats(db, &before, ids, n, table) != 0) {
        free(table);
        return -1;
    }
    size_t cap = 0;
    rc = 0;
    for (int r = 0; r < before.rounds && rc == 0; r++) {
        const int *t = table + (size_t)r * (size_t)n;
        for (int i = 0; i < n && rc == 0; i++)
            for (int j = i + 1; j < n && rc == 0; j++)
                if (t[i] >= 0 && t[i] == t[j])
                    rc = add_pair(&out->history, &out->history_count, &cap, i, j);
    }
    free(table);
    return rc;
}

int event_rules_build(struct db *db, const struct store_event *ev, const long long *ids, int n,
                      struct event_rules *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = 0;
    if (ev->mix_by[0] && n > 0)
        rc = mixing(db, ev, ids, n, out, err, errlen);
    if (rc == 0 && ev->apart_plan_id > 0)
        rc = set_mates(db, ev, ids, n, out, err, errlen);
    if (rc == 0 && ev->apart_event_id > 0)
        rc = earlier_tables(db, ev, ids, n, out, err, errlen);
    if (rc != 0)
        event_rules_free(out);
    return rc;
}

void event_rules_free(struct event_rules *rules)
{
    free(rules->attr);
    free(rules->mix_cost);
    free(rules->apart);
    free(rules->history);
    memset(rules, 0, sizeof *rules);
}
