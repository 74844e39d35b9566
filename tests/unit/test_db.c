/* Unit tests for store/db: durability settings, migrations and the statement cache. */
#include "test_support.h"

#include "core/embedded.h"
#include "store/db.h"

#include <sys/wait.h>
#include <unistd.h>

static char *db_path(void)
{
    const char *dir = test_tmpdir();
    assert_non_null(dir);
    size_t n = strlen(dir) + 16;
    char *p = malloc(n);
    snprintf(p, n, "%s/t.db", dir);
    return p;
}

static void opens_with_wal_foreign_keys_and_full_sync(void **state)
{
    char *path = db_path();
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    sqlite3_stmt *st = db_prepare(db, "PRAGMA journal_mode");
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    st = db_prepare(db, "PRAGMA foreign_keys");
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    st = db_prepare(db, "PRAGMA synchronous");
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 2); /* FULL */
    db_close(db);
    free(path);
}

static void migrations_are_recorded_and_run_once(void **state)
{
    char *path = db_path();
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    int version = db_schema_version(db);
    assert_true(version >= 1);
    db_close(db);
    /* Reopening applies nothing new and keeps the same version. */
    assert_int_equal(db_open(path, &db, &err), 0);
    assert_int_equal(db_schema_version(db), version);
    /* One row per migration file: numbers are allocated by area, so they may have gaps while
     * areas are being built; count the embedded files rather than assume 1..version. */
    sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM schema_migrations");
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), (int)store_migrations_count);
    db_close(db);
    free(path);
}

/* Migration numbers are allocated by area: a database made before 0002 was merged, but after a
 * higher number, must still get 0002. It used to be skipped because it is below max(version). */
static void applies_a_lower_numbered_migration_that_arrives_late(void **state)
{
    assert_true(store_migrations_count >= 2);
    char *path = db_path();
    sqlite3 *conn = NULL;
    assert_int_equal(sqlite3_open(path, &conn), SQLITE_OK);
    assert_int_equal(sqlite3_exec(conn,
                                  "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                                  "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    const struct embedded_file *late = &store_migrations[1];
    for (size_t i = 0; i < store_migrations_count; i++) {
        const struct embedded_file *m = &store_migrations[i];
        if (m == late)
            continue;
        assert_int_equal(sqlite3_exec(conn, (const char *)m->data, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(conn,
                                            "INSERT INTO schema_migrations VALUES (?1, ?2, 'x')",
                                            -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_int(st, 1, atoi(m->name));
        sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
    }
    sqlite3_close(conn);
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM schema_migrations WHERE name = ?1");
    sqlite3_bind_text(st, 1, late->name, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    db_close(db);
    free(path);
}

/* Several processes opening one new database at once (the web server and a command, say): each
 * used to decide what to migrate before taking the write lock, so the later ones ran the same
 * migration again and failed with "table already exists". */
static void concurrent_opens_of_a_new_database_all_succeed(void **state)
{
    for (int round = 0; round < 8; round++) {
        char *path = db_path();
        pid_t kids[4];
        for (int k = 0; k < 4; k++) {
            kids[k] = fork();
            assert_true(kids[k] >= 0);
            if (kids[k] == 0) {
                struct db *db = NULL;
                char *err = NULL;
                _exit(db_open(path, &db, &err) == 0 ? 0 : 1);
            }
        }
        for (int k = 0; k < 4; k++) {
            int status = 0;
            assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
            assert_true(WIFEXITED(status));
            assert_int_equal(WEXITSTATUS(status), 0);
        }
        free(path);
    }
}

static void refuses_a_database_from_a_newer_setwork(void **state)
{
    char *path = db_path();
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    sqlite3_stmt *st =
        db_prepare(db, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'now')");
    assert_int_equal(db_exec_stmt(st), 0);
    db_close(db);
    assert_int_equal(db_open(path, &db, &err), -1);
    assert_non_null(strstr(err, "newer"));
    free(err);
    free(path);
}

static void foreign_keys_are_enforced(void **state)
{
    char *path = db_path();
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO programme_members(programme_id, person_id) "
                                      "VALUES (41, 42)");
    assert_int_equal(db_exec_stmt(st), -1);
    db_close(db);
    free(path);
}

static long count_rows(struct db *db)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM nest_test");
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    return (long)sqlite3_column_int64(st, 0);
}

static void add_row(struct db *db)
{
    assert_int_equal(db_exec_stmt(db_prepare(db, "INSERT INTO nest_test VALUES (1)")), 0);
}

/* A transaction inside another is a savepoint: rolled back alone, or kept with the outer one;
 * rolling back the outer one undoes what an inner one committed. */
static void transactions_nest(void **state)
{
    (void)state;
    char *path = db_path();
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    assert_int_equal(db_exec_stmt(db_prepare(db, "CREATE TABLE nest_test(x)")), 0);
    assert_int_equal(db_begin(db), 0);
    add_row(db);
    assert_int_equal(db_begin(db), 0);
    add_row(db);
    assert_int_equal(db_rollback(db), 0);
    assert_int_equal(db_commit(db), 0);
    assert_int_equal(count_rows(db), 1);
    assert_int_equal(db_begin(db), 0);
    assert_int_equal(db_begin(db), 0);
    add_row(db);
    assert_int_equal(db_commit(db), 0);
    assert_int_equal(db_rollback(db), 0);
    assert_int_equal(count_rows(db), 1);
    assert_int_equal(db_begin(db), 0); /* and a plain one after it works as before */
    add_row(db);
    assert_int_equal(db_commit(db), 0);
    assert_int_equal(count_rows(db), 2);
    db_close(db);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opens_with_wal_foreign_keys_and_full_sync),
        cmocka_unit_test(migrations_are_recorded_and_run_once),
        cmocka_unit_test(applies_a_lower_numbered_migration_that_arrives_late),
        cmocka_unit_test(concurrent_opens_of_a_new_database_all_succeed),
        cmocka_unit_test(refuses_a_database_from_a_newer_setwork),
        cmocka_unit_test(foreign_keys_are_enforced),
        cmocka_unit_test(transactions_nest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
