/* Set plans, their sets and members, and programme rules: all the SQL of set formation. */
#include "store/store_sets.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    int rc = db_row_one(st, NULL, NULL, NULL);
    if (rc == 0)
        return 1;
    if (rc < 0)
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

#define SET_COLUMNS                                                                                \
    "s.id, s.name, pr.name, pr.id, sp.name, sp.status, coalesce(f.name, ''), "                     \
    "(SELECT count(*) FROM set_members c WHERE c.set_id = s.id) "
#define SET_FROM                                                                                   \
    "FROM sets s JOIN set_plans sp ON sp.id = s.plan_id JOIN programmes pr "                       \
    "ON pr.id = sp.programme_id LEFT JOIN people f ON f.id = s.facilitator_id "

/* Reads SET_COLUMNS, and the role after them when CTX is non-NULL. */
static int read_set_view(sqlite3_stmt *st, void *row, void *ctx)
{
    struct store_set_view *s = row;
    s->id = sqlite3_column_int64(st, 0);
    s->name = db_column_dup(st, 1);
    s->programme = db_column_dup(st, 2);
    s->programme_id = sqlite3_column_int64(st, 3);
    s->plan = db_column_dup(st, 4);
    s->status = db_column_dup(st, 5);
    s->facilitator = db_column_dup(st, 6);
    s->members = sqlite3_column_int64(st, 7);
    if (ctx && !(s->role = db_column_dup(st, 8)))
        return -1;
    return s->name && s->programme && s->plan && s->status && s->facilitator ? 0 : -1;
}

void store_set_view_free(struct store_set_view *s)
{
    free(s->name);
    free(s->programme);
    free(s->plan);
    free(s->status);
    free(s->facilitator);
    free(s->role);
    memset(s, 0, sizeof *s);
}

void store_set_views_free(struct store_set_view *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        store_set_view_free(&list[i]);
    free(list);
}

int store_my_sets(struct db *db, const struct user *user, struct store_set_view **out,
                  size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " SET_COLUMNS ", CASE WHEN s.facilitator_id = ?1 THEN 'facilitator' "
            "ELSE 'member' END " SET_FROM "WHERE s.facilitator_id = ?1 OR "
            "(sp.status = 'published' AND EXISTS (SELECT 1 FROM set_members m "
            " WHERE m.set_id = s.id AND m.person_id = ?1)) ORDER BY pr.name, s.position");
    if (!st)
        return -1;
    /* An account that is no person has no sets; -1 matches no row. */
    sqlite3_bind_int64(st, 1, user->person_id ? user->person_id : -1);
    struct db_rows rows;
    static int with_role; /* any non-NULL context asks read_set_view for the role column */
    if (db_collect(st, sizeof **out, read_set_view, &with_role, &rows) != 0) {
        store_set_views_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_set_visible(struct db *db, const struct user *user, long long id,
                      struct store_set_view *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " SET_COLUMNS SET_FROM "WHERE s.id = ?3 AND (?1 OR s.facilitator_id = ?2 "
            "OR (sp.status = 'published' AND EXISTS (SELECT 1 FROM set_members m "
            " WHERE m.set_id = s.id AND m.person_id = ?2)))");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, user->role == ROLE_ADMIN);
    sqlite3_bind_int64(st, 2, user->person_id ? user->person_id : -1);
    sqlite3_bind_int64(st, 3, id);
    int rc = db_row_one(st, read_set_view, out, NULL);
    if (rc != 0)
        store_set_view_free(out);
    return rc;
}

struct newest_plan_row {
    long long id;
    char *plan, *status;
};

static int read_newest_plan(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct newest_plan_row *p = row;
    p->id = sqlite3_column_int64(st, 0);
    p->plan = db_column_dup(st, 1);
    p->status = db_column_dup(st, 2);
    return p->plan && p->status ? 0 : -1;
}

static int read_plan_set(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_newest_set *s = row;
    s->id = sqlite3_column_int64(st, 0);
    s->name = db_column_dup(st, 1);
    s->facilitator = db_column_dup(st, 2);
    return s->name && s->facilitator ? 0 : -1;
}

void store_newest_plan_free(struct store_newest_plan *p)
{
    free(p->plan);
    free(p->status);
    for (size_t i = 0; i < p->set_count; i++) {
        free(p->sets[i].name);
        free(p->sets[i].facilitator);
        store_person_briefs_free(p->sets[i].members, p->sets[i].member_count);
    }
    free(p->sets);
    memset(p, 0, sizeof *p);
}

int store_newest_plan(struct db *db, long long programme_id, struct store_newest_plan *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db, "SELECT id, name, status FROM set_plans "
                                      "WHERE programme_id = ?1 ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct newest_plan_row plan = {0};
    int rc = db_row_one(st, read_newest_plan, &plan, NULL);
    out->plan = plan.plan;
    out->status = plan.status;
    if (rc == 1)
        return 0;
    if (rc < 0)
        goto fail;
    out->has_plan = true;
    st = db_prepare(db, "SELECT s.id, s.name, coalesce(f.name, '') "
                        "FROM sets s LEFT JOIN people f ON f.id = s.facilitator_id "
                        "WHERE s.plan_id = ?1 ORDER BY s.position, s.name");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, plan.id);
    struct db_rows rows;
    rc = db_collect(st, sizeof *out->sets, read_plan_set, NULL, &rows);
    out->sets = rows.items;
    out->set_count = rows.count;
    if (rc != 0)
        goto fail;
    for (size_t i = 0; i < out->set_count; i++) {
        struct store_newest_set *s = &out->sets[i];
        if (store_set_member_briefs(db, s->id, true, &s->members, &s->member_count) != 0)
            goto fail;
    }
    return 0;
fail:
    store_newest_plan_free(out);
    return -1;
}

/* --- Membership over time ------------------------------------------------------------------- */

/* The sets of a programme's published plan, as a subquery on ?1. */
#define PUBLISHED_SETS                                                                             \
    "(SELECT s.id FROM sets s JOIN set_plans p ON p.id = s.plan_id"                                \
    " WHERE p.programme_id = ?1 AND p.status = 'published')"
#define PROGRAMME_SETS                                                                             \
    "(SELECT s.id FROM sets s JOIN set_plans p ON p.id = s.plan_id WHERE p.programme_id = ?1)"

/* Binds AT, or now when AT is NULL, as a stored UTC time. */
static void bind_at(sqlite3_stmt *st, int i, const char *at)
{
    if (at) {
        db_bind_text(st, i, at);
        return;
    }
    time_t now = time(NULL);
    struct tm tm;
    char buf[32];
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

int store_membership_sync(struct db *db, long long programme_id, const char *at)
{
    sqlite3_stmt *st = db_prepare(
        db, "UPDATE set_membership SET left_at = ?2 WHERE left_at IS NULL"
            " AND set_id IN " PROGRAMME_SETS " AND NOT (set_id IN " PUBLISHED_SETS
            " AND EXISTS (SELECT 1 FROM set_members m WHERE m.set_id = set_membership.set_id"
            "  AND m.person_id = set_membership.person_id))");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    bind_at(st, 2, at);
    if (db_exec_stmt(st) != 0)
        return -1;
    /* SQLite reads the whole SELECT before inserting, so the first members of a set all join
     * from its beginning. */
    st = db_prepare(
        db, "INSERT INTO set_membership(set_id, person_id, joined_at)"
            " SELECT m.set_id, m.person_id, CASE WHEN EXISTS (SELECT 1 FROM set_membership h"
            "  WHERE h.set_id = m.set_id) THEN ?2 ELSE '0000-01-01T00:00:00Z' END"
            " FROM set_members m WHERE m.set_id IN " PUBLISHED_SETS
            " AND NOT EXISTS (SELECT 1 FROM set_membership h WHERE h.set_id = m.set_id"
            "  AND h.person_id = m.person_id AND h.left_at IS NULL)"
            " ORDER BY m.set_id, m.person_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    bind_at(st, 2, at);
    return db_exec_stmt(st);
}

static int read_place(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_place *p = row;
    p->person_id = sqlite3_column_int64(st, 0);
    p->set_id = sqlite3_column_int64(st, 1);
    p->person = db_column_dup(st, 2);
    p->email = db_column_dup(st, 3);
    p->set_name = db_column_dup(st, 4);
    p->plan_id = sqlite3_column_int64(st, 5);
    p->plan_name = db_column_dup(st, 6);
    return p->person && p->email && p->set_name && p->plan_name ? 0 : -1;
}

void store_places_free(struct store_place *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].person);
        free(list[i].email);
        free(list[i].set_name);
        free(list[i].plan_name);
    }
    free(list);
}

int store_places(struct db *db, long long programme_id, struct store_place **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT h.person_id, h.set_id, pe.name, pe.email, s.name, sp.id, sp.name"
                       " FROM set_membership h JOIN people pe ON pe.id = h.person_id"
                       " JOIN sets s ON s.id = h.set_id JOIN set_plans sp ON sp.id = s.plan_id"
                       " WHERE h.left_at IS NULL AND h.set_id IN " PROGRAMME_SETS
                       " ORDER BY h.person_id, h.set_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_place, NULL, &rows) != 0) {
        store_places_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

static int read_former(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_former_member *f = row;
    f->person_id = sqlite3_column_int64(st, 0);
    f->name = db_column_dup(st, 1);
    str_copy(f->left_on, (const char *)sqlite3_column_text(st, 2), sizeof f->left_on);
    return f->name ? 0 : -1;
}

void store_former_members_free(struct store_former_member *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i].name);
    free(list);
}

int store_set_former_members(struct db *db, long long set_id, const char *at,
                             struct store_former_member **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT pe.id, pe.name, substr(MAX(h.left_at), 1, 10) FROM set_membership h"
                       " JOIN people pe ON pe.id = h.person_id WHERE h.set_id = ?1"
                       " AND h.left_at IS NOT NULL AND h.left_at <= ?2 AND NOT " STORE_MEMBER_AT(
                           "?1", "pe.id", "?2") " GROUP BY pe.id ORDER BY pe.name, pe.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    bind_at(st, 2, at);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_former, NULL, &rows) != 0) {
        store_former_members_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_plan_pin(struct db *db, long long plan_id, long long person_id, long long set_id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT OR REPLACE INTO plan_pins(plan_id, person_id, set_id)"
                                      " VALUES (?1, ?2, ?3)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, person_id);
    sqlite3_bind_int64(st, 3, set_id);
    return db_exec_stmt(st);
}

static int read_id_pair(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    long long *v = row;
    v[0] = sqlite3_column_int64(st, 0);
    v[1] = sqlite3_column_int64(st, 1);
    return 0;
}

int store_plan_pins(struct db *db, long long plan_id, long long **person_ids, long long **set_ids,
                    size_t *count)
{
    *person_ids = *set_ids = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT person_id, set_id FROM plan_pins WHERE plan_id = ?1"
                                      " ORDER BY person_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    struct db_rows rows;
    if (db_collect(st, 2 * sizeof(long long), read_id_pair, NULL, &rows) != 0) {
        free(rows.items);
        return -1;
    }
    long long *pairs = rows.items;
    *person_ids = malloc(sizeof(long long) * (rows.count + 1));
    *set_ids = malloc(sizeof(long long) * (rows.count + 1));
    if (!*person_ids || !*set_ids) {
        free(*person_ids);
        free(*set_ids);
        *person_ids = *set_ids = NULL;
        free(pairs);
        return -1;
    }
    for (size_t i = 0; i < rows.count; i++) {
        (*person_ids)[i] = pairs[2 * i];
        (*set_ids)[i] = pairs[2 * i + 1];
    }
    *count = rows.count;
    free(pairs);
    return 0;
}

int store_plan_sets_met(struct db *db, long long plan_id, const char *at, long long **set_ids,
                        size_t *count)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT s.id FROM sets s WHERE s.plan_id = ?1 AND EXISTS (SELECT 1 FROM meetings m"
            " WHERE m.set_id = s.id AND m.status = 'scheduled' AND m.starts_at < ?2)"
            " ORDER BY s.position");
    if (!st) {
        *set_ids = NULL;
        *count = 0;
        return -1;
    }
    sqlite3_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, at);
    return db_collect_ids(st, set_ids, count);
}

static int read_notice(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_notice *n = row;
    n->id = sqlite3_column_int64(st, 0);
    n->body = db_column_dup(st, 1);
    n->created_at = db_column_dup(st, 2);
    return n->body && n->created_at ? 0 : -1;
}

void store_notices_free(struct store_notice *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].body);
        free(list[i].created_at);
    }
    free(list);
}

int store_notice_add(struct db *db, long long person_id, long long programme_id, const char *body)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO member_notices(person_id, programme_id, body)"
                                      " VALUES (?1, ?2, ?3)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, programme_id);
    db_bind_text(st, 3, body);
    return db_exec_stmt(st);
}

int store_notices_for(struct db *db, long long person_id, int limit, struct store_notice **out,
                      size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT id, body, created_at FROM member_notices"
                                      " WHERE person_id = ?1 ORDER BY created_at DESC, id DESC"
                                      " LIMIT ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int(st, 2, limit);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_notice, NULL, &rows) != 0) {
        store_notices_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}
