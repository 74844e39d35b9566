/* People, organisations, attributes, programmes and memberships. */
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
    int rc = sqlite3_step(st);
    int result = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
    if (result == 0)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return result;
}

int store_programme_id(struct db *db, const char *name, long long *id)
{
    return lookup_id(db, "SELECT id FROM programmes WHERE name = ?1", name, id);
}

int store_programme_ensure(struct db *db, const char *name, long long *id)
{
    int rc = store_programme_id(db, name, id);
    if (rc != 1)
        return rc;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO programmes(name) VALUES (?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, name);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
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

int store_manager_of(struct db *db, const char *email, char **out)
{
    *out = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT m.email FROM people p "
                                      "LEFT JOIN people m ON m.id = p.manager_id "
                                      "WHERE p.email = lower(?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    int rc = sqlite3_step(st);
    int result = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
    if (result == 0)
        *out = db_column_dup(st, 0);
    sqlite3_reset(st);
    return result;
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
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? 1 : -1;
    }
    out->id = sqlite3_column_int64(st, 0);
    out->name = db_column_dup(st, 1);
    out->organisation = db_column_dup(st, 2);
    out->manager_email = db_column_dup(st, 3);
    sqlite3_reset(st);

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

static int read_programme_summary(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct programme_summary *p = row;
    p->id = sqlite3_column_int64(st, 0);
    p->name = db_column_dup(st, 1);
    p->created_at = db_column_dup(st, 2);
    p->members = sqlite3_column_int(st, 3);
    return p->name && p->created_at ? 0 : -1;
}

int store_programmes_list(struct db *db, struct programme_summary **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT p.id, p.name, p.created_at, "
                                      "(SELECT count(*) FROM programme_members m "
                                      " WHERE m.programme_id = p.id) "
                                      "FROM programmes p ORDER BY p.name");
    if (!st)
        return -1;
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_programme_summary, NULL, &rows);
    *out = rows.items;
    *count = rows.count;
    if (rc != 0) {
        programme_summaries_free(*out, *count);
        *out = NULL;
        *count = 0;
    }
    return rc;
}

void programme_summaries_free(struct programme_summary *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].name);
        free(list[i].created_at);
    }
    free(list);
}
