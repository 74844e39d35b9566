/* Loading a programme's people and one wave's ties into the arrays the network engine takes:
 * store ids become indices, departments, organisations and sets become group numbers. */
#include "store/store_network_load.h"

#include "store/store_network.h"

#include "core/strbuf.h"
#include "store/db_rows.h"
#include "store/store_people.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct id_index {
    long long id;
    int index;
};

static int cmp_id(const void *a, const void *b)
{
    long long x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
    return (x > y) - (x < y);
}

static int find_person(const struct id_index *ids, size_t n, long long id)
{
    struct id_index key = {.id = id};
    const struct id_index *hit = bsearch(&key, ids, n, sizeof *ids, cmp_id);
    return hit ? hit->index : -1;
}

static struct id_index *people_index(const struct cohort *c)
{
    struct id_index *ids = malloc((c->count ? c->count : 1) * sizeof *ids);
    if (!ids)
        return NULL;
    for (size_t i = 0; i < c->count; i++)
        ids[i] = (struct id_index){.id = c->people[i].id, .index = (int)i};
    qsort(ids, c->count, sizeof *ids, cmp_id);
    return ids;
}

struct named {
    const char *value;
    size_t person;
};

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const struct named *)a)->value, ((const struct named *)b)->value);
}

/* Numbers the distinct non-blank values of attribute ATTR (sorted by name, so colours are
 * stable between runs) into GROUP and *NAMES. 0 or -1 when out of memory. */
static int number_groups(const struct cohort *c, const char *attr, int **group, char ***names,
                         size_t *count)
{
    *count = 0;
    *names = NULL;
    *group = malloc((c->count ? c->count : 1) * sizeof **group);
    struct named *v = malloc((c->count ? c->count : 1) * sizeof *v);
    if (!*group || !v) {
        free(v);
        return -1;
    }
    long col = cohort_attr_index(c, attr);
    size_t k = 0;
    for (size_t i = 0; i < c->count; i++) {
        (*group)[i] = -1;
        if (col >= 0 && c->people[i].values[col][0])
            v[k++] = (struct named){c->people[i].values[col], i};
    }
    qsort(v, k, sizeof *v, cmp_named);
    *names = calloc(k ? k : 1, sizeof **names);
    if (!*names) {
        free(v);
        return -1;
    }
    for (size_t i = 0; i < k; i++) {
        if (i == 0 || strcmp(v[i].value, v[i - 1].value) != 0) {
            if (!((*names)[*count] = strdup(v[i].value))) {
                free(v);
                return -1;
            }
            (*count)++;
        }
        (*group)[v[i].person] = (int)*count - 1;
    }
    free(v);
    return 0;
}

static int append_name(char ***names, size_t *count, const char *name)
{
    char **grown = realloc(*names, (*count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    *names = grown;
    if (!(grown[*count] = strdup(name ? name : "")))
        return -1;
    (*count)++;
    return 0;
}

/* Reads the sets of plan PLAN_ID (0: none) into D, numbered in plan order, with their members
 * at time AT (UTC; NULL: the plan's current layout). A set with a membership history counts
 * who was in it at AT, so someone moved after AT still counts in the set they were in then; a
 * set never published has no history and counts its current members. */
static int load_plan_sets(struct db *db, long long plan_id, const char *at, struct network_data *d,
                          const struct id_index *ids)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT s.id, s.name, m.person_id FROM sets s LEFT JOIN ("
            " SELECT h.set_id, h.person_id FROM set_membership h WHERE ?2 IS NOT NULL"
            "  AND h.joined_at <= ?2 AND (h.left_at IS NULL OR ?2 < h.left_at)"
            " UNION SELECT sm.set_id, sm.person_id FROM set_members sm WHERE ?2 IS NULL"
            "  OR NOT EXISTS (SELECT 1 FROM set_membership h WHERE h.set_id = sm.set_id)"
            ") m ON m.set_id = s.id WHERE s.plan_id = ?1 ORDER BY s.position, s.id, m.person_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, at);
    long long last_set = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long set_id = sqlite3_column_int64(st, 0);
        if (set_id != last_set) {
            if (append_name(&d->set_names, &d->set_count,
                            (const char *)sqlite3_column_text(st, 1)) != 0)
                break;
            last_set = set_id;
        }
        if (sqlite3_column_type(st, 2) == SQLITE_NULL)
            continue;
        int p = find_person(ids, d->cohort.count, sqlite3_column_int64(st, 2));
        if (p >= 0)
            d->set[p] = (int)d->set_count - 1;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int load_sets(struct db *db, long long programme_id, struct network_data *d,
                     const struct id_index *ids)
{
    /* The plan that describes the programme now: the latest published one, else the latest
     * draft. */
    sqlite3_stmt *st = db_prepare(db, "SELECT id FROM set_plans WHERE programme_id = ?1"
                                      " ORDER BY status = 'published' DESC, id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    long long plan_id = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        plan_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    return plan_id ? load_plan_sets(db, plan_id, NULL, d, ids) : 0;
}

/* Relation names of the programme, with their ids to translate ties. */
static int load_relations(struct db *db, long long programme_id, struct network_data *d)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT id, name FROM network_relations WHERE programme_id = ?1 ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long *grown = realloc(d->relation_ids, (d->relation_count + 1) * sizeof *grown);
        if (!grown)
            break;
        d->relation_ids = grown;
        grown[d->relation_count] = sqlite3_column_int64(st, 0);
        if (append_name(&d->relation_names, &d->relation_count,
                        (const char *)sqlite3_column_text(st, 1)) != 0)
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

struct tie_context {
    const struct network_data *d;
    const struct id_index *ids;
};

static int read_tie(sqlite3_stmt *st, void *row, void *ctx)
{
    const struct tie_context *c = ctx;
    int from = find_person(c->ids, c->d->cohort.count, sqlite3_column_int64(st, 0));
    int to = find_person(c->ids, c->d->cohort.count, sqlite3_column_int64(st, 1));
    if (from < 0 || to < 0)
        return 1; /* someone who left the programme */
    long long rid = sqlite3_column_int64(st, 2);
    int rel = 0;
    for (size_t r = 0; r < c->d->relation_count; r++)
        if (c->d->relation_ids[r] == rid)
            rel = (int)r;
    *(struct net_tie *)row = (struct net_tie){
        .from = from,
        .to = to,
        .relation = rel,
        .strength = sqlite3_column_type(st, 3) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 3),
    };
    return 0;
}

static int load_ties(struct db *db, const struct network_data *d, const struct id_index *ids,
                     long long wave_id, const char *relation, struct net_tie **ties, size_t *count)
{
    *ties = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT t.from_id, t.to_id, t.relation_id, t.strength FROM network_ties t"
                       " JOIN network_relations r ON r.id = t.relation_id"
                       " WHERE t.wave_id = ?1 AND (?2 IS NULL OR r.name = ?2)"
                       " ORDER BY t.from_id, t.to_id, t.relation_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    db_bind_text(st, 2, relation);
    struct tie_context ctx = {d, ids};
    struct db_rows rows;
    int rc = db_collect(st, sizeof **ties, read_tie, &ctx, &rows);
    if (rc != 0) {
        free(rows.items);
        return -1;
    }
    *ties = rows.items;
    *count = rows.count;
    return 0;
}

static int load_responses(struct db *db, struct network_data *d, const struct id_index *ids,
                          long long wave_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT person_id FROM network_responses WHERE wave_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int p = find_person(ids, d->cohort.count, sqlite3_column_int64(st, 0));
        if (p >= 0 && !d->responded[p]) {
            d->responded[p] = true;
            d->respondents++;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_network_load(struct db *db, long long programme_id, long long wave_id,
                       const char *relation, struct network_data *out, char **err)
{
    memset(out, 0, sizeof *out);
    struct id_index *ids = NULL;
    if (store_load_cohort(db, programme_id, &out->cohort, err) != 0)
        return -1;
    size_t n = out->cohort.count;
    if (n > NET_MAX_PEOPLE) {
        *err = str_printf("the programme has %zu members; network analysis takes at most %d", n,
                          NET_MAX_PEOPLE);
        goto fail;
    }
    out->set = malloc((n ? n : 1) * sizeof *out->set);
    out->responded = calloc(n ? n : 1, sizeof *out->responded);
    if (!out->set || !out->responded || !(ids = people_index(&out->cohort)))
        goto oom;
    for (size_t i = 0; i < n; i++)
        out->set[i] = -1;
    if (number_groups(&out->cohort, "department", &out->department, &out->department_names,
                      &out->department_count) != 0 ||
        number_groups(&out->cohort, "organisation", &out->organisation, &out->organisation_names,
                      &out->organisation_count) != 0)
        goto oom;
    if (load_sets(db, programme_id, out, ids) != 0 || load_relations(db, programme_id, out) != 0 ||
        load_ties(db, out, ids, wave_id, relation, &out->ties, &out->tie_count) != 0 ||
        load_responses(db, out, ids, wave_id) != 0) {
        *err = str_printf("cannot load the network survey: %s", db_errmsg(db));
        goto fail;
    }
    free(ids);
    return 0;
oom:
    *err = str_printf("out of memory loading the network survey");
fail:
    free(ids);
    network_data_free(out);
    return -1;
}

int store_network_load_ties(struct db *db, const struct network_data *data, long long wave_id,
                            const char *relation, struct net_tie **ties, size_t *count, char **err)
{
    struct id_index *ids = people_index(&data->cohort);
    if (!ids) {
        *err = str_printf("out of memory loading the network survey");
        return -1;
    }
    int rc = load_ties(db, data, ids, wave_id, relation, ties, count);
    if (rc != 0)
        *err = str_printf("cannot load the network survey: %s", db_errmsg(db));
    free(ids);
    return rc;
}

int store_network_wave_began(struct db *db, long long wave_id, char *out, size_t size)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT COALESCE((SELECT MIN(submitted_at) FROM network_responses WHERE wave_id = ?1),"
            " (SELECT MIN(recorded_at) FROM network_ties WHERE wave_id = ?1), created_at)"
            " FROM network_waves WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        str_copy(out, (const char *)sqlite3_column_text(st, 0), size);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int store_network_sets_at(struct db *db, long long programme_id, const char *at,
                          struct network_data *d, char **plan_name, char **err)
{
    *plan_name = NULL;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT id, name FROM set_plans WHERE programme_id = ?1 AND created_at <= ?2"
            " ORDER BY (published_at IS NOT NULL AND published_at <= ?2) DESC, created_at DESC,"
            " id DESC LIMIT 1");
    if (!st)
        goto db_fail;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, at);
    long long plan_id = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        plan_id = sqlite3_column_int64(st, 0);
        *plan_name = strdup((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto db_fail;
    if (rc == SQLITE_ROW && !*plan_name)
        goto oom;
    for (size_t i = 0; i < d->set_count; i++)
        free(d->set_names[i]);
    free(d->set_names);
    d->set_names = NULL;
    d->set_count = 0;
    for (size_t i = 0; i < d->cohort.count; i++)
        d->set[i] = -1;
    struct id_index *ids = people_index(&d->cohort);
    if (!ids)
        goto oom;
    rc = plan_id ? load_plan_sets(db, plan_id, at, d, ids) : 0;
    free(ids);
    if (rc != 0)
        goto db_fail;
    return 0;
oom:
    free(*plan_name);
    *plan_name = NULL;
    *err = str_printf("out of memory loading the sets");
    return -1;
db_fail:
    free(*plan_name);
    *plan_name = NULL;
    *err = str_printf("cannot load the sets: %s", db_errmsg(db));
    return -1;
}

int store_network_load_responded(struct db *db, const struct network_data *data, long long wave_id,
                                 bool *responded, char **err)
{
    struct id_index *ids = people_index(&data->cohort);
    if (!ids) {
        *err = str_printf("out of memory loading the network survey");
        return -1;
    }
    memset(responded, 0, data->cohort.count * sizeof *responded);
    sqlite3_stmt *st = db_prepare(db, "SELECT person_id FROM network_responses WHERE wave_id = ?1");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, wave_id);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int p = find_person(ids, data->cohort.count, sqlite3_column_int64(st, 0));
            if (p >= 0)
                responded[p] = true;
        }
        sqlite3_reset(st);
    }
    free(ids);
    if (rc != SQLITE_DONE) {
        *err = str_printf("cannot load the network survey: %s", db_errmsg(db));
        return -1;
    }
    return 0;
}
