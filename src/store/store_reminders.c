/* The statements of reminders (migration 0016) and of the tables they read. */
#include "store/store_reminders.h"

#include "core/strbuf.h"
#include "store/db_rows.h"
#include "store/store_sets.h"

#include <stdlib.h>
#include <string.h>

/* Text column I, "" for NULL; NULL only when out of memory. */
static char *text_col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return strdup(s ? s : "");
}

static int read_reminder(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct reminder_row *r = row;
    r->meeting_id = sqlite3_column_int64(st, 0);
    r->uid = text_col(st, 1);
    r->sequence = sqlite3_column_int(st, 2);
    r->starts = sqlite3_column_int64(st, 3);
    r->ends = sqlite3_column_int64(st, 4);
    r->tzid = text_col(st, 5);
    r->location = text_col(st, 6);
    r->link = text_col(st, 7);
    r->cancelled = sqlite3_column_int(st, 8) != 0;
    r->set_name = text_col(st, 9);
    r->programme_name = text_col(st, 10);
    r->name = text_col(st, 11);
    r->email = text_col(st, 12);
    r->member = sqlite3_column_int(st, 13) != 0;
    r->sent_sequence = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 14);
    r->sent_cancelled = sqlite3_column_int(st, 15) != 0;
    r->reminder_days = sqlite3_column_int(st, 16);
    return r->uid && r->tzid && r->location && r->link && r->set_name && r->programme_name &&
                   r->name && r->email
               ? 0
               : -1;
}

void store_reminder_rows_free(struct reminder_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        struct reminder_row *r = &rows[i];
        free(r->uid);
        free(r->tzid);
        free(r->location);
        free(r->link);
        free(r->set_name);
        free(r->programme_name);
        free(r->name);
        free(r->email);
    }
    free(rows);
}

int store_reminder_rows(struct db *db, int64_t now, struct reminder_row **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    /* The people of a meeting: whoever was ever in its set (the membership rule decides whether
     * they are in it at the meeting's time) and whoever was sent something about it. */
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT m.id, m.uid, m.sequence, CAST(strftime('%s', m.starts_at) AS INTEGER),"
        " CAST(strftime('%s', m.ends_at) AS INTEGER), m.tzid, m.location, m.link,"
        " m.status = 'cancelled', s.name, pr.name, pe.name, lower(pe.email), " STORE_MEMBER_AT(
            "s.id", "pe.id",
            "m.starts_at") ", r.sequence, IFNULL(r.cancelled, 0),"
                           " pr.reminder_days"
                           " FROM meetings m JOIN sets s ON s.id = m.set_id JOIN set_plans p ON "
                           "p.id = s.plan_id"
                           " JOIN programmes pr ON pr.id = p.programme_id"
                           " JOIN people pe ON pe.id IN (SELECT h.person_id FROM set_membership h"
                           " WHERE h.set_id = s.id UNION SELECT sm.person_id FROM set_members sm"
                           " WHERE sm.set_id = s.id UNION SELECT x.id FROM meeting_reminders y "
                           "JOIN people x"
                           " ON lower(x.email) = y.email WHERE y.meeting_id = m.id)"
                           " LEFT JOIN meeting_reminders r ON r.meeting_id = m.id AND r.email = "
                           "lower(pe.email)"
                           " WHERE m.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch')"
                           " AND pe.email LIKE '%_@_%'"
                           " AND NOT EXISTS (SELECT 1 FROM mail_optout o WHERE o.email = "
                           "lower(pe.email))"
                           " ORDER BY m.starts_at, m.id, pe.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_reminder, NULL, &rows) != 0) {
        store_reminder_rows_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_reminder_sent(struct db *db, long long meeting_id, const char *email, int sequence,
                        bool cancelled, int64_t now)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO meeting_reminders(meeting_id, email, sequence, cancelled, at)"
            " VALUES (?1, lower(?2), ?3, ?4, ?5) ON CONFLICT(meeting_id, email) DO UPDATE SET"
            " sequence = excluded.sequence, cancelled = excluded.cancelled, at = excluded.at");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    db_bind_text(st, 2, email);
    sqlite3_bind_int(st, 3, sequence);
    sqlite3_bind_int(st, 4, cancelled ? 1 : 0);
    sqlite3_bind_int64(st, 5, now);
    return db_exec_stmt(st);
}

static int read_action(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct action_due_row *r = row;
    r->id = sqlite3_column_int64(st, 0);
    r->body = text_col(st, 1);
    r->due_on = text_col(st, 2);
    r->name = text_col(st, 3);
    r->email = text_col(st, 4);
    r->set_name = text_col(st, 5);
    return r->body && r->due_on && r->name && r->email && r->set_name ? 0 : -1;
}

void store_action_due_rows_free(struct action_due_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        free(rows[i].body);
        free(rows[i].due_on);
        free(rows[i].name);
        free(rows[i].email);
        free(rows[i].set_name);
    }
    free(rows);
}

int store_actions_due(struct db *db, const char *from, struct action_due_row **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT a.id, a.body, a.due_on, pe.name, lower(pe.email), s.name"
            " FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id"
            " JOIN sets s ON s.id = m.set_id JOIN set_plans p ON p.id = s.plan_id"
            " JOIN programmes pr ON pr.id = p.programme_id JOIN people pe ON pe.id = a.owner_id"
            " WHERE a.status = 'open' AND a.due_on IS NOT NULL AND a.due_on >= ?1"
            " AND pr.reminder_days > 0 AND a.due_on <= date(?1, '+' || pr.reminder_days || ' days')"
            " AND pe.email LIKE '%_@_%'"
            " AND NOT EXISTS (SELECT 1 FROM mail_optout o WHERE o.email = lower(pe.email))"
            " ORDER BY a.due_on, a.id");
    if (!st)
        return -1;
    db_bind_text(st, 1, from);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_action, NULL, &rows) != 0) {
        store_action_due_rows_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

static int read_notice(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct notice_row *r = row;
    r->id = sqlite3_column_int64(st, 0);
    r->body = text_col(st, 1);
    r->name = text_col(st, 2);
    r->email = text_col(st, 3);
    r->programme_name = text_col(st, 4);
    r->opted_out = sqlite3_column_int(st, 5) != 0;
    return r->body && r->name && r->email && r->programme_name ? 0 : -1;
}

void store_notice_rows_free(struct notice_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        free(rows[i].body);
        free(rows[i].name);
        free(rows[i].email);
        free(rows[i].programme_name);
    }
    free(rows);
}

int store_notices_unmailed(struct db *db, struct notice_row **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT n.id, n.body, pe.name, lower(pe.email), pr.name,"
                       " EXISTS (SELECT 1 FROM mail_optout o WHERE o.email = lower(pe.email))"
                       " OR pe.email NOT LIKE '%_@_%'"
                       " FROM member_notices n JOIN people pe ON pe.id = n.person_id"
                       " JOIN programmes pr ON pr.id = n.programme_id WHERE n.mailed_at IS NULL"
                       " ORDER BY n.id");
    if (!st)
        return -1;
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_notice, NULL, &rows) != 0) {
        store_notice_rows_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_notice_mailed(struct db *db, long long id, int64_t now)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE member_notices SET mailed_at ="
                                      " strftime('%Y-%m-%dT%H:%M:%SZ', ?2, 'unixepoch')"
                                      " WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return db_exec_stmt(st);
}

int store_programme_reminder_days(struct db *db, long long programme_id, int *days)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT reminder_days FROM programmes WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    long long v = 0;
    int rc = db_row_one(st, db_read_int64, &v, NULL);
    if (rc == 0)
        *days = (int)v;
    return rc;
}

int store_programme_set_reminder_days(struct db *db, long long programme_id, int days)
{
    if (days < 0 || days > REMINDER_DAYS_MAX)
        return -1;
    sqlite3_stmt *st = db_prepare(db, "UPDATE programmes SET reminder_days = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int(st, 2, days);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

int store_unsubscribe_add(struct db *db, const char *hash, const char *email, int64_t now)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO mail_unsubscribe(token_hash, email, created_at)"
                                      " VALUES (?1, lower(?2), ?3)");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    db_bind_text(st, 2, email);
    sqlite3_bind_int64(st, 3, now);
    return db_exec_stmt(st);
}

static int read_text(sqlite3_stmt *st, void *row, void *ctx)
{
    struct strbuf *out = row;
    (void)ctx;
    const char *s = (const char *)sqlite3_column_text(st, 0);
    sb_append(out, s ? s : "");
    return out->failed ? -1 : 0;
}

int store_unsubscribe_email(struct db *db, const char *hash, char *out, size_t size)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT email FROM mail_unsubscribe WHERE token_hash = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    struct strbuf email = {0};
    int rc = db_row_one(st, read_text, &email, NULL);
    if (rc == 0) {
        if (!email.data || email.len + 1 > size)
            rc = -1;
        else
            memcpy(out, email.data, email.len + 1);
    }
    sb_free(&email);
    return rc;
}
