#include "store/db_rows.h"

#include <stdlib.h>
#include <string.h>

int db_collect(sqlite3_stmt *st, size_t size, db_read_row *read, void *ctx, struct db_rows *out)
{
    out->items = NULL;
    out->count = 0;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            /* Doubling keeps a list of n rows at O(n) copying in all. */
            size_t grown_cap = cap ? cap * 2 : 16;
            void *grown = realloc(out->items, grown_cap * size);
            if (!grown)
                break;
            out->items = grown;
            cap = grown_cap;
        }
        void *row = (char *)out->items + out->count * size;
        memset(row, 0, size);
        out->count++;
        int kept = read(st, row, ctx);
        if (kept == 1)
            out->count--;
        else if (kept != 0)
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int db_row_one(sqlite3_stmt *st, db_read_row *read, void *row, void *ctx)
{
    int rc = sqlite3_step(st);
    int result = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
    if (result == 0 && read) {
        int kept = read(st, row, ctx);
        result = kept == 0 ? 0 : kept == 1 ? 1 : -1;
    }
    sqlite3_reset(st);
    return result;
}

int db_read_int64(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    *(long long *)row = sqlite3_column_int64(st, 0);
    return 0;
}

int db_collect_ids(sqlite3_stmt *st, long long **ids, size_t *count)
{
    struct db_rows rows;
    int rc = db_collect(st, sizeof **ids, db_read_int64, NULL, &rows);
    if (rc != 0) {
        free(rows.items);
        rows.items = NULL;
        rows.count = 0;
    }
    *ids = rows.items;
    *count = rows.count;
    return rc;
}
