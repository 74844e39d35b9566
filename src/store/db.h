/* The embedded SQLite store: opening with the durability settings, versioned migrations, and
 * a per-connection cache of prepared statements. SQL text lives only in src/store/. */
#ifndef SETWORK_STORE_DB_H
#define SETWORK_STORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

struct db;

/* Where the database lives unless --db says otherwise. */
#define DB_DEFAULT_PATH "setwork.db"
/* How long a writer waits for another writer before giving up, in milliseconds. */
#define DB_BUSY_TIMEOUT_MS 5000
/* How long opening waits for another process that is migrating the same database. */
#define DB_MIGRATE_TIMEOUT_MS 60000

/* Opens (creating if needed) the database at PATH with WAL, foreign keys and synchronous=FULL,
 * and applies pending migrations, each in one transaction. On success stores a new handle in
 * *OUT and returns 0; on failure returns -1 and stores a message in *ERR (caller frees). */
int db_open(const char *path, struct db **out, char **err);

/* Closes the handle and every cached statement. Accepts NULL. */
void db_close(struct db *db);

/* The raw connection, for code in src/store/ only. */
sqlite3 *db_sqlite(struct db *db);

/* Returns a ready-to-bind prepared statement for SQL (a string literal: the cache is keyed by
 * its address). The statement is reset and its bindings cleared; the cache owns it. NULL on
 * error (the message is in db_errmsg). */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);

/* Transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE), so a transaction
 * never fails half-way for lack of it; inside another it begins a savepoint, which db_commit
 * keeps as part of the outer one and db_rollback undoes alone. Each returns 0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);

const char *db_errmsg(struct db *db);

/* The highest migration version applied; -1 on error. */
int db_schema_version(struct db *db);

/* Binds text, or NULL when S is NULL. */
int db_bind_text(sqlite3_stmt *st, int index, const char *s);

/* Runs a statement that returns no rows; returns 0 or -1. Resets the statement. */
int db_exec_stmt(sqlite3_stmt *st);

/* Returns a copy of column I as text ("" for NULL is NOT done: NULL stays NULL). Caller frees. */
char *db_column_dup(sqlite3_stmt *st, int i);

/* Copies the whole database to PATH while others may keep writing (SQLite's online backup),
 * through a temporary file renamed into place. 0, or -1 with a message in *ERR (caller frees). */
int db_backup(struct db *db, const char *path, char **err);

/* The same copy of the database file SRC_PATH, opened read-only and not migrated: the backup
 * written before an upgrade. 0, or -1 with a message in *ERR (caller frees). */
int db_backup_file(const char *src_path, const char *path, char **err);

/* The migrations db_open would apply to the file at PATH (all of them when it does not exist
 * yet), read without changing it: *NAMES (caller frees the array, not the names, which are
 * the embedded files') and *COUNT. 0, or -1 with a message in *ERR (caller frees). */
int db_pending_migrations(const char *path, const char ***names, size_t *count, char **err);
#endif
