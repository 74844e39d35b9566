/* Unit tests for store/db_rows: collecting a statement's rows into an array. A recursive CTE
 * makes as many rows as the test asks for. */
#include "test_support.h"

#include "store/db.h"
#include "store/db_rows.h"

struct row {
    long long value;
    char *text;
};

static struct db *open_db(void)
{
    const char *dir = test_tmpdir();
    assert_non_null(dir);
    char path[512];
    snprintf(path, sizeof path, "%s/rows.db", dir);
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    return db;
}

/* Rows 1..?1 with their value as text. */
static sqlite3_stmt *counting(struct db *db, int rows)
{
    sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 "
                                      "FROM n WHERE v < ?1) SELECT v, CAST(v AS TEXT) FROM n");
    assert_non_null(st);
    sqlite3_bind_int(st, 1, rows);
    return st;
}

/* Keeps even values, skips odd ones, fails at the value in CTX (0: never). */
static int read_even(sqlite3_stmt *st, void *row, void *ctx)
{
    struct row *r = row;
    assert_int_equal(r->value, 0); /* each slot starts zeroed */
    assert_null(r->text);
    r->value = sqlite3_column_int64(st, 0);
    if (ctx && r->value == *(long long *)ctx)
        return -1;
    if (r->value % 2)
        return 1;
    r->text = db_column_dup(st, 1);
    return r->text ? 0 : -1;
}

static void free_rows(struct db_rows *rows)
{
    struct row *r = rows->items;
    for (size_t i = 0; i < rows->count; i++)
        free(r[i].text);
    free(rows->items);
}

static void collects_every_kept_row_in_order_past_many_doublings(void **state)
{
    struct db *db = open_db();
    struct db_rows rows;
    assert_int_equal(db_collect(counting(db, 1001), sizeof(struct row), read_even, NULL, &rows), 0);
    assert_int_equal(rows.count, 500);
    struct row *r = rows.items;
    for (size_t i = 0; i < rows.count; i++) {
        assert_int_equal(r[i].value, 2 * (long long)(i + 1));
        char want[16];
        snprintf(want, sizeof want, "%lld", r[i].value);
        assert_string_equal(r[i].text, want);
    }
    free_rows(&rows);
    db_close(db);
}

static void a_failed_read_returns_what_was_read_for_the_caller_to_free(void **state)
{
    struct db *db = open_db();
    struct db_rows rows;
    long long fail_at = 7;
    sqlite3_stmt *st = counting(db, 100);
    assert_int_equal(db_collect(st, sizeof(struct row), read_even, &fail_at, &rows), -1);
    /* 2, 4, 6 kept, then the failed row 7 itself, so its allocations can be freed. */
    assert_int_equal(rows.count, 4);
    assert_int_equal(((struct row *)rows.items)[3].value, 7);
    free_rows(&rows);
    /* The statement was reset: it runs again from the start. */
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_reset(st);
    db_close(db);
}

static void no_rows_give_an_empty_list(void **state)
{
    struct db *db = open_db();
    long long *ids = (long long *)1;
    size_t count = 99;
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 WHERE 0");
    assert_int_equal(db_collect_ids(st, &ids, &count), 0);
    assert_null(ids);
    assert_int_equal(count, 0);
    db_close(db);
}

static void ids_are_column_zero(void **state)
{
    struct db *db = open_db();
    long long *ids = NULL;
    size_t count = 0;
    assert_int_equal(db_collect_ids(counting(db, 40), &ids, &count), 0);
    assert_int_equal(count, 40);
    for (size_t i = 0; i < count; i++)
        assert_int_equal(ids[i], (long long)i + 1);
    free(ids);
    db_close(db);
}

static int read_must_not_run(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)st;
    (void)row;
    (void)ctx;
    fail_msg("the reader ran without a row");
    return -1;
}

static void row_one_reads_the_first_row_and_resets(void **state)
{
    struct db *db = open_db();
    sqlite3_stmt *st = counting(db, 4);
    struct row r = {0};
    long long never = 0;
    assert_int_equal(db_row_one(st, read_even, &r, &never), 1); /* row 1 is odd: skipped */
    assert_int_equal(r.value, 1);
    assert_false(sqlite3_stmt_busy(st));
    /* Reset, not finished: the same statement reads row 1 again rather than row 2. */
    r.value = 0;
    assert_int_equal(db_row_one(st, db_read_int64, &r.value, NULL), 0);
    assert_int_equal(r.value, 1);
    assert_false(sqlite3_stmt_busy(st));
    db_close(db);
}

static void row_one_tells_none_from_found_and_failed(void **state)
{
    struct db *db = open_db();
    assert_int_equal(db_row_one(db_prepare(db, "SELECT 1 WHERE 0"), read_must_not_run, NULL, NULL),
                     1);
    assert_int_equal(db_row_one(db_prepare(db, "SELECT 2"), NULL, NULL, NULL), 0);
    long long v = 0;
    assert_int_equal(db_row_one(db_prepare(db, "SELECT 7, 'x'"), db_read_int64, &v, NULL), 0);
    assert_int_equal(v, 7);
    /* The reader's failure is the caller's failure. */
    struct row r = {0};
    long long fail_at = 1;
    assert_int_equal(db_row_one(counting(db, 2), read_even, &r, &fail_at), -1);
    /* So is a step that fails (an integer overflow is only found when stepping). */
    sqlite3_stmt *bad = db_prepare(db, "SELECT abs(-9223372036854775807 - 1)");
    assert_non_null(bad);
    assert_int_equal(db_row_one(bad, read_must_not_run, NULL, NULL), -1);
    assert_false(sqlite3_stmt_busy(bad));
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(collects_every_kept_row_in_order_past_many_doublings),
        cmocka_unit_test(a_failed_read_returns_what_was_read_for_the_caller_to_free),
        cmocka_unit_test(no_rows_give_an_empty_list),
        cmocka_unit_test(ids_are_column_zero),
        cmocka_unit_test(row_one_reads_the_first_row_and_resets),
        cmocka_unit_test(row_one_tells_none_from_found_and_failed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
