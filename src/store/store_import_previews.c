/* The import_previews table: a file kept by the POST that previewed it, read by the POST that
 * applies it. */
#include "store/store_import_previews.h"

#include "store/db_rows.h"

#include <stdlib.h>
#include <string.h>

int store_import_preview_put(struct db *db, long long programme_id, long long user_id,
                             const char *filename, const char *sheet, const char *content,
                             size_t len, const char *digest, long long now, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM import_previews WHERE created_at < ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now - STORE_IMPORT_PREVIEW_TTL);
    if (db_exec_stmt(st) != 0)
        return -1;
    st = db_prepare(db, "INSERT INTO import_previews(programme_id, user_id, filename, sheet, "
                        "content, digest, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, filename);
    db_bind_text(st, 4, sheet);
    sqlite3_bind_blob64(st, 5, content, len, SQLITE_TRANSIENT);
    db_bind_text(st, 6, digest);
    sqlite3_bind_int64(st, 7, now);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

static int read_preview(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct stored_import_preview *p = row;
    p->id = sqlite3_column_int64(st, 0);
    p->filename = db_column_dup(st, 1);
    p->sheet = db_column_dup(st, 2);
    int n = sqlite3_column_bytes(st, 3);
    const void *blob = sqlite3_column_blob(st, 3);
    p->content = malloc((size_t)n + 1);
    p->digest = db_column_dup(st, 4);
    p->created_at = sqlite3_column_int64(st, 5);
    if (!p->content || !p->filename || !p->digest)
        return -1;
    if (n > 0)
        memcpy(p->content, blob, (size_t)n);
    p->content[n] = '\0';
    p->len = (size_t)n;
    return 0;
}

int store_import_preview_get(struct db *db, long long id, long long programme_id, long long user_id,
                             long long now, struct stored_import_preview *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        db_prepare(db, "SELECT id, filename, sheet, content, digest, created_at "
                       "FROM import_previews WHERE id = ?1 AND programme_id = ?2 AND user_id = ?3 "
                       "AND created_at >= ?4");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, programme_id);
    sqlite3_bind_int64(st, 3, user_id);
    sqlite3_bind_int64(st, 4, now - STORE_IMPORT_PREVIEW_TTL);
    int rc = db_row_one(st, read_preview, out, NULL);
    if (rc != 0)
        stored_import_preview_free(out);
    return rc;
}

int store_import_preview_delete(struct db *db, long long id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM import_previews WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_exec_stmt(st);
}

void stored_import_preview_free(struct stored_import_preview *p)
{
    free(p->filename);
    free(p->sheet);
    free(p->content);
    free(p->digest);
    memset(p, 0, sizeof *p);
}
