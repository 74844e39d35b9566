/* Readers for the facilitator's meeting page: ground rules, question logs, journals,
 * presentations and session reviews. Callers check app_meet_may_see first. */
#include <stdlib.h>
#include <string.h>

#include "store/db_rows.h"
#include "store/store_meetings.h"

void meet_texts_free(struct meet_text *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].body);
        free(list[i].kind);
        free(list[i].created_at);
    }
    free(list);
}

/* Steps ST (columns: id, person_id, meeting_id, body, kind, created_at) into *OUT. */
static int collect_texts(sqlite3_stmt *st, struct meet_text **out, size_t *count)
{
    struct meet_text *list = NULL;
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct meet_text *grown = realloc(list, (n + 1) * sizeof *grown);
        if (!grown) {
            rc = SQLITE_NOMEM;
            break;
        }
        list = grown;
        struct meet_text *t = &list[n++];
        t->id = sqlite3_column_int64(st, 0);
        t->person_id = sqlite3_column_int64(st, 1);
        t->meeting_id = sqlite3_column_int64(st, 2);
        t->body = db_column_dup(st, 3);
        t->kind = db_column_dup(st, 4);
        t->created_at = db_column_dup(st, 5);
        if (!t->body) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        meet_texts_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}

int store_ground_rules_list(struct db *db, long long set_id, struct meet_text **out, size_t *count)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id, 0, 0, body, NULL, NULL FROM set_ground_rules"
                                      " WHERE set_id = ?1 ORDER BY position, id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    return collect_texts(st, out, count);
}

int store_questions_list(struct db *db, long long presentation_id, struct meet_text **out,
                         size_t *count)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id, IFNULL(asker_id, 0), 0, body, kind, created_at"
                                      " FROM meeting_questions WHERE presentation_id = ?1"
                                      " ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, presentation_id);
    return collect_texts(st, out, count);
}

int store_presentations_list(struct db *db, long long meeting_id, struct meet_presentation **out,
                             size_t *count)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id, presenter_id, position, IFNULL(bid_min, 0),"
                                      " airtime_s FROM presentations WHERE meeting_id = ?1"
                                      " ORDER BY position, id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    struct meet_presentation *list = NULL;
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct meet_presentation *grown = realloc(list, (n + 1) * sizeof *grown);
        if (!grown) {
            rc = SQLITE_NOMEM;
            break;
        }
        list = grown;
        list[n].id = sqlite3_column_int64(st, 0);
        list[n].presenter_id = sqlite3_column_int64(st, 1);
        list[n].position = sqlite3_column_int(st, 2);
        list[n].bid_min = sqlite3_column_int(st, 3);
        list[n].airtime_s = sqlite3_column_int64(st, 4);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(list);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}

/* Copies of columns 0 and 1 into the char *[2] ROW: 0, or -1 (with nothing left to free) when
 * either is NULL or cannot be copied. */
static int read_two_texts(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    char **texts = row;
    texts[0] = db_column_dup(st, 0);
    texts[1] = db_column_dup(st, 1);
    if (texts[0] && texts[1])
        return 0;
    free(texts[0]);
    free(texts[1]);
    texts[0] = texts[1] = NULL;
    return -1;
}

int store_review_get(struct db *db, long long meeting_id, char **helped, char **learned_questioning)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT helped, learned_questioning FROM session_reviews"
                                      " WHERE meeting_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    char *texts[2] = {NULL, NULL};
    int rc = db_row_one(st, read_two_texts, texts, NULL);
    if (rc == 0) {
        *helped = texts[0];
        *learned_questioning = texts[1];
    }
    return rc;
}

static int read_attendance(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct programme_attendance *out = row;
    out->planned = sqlite3_column_int(st, 0);
    out->held = sqlite3_column_int(st, 1);
    out->present = sqlite3_column_int(st, 2);
    out->apologies = sqlite3_column_int(st, 3);
    out->absent = sqlite3_column_int(st, 4);
    out->unrecorded = sqlite3_column_int(st, 5);
    return 0;
}

int store_programme_attendance(struct db *db, long long programme_id, const char *now,
                               struct programme_attendance *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(
        db, "WITH pm AS (SELECT m.id, m.ends_at FROM meetings m JOIN sets s ON s.id = m.set_id "
            " JOIN set_plans sp ON sp.id = s.plan_id "
            " WHERE sp.programme_id = ?1 AND m.status <> 'cancelled'), "
            " past AS (SELECT id FROM pm WHERE ends_at < ?2), "
            " recorded AS (SELECT DISTINCT meeting_id AS id FROM meeting_attendance "
            "  WHERE meeting_id IN (SELECT id FROM past)) "
            "SELECT (SELECT count(*) FROM pm), (SELECT count(*) FROM recorded), "
            " coalesce(sum(a.status = 'present'), 0), coalesce(sum(a.status = 'apologies'), 0), "
            " coalesce(sum(a.status = 'absent'), 0), "
            " (SELECT count(*) FROM past) - (SELECT count(*) FROM recorded) "
            "FROM meeting_attendance a JOIN past ON past.id = a.meeting_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, now);
    return db_row_one(st, read_attendance, out, NULL) == 0 ? 0 : -1;
}
