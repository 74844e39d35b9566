/* Loading a programme's members as a struct cohort, the shape the engines start from. */
#include "store/store_cohort.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool is_known(const char *name)
{
    for (size_t k = 0; k < cohort_known_attr_count; k++) {
        if (strcmp(cohort_known_attrs[k], name) == 0)
            return true;
    }
    return false;
}

static int add_attr(struct cohort *c, size_t *cap, const char *name)
{
    if (c->attr_count == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        char **n = realloc(c->attrs, *cap * sizeof *n);
        if (!n)
            return -1;
        c->attrs = n;
    }
    c->attrs[c->attr_count] = strdup(name);
    if (!c->attrs[c->attr_count])
        return -1;
    c->attr_count++;
    return 0;
}

static int read_name(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    return (*(char **)row = db_column_dup(st, 0)) ? 0 : -1;
}

/* Attribute order: organisation, then the other known ones present, then custom ones by name. */
static int load_attr_names(struct db *db, long long programme_id, struct cohort *c)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT pa.name FROM person_attributes pa "
                                      "JOIN programme_members pm ON pm.person_id = pa.person_id "
                                      "WHERE pm.programme_id = ?1 ORDER BY pa.name");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    int rc = db_collect(st, sizeof(char *), read_name, NULL, &rows);
    char **names = rows.items;
    size_t n = rows.count;
    size_t acap = 0;
    int result = rc;
    if (result == 0)
        result = add_attr(c, &acap, "organisation");
    for (size_t k = 1; k < cohort_known_attr_count && result == 0; k++) {
        for (size_t i = 0; i < n; i++) {
            if (names[i] && strcmp(names[i], cohort_known_attrs[k]) == 0)
                result = add_attr(c, &acap, names[i]);
        }
    }
    for (size_t i = 0; i < n && result == 0; i++) {
        if (names[i] && !is_known(names[i]))
            result = add_attr(c, &acap, names[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return result;
}

/* One member with the organisation as the value of attribute "organisation"; the other
 * attributes start empty and load_values fills them. */
static int read_person(sqlite3_stmt *st, void *row, void *ctx)
{
    const struct cohort *c = ctx;
    struct cohort_person *p = row;
    p->id = sqlite3_column_int64(st, 0);
    p->email = db_column_dup(st, 1);
    p->name = db_column_dup(st, 2);
    p->manager_email = db_column_dup(st, 4);
    p->manager = -1;
    p->values = calloc(c->attr_count ? c->attr_count : 1, sizeof *p->values);
    if (!p->email || !p->name || !p->values)
        return -1;
    const unsigned char *org = sqlite3_column_text(st, 3);
    for (size_t k = 0; k < c->attr_count; k++) {
        bool is_org = strcmp(c->attrs[k], "organisation") == 0;
        p->values[k] = strdup(is_org && org ? (const char *)org : "");
        if (!p->values[k])
            return -1;
    }
    return 0;
}

static int load_people(struct db *db, long long programme_id, struct cohort *c)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT p.id, p.email, p.name, o.name, m.email "
                                      "FROM programme_members pm "
                                      "JOIN people p ON p.id = pm.person_id "
                                      "LEFT JOIN organisations o ON o.id = p.organisation_id "
                                      "LEFT JOIN people m ON m.id = p.manager_id "
                                      "WHERE pm.programme_id = ?1 ORDER BY p.email");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    int rc = db_collect(st, sizeof *c->people, read_person, c, &rows);
    c->people = rows.items;
    c->count = rows.count;
    return rc;
}

static int load_values(struct db *db, long long programme_id, struct cohort *c)
{
    /* Same order as load_people, so one pass matches rows to people. */
    sqlite3_stmt *st = db_prepare(db, "SELECT p.id, pa.name, pa.value FROM programme_members pm "
                                      "JOIN people p ON p.id = pm.person_id "
                                      "JOIN person_attributes pa ON pa.person_id = p.id "
                                      "WHERE pm.programme_id = ?1 ORDER BY p.email, pa.name");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        while (i < c->count && c->people[i].id != id)
            i++;
        if (i == c->count)
            break;
        long k = cohort_attr_index(c, (const char *)sqlite3_column_text(st, 1));
        if (k < 0)
            continue;
        char *v = db_column_dup(st, 2);
        if (!v)
            break;
        free(c->people[i].values[k]);
        c->people[i].values[k] = v;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int by_email(const void *key, const void *elem)
{
    return strcmp(key, ((const struct cohort_person *)elem)->email);
}

int store_load_cohort(struct db *db, long long programme_id, struct cohort *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    if (load_attr_names(db, programme_id, out) != 0 || load_people(db, programme_id, out) != 0 ||
        load_values(db, programme_id, out) != 0) {
        *err = str_printf("cannot load the programme's members: %s", db_errmsg(db));
        cohort_free(out);
        return -1;
    }
    out->has_manager_column = 1;
    for (size_t i = 0; i < out->count; i++) {
        struct cohort_person *p = &out->people[i];
        if (!p->manager_email)
            continue;
        const struct cohort_person *m =
            bsearch(p->manager_email, out->people, out->count, sizeof *out->people, by_email);
        p->manager = m ? (long)(m - out->people) : -1;
    }
    return 0;
}
