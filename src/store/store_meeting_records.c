/* The records of a meeting: ground rules, presentations, the question log, actions and their
 * report back, session reviews and private journal entries. Callers check app_meet_may_see
 * first; these functions do not know who is asking. */
#include "store/store_meeting_records.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_rows.h"
#include "store/store_meetings.h"

static int text_ok(const char *s)
{
    return s && strlen(s) <= MEET_TEXT_MAX;
}

/* Runs an INSERT and stores the new row id in *ID. */
static int insert(struct db *db, sqlite3_stmt *st, long long *id)
{
    if (db_exec_stmt(st))
        return -1;
    if (id)
        *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

int store_ground_rule_add(struct db *db, long long set_id, const char *body, long long *id)
{
    if (!text_ok(body))
        return -1;
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO set_ground_rules (set_id, position, body) VALUES (?1,"
            " (SELECT IFNULL(MAX(position), 0) + 1 FROM set_ground_rules WHERE set_id = ?1), ?2)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    db_bind_text(st, 2, body);
    return insert(db, st, id);
}

int store_presentation_add(struct db *db, long long meeting_id, long long presenter_id, int bid_min,
                           long long *id)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO presentations (meeting_id, presenter_id, position, bid_min) VALUES (?1,"
            " ?2, (SELECT IFNULL(MAX(position), 0) + 1 FROM presentations WHERE meeting_id = ?1),"
            " NULLIF(?3, 0))");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, presenter_id);
    sqlite3_bind_int(st, 3, bid_min);
    return insert(db, st, id);
}

int store_presentation_set_airtime(struct db *db, long long id, int64_t airtime_s)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE presentations SET airtime_s = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, airtime_s);
    return db_exec_stmt(st);
}

int store_question_add(struct db *db, long long presentation_id, long long asker_id,
                       const char *body, long long *id)
{
    if (!text_ok(body))
        return -1;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO meeting_questions (presentation_id, asker_id,"
                                      " body) VALUES (?1, NULLIF(?2, 0), ?3)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, presentation_id);
    sqlite3_bind_int64(st, 2, asker_id);
    db_bind_text(st, 3, body);
    return insert(db, st, id);
}

int store_question_mark(struct db *db, long long id, const char *kind)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE meeting_questions SET kind = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, kind);
    return db_exec_stmt(st);
}

int store_action_add(struct db *db, long long meeting_id, long long owner_id, const char *body,
                     const char *due_on, long long *id)
{
    if (!text_ok(body))
        return -1;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO meeting_actions (meeting_id, owner_id, body,"
                                      " due_on) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, owner_id);
    db_bind_text(st, 3, body);
    db_bind_text(st, 4, due_on);
    return insert(db, st, id);
}

int store_review_set(struct db *db, long long meeting_id, const char *helped,
                     const char *learned_questioning)
{
    if (!text_ok(helped) || !text_ok(learned_questioning))
        return -1;
    sqlite3_stmt *st =
        db_prepare(db, "INSERT INTO session_reviews (meeting_id, helped, learned_questioning)"
                       " VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET helped = excluded.helped,"
                       " learned_questioning = excluded.learned_questioning,"
                       " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    db_bind_text(st, 2, helped);
    db_bind_text(st, 3, learned_questioning);
    return db_exec_stmt(st);
}

void meet_actions_free(struct meet_action *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].body);
        free(list[i].due_on);
        free(list[i].status);
        free(list[i].learned);
    }
    free(list);
}

int store_actions_report_back(struct db *db, long long meeting_id, struct meet_action **out,
                              size_t *count)
{
    /* "Earlier" is by start time, so moving a meeting cannot make its own actions report back
     * at itself; an action reported at this meeting stays listed so the page can show it. */
    sqlite3_stmt *st = db_prepare(
        db, "SELECT a.id, a.owner_id, a.meeting_id, a.body, a.due_on, a.status, a.learned"
            " FROM meetings cur JOIN meetings prev ON prev.set_id = cur.set_id"
            "  AND prev.starts_at < cur.starts_at"
            " JOIN meeting_actions a ON a.meeting_id = prev.id"
            " JOIN set_members sm ON sm.set_id = cur.set_id AND sm.person_id = a.owner_id"
            " WHERE cur.id = ?1 AND (a.status = 'open' OR a.reported_meeting_id = cur.id)"
            " ORDER BY a.owner_id, a.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    struct meet_action *list = NULL;
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct meet_action *grown = realloc(list, (n + 1) * sizeof *grown);
        if (!grown) {
            rc = SQLITE_NOMEM;
            break;
        }
        list = grown;
        struct meet_action *a = &list[n++];
        a->id = sqlite3_column_int64(st, 0);
        a->owner_id = sqlite3_column_int64(st, 1);
        a->meeting_id = sqlite3_column_int64(st, 2);
        a->body = db_column_dup(st, 3);
        a->due_on = db_column_dup(st, 4);
        a->status = db_column_dup(st, 5);
        a->learned = db_column_dup(st, 6);
        if (!a->body || !a->status || !a->learned) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        meet_actions_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}

int store_action_report(struct db *db, long long id, long long meeting_id, const char *status,
                        const char *learned)
{
    if (!text_ok(learned))
        return -1;
    sqlite3_stmt *st = db_prepare(
        db, "UPDATE meeting_actions SET status = ?3, learned = ?4,"
            " reported_meeting_id = CASE WHEN ?3 = 'open' THEN NULL ELSE ?2 END WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, meeting_id);
    db_bind_text(st, 3, status);
    db_bind_text(st, 4, learned);
    if (db_exec_stmt(st))
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

static int read_record_counts(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct meet_counts *out = row;
    out->presentations = sqlite3_column_int(st, 0);
    out->questions = sqlite3_column_int(st, 1);
    out->actions = sqlite3_column_int(st, 2);
    out->present = sqlite3_column_int(st, 3);
    out->apologies = sqlite3_column_int(st, 4);
    out->absent = sqlite3_column_int(st, 5);
    return 0;
}

int store_meeting_counts(struct db *db, long long meeting_id, struct meet_counts *out)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT (SELECT COUNT(*) FROM presentations WHERE meeting_id = ?1),"
        " (SELECT COUNT(*) FROM meeting_questions q JOIN presentations p"
        "   ON p.id = q.presentation_id WHERE p.meeting_id = ?1),"
        " (SELECT COUNT(*) FROM meeting_actions WHERE meeting_id = ?1),"
        " (SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = ?1 AND status = 'present'),"
        " (SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = ?1"
        "   AND status = 'apologies'),"
        " (SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = ?1 AND status = 'absent')");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    return db_row_one(st, read_record_counts, out, NULL) == 0 ? 0 : -1;
}
