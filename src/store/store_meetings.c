/* Meetings in the store: series, meetings, sets of a programme, attendance and quorum, feed
 * tokens and the confidentiality check. The records of a meeting are in store_meeting_records.c. */
#include "store/store_meetings.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "store/db_rows.h"

#define MEETING_COLUMNS                                                                            \
    "SELECT m.id, m.set_id, IFNULL(m.series_id, 0), m.position, m.uid, m.sequence, m.starts_at,"   \
    " m.ends_at, m.tzid, m.location, m.link, m.status,"                                            \
    " IFNULL(m.facilitator_id, IFNULL(s.facilitator_id, 0)), s.name, pr.name"                      \
    " FROM meetings m JOIN sets s ON s.id = m.set_id JOIN set_plans p ON p.id = s.plan_id"         \
    " JOIN programmes pr ON pr.id = p.programme_id "

static char *dup_text(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return strdup(s ? s : "");
}

void meeting_free(struct meeting *m)
{
    if (!m)
        return;
    free(m->uid);
    free(m->tzid);
    free(m->location);
    free(m->link);
    free(m->set_name);
    free(m->programme_name);
    memset(m, 0, sizeof *m);
}

void meetings_free(struct meeting *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        meeting_free(&list[i]);
    free(list);
}

static int read_meeting(sqlite3_stmt *st, struct meeting *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    m->set_id = sqlite3_column_int64(st, 1);
    m->series_id = sqlite3_column_int64(st, 2);
    m->position = sqlite3_column_int(st, 3);
    m->uid = dup_text(st, 4);
    m->sequence = sqlite3_column_int(st, 5);
    const char *s = (const char *)sqlite3_column_text(st, 6);
    const char *e = (const char *)sqlite3_column_text(st, 7);
    m->tzid = dup_text(st, 8);
    m->location = dup_text(st, 9);
    m->link = dup_text(st, 10);
    const char *status = (const char *)sqlite3_column_text(st, 11);
    m->cancelled = status && strcmp(status, "cancelled") == 0;
    m->facilitator_id = sqlite3_column_int64(st, 12);
    m->set_name = dup_text(st, 13);
    m->programme_name = dup_text(st, 14);
    if (!m->uid || !m->tzid || !m->location || !m->link || !m->set_name || !m->programme_name ||
        !s || !e || meet_utc_parse(s, &m->starts_at) || meet_utc_parse(e, &m->ends_at)) {
        meeting_free(m);
        return -1;
    }
    return 0;
}

/* Steps ST to the end, collecting meetings into a growing array. */
static int collect(sqlite3_stmt *st, struct meeting **out, size_t *count)
{
    struct meeting *list = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            struct meeting *grown = realloc(list, ncap * sizeof *grown);
            if (!grown)
                goto fail;
            list = grown;
            cap = ncap;
        }
        if (read_meeting(st, &list[n]))
            goto fail;
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        goto fail_nr;
    *out = list;
    *count = n;
    return 0;
fail:
    sqlite3_reset(st);
fail_nr:
    meetings_free(list, n);
    return -1;
}

static void format_utc(int64_t t, char buf[32])
{
    meet_utc_format(t, buf, 32);
}

/* read_meeting as a db_read_row. */
static int read_meeting_row(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    return read_meeting(st, row);
}

int store_meeting_get(struct db *db, long long id, struct meeting *out)
{
    sqlite3_stmt *st = db_prepare(db, MEETING_COLUMNS "WHERE m.id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_row_one(st, read_meeting_row, out, NULL);
}

int store_meetings_list(struct db *db, long long programme_id, long long set_id,
                        struct meeting **out, size_t *count)
{
    sqlite3_stmt *st =
        db_prepare(db, MEETING_COLUMNS "WHERE (?1 = 0 OR pr.id = ?1) AND (?2 = 0 OR s.id = ?2)"
                                       " ORDER BY s.position, m.starts_at, m.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, set_id);
    return collect(st, out, count);
}

/* ?1 is the person. MINE: a meeting of theirs (they facilitate it or its set, or were a member
 * of the set when it starts; a set never published counts its current members). GONE: a
 * meeting of a set they left before it starts. */
#define MEETING_MINE                                                                               \
    "(s.facilitator_id = ?1 OR m.facilitator_id = ?1 OR EXISTS (SELECT 1 FROM set_membership h"    \
    " WHERE h.set_id = s.id AND h.person_id = ?1 AND h.joined_at <= m.starts_at"                   \
    " AND (h.left_at IS NULL OR m.starts_at < h.left_at)) OR (NOT EXISTS (SELECT 1 FROM"           \
    " set_membership h WHERE h.set_id = s.id) AND EXISTS (SELECT 1 FROM set_members sm"            \
    " WHERE sm.set_id = s.id AND sm.person_id = ?1)))"
#define MEETING_GONE                                                                               \
    "EXISTS (SELECT 1 FROM set_membership h WHERE h.set_id = s.id AND h.person_id = ?1"            \
    " AND h.left_at <= m.starts_at)"

int store_meetings_for_person(struct db *db, long long person_id, long long programme_id,
                              struct meeting **out, size_t *count)
{
    sqlite3_stmt *st =
        db_prepare(db, MEETING_COLUMNS "WHERE (?2 = 0 OR pr.id = ?2) AND " MEETING_MINE
                                       " ORDER BY m.starts_at, m.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, programme_id);
    return collect(st, out, count);
}

int store_meetings_feed(struct db *db, long long person_id, long long programme_id,
                        struct meeting **out, size_t *count)
{
    /* A meeting of a set they have left reads as cancelled, one SEQUENCE on, so their calendar
     * drops it instead of keeping a meeting they no longer belong to. */
    sqlite3_stmt *st = db_prepare(
        db, "SELECT m.id, m.set_id, IFNULL(m.series_id, 0), m.position, m.uid,"
            " m.sequence + CASE WHEN " MEETING_MINE
            " THEN 0 ELSE 1 END, m.starts_at, m.ends_at, m.tzid, m.location,"
            " m.link, CASE WHEN " MEETING_MINE " THEN m.status ELSE 'cancelled' END,"
            " IFNULL(m.facilitator_id, IFNULL(s.facilitator_id, 0)), s.name, pr.name"
            " FROM meetings m JOIN sets s ON s.id = m.set_id JOIN set_plans p ON p.id = s.plan_id"
            " JOIN programmes pr ON pr.id = p.programme_id"
            " WHERE (?2 = 0 OR pr.id = ?2) AND (" MEETING_MINE " OR " MEETING_GONE ")"
            " ORDER BY m.starts_at, m.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, programme_id);
    return collect(st, out, count);
}

int store_meetings_cancel_left_behind(struct db *db, long long programme_id, const char *at,
                                      int *cancelled)
{
    *cancelled = 0;
    sqlite3_stmt *st = db_prepare(
        db, "UPDATE meetings SET status = 'cancelled', sequence = sequence + 1,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
            " WHERE status = 'scheduled' AND starts_at >= ?2 AND set_id IN (SELECT s.id FROM sets s"
            " JOIN set_plans p ON p.id = s.plan_id WHERE p.programme_id = ?1"
            " AND p.status <> 'published'"
            " AND EXISTS (SELECT 1 FROM set_membership h WHERE h.set_id = s.id))");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, at);
    if (db_exec_stmt(st) != 0)
        return -1;
    *cancelled = sqlite3_changes(db_sqlite(db));
    return 0;
}

static int changes_or_missing(struct db *db, sqlite3_stmt *st)
{
    if (db_exec_stmt(st))
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

int store_meeting_move(struct db *db, long long id, int64_t starts, int64_t ends)
{
    if (ends <= starts)
        return -1;
    char s[32], e[32];
    format_utc(starts, s);
    format_utc(ends, e);
    sqlite3_stmt *st =
        db_prepare(db, "UPDATE meetings SET starts_at = ?2, ends_at = ?3, sequence = sequence + 1,"
                       " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, s);
    db_bind_text(st, 3, e);
    return changes_or_missing(db, st);
}

int store_meeting_cancel(struct db *db, long long id)
{
    sqlite3_stmt *st =
        db_prepare(db, "UPDATE meetings SET status = 'cancelled', sequence = sequence + 1,"
                       " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                       " WHERE id = ?1 AND status <> 'cancelled'");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return changes_or_missing(db, st);
}

int store_meeting_set_facilitator(struct db *db, long long id, long long person_id)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE meetings SET facilitator_id = NULLIF(?2, 0)"
                                      " WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, person_id);
    return changes_or_missing(db, st);
}

int store_meeting_find_set(struct db *db, long long programme_id, const char *set_name,
                           long long *set_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT s.id FROM sets s WHERE s.name = ?2 COLLATE NOCASE AND s.plan_id ="
                       " (SELECT id FROM set_plans WHERE programme_id = ?1"
                       "  ORDER BY status = 'published' DESC, id DESC LIMIT 1)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, set_name);
    return db_row_one(st, db_read_int64, set_id, NULL);
}

int store_meeting_programme_sets(struct db *db, long long programme_id, long long **out,
                                 size_t *count)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT s.id FROM sets s WHERE s.plan_id ="
            " (SELECT id FROM set_plans WHERE programme_id = ?1"
            "  ORDER BY status = 'published' DESC, id DESC LIMIT 1) ORDER BY s.position, s.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    long long *ids = NULL;
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long *grown = realloc(ids, (n + 1) * sizeof *grown);
        if (!grown) {
            rc = SQLITE_NOMEM;
            break;
        }
        ids = grown;
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(ids);
        return -1;
    }
    *out = ids;
    *count = n;
    return 0;
}

int store_attendance_set(struct db *db, long long meeting_id, long long person_id,
                         const char *status)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO meeting_attendance (meeting_id, person_id,"
                                      " status) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE"
                                      " SET status = excluded.status");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, person_id);
    db_bind_text(st, 3, status);
    return db_exec_stmt(st);
}

/* Columns 0..2 as ints into the int[3] ROW. 0. */
static int read_three_ints(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    int *v = row;
    for (int i = 0; i < 3; i++)
        v[i] = sqlite3_column_int(st, i);
    return 0;
}

int store_meeting_quorum(struct db *db, long long meeting_id, struct meet_quorum *q, int *quorum)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT (SELECT COUNT(*) FROM set_members sm WHERE sm.set_id = m.set_id),"
            " (SELECT COUNT(*) FROM meeting_attendance a JOIN set_members sm"
            "   ON sm.set_id = m.set_id AND sm.person_id = a.person_id"
            "  WHERE a.meeting_id = m.id AND a.status = 'apologies'),"
            " pr.meeting_quorum FROM meetings m JOIN sets s ON s.id = m.set_id"
            " JOIN set_plans p ON p.id = s.plan_id JOIN programmes pr ON pr.id = p.programme_id"
            " WHERE m.id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    int counts[3];
    int rc = db_row_one(st, read_three_ints, counts, NULL);
    if (rc == 0) {
        *quorum = counts[2];
        *q = meet_quorum_check(counts[0], counts[1], *quorum);
    }
    return rc;
}

int store_feed_token_create(struct db *db, long long person_id, char **token)
{
    unsigned char bytes[MEET_FEED_TOKEN_LEN / 2], hash[crypto_hash_sha256_BYTES];
    char *hex = malloc(MEET_FEED_TOKEN_LEN + 1);
    if (!hex)
        return -1;
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2hex(hex, MEET_FEED_TOKEN_LEN + 1, bytes, sizeof bytes);
    crypto_hash_sha256(hash, (const unsigned char *)hex, MEET_FEED_TOKEN_LEN);
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO calendar_tokens (token_hash, person_id)"
                                      " VALUES (?1, ?2) ON CONFLICT (person_id) DO UPDATE"
                                      " SET token_hash = excluded.token_hash,"
                                      " created_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')");
    if (!st) {
        free(hex);
        return -1;
    }
    sqlite3_bind_blob(st, 1, hash, sizeof hash, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, person_id);
    if (db_exec_stmt(st)) {
        free(hex);
        return -1;
    }
    *token = hex;
    return 0;
}

int store_feed_token_person(struct db *db, const char *token, long long *person_id)
{
    if (!token || strlen(token) != MEET_FEED_TOKEN_LEN ||
        strspn(token, "0123456789abcdef") != MEET_FEED_TOKEN_LEN)
        return 1;
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, (const unsigned char *)token, MEET_FEED_TOKEN_LEN);
    sqlite3_stmt *st =
        db_prepare(db, "SELECT person_id FROM calendar_tokens WHERE token_hash = ?1");
    if (!st)
        return -1;
    sqlite3_bind_blob(st, 1, hash, sizeof hash, SQLITE_TRANSIENT);
    return db_row_one(st, db_read_int64, person_id, NULL);
}

/* Columns 0..2 as long longs into the long long[3] ROW. 0. */
static int read_three_ids(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    long long *v = row;
    for (int i = 0; i < 3; i++)
        v[i] = sqlite3_column_int64(st, i);
    return 0;
}

/* Looks up the set, meeting and owner of a record. 0, 1 when there is no such record, -1. */
static int locate(struct db *db, enum meet_item item, long long id, long long *set_id,
                  long long *meeting_id, long long *owner_id)
{
    sqlite3_stmt *st = NULL;
    switch (item) {
    case MEET_ITEM_MEETING:
    case MEET_ITEM_ATTENDANCE:
    case MEET_ITEM_REVIEW:
        st = db_prepare(db, "SELECT set_id, id, 0 FROM meetings WHERE id = ?1");
        break;
    case MEET_ITEM_GROUND_RULE:
        st = db_prepare(db, "SELECT set_id, 0, 0 FROM set_ground_rules WHERE id = ?1");
        break;
    case MEET_ITEM_PRESENTATION:
        st = db_prepare(db, "SELECT m.set_id, m.id, p.presenter_id FROM presentations p"
                            " JOIN meetings m ON m.id = p.meeting_id WHERE p.id = ?1");
        break;
    case MEET_ITEM_QUESTION:
        st = db_prepare(db, "SELECT m.set_id, m.id, IFNULL(q.asker_id, 0) FROM meeting_questions q"
                            " JOIN presentations p ON p.id = q.presentation_id"
                            " JOIN meetings m ON m.id = p.meeting_id WHERE q.id = ?1");
        break;
    case MEET_ITEM_ACTION:
        st = db_prepare(db, "SELECT m.set_id, m.id, a.owner_id FROM meeting_actions a"
                            " JOIN meetings m ON m.id = a.meeting_id WHERE a.id = ?1");
        break;
    case MEET_ITEM_JOURNAL:
        st = db_prepare(db, "SELECT 0, 0, person_id FROM journal_entries WHERE id = ?1");
        break;
    case MEET_ITEM_CHECKIN:
        st = db_prepare(db, "SELECT m.set_id, m.id, c.person_id FROM meeting_checkins c"
                            " JOIN meetings m ON m.id = c.meeting_id WHERE c.id = ?1");
        break;
    case MEET_ITEM_OWN_REVIEW:
        st = db_prepare(db, "SELECT m.set_id, m.id, v.person_id FROM member_reviews v"
                            " JOIN meetings m ON m.id = v.meeting_id WHERE v.id = ?1");
        break;
    }
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    long long found[3];
    int rc = db_row_one(st, read_three_ids, found, NULL);
    if (rc == 0) {
        *set_id = found[0];
        *meeting_id = found[1];
        *owner_id = found[2];
    }
    return rc;
}

/* Reads one stint (joined_at, left_at) into the struct meet_stint ROW. */
static int read_stint(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct meet_stint *t = row;
    const char *joined = (const char *)sqlite3_column_text(st, 0);
    const char *left = (const char *)sqlite3_column_text(st, 1);
    t->joined = INT64_MIN;
    t->left = INT64_MAX;
    /* The first members of a set join from its beginning, stored as year 0. */
    if (joined && strncmp(joined, "0000", 4) != 0 && meet_utc_parse(joined, &t->joined) != 0)
        return -1;
    if (left && meet_utc_parse(left, &t->left) != 0)
        return -1;
    return 0;
}

int store_meet_stints(struct db *db, long long set_id, long long person_id, struct meet_stint *out,
                      size_t *count)
{
    *count = 0;
    /* A set of a plan never published has no history: its members count as members throughout
     * (what a draft set's meetings, if any, have always asked). */
    sqlite3_stmt *st = db_prepare(
        db, "SELECT joined_at, left_at FROM set_membership WHERE set_id = ?1 AND person_id = ?2"
            " UNION ALL SELECT '0000-01-01T00:00:00Z', NULL FROM set_members"
            " WHERE set_id = ?1 AND person_id = ?2"
            "  AND NOT EXISTS (SELECT 1 FROM set_membership WHERE set_id = ?1)"
            " ORDER BY 1 DESC LIMIT ?3");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    sqlite3_bind_int64(st, 2, person_id);
    sqlite3_bind_int(st, 3, MEET_STINTS_MAX);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *count < MEET_STINTS_MAX) {
        if (read_stint(st, &out[*count], NULL) != 0) {
            sqlite3_reset(st);
            return -1;
        }
        (*count)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_meet_relation(struct db *db, long long person_id, enum meet_item item, long long id,
                        struct meet_viewer_relation *rel)
{
    long long set_id = 0, meeting_id = 0, owner_id = 0;
    memset(rel, 0, sizeof *rel);
    int rc = locate(db, item, id, &set_id, &meeting_id, &owner_id);
    if (rc)
        return rc;
    rel->owner = person_id != 0 && owner_id == person_id;
    if (person_id != 0 && set_id != 0) {
        /* A meeting's facilitator by override counts for that meeting; for set-wide records
         * (ground rules) any meeting of the set they facilitate will do. */
        sqlite3_stmt *st = db_prepare(
            db, "SELECT EXISTS (SELECT 1 FROM sets WHERE id = ?1 AND facilitator_id = ?2)"
                " OR EXISTS (SELECT 1 FROM meetings WHERE set_id = ?1 AND facilitator_id = ?2"
                "  AND (?3 = 0 OR id = ?3)),"
                " (SELECT starts_at FROM meetings WHERE id = ?3)");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, set_id);
        sqlite3_bind_int64(st, 2, person_id);
        sqlite3_bind_int64(st, 3, meeting_id);
        rc = sqlite3_step(st);
        int bad = 0;
        if (rc == SQLITE_ROW) {
            rel->facilitator = sqlite3_column_int(st, 0);
            const char *at = (const char *)sqlite3_column_text(st, 1);
            rel->timed = meeting_id != 0;
            bad = rel->timed && (!at || meet_utc_parse(at, &rel->meeting_at) != 0);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW || bad)
            return -1;
        if (store_meet_stints(db, set_id, person_id, rel->stints, &rel->stint_count) != 0)
            return -1;
        rel->member = rel->stint_count > 0;
    }
    return 0;
}
