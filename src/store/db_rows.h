/* Reading a statement's rows into a growing array: the one loop every store function that
 * returns a list would otherwise write out again (step, grow, read, reset, check). */
#ifndef SETWORK_STORE_DB_ROWS_H
#define SETWORK_STORE_DB_ROWS_H

#include <sqlite3.h>
#include <stddef.h>

/* A list of COUNT elements of one type, as db_collect fills it. */
struct db_rows {
    void *items;
    size_t count;
};

/* Fills ROW (zeroed) from the current row of ST, with CTX as given to db_collect. Returns 0 to
 * keep the row, 1 to skip it (ROW must then hold nothing to free), -1 on failure (e.g. out of
 * memory). */
typedef int db_read_row(sqlite3_stmt *st, void *row, void *ctx);

/* Steps ST to its end, appending one SIZE-byte element per row, zeroed and then filled by READ
 * (which gets CTX).
 * Resets ST. Returns 0 with the rows in OUT (caller frees items). Returns -1 when a step fails,
 * memory runs out or READ fails; OUT then still holds what was read, the failed row included
 * (its fields zero or allocated), so that the caller frees it with its own free function. */
int db_collect(sqlite3_stmt *st, size_t size, db_read_row *read, void *ctx, struct db_rows *out);

/* Steps ST once: the single-row read. When there is a row, READ (NULL: none) fills ROW from it
 * with CTX. Resets ST. Returns 0 when a row was read, 1 when there is none (or READ skipped
 * it), -1 when the step or READ fails; ROW may then hold what READ allocated (the caller frees
 * it with its own free function). */
int db_row_one(sqlite3_stmt *st, db_read_row *read, void *row, void *ctx);

/* A db_read_row that reads column 0 as a long long into ROW. Returns 0. */
int db_read_int64(sqlite3_stmt *st, void *row, void *ctx);

/* Reads column 0 of every row of ST as ids into *IDS (caller frees) and *COUNT. Resets ST.
 * Returns 0, or -1 with *IDS NULL and *COUNT 0. */
int db_collect_ids(sqlite3_stmt *st, long long **ids, size_t *count);

#endif
