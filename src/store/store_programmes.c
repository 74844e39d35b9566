/* Programmes: every statement on the programmes table. */
#include "store/store_programmes.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int store_programme_id(struct db *db, const char *name, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id FROM programmes WHERE name = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, name);
    return db_row_one(st, db_read_int64, id, NULL);
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

int store_programme_create(struct db *db, const char *name, const char *description,
                           const char *starts_on, const char *ends_on, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO programmes(name, description, starts_on, "
                                      "ends_on) VALUES (?1, ?2, nullif(?3, ''), nullif(?4, '')) "
                                      "ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, description ? description : "");
    db_bind_text(st, 3, starts_on);
    db_bind_text(st, 4, ends_on);
    if (db_exec_stmt(st) != 0)
        return -1;
    if (sqlite3_changes(db_sqlite(db)) == 0)
        return 1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

int store_programme_update(struct db *db, long long id, const char *name, const char *description,
                           const char *starts_on, const char *ends_on, long size_min, long size_max)
{
    sqlite3_stmt *st =
        db_prepare(db, "UPDATE OR IGNORE programmes SET name = ?2, description = ?3, "
                       "starts_on = nullif(?4, ''), ends_on = nullif(?5, ''), "
                       "set_size_min = ?6, set_size_max = ?7 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, description ? description : "");
    db_bind_text(st, 4, starts_on);
    db_bind_text(st, 5, ends_on);
    sqlite3_bind_int64(st, 6, size_min);
    sqlite3_bind_int64(st, 7, size_max);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

/* A programme's lifecycle state (p is the programme): finished once its end date has passed or
 * its published sets have met and have no meeting to come; running once a published set has
 * met; sets published; else draft. */
#define PROGRAMME_PUBLISHED_MEETINGS                                                               \
    "SELECT 1 FROM meetings mt JOIN sets ps ON ps.id = mt.set_id JOIN set_plans pp "               \
    "ON pp.id = ps.plan_id WHERE pp.programme_id = p.id AND pp.status = 'published' "              \
    "AND mt.status = 'scheduled' "
#define PROGRAMME_STATE                                                                            \
    "CASE WHEN p.ends_on IS NOT NULL AND p.ends_on < date('now') THEN 'finished' "                 \
    " WHEN EXISTS (" PROGRAMME_PUBLISHED_MEETINGS                                                  \
    "  AND mt.starts_at <= strftime('%Y-%m-%dT%H:%M:%SZ','now')) THEN "                            \
    "  CASE WHEN EXISTS (" PROGRAMME_PUBLISHED_MEETINGS                                            \
    "   AND mt.ends_at > strftime('%Y-%m-%dT%H:%M:%SZ','now')) THEN 'running' ELSE 'finished' "    \
    "END "                                                                                         \
    " WHEN EXISTS (SELECT 1 FROM set_plans sp WHERE sp.programme_id = p.id "                       \
    "   AND sp.status = 'published') THEN 'sets published' ELSE 'draft' END "
#define PUBLISHED_SET_COUNT                                                                        \
    "(SELECT count(*) FROM sets s JOIN set_plans sp ON sp.id = s.plan_id "                         \
    " WHERE sp.programme_id = p.id AND sp.status = 'published') "

static int read_programme_summary(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct programme_summary *p = row;
    p->id = sqlite3_column_int64(st, 0);
    p->name = db_column_dup(st, 1);
    p->created_at = db_column_dup(st, 2);
    p->members = sqlite3_column_int(st, 3);
    p->sets = sqlite3_column_int(st, 4);
    p->state = db_column_dup(st, 5);
    return p->name && p->created_at && p->state ? 0 : -1;
}

int store_programmes_list(struct db *db, struct programme_summary **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT p.id, p.name, p.created_at, "
                                      "(SELECT count(*) FROM programme_members m "
                                      " WHERE m.programme_id = p.id), " PUBLISHED_SET_COUNT
                                      ", " PROGRAMME_STATE "FROM programmes p ORDER BY p.name");
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
        free(list[i].state);
    }
    free(list);
}

#define PROGRAMME_SELECT                                                                           \
    "SELECT p.id, p.name, p.description, p.starts_on, p.ends_on, p.set_size_min, "                 \
    "p.set_size_max, p.weights_json, "                                                             \
    "(SELECT count(*) FROM programme_members m WHERE m.programme_id = p.id), " PUBLISHED_SET_COUNT \
    ", " PROGRAMME_STATE "FROM programmes p "
/* ?1 admin flag, ?2 person id: admins see all; others their memberships and facilitations. */
#define PROGRAMME_VISIBLE                                                                          \
    "(?1 OR EXISTS (SELECT 1 FROM programme_members m WHERE m.programme_id = p.id "                \
    "  AND m.person_id = ?2) OR EXISTS (SELECT 1 FROM sets s JOIN set_plans sp "                   \
    "  ON sp.id = s.plan_id WHERE sp.programme_id = p.id AND s.facilitator_id = ?2))"

static int read_programme(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_programme *p = row;
    p->id = sqlite3_column_int64(st, 0);
    p->name = db_column_dup(st, 1);
    p->description = db_column_dup(st, 2);
    p->starts_on = db_column_dup(st, 3);
    p->ends_on = db_column_dup(st, 4);
    p->set_size_min = sqlite3_column_int64(st, 5);
    p->set_size_max = sqlite3_column_int64(st, 6);
    p->weights = db_column_dup(st, 7);
    p->members = sqlite3_column_int64(st, 8);
    p->sets = sqlite3_column_int64(st, 9);
    p->state = db_column_dup(st, 10);
    bool dates_ok = (p->starts_on || sqlite3_column_type(st, 3) == SQLITE_NULL) &&
                    (p->ends_on || sqlite3_column_type(st, 4) == SQLITE_NULL);
    return p->name && p->description && p->weights && p->state && dates_ok ? 0 : -1;
}

void store_programme_free(struct store_programme *p)
{
    free(p->name);
    free(p->description);
    free(p->starts_on);
    free(p->ends_on);
    free(p->weights);
    free(p->state);
    memset(p, 0, sizeof *p);
}

void store_programme_list_free(struct store_programme *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        store_programme_free(&list[i]);
    free(list);
}

int store_programmes_visible(struct db *db, const struct user *user, struct store_programme **out,
                             size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, PROGRAMME_SELECT "WHERE " PROGRAMME_VISIBLE " ORDER BY p.name");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, user->role == ROLE_ADMIN);
    sqlite3_bind_int64(st, 2, user->person_id);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_programme, NULL, &rows) != 0) {
        store_programme_list_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_programme_visible(struct db *db, const struct user *user, long long id,
                            struct store_programme *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db, PROGRAMME_SELECT "WHERE p.id = ?3 AND " PROGRAMME_VISIBLE);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, user->role == ROLE_ADMIN);
    sqlite3_bind_int64(st, 2, user->person_id);
    sqlite3_bind_int64(st, 3, id);
    int rc = db_row_one(st, read_programme, out, NULL);
    if (rc < 0)
        store_programme_free(out);
    return rc;
}

int store_programme_set_weights(struct db *db, long long id, const char *weights)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE programmes SET weights_json = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, weights ? weights : "");
    return db_exec_stmt(st);
}

static int read_text(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    *(char **)row = db_column_dup(st, 0);
    return *(char **)row || sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : -1;
}

int store_programme_weights(struct db *db, long long programme_id, char **out)
{
    *out = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT nullif(weights_json, '') FROM programmes "
                                      "WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_row_one(st, read_text, out, NULL);
}

int store_programme_set_quorum(struct db *db, long long programme_id, int quorum)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE programmes SET meeting_quorum = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int(st, 2, quorum);
    return db_exec_stmt(st);
}

static int read_theme_settings(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct theme_settings *out = row;
    const char *lang = (const char *)sqlite3_column_text(st, 0);
    str_copy(out->language, lang ? lang : "english", sizeof out->language);
    out->min_people = sqlite3_column_int(st, 1);
    out->threshold = sqlite3_column_double(st, 2);
    out->min_paired = sqlite3_column_int(st, 3);
    return 0;
}

int store_theme_settings(struct db *db, long long programme_id, struct theme_settings *out)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT theme_language, theme_min_people, theme_threshold, "
                                      "survey_min_paired FROM programmes WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_row_one(st, read_theme_settings, out, NULL) == 0 ? 0 : -1;
}

int store_theme_settings_save(struct db *db, long long programme_id, const struct theme_settings *s)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE programmes SET theme_language = ?2, "
                                      "theme_min_people = ?3, theme_threshold = ?4, "
                                      "survey_min_paired = ?5 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, s->language);
    sqlite3_bind_int(st, 3, (int)s->min_people);
    sqlite3_bind_double(st, 4, s->threshold);
    sqlite3_bind_int(st, 5, (int)s->min_paired);
    return db_exec_stmt(st);
}

struct pulse_row {
    int days;
    char *starts_on, *ends_on;
};

static int read_pulse(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct pulse_row *p = row;
    p->days = sqlite3_column_int(st, 0);
    p->starts_on = db_column_dup(st, 1);
    p->ends_on = db_column_dup(st, 2);
    return p->starts_on && p->ends_on ? 0 : -1;
}

int store_programme_pulse_window(struct db *db, long long programme_id, int *days,
                                 char starts_on[11], char ends_on[11])
{
    sqlite3_stmt *st = db_prepare(db, "SELECT pulse_window_days, coalesce(starts_on, ''),"
                                      " coalesce(ends_on, '') FROM programmes WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct pulse_row p = {0};
    int rc = db_row_one(st, read_pulse, &p, NULL);
    if (rc == 0) {
        *days = p.days;
        str_copy(starts_on, p.starts_on, 11);
        str_copy(ends_on, p.ends_on, 11);
    }
    free(p.starts_on);
    free(p.ends_on);
    return rc;
}

int store_programme_set_pulse_days(struct db *db, long long programme_id, int days)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE programmes SET pulse_window_days = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int(st, 2, days);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}
