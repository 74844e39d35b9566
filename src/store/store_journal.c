/* The private reflection journal, read and changed by its writer only (see store_journal.h). */
#include "store/store_journal.h"

#include <stdlib.h>

#include "store/db_rows.h"

void journal_entries_free(struct journal_entry *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].body);
        free(list[i].created_at);
        free(list[i].edited_at);
    }
    free(list);
}

static int read_entry(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct journal_entry *e = row;
    e->id = sqlite3_column_int64(st, 0);
    e->meeting_id = sqlite3_column_int64(st, 1);
    e->body = db_column_dup(st, 2);
    e->created_at = db_column_dup(st, 3);
    e->edited_at = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : db_column_dup(st, 4);
    return e->body && e->created_at ? 0 : -1;
}

int store_journal_entries(struct db *db, long long person_id, struct journal_entry **out,
                          size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT id, IFNULL(meeting_id, 0), body, created_at,"
                                      " edited_at FROM journal_entries WHERE person_id = ?1"
                                      " ORDER BY created_at DESC, id DESC");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    struct db_rows rows = {0};
    int rc = db_collect(st, sizeof(struct journal_entry), read_entry, NULL, &rows);
    if (rc != 0) {
        journal_entries_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_journal_add(struct db *db, long long person_id, long long meeting_id, const char *body,
                      long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO journal_entries (person_id, meeting_id, body)"
                                      " VALUES (?1, NULLIF(?2, 0), ?3)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, meeting_id);
    db_bind_text(st, 3, body);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

/* Runs ST, a change of one entry; 0 when it changed a row, 1 when none matched, -1 on error. */
static int change_one(struct db *db, sqlite3_stmt *st)
{
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) == 1 ? 0 : 1;
}

int store_journal_edit(struct db *db, long long person_id, long long entry_id, const char *body)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE journal_entries SET body = ?3,"
                                      " edited_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                                      " WHERE id = ?2 AND person_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, entry_id);
    db_bind_text(st, 3, body);
    return change_one(db, st);
}

int store_journal_delete(struct db *db, long long person_id, long long entry_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM journal_entries WHERE id = ?2 AND person_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, entry_id);
    return change_one(db, st);
}
