/* Opening the store, durability settings, migrations and the statement cache. */
#include "store/db.h"

#include "core/embedded.h"
#include "core/strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every distinct statement of the program fits (there are a few hundred); a linear cache beats a
 * hash at this size. Statements are never evicted: a caller may still be stepping one. */
#define DB_STMT_CACHE_MAX 1024

struct cached_stmt {
    const char *sql;
    sqlite3_stmt *stmt;
};

struct db {
    sqlite3 *conn;
    struct cached_stmt cache[DB_STMT_CACHE_MAX];
    int cached;
    int depth; /* transactions open: the outermost a BEGIN, the ones inside it savepoints */
};

static int exec_sql(sqlite3 *conn, const char *sql, char **err)
{
    char *msg = NULL;
    if (sqlite3_exec(conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        *err = str_printf("%s", msg ? msg : sqlite3_errmsg(conn));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int migration_version(const char *name)
{
    if (!isdigit((unsigned char)name[0]))
        return -1;
    return atoi(name);
}

static int current_version(sqlite3 *conn)
{
    sqlite3_stmt *st = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(conn, "SELECT coalesce(max(version), 0) FROM schema_migrations", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return version;
}

/* 1 when migration VERSION is recorded, 0 when not, -1 on error. */
static int migration_applied(sqlite3 *conn, int version)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(conn, "SELECT 1 FROM schema_migrations WHERE version = ?1", -1, &st,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_bind_int(st, 1, version);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Applies one migration and records it, inside the caller's transaction. */
static int apply_migration(sqlite3 *conn, const struct embedded_file *m, int version, char **err)
{
    if (exec_sql(conn, (const char *)m->data, err) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(conn,
                           "INSERT INTO schema_migrations(version, name, applied_at) "
                           "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                           -1, &st, NULL) != SQLITE_OK) {
        *err = str_printf("%s", sqlite3_errmsg(conn));
        return -1;
    }
    sqlite3_bind_int(st, 1, version);
    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        *err = str_printf("%s", sqlite3_errmsg(conn));
        return -1;
    }
    return 0;
}

/* Applies every pending migration in ONE transaction: when any of them fails, or the process
 * dies half-way, the database is left exactly as it was, with none of them applied (so an
 * upgrade is all or nothing, and the backup taken before it is never needed to undo half of
 * one). The transaction takes the write lock first, so that two processes opening the same new
 * database do not both migrate it: the second finds everything recorded. */
static int migrate(sqlite3 *conn, char **err)
{
    if (exec_sql(conn, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    if (exec_sql(conn,
                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
                 " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                 err) != 0)
        goto fail;
    int have = current_version(conn);
    int newest = 0;
    for (size_t i = 0; i < store_migrations_count; i++) {
        const struct embedded_file *m = &store_migrations[i];
        int version = migration_version(m->name);
        if (version > newest)
            newest = version;
    }
    if (have > newest) {
        *err = str_printf("this database has schema version %d, newer than this setwork knows "
                          "(%d); use a newer setwork",
                          have, newest);
        goto fail;
    }
    /* Numbers are allocated by area and areas land in any order, so a database may already
     * hold 0007 when 0003 arrives: apply every migration not yet recorded, not only those above
     * the highest recorded number. */
    for (size_t i = 0; i < store_migrations_count; i++) {
        const struct embedded_file *m = &store_migrations[i];
        int version = migration_version(m->name);
        if (version <= 0)
            continue;
        int applied = migration_applied(conn, version);
        if (applied < 0) {
            *err = str_printf("cannot read schema_migrations: %s", sqlite3_errmsg(conn));
            goto fail;
        }
        if (applied)
            continue;
        char *why = NULL;
        if (apply_migration(conn, m, version, &why) != 0) {
            *err = str_printf("migration %s failed (nothing was changed): %s", m->name,
                              why ? why : "unknown error");
            free(why);
            goto fail;
        }
    }
    if (exec_sql(conn, "COMMIT", err) != 0)
        goto fail;
    return 0;
fail:
    sqlite3_exec(conn, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int db_open(const char *path, struct db **out, char **err)
{
    *out = NULL;
    *err = NULL;
    struct db *db = calloc(1, sizeof *db);
    if (!db) {
        *err = str_printf("out of memory");
        return -1;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &db->conn, flags, NULL) != SQLITE_OK) {
        *err = str_printf("cannot open database '%s': %s", path,
                          db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(db->conn, DB_BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(db->conn, 1);
    /* WAL with synchronous=FULL: every commit is fsynced to the log before it returns, so a
     * committed transaction survives a power cut, and readers never block the writer. */
    char *why = NULL;
    /* Switching a new file to WAL takes an exclusive lock without waiting on the busy handler,
     * so processes opening one new database together retry here for a while. */
    int pragmas;
    for (int tries = 0;; tries++) {
        pragmas = exec_sql(db->conn,
                           "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                           "PRAGMA foreign_keys=ON;",
                           &why);
        int code = sqlite3_errcode(db->conn) & 0xff;
        if (pragmas == 0 || (code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
            tries * 20 >= DB_MIGRATE_TIMEOUT_MS)
            break;
        free(why);
        why = NULL;
        sqlite3_sleep(20);
    }
    if (pragmas != 0) {
        *err = str_printf("cannot use database '%s': %s", path, why);
        free(why);
        goto fail;
    }
    /* Migrating a new database takes one fsync per migration while other processes opening it
     * at the same time wait for the lock: give them longer than an ordinary write. */
    sqlite3_busy_timeout(db->conn, DB_MIGRATE_TIMEOUT_MS);
    int migrated = migrate(db->conn, &why);
    sqlite3_busy_timeout(db->conn, DB_BUSY_TIMEOUT_MS);
    if (migrated != 0) {
        *err = str_printf("database '%s': %s", path, why);
        free(why);
        goto fail;
    }
    *out = db;
    return 0;
fail:
    db_close(db);
    return -1;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (int i = 0; i < db->cached; i++)
        sqlite3_finalize(db->cache[i].stmt);
    sqlite3_close(db->conn);
    free(db);
}

sqlite3 *db_sqlite(struct db *db)
{
    return db->conn;
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
    for (int i = 0; i < db->cached; i++) {
        if (db->cache[i].sql == sql) {
            sqlite3_stmt *st = db->cache[i].stmt;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    if (db->cached == DB_STMT_CACHE_MAX) {
        /* More distinct statements than the program has: a programming error, not user input. */
        sqlite3_finalize(st);
        return NULL;
    }
    db->cache[db->cached].sql = sql;
    db->cache[db->cached].stmt = st;
    db->cached++;
    return st;
}

/* A transaction begun inside another is a savepoint, so that a step which commits on its own
 * (saving a plan, say) can also be part of a larger change that is undone as a whole when a
 * later step fails (an absence whose re-plan is refused is not kept). SQLite ends the outer
 * transaction itself on some errors: a connection back in autocommit has none open. */
int db_begin(struct db *db)
{
    if (sqlite3_get_autocommit(db->conn))
        db->depth = 0;
    const char *sql = db->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested";
    if (sqlite3_exec(db->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    db->depth++;
    return 0;
}

int db_commit(struct db *db)
{
    const char *sql = db->depth > 1 ? "RELEASE nested" : "COMMIT";
    if (sqlite3_exec(db->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    db->depth = db->depth > 0 ? db->depth - 1 : 0;
    return 0;
}

int db_rollback(struct db *db)
{
    if (db->depth > 1) {
        db->depth--;
        return sqlite3_exec(db->conn, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL) ==
                       SQLITE_OK
                   ? 0
                   : -1;
    }
    db->depth = 0;
    return sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

const char *db_errmsg(struct db *db)
{
    return sqlite3_errmsg(db->conn);
}

int db_schema_version(struct db *db)
{
    return current_version(db->conn);
}

int db_bind_text(sqlite3_stmt *st, int index, const char *s)
{
    if (!s)
        return sqlite3_bind_null(st, index);
    return sqlite3_bind_text(st, index, s, -1, SQLITE_TRANSIENT);
}

int db_exec_stmt(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return (rc == SQLITE_DONE || rc == SQLITE_ROW) ? 0 : -1;
}

char *db_column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? strdup((const char *)s) : NULL;
}

/* Copies the database open on SRC to PATH through a temporary file renamed into place. */
static int backup_conn(sqlite3 *src, const char *path, char **err)
{
    char *tmp = str_printf("%s.tmp", path);
    sqlite3 *dest = NULL;
    int rc = SQLITE_NOMEM;
    if (tmp) {
        unlink(tmp);
        rc = sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    }
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
        if (b) {
            /* Copy in steps so that writers are only briefly held up on a large database. */
            do {
                rc = sqlite3_backup_step(b, 256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(20);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        } else {
            rc = sqlite3_errcode(dest);
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        *err = str_printf("cannot back up to '%s': %s", path,
                          dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
        sqlite3_close(dest);
        if (tmp)
            unlink(tmp);
        free(tmp);
        return -1;
    }
    sqlite3_close(dest);
    if (rename(tmp, path) != 0) {
        *err = str_printf("cannot back up to '%s': %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

int db_backup(struct db *db, const char *path, char **err)
{
    return backup_conn(db->conn, path, err);
}

int db_backup_file(const char *src_path, const char *path, char **err)
{
    sqlite3 *src = NULL;
    if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        *err = str_printf("cannot read database '%s': %s", src_path,
                          src ? sqlite3_errmsg(src) : "out of memory");
        sqlite3_close(src);
        return -1;
    }
    sqlite3_busy_timeout(src, DB_BUSY_TIMEOUT_MS);
    int rc = backup_conn(src, path, err);
    sqlite3_close(src);
    return rc;
}

int db_pending_migrations(const char *path, const char ***names, size_t *count, char **err)
{
    *names = NULL;
    *count = 0;
    const char **list = calloc(store_migrations_count + 1, sizeof *list);
    if (!list) {
        *err = str_printf("out of memory");
        return -1;
    }
    sqlite3 *conn = NULL;
    bool exists = access(path, F_OK) == 0;
    if (exists && sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        *err = str_printf("cannot read database '%s': %s", path,
                          conn ? sqlite3_errmsg(conn) : "out of memory");
        sqlite3_close(conn);
        free(list);
        return -1;
    }
    if (conn)
        sqlite3_busy_timeout(conn, DB_BUSY_TIMEOUT_MS);
    /* A file without the table (new, or not ours yet) has every migration to come. */
    bool table = false;
    sqlite3_stmt *st = NULL;
    if (conn && sqlite3_prepare_v2(conn,
                                   "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                   "AND name = 'schema_migrations'",
                                   -1, &st, NULL) == SQLITE_OK)
        table = sqlite3_step(st) == SQLITE_ROW;
    else if (conn) {
        *err = str_printf("cannot read database '%s': %s", path, sqlite3_errmsg(conn));
        sqlite3_close(conn);
        free(list);
        return -1;
    }
    sqlite3_finalize(st);
    size_t n = 0;
    for (size_t i = 0; i < store_migrations_count; i++) {
        const struct embedded_file *m = &store_migrations[i];
        int version = migration_version(m->name);
        if (version < 0)
            continue;
        int applied = table ? migration_applied(conn, version) : 0;
        if (applied < 0) {
            *err =
                str_printf("cannot read schema_migrations in '%s': %s", path, sqlite3_errmsg(conn));
            sqlite3_close(conn);
            free(list);
            return -1;
        }
        if (!applied)
            list[n++] = m->name;
    }
    sqlite3_close(conn);
    *names = list;
    *count = n;
    return 0;
}
