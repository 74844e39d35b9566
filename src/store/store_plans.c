/* Editing a saved set plan. Every statement is bound; every change that touches more than one
 * row runs in a transaction. */
#include "store/store_plans.h"

#include "store/db_rows.h"
#include "store/store_sets.h"

#include "core/strbuf.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Steps ST once: 1 a row, 0 done, -1 error. Does not reset. */
static int step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void store_plan_rows_free(struct store_plan_rows *p)
{
    for (int g = 0; g < p->m; g++) {
        free(p->sets[g].name);
        free(p->sets[g].facilitator);
    }
    free(p->sets);
    free(p->name);
    free(p->settings_json);
    free(p->person_ids);
    free(p->group);
    memset(p, 0, sizeof *p);
}

static int read_plan_set(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_plan_set *set = row;
    *set = (struct store_plan_set){sqlite3_column_int64(st, 0), db_column_dup(st, 1),
                                   sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3),
                                   db_column_dup(st, 4)};
    return set->name ? 0 : -1;
}

int store_plan_rows_load(struct db *db, long long plan_id, struct store_plan_rows *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db, "SELECT programme_id, name, status, settings_json, "
                                      "coalesce(upper_bound, -1) FROM set_plans WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    int rc = step(st);
    if (rc == 1) {
        out->id = plan_id;
        out->programme_id = sqlite3_column_int64(st, 0);
        out->name = db_column_dup(st, 1);
        const char *s = (const char *)sqlite3_column_text(st, 2);
        memcpy(out->status, s && strcmp(s, "published") == 0 ? "published" : "draft",
               s && strcmp(s, "published") == 0 ? 10 : 6);
        out->settings_json = db_column_dup(st, 3);
        out->upper_bound = sqlite3_column_double(st, 4);
    }
    sqlite3_reset(st);
    if (rc != 1)
        return rc == 0 ? 1 : -1;
    st = db_prepare(db, "SELECT s.id, s.name, s.locked, coalesce(s.facilitator_id, 0), f.email "
                        "FROM sets s LEFT JOIN people f ON f.id = s.facilitator_id "
                        "WHERE s.plan_id = ?1 ORDER BY s.position, s.id");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan_id);
    struct db_rows sets;
    rc = db_collect(st, sizeof *out->sets, read_plan_set, NULL, &sets);
    out->sets = sets.items;
    out->m = (int)sets.count;
    if (rc != 0)
        goto fail;
    st = db_prepare(db, "SELECT m.person_id, s.id FROM set_members m JOIN sets s ON s.id = "
                        "m.set_id WHERE s.plan_id = ?1 ORDER BY m.person_id");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan_id);
    int cap = 0;
    while ((rc = step(st)) == 1) {
        if (out->n == cap) {
            cap = cap ? 2 * cap : 64;
            long long *ids = realloc(out->person_ids, sizeof *ids * (size_t)cap);
            if (ids)
                out->person_ids = ids;
            int *group = realloc(out->group, sizeof *group * (size_t)cap);
            if (group)
                out->group = group;
            if (!ids || !group) {
                rc = -1;
                break;
            }
        }
        long long set_id = sqlite3_column_int64(st, 1);
        int g = 0;
        while (g < out->m && out->sets[g].id != set_id)
            g++;
        out->person_ids[out->n] = sqlite3_column_int64(st, 0);
        out->group[out->n++] = g;
    }
    sqlite3_reset(st);
    if (rc < 0)
        goto fail;
    return 0;
fail:
    store_plan_rows_free(out);
    return -1;
}

int store_plan_latest(struct db *db, long long programme_id, long long *plan_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id FROM set_plans WHERE programme_id = ?1 "
                                      "ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    int rc = step(st);
    if (rc == 1)
        *plan_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

int store_plan_move(struct db *db, long long plan_id, long long person_id, long long set_id)
{
    sqlite3_stmt *st = db_prepare(
        db, "UPDATE set_members SET set_id = ?3 WHERE person_id = ?2 AND set_id IN (SELECT id "
            "FROM sets WHERE plan_id = ?1) AND EXISTS (SELECT 1 FROM sets WHERE id = ?3 AND "
            "plan_id = ?1)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, person_id);
    sqlite3_bind_int64(st, 3, set_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) == 1 ? 0 : 1;
}

int store_plan_objective(struct db *db, long long plan_id, double objective)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE set_plans SET objective = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_double(st, 2, objective);
    return db_exec_stmt(st);
}

int store_plan_replace(struct db *db, long long plan_id, int n, const long long *person_ids,
                       const long long *set_ids, double objective)
{
    /* Inside a caller's transaction (a change with its membership history) it joins that one. */
    int own = sqlite3_get_autocommit(db_sqlite(db));
    if (own && db_begin(db) != 0)
        return -1;
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM set_members WHERE set_id IN (SELECT id FROM "
                                      "sets WHERE plan_id = ?1)");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan_id);
    if (db_exec_stmt(st) != 0)
        goto fail;
    st = db_prepare(db, "INSERT INTO set_members(set_id, person_id) VALUES (?1, ?2)");
    if (!st)
        goto fail;
    for (int i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, set_ids[i]);
        sqlite3_bind_int64(st, 2, person_ids[i]);
        if (db_exec_stmt(st) != 0)
            goto fail;
    }
    if (store_plan_objective(db, plan_id, objective) != 0 || (own && db_commit(db) != 0))
        goto fail;
    return 0;
fail:
    if (own)
        db_rollback(db);
    return -1;
}

int store_set_lock(struct db *db, long long plan_id, long long set_id, int locked)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE sets SET locked = ?3 WHERE id = ?2 AND plan_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, set_id);
    sqlite3_bind_int(st, 3, locked ? 1 : 0);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) == 1 ? 0 : 1;
}

int store_set_facilitator(struct db *db, long long plan_id, long long set_id, long long person_id)
{
    sqlite3_stmt *st = db_prepare(
        db, "UPDATE sets SET facilitator_id = nullif(?3, 0) WHERE id = ?2 AND plan_id = ?1 AND "
            "(?3 = 0 OR EXISTS (SELECT 1 FROM people WHERE id = ?3))");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, set_id);
    sqlite3_bind_int64(st, 3, person_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) == 1 ? 0 : 1;
}

int store_person_by_email(struct db *db, const char *email, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id FROM people WHERE email = lower(?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    int rc = step(st);
    if (rc == 1)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

int store_plan_publish(struct db *db, long long plan_id)
{
    int own = sqlite3_get_autocommit(db_sqlite(db));
    if (own && db_begin(db) != 0)
        return -1;
    sqlite3_stmt *st = db_prepare(
        db, "UPDATE set_plans SET status = 'draft', published_at = NULL WHERE programme_id = "
            "(SELECT programme_id FROM set_plans WHERE id = ?1) AND id <> ?1");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan_id);
    if (db_exec_stmt(st) != 0)
        goto fail;
    st = db_prepare(db, "UPDATE set_plans SET status = 'published', published_at = "
                        "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan_id);
    if (db_exec_stmt(st) != 0)
        goto fail;
    int changed = sqlite3_changes(db_sqlite(db));
    /* Every way of publishing keeps the membership history (store_sets.h) in step. */
    long long programme_id = 0;
    st = db_prepare(db, "SELECT programme_id FROM set_plans WHERE id = ?1");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan_id);
    if (db_row_one(st, db_read_int64, &programme_id, NULL) < 0 ||
        (programme_id && store_membership_sync(db, programme_id, NULL) != 0))
        goto fail;
    if (own && db_commit(db) != 0)
        goto fail;
    return changed == 1 ? 0 : 1;
fail:
    if (own)
        db_rollback(db);
    return -1;
}

int store_rule_add(struct db *db, long long programme_id, const char *kind, long long a,
                   long long b, const char *set_name)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO programme_rules(programme_id, kind, person_a, "
                                      "person_b, set_name) VALUES (?1, ?2, ?3, nullif(?4, 0), ?5)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, kind);
    sqlite3_bind_int64(st, 3, a);
    sqlite3_bind_int64(st, 4, b);
    db_bind_text(st, 5, set_name);
    return db_exec_stmt(st);
}

int store_rules_clear(struct db *db, long long programme_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM programme_rules WHERE programme_id = ?1 AND kind IN "
                       "('apart', 'pin')");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_exec_stmt(st);
}

int store_rules_text(struct db *db, long long programme_id, struct strbuf *apart,
                     struct strbuf *pins)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT r.kind, a.email, coalesce(b.email, r.set_name) FROM programme_rules r "
            "JOIN people a ON a.id = r.person_a LEFT JOIN people b ON b.id = r.person_b "
            "WHERE r.programme_id = ?1 AND r.kind IN ('apart', 'pin') ORDER BY r.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    int rc;
    while ((rc = step(st)) == 1) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        sb_printf(kind && strcmp(kind, "pin") == 0 ? pins : apart, "%s, %s\n",
                  (const char *)sqlite3_column_text(st, 1),
                  (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_reset(st);
    return rc < 0 ? -1 : 0;
}

static int read_listing(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_listing *l = row;
    l->id = sqlite3_column_int64(st, 0);
    l->name = db_column_dup(st, 1);
    l->status = db_column_dup(st, 2);
    l->created_at = db_column_dup(st, 3);
    l->score = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 4);
    return l->name && l->status && l->created_at ? 0 : -1;
}

void store_listing_free(struct store_listing *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].name);
        free(list[i].status);
        free(list[i].created_at);
    }
    free(list);
}

static int collect_listing(sqlite3_stmt *st, long long programme_id, struct store_listing **out,
                           size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_listing, NULL, &rows) != 0) {
        store_listing_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_programme_plans(struct db *db, long long programme_id, struct store_listing **out,
                          size_t *count)
{
    return collect_listing(db_prepare(db, "SELECT id, name, status, created_at, objective"
                                          " FROM set_plans WHERE programme_id = ?1"
                                          " ORDER BY created_at DESC, id DESC"),
                           programme_id, out, count);
}

int store_published_sets(struct db *db, long long programme_id, struct store_listing **out,
                         size_t *count)
{
    return collect_listing(db_prepare(db,
                                      "SELECT s.id, s.name, coalesce(f.name, ''), '',"
                                      " (SELECT count(*) FROM set_members m WHERE m.set_id = s.id)"
                                      " FROM sets s JOIN set_plans p ON p.id = s.plan_id"
                                      " LEFT JOIN people f ON f.id = s.facilitator_id"
                                      " WHERE p.programme_id = ?1 AND p.status = 'published'"
                                      " ORDER BY s.position, s.name"),
                           programme_id, out, count);
}

int store_rules_clear_together(struct db *db, long long programme_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM programme_rules WHERE programme_id = ?1 AND kind = 'together'");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_exec_stmt(st);
}
