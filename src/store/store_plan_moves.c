/* The moves by hand of a plan, for Undo (store_plan_moves.h). */
#include "store/store_plan_moves.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <stdlib.h>
#include <string.h>

void store_plan_move_free(struct store_plan_move *m)
{
    free(m->person);
    free(m->from_set);
    free(m->to_set);
    memset(m, 0, sizeof *m);
}

static int one_id(sqlite3_stmt *st, long long *id)
{
    return db_row_one(st, db_read_int64, id, NULL);
}

int store_plan_set_of(struct db *db, long long plan_id, long long person_id, long long *set_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT m.set_id FROM set_members m JOIN sets s ON s.id = "
                                      "m.set_id WHERE s.plan_id = ?1 AND m.person_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, person_id);
    return one_id(st, set_id);
}

int store_plan_pin_of(struct db *db, long long plan_id, long long person_id, long long *set_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT set_id FROM plan_pins WHERE plan_id = ?1 AND person_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, person_id);
    return one_id(st, set_id);
}

int store_plan_unpin(struct db *db, long long plan_id, long long person_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM plan_pins WHERE plan_id = ?1 AND person_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, person_id);
    return db_exec_stmt(st);
}

int store_plan_move_record(struct db *db, long long plan_id, long long person_id,
                           long long from_set_id, long long to_set_id, long long pin_set_id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO plan_moves(plan_id, person_id, from_set_id, "
                                      "to_set_id, pin_set_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, person_id);
    sqlite3_bind_int64(st, 3, from_set_id);
    sqlite3_bind_int64(st, 4, to_set_id);
    if (pin_set_id > 0)
        sqlite3_bind_int64(st, 5, pin_set_id);
    else
        sqlite3_bind_null(st, 5);
    if (db_exec_stmt(st) != 0)
        return -1;
    st = db_prepare(db, "DELETE FROM plan_moves WHERE plan_id = ?1 AND id NOT IN (SELECT id FROM "
                        "plan_moves WHERE plan_id = ?1 ORDER BY id DESC LIMIT ?2)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int(st, 2, STORE_PLAN_MOVES_KEPT);
    return db_exec_stmt(st);
}

static char *text_of(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return str_printf("%s", s ? s : "");
}

static int read_move(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_plan_move *m = row;
    m->id = sqlite3_column_int64(st, 0);
    m->person_id = sqlite3_column_int64(st, 1);
    m->from_set_id = sqlite3_column_int64(st, 2);
    m->to_set_id = sqlite3_column_int64(st, 3);
    m->pin_set_id = sqlite3_column_int64(st, 4);
    m->person = text_of(st, 5);
    m->from_set = text_of(st, 6);
    m->to_set = text_of(st, 7);
    return m->person && m->from_set && m->to_set ? 0 : -1;
}

int store_plan_move_last(struct db *db, long long plan_id, struct store_plan_move *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(
        db, "SELECT mv.id, mv.person_id, mv.from_set_id, mv.to_set_id, coalesce(mv.pin_set_id, 0),"
            " p.name, f.name, t.name FROM plan_moves mv JOIN people p ON p.id = mv.person_id"
            " JOIN sets f ON f.id = mv.from_set_id JOIN sets t ON t.id = mv.to_set_id"
            " WHERE mv.plan_id = ?1 ORDER BY mv.id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    int rc = db_row_one(st, read_move, out, NULL);
    if (rc != 0)
        store_plan_move_free(out);
    return rc;
}

int store_plan_moves_forget(struct db *db, long long plan_id, long long move_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM plan_moves WHERE plan_id = ?1 AND (?2 = 0 OR id = ?2)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, move_id);
    return db_exec_stmt(st);
}
