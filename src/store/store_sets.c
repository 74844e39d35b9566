/* Set plans, their sets and members, and programme rules: all the SQL of set formation. */
#include "store/store_sets.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <stdlib.h>
#include <string.h>

int store_plan_save(struct db *db, const struct store_plan *plan, long long *plan_id, char **err)
{
    *err = NULL;
    long long *set_ids = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM set_plans WHERE programme_id = ?1 AND "
                                      "name = ?2");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan->programme_id);
    db_bind_text(st, 2, plan->name);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE)
        goto fail;
    set_ids = malloc(sizeof(long long) * ((size_t)plan->m + 1));
    if (!set_ids || db_begin(db) != 0)
        goto fail;
    st = db_prepare(db, "INSERT INTO set_plans(programme_id, name, objective, upper_bound, "
                        "settings_json) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        goto rollback;
    sqlite3_bind_int64(st, 1, plan->programme_id);
    db_bind_text(st, 2, plan->name);
    sqlite3_bind_double(st, 3, plan->objective);
    if (plan->upper_bound)
        sqlite3_bind_double(st, 4, *plan->upper_bound);
    else
        sqlite3_bind_null(st, 4);
    db_bind_text(st, 5, plan->settings_json ? plan->settings_json : "{}");
    if (db_exec_stmt(st) != 0)
        goto rollback;
    *plan_id = sqlite3_last_insert_rowid(db_sqlite(db));
    for (int g = 0; g < plan->m; g++) {
        st = db_prepare(db, "INSERT INTO sets(plan_id, name, position) VALUES (?1, ?2, ?3)");
        if (!st)
            goto rollback;
        sqlite3_bind_int64(st, 1, *plan_id);
        db_bind_text(st, 2, plan->set_names[g]);
        sqlite3_bind_int(st, 3, g + 1);
        if (db_exec_stmt(st) != 0)
            goto rollback;
        set_ids[g] = sqlite3_last_insert_rowid(db_sqlite(db));
    }
    for (int i = 0; i < plan->n; i++) {
        st = db_prepare(db, "INSERT INTO set_members(set_id, person_id) VALUES (?1, ?2)");
        if (!st)
            goto rollback;
        sqlite3_bind_int64(st, 1, set_ids[plan->group[i]]);
        sqlite3_bind_int64(st, 2, plan->person_ids[i]);
        if (db_exec_stmt(st) != 0)
            goto rollback;
    }
    if (db_commit(db) != 0)
        goto rollback;
    free(set_ids);
    return 0;
rollback:
    *err = str_printf("cannot save the plan: %s", db_errmsg(db));
    db_rollback(db);
    free(set_ids);
    return -1;
fail:
    *err = str_printf("cannot save the plan: %s", set_ids || !st ? db_errmsg(db) : "out of memory");
    free(set_ids);
    return -1;
}

/* Rows come newest plan first: the age of a pair is the number of newer plans. */
struct plan_age {
    long long last_plan;
    int age;
};

static int read_shared_pair(sqlite3_stmt *st, void *row, void *ctx)
{
    struct plan_age *pa = ctx;
    long long plan = sqlite3_column_int64(st, 0);
    if (plan != pa->last_plan) {
        pa->age++;
        pa->last_plan = plan;
    }
    *(struct store_shared_pair *)row = (struct store_shared_pair){
        sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2), pa->age};
    return 0;
}

int store_shared_pairs_before(struct db *db, long long programme_id, long long before,
                              struct store_shared_pair **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    *err = NULL;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT p.id, a.person_id, b.person_id FROM set_plans p "
                       "JOIN sets s ON s.plan_id = p.id "
                       "JOIN set_members a ON a.set_id = s.id "
                       "JOIN set_members b ON b.set_id = s.id AND a.person_id < b.person_id "
                       "WHERE p.programme_id = ?1 AND (?2 = 0 OR p.id < ?2) ORDER BY p.created_at "
                       "DESC, p.id DESC");
    if (!st) {
        *err = str_printf("cannot read earlier plans: %s", db_errmsg(db));
        return -1;
    }
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, before);
    struct plan_age age = {0, -1};
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_shared_pair, &age, &rows);
    if (rc != 0) {
        free(rows.items);
        *err = str_printf("cannot read earlier plans: %s", db_errmsg(db));
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

static int read_rule(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_rule *r = row;
    const char *kind = (const char *)sqlite3_column_text(st, 0);
    str_copy(r->kind, kind ? kind : "", sizeof r->kind);
    r->a = sqlite3_column_int64(st, 1);
    r->b = sqlite3_column_int64(st, 2);
    r->set_name = db_column_dup(st, 3);
    return 0;
}

int store_rules_load(struct db *db, long long programme_id, struct store_rule **out, size_t *count,
                     char **err)
{
    *out = NULL;
    *count = 0;
    *err = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT kind, person_a, person_b, set_name "
                                      "FROM programme_rules WHERE programme_id = ?1 ORDER BY id");
    if (!st) {
        *err = str_printf("cannot read the programme's rules: %s", db_errmsg(db));
        return -1;
    }
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_rule, NULL, &rows);
    *out = rows.items;
    *count = rows.count;
    if (rc != 0) {
        store_rules_free(*out, *count);
        *out = NULL;
        *count = 0;
        *err = str_printf("cannot read the programme's rules: %s", db_errmsg(db));
        return -1;
    }
    return 0;
}

void store_rules_free(struct store_rule *rules, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(rules[i].set_name);
    free(rules);
}
