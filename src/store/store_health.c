/* The health check's and the metrics' reads (see store_health.h). */
#include "store/store_health.h"

#include "core/embedded.h"
#include "core/strbuf.h"
#include "store/db.h"
#include "store/db_rows.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>

int store_health_check(const char *path, struct store_health *out, char **err)
{
    *out = (struct store_health){0};
    for (size_t i = 0; i < store_migrations_count; i++) {
        if (isdigit((unsigned char)store_migrations[i].name[0]))
            out->schema_known++;
    }
    sqlite3 *conn = NULL;
    int rc = sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        *err = str_printf("cannot open the database %s: %s", path,
                          conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
        sqlite3_close(conn);
        return -1;
    }
    sqlite3_busy_timeout(conn, DB_BUSY_TIMEOUT_MS);
    sqlite3_stmt *st = NULL;
    int status = -1;
    /* Versions above the ones known mean a newer setwork migrated this file. */
    if (sqlite3_prepare_v2(conn,
                           "SELECT count(*), coalesce(max(version), 0) FROM schema_migrations", -1,
                           &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        *err = str_printf("cannot read the database %s: %s", path, sqlite3_errmsg(conn));
        goto out;
    }
    out->schema_applied = sqlite3_column_int(st, 0);
    int newest = sqlite3_column_int(st, 1);
    int known_newest = 0;
    for (size_t i = 0; i < store_migrations_count; i++) {
        int v = atoi(store_migrations[i].name);
        if (v > known_newest)
            known_newest = v;
    }
    out->schema_current = out->schema_applied == out->schema_known && newest <= known_newest;
    status = 0;
out:
    sqlite3_finalize(st);
    sqlite3_close(conn);
    return status;
}

long long store_health_sessions(struct db *db, long long now, long idle, long max)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM sessions "
                                      "WHERE last_seen > ?1 - ?2 AND created_at > ?1 - ?3");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, idle);
    sqlite3_bind_int64(st, 3, max);
    long long n = -1;
    return db_row_one(st, db_read_int64, &n, NULL) == 0 ? n : -1;
}

long long store_health_outbox(struct db *db)
{
    /* The messages still to deliver: sent and failed ones are history, not a queue. */
    sqlite3_stmt *st =
        db_prepare(db, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')");
    long long n = -1;
    return st && db_row_one(st, db_read_int64, &n, NULL) == 0 ? n : -1;
}
