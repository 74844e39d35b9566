/* Mixer events: all the SQL of events, their schedules, absences and locks. */
#include "store/store_events.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Binds ID at N, or NULL when ID is 0. */
static void bind_id_or_null(sqlite3_stmt *st, int n, long long id)
{
    if (id > 0)
        sqlite3_bind_int64(st, n, id);
    else
        sqlite3_bind_null(st, n);
}

int store_event_create(struct db *db, const struct store_event *ev, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM events WHERE programme_id = ?1 AND "
                                      "name = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, ev->programme_id);
    db_bind_text(st, 2, ev->name);
    int rc = db_row_one(st, NULL, NULL, NULL);
    if (rc == 0)
        return 1;
    if (rc < 0)
        return -1;
    st = db_prepare(db, "INSERT INTO events(programme_id, name, group_size, rounds, seed, "
                        "min_group_size, starts_at, tzid, round_minutes, place, mix_by, "
                        "apart_plan_id, apart_event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                        "nullif(?7, ''), ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, ev->programme_id);
    db_bind_text(st, 2, ev->name);
    sqlite3_bind_int(st, 3, ev->group_size);
    sqlite3_bind_int(st, 4, ev->rounds);
    sqlite3_bind_int64(st, 5, ev->seed);
    sqlite3_bind_int(st, 6, ev->min_group_size);
    db_bind_text(st, 7, ev->starts_at);
    db_bind_text(st, 8, ev->tzid[0] ? ev->tzid : "UTC");
    sqlite3_bind_int(st, 9, ev->round_minutes);
    db_bind_text(st, 10, ev->place);
    db_bind_text(st, 11, ev->mix_by);
    bind_id_or_null(st, 12, ev->apart_plan_id);
    bind_id_or_null(st, 13, ev->apart_event_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

/* Fills a struct store_event from the columns of store_event_get; CTX points to the id. */
static int read_event(sqlite3_stmt *st, void *row, void *ctx)
{
    struct store_event *out = row;
    memset(out, 0, sizeof *out);
    out->id = *(const long long *)ctx;
    out->programme_id = sqlite3_column_int64(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    str_copy(out->name, name ? name : "", sizeof out->name);
    out->group_size = sqlite3_column_int(st, 2);
    out->min_group_size = sqlite3_column_int(st, 12);
    out->rounds = sqlite3_column_int(st, 3);
    out->seed = sqlite3_column_int64(st, 4);
    out->locked_rounds = sqlite3_column_int(st, 5);
    out->generated = sqlite3_column_int(st, 6) != 0;
    out->repeat_pairs = (long)sqlite3_column_int64(st, 7);
    out->max_meetings = sqlite3_column_int(st, 8);
    out->bound = sqlite3_column_int(st, 9);
    out->perfect = sqlite3_column_int(st, 10) != 0;
    const char *method = (const char *)sqlite3_column_text(st, 11);
    str_copy(out->method, method ? method : "", sizeof out->method);
    const char *text = (const char *)sqlite3_column_text(st, 13);
    str_copy(out->starts_at, text ? text : "", sizeof out->starts_at);
    text = (const char *)sqlite3_column_text(st, 14);
    str_copy(out->tzid, text ? text : "UTC", sizeof out->tzid);
    out->round_minutes = sqlite3_column_int(st, 15);
    text = (const char *)sqlite3_column_text(st, 16);
    str_copy(out->place, text ? text : "", sizeof out->place);
    text = (const char *)sqlite3_column_text(st, 17);
    str_copy(out->mix_by, text ? text : "", sizeof out->mix_by);
    out->apart_plan_id = sqlite3_column_int64(st, 18);
    out->apart_event_id = sqlite3_column_int64(st, 19);
    out->same_attr = (long)sqlite3_column_int64(st, 20);
    return 0;
}

int store_event_get(struct db *db, long long id, struct store_event *out)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT programme_id, name, group_size, rounds, seed, "
                                      "locked_rounds, generated, repeat_pairs, max_meetings, "
                                      "bound, perfect, method, min_group_size, starts_at, "
                                      "tzid, round_minutes, place, mix_by, apart_plan_id, "
                                      "apart_event_id, same_attr FROM events WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_row_one(st, read_event, out, &id);
}

static int read_event_entry(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_event_entry *e = row;
    e->id = sqlite3_column_int64(st, 0);
    e->name = db_column_dup(st, 1);
    e->group_size = sqlite3_column_int(st, 2);
    e->rounds = sqlite3_column_int(st, 3);
    e->generated = sqlite3_column_int(st, 4) != 0;
    e->locked_rounds = sqlite3_column_int(st, 5);
    e->min_group_size = sqlite3_column_int(st, 6);
    const char *text = (const char *)sqlite3_column_text(st, 7);
    str_copy(e->starts_at, text ? text : "", sizeof e->starts_at);
    text = (const char *)sqlite3_column_text(st, 8);
    str_copy(e->tzid, text ? text : "UTC", sizeof e->tzid);
    e->round_minutes = sqlite3_column_int(st, 9);
    e->place = db_column_dup(st, 10);
    return e->name && e->place ? 0 : -1;
}

void store_event_entries_free(struct store_event_entry *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].name);
        free(list[i].place);
    }
    free(list);
}

/* Runs ST (the columns of store_events_list) into *OUT and *COUNT. */
static int collect_entries(sqlite3_stmt *st, struct store_event_entry **out, size_t *count)
{
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_event_entry, NULL, &rows) != 0) {
        store_event_entries_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_events_list(struct db *db, long long programme_id, struct store_event_entry **out,
                      size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT id, name, group_size, rounds, generated, "
                                      "locked_rounds, min_group_size, starts_at, tzid, "
                                      "round_minutes, place FROM events "
                                      "WHERE programme_id = ?1 ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return collect_entries(st, out, count);
}

int store_events_of_person(struct db *db, long long person_id, struct store_event_entry **out,
                           size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT id, name, group_size, rounds, generated, "
                                      "locked_rounds, min_group_size, starts_at, tzid, "
                                      "round_minutes, place FROM events e "
                                      "WHERE generated = 1 AND EXISTS (SELECT 1 FROM event_seats s "
                                      "WHERE s.event_id = e.id AND s.person_id = ?1) ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    return collect_entries(st, out, count);
}

struct member_row {
    long long id;
    char *name;
};

static int read_member_row(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct member_row *m = row;
    m->id = sqlite3_column_int64(st, 0);
    m->name = db_column_dup(st, 1);
    return m->name ? 0 : -1;
}

void store_event_names_free(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int store_event_members(struct db *db, long long programme_id, long long **ids, char ***names,
                        int *n)
{
    *ids = NULL;
    *names = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT p.id, p.name FROM programme_members m JOIN people p "
                                      "ON p.id = m.person_id WHERE m.programme_id = ?1 "
                                      "ORDER BY p.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    int rc = db_collect(st, sizeof(struct member_row), read_member_row, NULL, &rows);
    struct member_row *members = rows.items;
    long long *v = malloc((rows.count ? rows.count : 1) * sizeof *v);
    char **list = malloc((rows.count ? rows.count : 1) * sizeof *list);
    if (rc != 0 || !v || !list || rows.count > INT_MAX) {
        for (size_t i = 0; i < rows.count; i++)
            free(members[i].name);
        free(members);
        free(v);
        free(list);
        return -1;
    }
    for (size_t i = 0; i < rows.count; i++) {
        v[i] = members[i].id;
        list[i] = members[i].name;
    }
    free(members);
    *ids = v;
    *names = list;
    *n = (int)rows.count;
    return 0;
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

int store_event_seats(struct db *db, const struct store_event *ev, const long long *ids, int n,
                      int *table)
{
    for (long k = 0; k < (long)ev->rounds * n; k++)
        table[k] = -1;
    sqlite3_stmt *st = db_prepare(db, "SELECT round, person_id, table_no FROM event_seats "
                                      "WHERE event_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, ev->id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = sqlite3_column_int(st, 0) - 1;
        int i = index_of(ids, n, sqlite3_column_int64(st, 1));
        if (r >= 0 && r < ev->rounds && i >= 0) /* people who left the programme drop out */
            table[(long)r * n + i] = sqlite3_column_int(st, 2) - 1;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_event_absences(struct db *db, const struct store_event *ev, const long long *ids, int n,
                         unsigned char *absent)
{
    memset(absent, 0, (size_t)ev->rounds * (size_t)n);
    sqlite3_stmt *st = db_prepare(db, "SELECT round, person_id FROM event_absences "
                                      "WHERE event_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, ev->id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = sqlite3_column_int(st, 0) - 1;
        int i = index_of(ids, n, sqlite3_column_int64(st, 1));
        if (r >= 0 && r < ev->rounds && i >= 0)
            absent[(long)r * n + i] = 1;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_event_absence_set(struct db *db, long long event_id, int round, long long person_id,
                            bool absent)
{
    sqlite3_stmt *st = absent
                           ? db_prepare(db, "INSERT OR IGNORE INTO event_absences(event_id, round, "
                                            "person_id) VALUES (?1, ?2, ?3)")
                           : db_prepare(db, "DELETE FROM event_absences WHERE event_id = ?1 AND "
                                            "round = ?2 AND person_id = ?3");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int(st, 2, round + 1);
    sqlite3_bind_int64(st, 3, person_id);
    return db_exec_stmt(st);
}

int store_event_save(struct db *db, const struct store_event *ev, const long long *ids, int n,
                     const int *table)
{
    if (db_begin(db) != 0)
        return -1;
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM event_seats WHERE event_id = ?1");
    if (!st)
        goto rollback;
    sqlite3_bind_int64(st, 1, ev->id);
    if (db_exec_stmt(st) != 0)
        goto rollback;
    for (int r = 0; r < ev->rounds; r++)
        for (int i = 0; i < n; i++) {
            int t = table[(long)r * n + i];
            if (t < 0)
                continue;
            st = db_prepare(db, "INSERT INTO event_seats(event_id, round, person_id, table_no) "
                                "VALUES (?1, ?2, ?3, ?4)");
            if (!st)
                goto rollback;
            sqlite3_bind_int64(st, 1, ev->id);
            sqlite3_bind_int(st, 2, r + 1);
            sqlite3_bind_int64(st, 3, ids[i]);
            sqlite3_bind_int(st, 4, t + 1);
            if (db_exec_stmt(st) != 0)
                goto rollback;
        }
    st = db_prepare(db, "UPDATE events SET generated = 1, repeat_pairs = ?2, max_meetings = ?3, "
                        "bound = ?4, perfect = ?5, method = ?6, same_attr = ?7 WHERE id = ?1");
    if (!st)
        goto rollback;
    sqlite3_bind_int64(st, 1, ev->id);
    sqlite3_bind_int64(st, 2, ev->repeat_pairs);
    sqlite3_bind_int(st, 3, ev->max_meetings);
    sqlite3_bind_int(st, 4, ev->bound);
    sqlite3_bind_int(st, 5, ev->perfect);
    db_bind_text(st, 6, ev->method);
    sqlite3_bind_int64(st, 7, ev->same_attr);
    if (db_exec_stmt(st) != 0)
        goto rollback;
    return db_commit(db);
rollback:
    db_rollback(db);
    return -1;
}

int store_event_lock(struct db *db, long long event_id, int locked_rounds)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE events SET locked_rounds = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int(st, 2, locked_rounds);
    return db_exec_stmt(st);
}
