/* People, organisations, attributes and programme memberships, and who may see whom. */
#include "store/store_people.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int lookup_id(struct db *db, const char *sql, const char *key, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, sql);
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    return db_row_one(st, db_read_int64, id, NULL);
}

int store_person_id(struct db *db, const char *email, long long *id)
{
    return lookup_id(db, "SELECT id FROM people WHERE email = lower(?1)", email, id);
}

int store_person_exists(void *db, const char *email)
{
    long long id;
    int rc = store_person_id(db, email, &id);
    return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

static int organisation_id(struct db *db, const char *name, long long *id)
{
    *id = 0;
    if (!name || !name[0])
        return 0;
    int rc = lookup_id(db, "SELECT id FROM organisations WHERE name = ?1", name, id);
    if (rc != 1)
        return rc;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO organisations(name) VALUES (?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, name);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

static void bind_id_or_null(sqlite3_stmt *st, int index, long long id)
{
    if (id)
        sqlite3_bind_int64(st, index, id);
    else
        sqlite3_bind_null(st, index);
}

int store_person_insert(struct db *db, const char *email, const char *name,
                        const char *organisation, long long *id)
{
    long long org = 0;
    if (organisation_id(db, organisation, &org) != 0)
        return -1;
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO people(email, name, organisation_id) VALUES (lower(?1), ?2, ?3)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, name);
    bind_id_or_null(st, 3, org);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

int store_person_update(struct db *db, long long id, const char *name, const char *organisation)
{
    long long org = 0;
    if (organisation_id(db, organisation, &org) != 0)
        return -1;
    sqlite3_stmt *st = db_prepare(db, "UPDATE people SET name = ?2, organisation_id = ?3, "
                                      "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                                      "WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, name);
    bind_id_or_null(st, 3, org);
    return db_exec_stmt(st);
}

int store_person_set_attr(struct db *db, long long id, const char *name, const char *value)
{
    sqlite3_stmt *st;
    if (!value || !value[0]) {
        st = db_prepare(db, "DELETE FROM person_attributes WHERE person_id = ?1 AND name = ?2");
    } else {
        st = db_prepare(db, "INSERT INTO person_attributes(person_id, name, value) "
                            "VALUES (?1, ?2, ?3) "
                            "ON CONFLICT(person_id, name) DO UPDATE SET value = excluded.value");
    }
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, name);
    if (value && value[0])
        db_bind_text(st, 3, value);
    return db_exec_stmt(st);
}

int store_person_set_manager(struct db *db, long long id, long long manager_id)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE people SET manager_id = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_id_or_null(st, 2, manager_id);
    return db_exec_stmt(st);
}

/* Column 0 as a copy into *(char **)ROW, NULL when NULL. 0 (an allocation failure reads as NULL,
 * as it always has here). */
static int read_nullable_text(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    *(char **)row = db_column_dup(st, 0);
    return 0;
}

int store_manager_of(struct db *db, const char *email, char **out)
{
    *out = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT m.email FROM people p "
                                      "LEFT JOIN people m ON m.id = p.manager_id "
                                      "WHERE p.email = lower(?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    return db_row_one(st, read_nullable_text, out, NULL);
}

static int read_stored_person(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct stored_person *out = row;
    out->id = sqlite3_column_int64(st, 0);
    out->name = db_column_dup(st, 1);
    out->organisation = db_column_dup(st, 2);
    out->manager_email = db_column_dup(st, 3);
    return 0;
}

int store_person_get(struct db *db, const char *email, struct stored_person *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db, "SELECT p.id, p.name, o.name, m.email FROM people p "
                                      "LEFT JOIN organisations o ON o.id = p.organisation_id "
                                      "LEFT JOIN people m ON m.id = p.manager_id "
                                      "WHERE p.email = lower(?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    int rc = db_row_one(st, read_stored_person, out, NULL);
    if (rc != 0)
        return rc;

    st = db_prepare(db, "SELECT name, value FROM person_attributes WHERE person_id = ?1 "
                        "ORDER BY name");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, out->id);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->attr_count == cap) {
            cap = cap ? cap * 2 : 8;
            char **n = realloc(out->attr_names, cap * sizeof *n);
            if (n)
                out->attr_names = n;
            char **v = realloc(out->attr_values, cap * sizeof *v);
            if (v)
                out->attr_values = v;
            if (!n || !v)
                goto fail_reset;
        }
        out->attr_names[out->attr_count] = db_column_dup(st, 0);
        out->attr_values[out->attr_count] = db_column_dup(st, 1);
        out->attr_count++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
fail_reset:
    sqlite3_reset(st);
fail:
    stored_person_free(out);
    return -1;
}

void stored_person_free(struct stored_person *p)
{
    free(p->name);
    free(p->organisation);
    free(p->manager_email);
    for (size_t i = 0; i < p->attr_count; i++) {
        free(p->attr_names[i]);
        free(p->attr_values[i]);
    }
    free(p->attr_names);
    free(p->attr_values);
    memset(p, 0, sizeof *p);
}

const char *stored_person_attr(const struct stored_person *p, const char *name)
{
    for (size_t i = 0; i < p->attr_count; i++) {
        if (p->attr_names[i] && strcmp(p->attr_names[i], name) == 0)
            return p->attr_values[i];
    }
    return NULL;
}

int store_member_add(struct db *db, long long programme_id, long long person_id, int *added)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT OR IGNORE INTO programme_members"
                                      "(programme_id, person_id) VALUES (?1, ?2)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    *added = sqlite3_changes(db_sqlite(db)) > 0;
    return 0;
}

int store_member_remove(struct db *db, long long programme_id, long long person_id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM programme_members "
                                      "WHERE programme_id = ?1 AND person_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    return db_exec_stmt(st);
}

/* ?9: whether to show emails. */
#define PERSON_COLUMNS                                                                             \
    "pe.id, pe.name, coalesce(o.name, ''), "                                                       \
    "coalesce((SELECT value FROM person_attributes a WHERE a.person_id = pe.id "                   \
    " AND a.name = 'department'), ''), "                                                           \
    "CASE WHEN ?9 THEN pe.email END "

static int read_person_brief(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_person_brief *p = row;
    p->id = sqlite3_column_int64(st, 0);
    p->name = db_column_dup(st, 1);
    p->organisation = db_column_dup(st, 2);
    p->department = db_column_dup(st, 3);
    p->email = db_column_dup(st, 4);
    bool email_ok = p->email || sqlite3_column_type(st, 4) == SQLITE_NULL;
    return p->name && p->organisation && p->department && email_ok ? 0 : -1;
}

static void person_brief_clear(struct store_person_brief *p)
{
    free(p->name);
    free(p->organisation);
    free(p->department);
    free(p->email);
    memset(p, 0, sizeof *p);
}

void store_person_briefs_free(struct store_person_brief *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        person_brief_clear(&list[i]);
    free(list);
}

/* Collects ST's rows as person briefs into *OUT and *COUNT. 0, or -1 with nothing to free. */
static int collect_briefs(sqlite3_stmt *st, struct store_person_brief **out, size_t *count)
{
    struct db_rows rows;
    *out = NULL;
    *count = 0;
    if (db_collect(st, sizeof **out, read_person_brief, NULL, &rows) != 0) {
        store_person_briefs_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_people_search(struct db *db, long long programme_id, const char *q, const char *attr,
                        const char *value, bool with_email, long limit,
                        struct store_person_brief **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " PERSON_COLUMNS "FROM programme_members m JOIN people pe ON pe.id = "
            "m.person_id LEFT JOIN organisations o ON o.id = pe.organisation_id "
            "WHERE m.programme_id = ?1 "
            "AND (?2 = '' OR instr(lower(pe.name), lower(?2)) > 0 "
            "  OR (?9 AND instr(pe.email, lower(?2)) > 0)) "
            "AND (?3 = '' OR (?3 = 'organisation' AND o.name = ?4) OR EXISTS (SELECT 1 FROM "
            "  person_attributes a WHERE a.person_id = pe.id AND a.name = ?3 AND a.value = ?4)) "
            "ORDER BY pe.name, pe.id LIMIT ?5");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, q ? q : "");
    db_bind_text(st, 3, attr ? attr : "");
    db_bind_text(st, 4, value ? value : "");
    sqlite3_bind_int64(st, 5, limit);
    sqlite3_bind_int(st, 9, with_email);
    return collect_briefs(st, out, count);
}

int store_set_member_briefs(struct db *db, long long set_id, bool with_email,
                            struct store_person_brief **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT " PERSON_COLUMNS "FROM set_members sm JOIN people pe "
                                      "ON pe.id = sm.person_id LEFT JOIN organisations o "
                                      "ON o.id = pe.organisation_id WHERE sm.set_id = ?1 "
                                      "ORDER BY pe.name");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    sqlite3_bind_int(st, 9, with_email);
    return collect_briefs(st, out, count);
}

static int read_text(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    *(char **)row = db_column_dup(st, 0);
    return *(char **)row ? 0 : -1;
}

void store_attr_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

int store_attr_names(struct db *db, long long programme_id, char ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT a.name FROM person_attributes a "
                                      "JOIN programme_members m ON m.person_id = a.person_id "
                                      "WHERE m.programme_id = ?1 ORDER BY a.name");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_text, NULL, &rows) != 0) {
        store_attr_names_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

/* ?1 admin, ?2 viewer's person id, ?3 the person: the viewer themselves, a set mate in a
 * published plan, or a member of a set the viewer facilitates. */
#define PERSON_VISIBLE                                                                             \
    "(?1 OR ?3 = ?2 OR EXISTS (SELECT 1 FROM set_members a JOIN set_members b "                    \
    " ON a.set_id = b.set_id JOIN sets s ON s.id = a.set_id JOIN set_plans sp "                    \
    " ON sp.id = s.plan_id WHERE a.person_id = ?2 AND b.person_id = ?3 "                           \
    " AND sp.status = 'published') OR EXISTS (SELECT 1 FROM set_members b JOIN sets s "            \
    " ON s.id = b.set_id WHERE s.facilitator_id = ?2 AND b.person_id = ?3))"

void store_person_view_free(struct store_person_view *p)
{
    person_brief_clear(&p->person);
    for (size_t i = 0; i < p->attr_count; i++) {
        free(p->attr_names[i]);
        free(p->attr_values[i]);
    }
    free(p->attr_names);
    free(p->attr_values);
    memset(p, 0, sizeof *p);
}

struct attr_pair {
    char *name, *value;
};

static int read_attr_pair(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct attr_pair *a = row;
    a->name = db_column_dup(st, 0);
    a->value = db_column_dup(st, 1);
    return a->name && a->value ? 0 : -1;
}

int store_person_visible(struct db *db, const struct user *user, long long id,
                         struct store_person_view *out)
{
    memset(out, 0, sizeof *out);
    bool admin = user->role == ROLE_ADMIN;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " PERSON_COLUMNS "FROM people pe LEFT JOIN organisations o "
            "ON o.id = pe.organisation_id WHERE pe.id = ?3 AND ?2 IS NOT NULL AND " PERSON_VISIBLE);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, admin);
    if (user->person_id)
        sqlite3_bind_int64(st, 2, user->person_id);
    else if (admin)
        sqlite3_bind_int64(st, 2, -1);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int(st, 9, admin || (user->person_id && user->person_id == id));
    int rc = db_row_one(st, read_person_brief, &out->person, NULL);
    if (rc != 0) {
        person_brief_clear(&out->person);
        return rc;
    }
    st = db_prepare(db, "SELECT name, value FROM person_attributes WHERE person_id = ?1 "
                        "ORDER BY name");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    struct db_rows rows;
    rc = db_collect(st, sizeof(struct attr_pair), read_attr_pair, NULL, &rows);
    struct attr_pair *pairs = rows.items;
    out->attr_names = calloc(rows.count ? rows.count : 1, sizeof *out->attr_names);
    out->attr_values = calloc(rows.count ? rows.count : 1, sizeof *out->attr_values);
    if (!out->attr_names || !out->attr_values) {
        for (size_t i = 0; i < rows.count; i++) {
            free(pairs[i].name);
            free(pairs[i].value);
        }
        free(pairs);
        goto fail;
    }
    for (size_t i = 0; i < rows.count; i++) {
        out->attr_names[i] = pairs[i].name;
        out->attr_values[i] = pairs[i].value;
    }
    out->attr_count = rows.count;
    free(pairs);
    if (rc == 0)
        return 0;
fail:
    store_person_view_free(out);
    return -1;
}
