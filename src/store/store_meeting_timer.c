/* The stored phase timer: the struct is written as a flat list of integers (header, then one
 * group per presenter), read back with strtoll and checked against the engine's limits. */
#include "store/store_meeting_timer.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Fields per presenter: person, budget, phase budgets, phase used. */
#define CLOCK_FIELDS (2 + 2 * MEET_PHASE_COUNT)

static char *serialise(const struct meet_timer *t)
{
    struct strbuf sb = {0};
    sb_printf(&sb, "%d %d %d %d %lld", t->npresenters, t->current, (int)t->phase, (int)t->state,
              (long long)t->segment_start);
    for (int i = 0; i < t->npresenters; i++) {
        const struct meet_presenter_clock *c = &t->p[i];
        sb_printf(&sb, " %lld %lld", (long long)c->person_id, (long long)c->budget_s);
        for (int k = 0; k < MEET_PHASE_COUNT; k++)
            sb_printf(&sb, " %lld", (long long)c->phase_budget_s[k]);
        for (int k = 0; k < MEET_PHASE_COUNT; k++)
            sb_printf(&sb, " %lld", (long long)c->phase_used_s[k]);
    }
    return sb_take(&sb);
}

/* Reads the next integer from *S. 0, or -1 when there is none. */
static int next_int(const char **s, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(*s, &end, 10);
    if (end == *s || errno)
        return -1;
    *s = end;
    return 0;
}

static int parse(const char *s, struct meet_timer *t)
{
    long long h[5];
    for (int i = 0; i < 5; i++)
        if (next_int(&s, &h[i]) != 0)
            return -1;
    if (h[0] < 1 || h[0] > MEET_TIMER_MAX_PRESENTERS || h[1] < 0 || h[1] >= h[0] || h[2] < 0 ||
        h[2] >= MEET_PHASE_COUNT || h[3] < MEET_TIMER_READY || h[3] > MEET_TIMER_DONE)
        return -1;
    t->npresenters = (int)h[0];
    t->current = (int)h[1];
    t->phase = (enum meet_phase)h[2];
    t->state = (enum meet_timer_state)h[3];
    t->segment_start = h[4];
    for (int i = 0; i < t->npresenters; i++) {
        long long v[CLOCK_FIELDS];
        for (int k = 0; k < CLOCK_FIELDS; k++)
            if (next_int(&s, &v[k]) != 0)
                return -1;
        struct meet_presenter_clock *c = &t->p[i];
        c->person_id = v[0];
        c->budget_s = v[1];
        for (int k = 0; k < MEET_PHASE_COUNT; k++) {
            c->phase_budget_s[k] = v[2 + k];
            c->phase_used_s[k] = v[2 + MEET_PHASE_COUNT + k];
        }
    }
    return 0;
}

/* Parses the stored state (column 0) into the struct meet_timer ROW: 0, or -1 when it is
 * missing or does not parse. */
static int read_timer(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    const char *text = (const char *)sqlite3_column_text(st, 0);
    return text && parse(text, row) == 0 ? 0 : -1;
}

int store_meeting_timer_get(struct db *db, long long meeting_id, struct meet_timer *t)
{
    memset(t, 0, sizeof *t);
    sqlite3_stmt *st = db_prepare(db, "SELECT state FROM meeting_timers WHERE meeting_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    return db_row_one(st, read_timer, t, NULL);
}

int store_meeting_timer_put(struct db *db, long long meeting_id, const struct meet_timer *t,
                            int64_t now)
{
    char *text = serialise(t);
    if (!text || db_begin(db) != 0) {
        free(text);
        return -1;
    }
    int rc = -1;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO meeting_timers (meeting_id, state)"
                                      " VALUES (?1, ?2) ON CONFLICT (meeting_id) DO UPDATE SET"
                                      " state = excluded.state,"
                                      " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')");
    if (st) {
        sqlite3_bind_int64(st, 1, meeting_id);
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
        rc = db_exec_stmt(st);
    }
    /* The agenda shows airtime from presentations, so it follows the timer. */
    for (int i = 0; rc == 0 && i < t->npresenters; i++) {
        st = db_prepare(db, "UPDATE presentations SET airtime_s = ?3"
                            " WHERE meeting_id = ?1 AND presenter_id = ?2");
        if (!st) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, meeting_id);
        sqlite3_bind_int64(st, 2, t->p[i].person_id);
        sqlite3_bind_int64(st, 3, meet_timer_airtime(t, i, now));
        rc = db_exec_stmt(st);
    }
    free(text);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db);
}

int store_meeting_timer_clear(struct db *db, long long meeting_id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM meeting_timers WHERE meeting_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    return db_exec_stmt(st);
}
