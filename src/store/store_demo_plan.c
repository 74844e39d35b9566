/* The demonstration set plan (see store_demo_plan.h). */
#include "store/store_demo_plan.h"

#include "core/strbuf.h"

#include <stdlib.h>

static int plan_exists(struct db *db, long long programme_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM set_plans WHERE programme_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int deal(struct db *db, long long programme_id, long long plan_id, int set_size,
                long long facilitator_id, long long *first)
{
    sqlite3_stmt *members = db_prepare(db, "SELECT pe.id FROM programme_members m JOIN people pe "
                                           "ON pe.id = m.person_id WHERE m.programme_id = ?1 "
                                           "ORDER BY pe.email");
    if (!members)
        return -1;
    sqlite3_bind_int64(members, 1, programme_id);
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(members)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            long long *grown = realloc(ids, cap * sizeof *grown);
            if (!grown) {
                sqlite3_reset(members);
                free(ids);
                return -1;
            }
            ids = grown;
        }
        ids[n++] = sqlite3_column_int64(members, 0);
    }
    sqlite3_reset(members);
    int status = rc == SQLITE_DONE ? 0 : -1;
    long long set_id = 0;
    *first = n ? ids[0] : 0;
    for (size_t i = 0; status == 0 && i < n; i++) {
        if (i % (size_t)set_size == 0) {
            long long number = (long long)(i / (size_t)set_size) + 1;
            char *name = str_printf("Set %lld", number);
            sqlite3_stmt *st = db_prepare(db, "INSERT INTO sets(plan_id, name, position, "
                                              "facilitator_id) VALUES (?1, ?2, ?3, ?4)");
            if (!name || !st) {
                free(name);
                status = -1;
                break;
            }
            sqlite3_bind_int64(st, 1, plan_id);
            db_bind_text(st, 2, name);
            sqlite3_bind_int64(st, 3, number);
            if (facilitator_id && number <= 2)
                sqlite3_bind_int64(st, 4, facilitator_id);
            status = db_exec_stmt(st);
            free(name);
            set_id = sqlite3_last_insert_rowid(db_sqlite(db));
        }
        sqlite3_stmt *st = db_prepare(db, "INSERT INTO set_members(set_id, person_id) "
                                          "VALUES (?1, ?2)");
        if (status != 0 || !st) {
            status = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, set_id);
        sqlite3_bind_int64(st, 2, ids[i]);
        status = db_exec_stmt(st);
    }
    free(ids);
    return status;
}

int store_demo_plan(struct db *db, long long programme_id, int set_size, long long facilitator_id,
                    long long *first)
{
    *first = 0;
    if (set_size < 1)
        return -1;
    if (db_begin(db) != 0)
        return -1;
    int rc = plan_exists(db, programme_id);
    if (rc != 0)
        goto out;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO set_plans(programme_id, name, status, "
                                      "published_at) VALUES (?1, 'Demo plan', 'published', "
                                      "strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
    if (!st) {
        rc = -1;
        goto out;
    }
    sqlite3_bind_int64(st, 1, programme_id);
    rc = db_exec_stmt(st);
    if (rc == 0)
        rc = deal(db, programme_id, sqlite3_last_insert_rowid(db_sqlite(db)), set_size,
                  facilitator_id, first);
out:
    if (rc == 0 ? db_commit(db) != 0 : db_rollback(db) != 0)
        rc = -1;
    return rc;
}
