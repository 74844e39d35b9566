/* The outbox's statements (migration 0012). */
#include "store/store_outbox.h"

#include "store/db_rows.h"

#include <stdlib.h>
#include <string.h>

int store_outbox_add(struct db *db, const struct outbox_new *m, long long now, long long *id)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO outbox(idem_key, kind, recipient, subject, message_id, message, next_at, "
            "created_at) VALUES (?1, ?2, lower(?3), ?4, ?5, ?6, ?7, ?7) "
            "ON CONFLICT(idem_key) DO NOTHING");
    if (!st)
        return -1;
    db_bind_text(st, 1, m->idem_key);
    db_bind_text(st, 2, m->kind);
    db_bind_text(st, 3, m->recipient);
    db_bind_text(st, 4, m->subject);
    db_bind_text(st, 5, m->message_id);
    db_bind_text(st, 6, m->message);
    sqlite3_bind_int64(st, 7, now);
    if (db_exec_stmt(st) != 0)
        return -1;
    if (sqlite3_changes(db_sqlite(db)) == 0)
        return 1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

void store_outbox_entry_clear(struct outbox_entry *e)
{
    free(e->kind);
    free(e->recipient);
    free(e->subject);
    free(e->status);
    free(e->last_error);
    free(e->message);
    memset(e, 0, sizeof *e);
}

void store_outbox_entries_free(struct outbox_entry *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++)
        store_outbox_entry_clear(&list[i]);
    free(list);
}

#define OUTBOX_COLUMNS                                                                             \
    "SELECT id, kind, recipient, subject, status, last_error, attempts, created_at, next_at, "     \
    "coalesce(sent_at, 0), coalesce(claimed_by, 0), coalesce(claimed_at, 0) "

static int read_entry(sqlite3_stmt *st, void *row, void *ctx)
{
    struct outbox_entry *e = row;
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->kind = db_column_dup(st, 1);
    e->recipient = db_column_dup(st, 2);
    e->subject = db_column_dup(st, 3);
    e->status = db_column_dup(st, 4);
    e->last_error = db_column_dup(st, 5);
    e->attempts = sqlite3_column_int(st, 6);
    e->created_at = sqlite3_column_int64(st, 7);
    e->next_at = sqlite3_column_int64(st, 8);
    e->sent_at = sqlite3_column_int64(st, 9);
    e->claimed_by = sqlite3_column_int64(st, 10);
    e->claimed_at = sqlite3_column_int64(st, 11);
    if (ctx)
        e->message = db_column_dup(st, 12);
    if (sqlite3_column_type(st, 5) != SQLITE_NULL && !e->last_error)
        return -1;
    return e->kind && e->recipient && e->subject && e->status && (!ctx || e->message) ? 0 : -1;
}

static int collect(sqlite3_stmt *st, struct outbox_entry **out, size_t *count)
{
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_entry, NULL, &rows) != 0) {
        store_outbox_entries_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_outbox_due(struct db *db, long long now, bool all, long long stale_before,
                     long long self_pid, size_t limit, struct outbox_entry **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, OUTBOX_COLUMNS "FROM outbox WHERE (status = 'pending' AND (?2 OR next_at "
                                      "<= ?1)) OR (status = 'sending' AND (claimed_at < ?3 OR "
                                      "claimed_by <> ?4)) ORDER BY id LIMIT ?5");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, all);
    sqlite3_bind_int64(st, 3, stale_before);
    sqlite3_bind_int64(st, 4, self_pid);
    sqlite3_bind_int64(st, 5, (long long)limit);
    return collect(st, out, count);
}

int store_outbox_claim(struct db *db, long long id, long long pid, long long old_pid, long long now)
{
    sqlite3_stmt *st = db_prepare(
        db, "UPDATE outbox SET status = 'sending', claimed_by = ?2, claimed_at = ?4, "
            "attempts = attempts + 1 WHERE id = ?1 AND ((?3 = 0 AND status = 'pending') OR "
            "(?3 <> 0 AND status = 'sending' AND claimed_by = ?3))");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, pid);
    sqlite3_bind_int64(st, 3, old_pid);
    sqlite3_bind_int64(st, 4, now);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

int store_outbox_get(struct db *db, long long id, struct outbox_entry *out)
{
    sqlite3_stmt *st = db_prepare(db, OUTBOX_COLUMNS ", message FROM outbox WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int one = 1;
    return db_row_one(st, read_entry, out, &one);
}

int store_outbox_sent(struct db *db, long long id, long long now)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE outbox SET status = 'sent', sent_at = ?2, "
                                      "claimed_by = NULL, last_error = NULL WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return db_exec_stmt(st);
}

int store_outbox_retry(struct db *db, long long id, long long next_at, const char *error)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE outbox SET status = 'pending', next_at = ?2, "
                                      "claimed_by = NULL, last_error = ?3 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, next_at);
    db_bind_text(st, 3, error);
    return db_exec_stmt(st);
}

int store_outbox_failed(struct db *db, long long id, const char *error)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE outbox SET status = 'failed', claimed_by = NULL, "
                                      "last_error = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, error);
    return db_exec_stmt(st);
}

int store_outbox_list(struct db *db, bool unsent, size_t limit, struct outbox_entry **out,
                      size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, OUTBOX_COLUMNS "FROM outbox WHERE NOT ?1 OR status <> "
                                                     "'sent' ORDER BY id DESC LIMIT ?2");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, unsent);
    sqlite3_bind_int64(st, 2, (long long)limit);
    return collect(st, out, count);
}

static int read_counts(sqlite3_stmt *st, void *row, void *ctx)
{
    long *c = row;
    for (int i = 0; i < 4; i++)
        c[i] = sqlite3_column_int(st, i);
    return 0;
}

int store_outbox_counts(struct db *db, long *pending, long *sending, long *sent, long *failed)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT coalesce(sum(status = 'pending'), 0), "
                       "coalesce(sum(status = 'sending'), 0), coalesce(sum(status = 'sent'), 0), "
                       "coalesce(sum(status = 'failed'), 0) FROM outbox");
    if (!st)
        return -1;
    long c[4] = {0};
    if (db_row_one(st, read_counts, c, NULL) != 0)
        return -1;
    *pending = c[0];
    *sending = c[1];
    *sent = c[2];
    *failed = c[3];
    return 0;
}

int store_mail_optout(struct db *db, const char *email, bool out, long long now)
{
    sqlite3_stmt *st =
        out ? db_prepare(db, "INSERT INTO mail_optout(email, at) VALUES (lower(?1), ?2) "
                             "ON CONFLICT DO NOTHING")
            : db_prepare(db, "DELETE FROM mail_optout WHERE email = lower(?1) AND ?2 = ?2");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    sqlite3_bind_int64(st, 2, now);
    return db_exec_stmt(st);
}

int store_mail_opted_out(struct db *db, const char *email)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM mail_optout WHERE email = lower(?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    int rc = db_row_one(st, NULL, NULL, NULL);
    return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}
