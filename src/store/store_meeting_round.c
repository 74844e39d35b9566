/* The check-in, actions, report-back and review rounds of a meeting (store_meeting_round.h). */
#include "store/store_meeting_round.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "engine/meetings/actions.h"
#include "store/db_rows.h"
#include "store/store_meetings.h"
#include "store/store_sets.h"

/* Whether the person is a member and a facilitator (columns 0 and 1) into the struct meet_role
 * ROW; CTX points to the person's id, and nobody (id 0 or less) has a role. 0. */
static int read_role(sqlite3_stmt *st, void *row, void *ctx)
{
    struct meet_role *role = row;
    if (*(const long long *)ctx > 0) {
        role->member = sqlite3_column_int(st, 0);
        role->facilitator = sqlite3_column_int(st, 1);
    }
    return 0;
}

int store_meeting_role(struct db *db, long long meeting_id, long long person_id,
                       struct meet_role *role)
{
    memset(role, 0, sizeof *role);
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " STORE_MEMBER_AT(
                "m.set_id", "?2",
                "m.starts_at") ","
                               " EXISTS (SELECT 1 FROM sets WHERE id = m.set_id AND facilitator_id "
                               "= ?2)"
                               " OR m.facilitator_id = ?2 FROM meetings m WHERE m.id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, person_id);
    return db_row_one(st, read_role, role, &person_id);
}

int store_set_role(struct db *db, long long set_id, long long person_id, struct meet_role *role)
{
    memset(role, 0, sizeof *role);
    sqlite3_stmt *st = db_prepare(
        db, "SELECT EXISTS (SELECT 1 FROM set_members WHERE set_id = s.id AND person_id = ?2),"
            " s.facilitator_id = ?2 OR EXISTS (SELECT 1 FROM meetings WHERE set_id = s.id"
            "  AND facilitator_id = ?2) FROM sets s WHERE s.id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    sqlite3_bind_int64(st, 2, person_id);
    return db_row_one(st, read_role, role, &person_id);
}

/* --- Check-in ----------------------------------------------------------------------------- */

void meet_roll_free(struct meet_roll_entry *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].name);
        free(list[i].status);
        free(list[i].line);
    }
    free(list);
}

static int read_roll(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct meet_roll_entry *e = row;
    e->person_id = sqlite3_column_int64(st, 0);
    e->name = db_column_dup(st, 1);
    e->status = db_column_dup(st, 2);
    e->checkin_id = sqlite3_column_int64(st, 3);
    e->line = db_column_dup(st, 4);
    e->has_account = sqlite3_column_int(st, 5) != 0;
    if (!e->name || (sqlite3_column_type(st, 2) != SQLITE_NULL && !e->status) ||
        (sqlite3_column_type(st, 4) != SQLITE_NULL && !e->line))
        return -1;
    return 0;
}

int store_meeting_roll(struct db *db, long long meeting_id, struct meet_roll_entry **out,
                       size_t *count)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT p.id, p.name, att.status, IFNULL(c.id, 0), c.line,"
            " EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id AND u.disabled_at IS NULL)"
            " FROM meetings m"
            " JOIN people p ON p.id IN (SELECT h.person_id FROM set_membership h"
            "  WHERE h.set_id = m.set_id AND h.joined_at <= m.starts_at"
            "  AND (h.left_at IS NULL OR m.starts_at < h.left_at)"
            "  UNION SELECT sm.person_id FROM set_members sm WHERE sm.set_id = m.set_id"
            "  AND NOT EXISTS (SELECT 1 FROM set_membership h WHERE h.set_id = m.set_id))"
            " LEFT JOIN meeting_attendance att ON att.meeting_id = m.id AND att.person_id = p.id"
            " LEFT JOIN meeting_checkins c ON c.meeting_id = m.id AND c.person_id = p.id"
            " WHERE m.id = ?1 ORDER BY p.name, p.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_roll, NULL, &rows);
    if (rc != 0) {
        meet_roll_free(rows.items, rows.count);
        rows.items = NULL;
        rows.count = 0;
    }
    *out = rows.items;
    *count = rows.count;
    return rc;
}

int store_checkin_set(struct db *db, long long meeting_id, long long person_id, const char *line,
                      long long *id)
{
    if (!meet_line_ok(line, MEET_CHECKIN_MAX))
        return -1;
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO meeting_checkins (meeting_id, person_id, line) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (meeting_id, person_id) DO UPDATE SET line = excluded.line,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') RETURNING id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, person_id);
    db_bind_text(st, 3, line);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && id)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* --- Actions ------------------------------------------------------------------------------ */

void meet_action_items_free(struct meet_action_item *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].body);
        free(list[i].due_on);
        free(list[i].status);
        free(list[i].learned);
        free(list[i].owner_name);
        free(list[i].set_name);
        free(list[i].tzid);
    }
    free(list);
}

/* The columns read_action reads; M is the meeting the action was made at, A the action. */
#define ACTION_COLUMNS                                                                             \
    "SELECT a.id, a.owner_id, a.meeting_id, IFNULL(a.reported_meeting_id, 0),"                     \
    " IFNULL(a.carried_from, 0),"                                                                  \
    " IFNULL((SELECT MIN(c.id) FROM meeting_actions c WHERE c.carried_from = a.id), 0),"           \
    " CAST(strftime('%s', m.starts_at) AS INTEGER), a.body, a.due_on, a.status, a.learned,"        \
    " p.name, s.name, m.tzid"
#define ACTION_NAMES " JOIN people p ON p.id = a.owner_id JOIN sets s ON s.id = m.set_id"

static int read_action(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct meet_action_item *a = row;
    a->id = sqlite3_column_int64(st, 0);
    a->owner_id = sqlite3_column_int64(st, 1);
    a->meeting_id = sqlite3_column_int64(st, 2);
    a->reported_meeting_id = sqlite3_column_int64(st, 3);
    a->carried_from = sqlite3_column_int64(st, 4);
    a->carried_to = sqlite3_column_int64(st, 5);
    a->made_at = sqlite3_column_int64(st, 6);
    a->body = db_column_dup(st, 7);
    a->due_on = db_column_dup(st, 8);
    a->status = db_column_dup(st, 9);
    a->learned = db_column_dup(st, 10);
    a->owner_name = db_column_dup(st, 11);
    a->set_name = db_column_dup(st, 12);
    a->tzid = db_column_dup(st, 13);
    if (!a->body || !a->status || !a->learned || !a->owner_name || !a->set_name || !a->tzid ||
        (sqlite3_column_type(st, 8) != SQLITE_NULL && !a->due_on))
        return -1;
    return 0;
}

static int collect_actions(sqlite3_stmt *st, struct meet_action_item **out, size_t *count)
{
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_action, NULL, &rows);
    if (rc != 0) {
        meet_action_items_free(rows.items, rows.count);
        rows.items = NULL;
        rows.count = 0;
    }
    *out = rows.items;
    *count = rows.count;
    return rc;
}

int store_actions_made_at(struct db *db, long long meeting_id, struct meet_action_item **out,
                          size_t *count)
{
    sqlite3_stmt *st =
        db_prepare(db, ACTION_COLUMNS " FROM meeting_actions a"
                                      " JOIN meetings m ON m.id = a.meeting_id" ACTION_NAMES
                                      " WHERE a.meeting_id = ?1"
                                      " ORDER BY p.name, a.owner_id, a.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    return collect_actions(st, out, count);
}

int store_actions_to_report(struct db *db, long long meeting_id, struct meet_action_item **out,
                            size_t *count)
{
    /* The same rule as store_actions_report_back: earlier by start time, current members. */
    sqlite3_stmt *st =
        db_prepare(db, ACTION_COLUMNS " FROM meetings cur JOIN meetings m ON m.set_id = cur.set_id"
                                      "  AND m.starts_at < cur.starts_at"
                                      " JOIN meeting_actions a ON a.meeting_id = m.id"
                                      " JOIN set_members sm ON sm.set_id = cur.set_id"
                                      "  AND sm.person_id = a.owner_id" ACTION_NAMES
                                      " WHERE cur.id = ?1 AND (a.status = 'open'"
                                      "  OR a.reported_meeting_id = cur.id)"
                                      " ORDER BY p.name, a.owner_id, m.starts_at, a.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    return collect_actions(st, out, count);
}

int store_actions_open_of(struct db *db, long long person_id, struct meet_action_item **out,
                          size_t *count)
{
    sqlite3_stmt *st =
        db_prepare(db, ACTION_COLUMNS " FROM meeting_actions a"
                                      " JOIN meetings m ON m.id = a.meeting_id" ACTION_NAMES
                                      " WHERE a.owner_id = ?1"
                                      " AND a.status = 'open'"
                                      " ORDER BY a.due_on IS NULL, a.due_on,"
                                      " m.starts_at, a.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, person_id);
    return collect_actions(st, out, count);
}

static bool body_ok(const char *s)
{
    return s && *s && strlen(s) <= MEET_TEXT_MAX && strspn(s, " \t\r\n") < strlen(s);
}

/* Inserts an open action, continuing CARRIED_FROM (0: none). */
static int insert_action(struct db *db, long long meeting_id, long long owner_id, const char *body,
                         const char *due_on, long long carried_from, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO meeting_actions (meeting_id, owner_id, body,"
                                      " due_on, carried_from) VALUES (?1, ?2, ?3, ?4,"
                                      " NULLIF(?5, 0))");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, owner_id);
    db_bind_text(st, 3, body);
    db_bind_text(st, 4, due_on && *due_on ? due_on : NULL);
    sqlite3_bind_int64(st, 5, carried_from);
    if (db_exec_stmt(st))
        return -1;
    if (id)
        *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

int store_action_commit(struct db *db, long long meeting_id, long long person_id, const char *body,
                        const char *due_on, long long *id)
{
    if (!body_ok(body) || (due_on && *due_on && !date_valid(due_on)))
        return -1;
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM presentations WHERE meeting_id = ?1"
                                      " AND presenter_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, person_id);
    int rc = db_row_one(st, NULL, NULL, NULL);
    if (rc != 0)
        return rc;
    return insert_action(db, meeting_id, person_id, body, due_on, 0, id);
}

struct round_action {
    long long owner;
    char *body;
    bool carried;
};

/* An action's owner, text and whether it was carried forward into the struct round_action
 * ROW. 0, or -1 when the text cannot be copied. */
static int read_round_action(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct round_action *a = row;
    a->owner = sqlite3_column_int64(st, 0);
    a->body = db_column_dup(st, 1);
    a->carried = sqlite3_column_int(st, 2);
    return a->body ? 0 : -1;
}

/* Looks action ID up in MEETING_ID's report-back round: 0 with its owner, text and whether it
 * was carried forward already; 1 when it is not in the round; -1. */
static int in_round(struct db *db, long long id, long long meeting_id, long long *owner,
                    char **body, bool *carried)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT a.owner_id, a.body,"
            " EXISTS (SELECT 1 FROM meeting_actions c WHERE c.carried_from = a.id)"
            " FROM meetings cur JOIN meetings m ON m.set_id = cur.set_id"
            "  AND m.starts_at < cur.starts_at"
            " JOIN meeting_actions a ON a.meeting_id = m.id"
            " JOIN set_members sm ON sm.set_id = cur.set_id AND sm.person_id = a.owner_id"
            " WHERE cur.id = ?1 AND a.id = ?2"
            "  AND (a.status = 'open' OR a.reported_meeting_id = cur.id)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, id);
    struct round_action a = {0};
    int rc = db_row_one(st, read_round_action, &a, NULL);
    if (rc == 0 || a.body) {
        *owner = a.owner;
        *body = a.body;
        *carried = a.carried;
    }
    return rc;
}

int store_action_report_back(struct db *db, long long id, long long meeting_id, int outcome,
                             const char *learned, bool carry, const char *due_on, long long *new_id)
{
    if (new_id)
        *new_id = 0;
    if (meet_outcome_parse(meet_outcome_name(outcome)) < 0 || !learned ||
        strlen(learned) > MEET_TEXT_MAX || (due_on && *due_on && !date_valid(due_on)))
        return -1;
    if (db_begin(db))
        return -1;
    long long owner = 0;
    char *body = NULL;
    bool carried = false;
    int rc = in_round(db, id, meeting_id, &owner, &body, &carried);
    if (rc != 0)
        goto out;
    if (carry && (!meet_outcome_may_carry(outcome) || carried)) {
        rc = 2;
        goto out;
    }
    rc = store_action_report(db, id, meeting_id, meet_outcome_name(outcome), learned);
    if (rc == 0 && carry)
        rc = insert_action(db, meeting_id, owner, body, due_on, id, new_id);
    if (rc == 0)
        rc = db_commit(db);
out:
    if (rc != 0)
        db_rollback(db);
    free(body);
    return rc;
}

/* --- Reviews ------------------------------------------------------------------------------ */

void meet_member_reviews_free(struct meet_member_review *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].name);
        free(list[i].helped);
        free(list[i].learned_questioning);
        free(list[i].updated_at);
        free(list[i].meeting_tz);
    }
    free(list);
}

int store_member_review_set(struct db *db, long long meeting_id, long long person_id,
                            const char *helped, const char *learned_questioning, long long *id)
{
    if (!helped || !learned_questioning || strlen(helped) > MEET_TEXT_MAX ||
        strlen(learned_questioning) > MEET_TEXT_MAX ||
        (!body_ok(helped) && !body_ok(learned_questioning)))
        return -1;
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO member_reviews (meeting_id, person_id, helped, learned_questioning)"
            " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (meeting_id, person_id) DO UPDATE SET"
            " helped = excluded.helped, learned_questioning = excluded.learned_questioning,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') RETURNING id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, person_id);
    db_bind_text(st, 3, helped);
    db_bind_text(st, 4, learned_questioning);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && id)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

#define REVIEW_COLUMNS                                                                             \
    "SELECT v.id, v.person_id, p.name, v.helped, v.learned_questioning, v.updated_at,"             \
    " v.meeting_id, CAST(strftime('%s', m.starts_at) AS INTEGER), m.tzid FROM member_reviews v"    \
    " JOIN people p ON p.id = v.person_id JOIN meetings m ON m.id = v.meeting_id"

static int read_review(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct meet_member_review *v = row;
    v->id = sqlite3_column_int64(st, 0);
    v->person_id = sqlite3_column_int64(st, 1);
    v->name = db_column_dup(st, 2);
    v->helped = db_column_dup(st, 3);
    v->learned_questioning = db_column_dup(st, 4);
    v->updated_at = db_column_dup(st, 5);
    v->meeting_id = sqlite3_column_int64(st, 6);
    v->meeting_at = sqlite3_column_int64(st, 7);
    v->meeting_tz = db_column_dup(st, 8);
    return v->name && v->helped && v->learned_questioning && v->updated_at && v->meeting_tz ? 0
                                                                                            : -1;
}

static int collect_reviews(sqlite3_stmt *st, struct meet_member_review **out, size_t *count)
{
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_review, NULL, &rows);
    if (rc != 0) {
        meet_member_reviews_free(rows.items, rows.count);
        rows.items = NULL;
        rows.count = 0;
    }
    *out = rows.items;
    *count = rows.count;
    return rc;
}

int store_member_reviews_list(struct db *db, long long meeting_id, struct meet_member_review **out,
                              size_t *count)
{
    sqlite3_stmt *st =
        db_prepare(db, REVIEW_COLUMNS " WHERE v.meeting_id = ?1 ORDER BY p.name, v.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    return collect_reviews(st, out, count);
}

int store_set_reviews_list(struct db *db, long long set_id, struct meet_member_review **out,
                           size_t *count)
{
    sqlite3_stmt *st = db_prepare(db, REVIEW_COLUMNS
                                  " WHERE m.set_id = ?1 ORDER BY m.starts_at, m.id, p.name, v.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, set_id);
    return collect_reviews(st, out, count);
}

static int read_round_counts(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct meet_round_counts *out = row;
    out->checkins = sqlite3_column_int(st, 0);
    out->reviews = sqlite3_column_int(st, 1);
    out->reported = sqlite3_column_int(st, 2);
    return 0;
}

int store_meeting_round_counts(struct db *db, long long meeting_id, struct meet_round_counts *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        db_prepare(db, "SELECT (SELECT COUNT(*) FROM meeting_checkins WHERE meeting_id = ?1),"
                       " (SELECT COUNT(*) FROM member_reviews WHERE meeting_id = ?1),"
                       " (SELECT COUNT(*) FROM meeting_actions WHERE reported_meeting_id = ?1)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting_id);
    return db_row_one(st, read_round_counts, out, NULL) == 0 ? 0 : -1;
}
