/* Writing meeting series: one set's (store_meeting_series_create, declared in store_meetings.h)
 * or many sets' in one transaction (store_meeting_series.h); both through insert_series. */
#include "store/store_meeting_series.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "engine/meetings/series.h"
#include "store/db_rows.h"
#include "store/store_meetings.h"

void series_sets_free(struct series_set *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i].name);
    free(list);
}

static int read_set(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct series_set *s = row;
    s->id = sqlite3_column_int64(st, 0);
    s->name = db_column_dup(st, 1);
    s->scheduled = sqlite3_column_int(st, 2);
    return s->name ? 0 : -1;
}

int store_series_sets(struct db *db, long long programme_id, struct series_set **out, size_t *count)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT s.id, s.name, (SELECT COUNT(*) FROM meetings m WHERE m.set_id = s.id"
                       "  AND m.status <> 'cancelled') FROM sets s WHERE s.plan_id ="
                       " (SELECT id FROM set_plans WHERE programme_id = ?1 AND status = 'published'"
                       "  ORDER BY id DESC LIMIT 1) ORDER BY s.position, s.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows = {0};
    if (db_collect(st, sizeof(struct series_set), read_set, NULL, &rows)) {
        series_sets_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}
/* Column 0, a time zone, into the char array ROW of *(size_t *)CTX bytes: 0, or 1 (skip) when
 * it is NULL or does not fit. */
static int read_tz(sqlite3_stmt *st, void *row, void *ctx)
{
    const char *tz = (const char *)sqlite3_column_text(st, 0);
    size_t size = *(const size_t *)ctx;
    if (!tz || strlen(tz) >= size)
        return 1;
    memcpy(row, tz, strlen(tz) + 1);
    return 0;
}

int store_series_last_tz(struct db *db, long long programme_id, char *out, size_t size)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT ms.tzid FROM meeting_series ms"
                                      " JOIN sets s ON s.id = ms.set_id"
                                      " JOIN set_plans p ON p.id = s.plan_id"
                                      " WHERE p.programme_id = ?1 ORDER BY ms.id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_row_one(st, read_tz, out, &size);
}

int store_series_person_tz(struct db *db, long long person_id, char *out, size_t size)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT ms.tzid FROM meeting_series ms"
                       " JOIN sets s ON s.id = ms.set_id"
                       " JOIN set_plans p ON p.id = s.plan_id"
                       " JOIN programme_members pm ON pm.programme_id = p.programme_id"
                       " WHERE pm.person_id = ?1 ORDER BY ms.id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    return db_row_one(st, read_tz, out, &size);
}

/* 1 when SET_ID has a meeting that is not cancelled, 0 when not, -1 on error. */
static int set_busy(struct db *db, long long set_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM meetings WHERE set_id = ?1"
                                      " AND status <> 'cancelled')");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    long long busy = 0;
    return db_row_one(st, db_read_int64, &busy, NULL) == 0 ? (int)busy : -1;
}

/* Inserts the series and its meetings, inside the caller's transaction; *SERIES_ID when not
 * NULL. 0 or -1. */
static int insert_series(struct db *db, long long set_id, const char *rule, const char *tzid,
                         int duration_min, int count, const int64_t *starts, const char *location,
                         const char *link, long long *series_id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO meeting_series (set_id, rule, tzid,"
                                      " duration_min) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    db_bind_text(st, 2, rule);
    db_bind_text(st, 3, tzid);
    sqlite3_bind_int(st, 4, duration_min);
    if (db_exec_stmt(st))
        return -1;
    long long sid = sqlite3_last_insert_rowid(db_sqlite(db));
    if (series_id)
        *series_id = sid;
    for (int i = 0; i < count; i++) {
        char s[32], e[32], hex[33];
        unsigned char bytes[16];
        meet_utc_format(starts[i], s, sizeof s);
        meet_utc_format(starts[i] + (int64_t)duration_min * 60, e, sizeof e);
        /* A random UID, so it reveals nothing and stays with the meeting for ever. */
        randombytes_buf(bytes, sizeof bytes);
        sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
        char *uid = str_printf("%s@setwork", hex);
        st = db_prepare(db, "INSERT INTO meetings (series_id, set_id, position, uid, starts_at,"
                            " ends_at, tzid, location, link) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
        if (!uid || !st) {
            free(uid);
            return -1;
        }
        sqlite3_bind_int64(st, 1, sid);
        sqlite3_bind_int64(st, 2, set_id);
        sqlite3_bind_int(st, 3, i + 1);
        db_bind_text(st, 4, uid);
        db_bind_text(st, 5, s);
        db_bind_text(st, 6, e);
        db_bind_text(st, 7, tzid);
        db_bind_text(st, 8, location ? location : "");
        db_bind_text(st, 9, link ? link : "");
        int rc = db_exec_stmt(st);
        free(uid);
        if (rc)
            return -1;
    }
    return 0;
}

/* What no series may hold; checked before any write. */
static bool series_too_big(int count, int duration_min, const char *location, const char *link)
{
    return count < 1 || count > MEET_SERIES_MAX || duration_min < 1 ||
           (location && strlen(location) > MEET_LOCATION_MAX) ||
           (link && strlen(link) > MEET_LOCATION_MAX);
}

int store_meeting_series_create(struct db *db, long long set_id, const char *rule, const char *tzid,
                                int duration_min, int count, const int64_t *starts,
                                const char *location, const char *link, long long *series_id)
{
    if (series_too_big(count, duration_min, location, link) || db_begin(db))
        return -1;
    if (insert_series(db, set_id, rule, tzid, duration_min, count, starts, location, link,
                      series_id) ||
        db_commit(db)) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

int store_series_create_many(struct db *db, const long long *set_ids, size_t nsets,
                             const char *rule, const char *tzid, int duration_min, int count,
                             const int64_t *starts, const char *location, const char *link,
                             long long *busy_set)
{
    if (nsets == 0 || series_too_big(count, duration_min, location, link))
        return -1;
    if (db_begin(db))
        return -1;
    /* The check runs inside the write transaction, so two admins scheduling at once cannot
     * both pass it. */
    for (size_t i = 0; i < nsets; i++) {
        int busy = set_busy(db, set_ids[i]);
        if (busy != 0) {
            db_rollback(db);
            if (busy > 0)
                *busy_set = set_ids[i];
            return busy > 0 ? 1 : -1;
        }
    }
    for (size_t i = 0; i < nsets; i++)
        if (insert_series(db, set_ids[i], rule, tzid, duration_min, count, starts, location, link,
                          NULL))
            goto fail;
    if (db_commit(db))
        goto fail;
    return 0;
fail:
    db_rollback(db);
    return -1;
}
