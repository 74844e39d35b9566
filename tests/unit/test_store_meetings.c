/* Unit tests for store/store_meetings: scheduling, moves and cancels with UID and SEQUENCE,
 * iCalendar parsed back with libical, quorum, actions carried forward across two meetings,
 * feed tokens, and the confidentiality matrix for every record kind. */
#include "test_support.h"

#include <libical/ical.h>

#include "app/meetings/meeting_access.h"
#include "core/strbuf.h"
#include "io/export/ics.h"
#include "store/store_journal.h"
#include "store/store_meetings.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

/* The fixture: programme P with two sets; set A has members a1..a4 and facilitator f; set B
 * has b1; x is an admin who belongs to no set. */
struct fixture {
    struct db *db;
    long long prog, set_a, set_b, a1, a2, a3, a4, b1, f, x;
};

static long long person(struct db *db, const char *email)
{
    long long id;
    assert_int_equal(store_person_insert(db, email, email, NULL, &id), 0);
    return id;
}

static void sql(struct db *db, const char *text)
{
    char *err = NULL;
    int rc = sqlite3_exec(db_sqlite(db), text, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fail_msg("%s", err);
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", test_tmpdir());
    char *err = NULL;
    assert_int_equal(db_open(path, &fx->db, &err), 0);
    assert_int_equal(store_programme_ensure(fx->db, "P", &fx->prog), 0);
    fx->a1 = person(fx->db, "a1@x.org");
    fx->a2 = person(fx->db, "a2@x.org");
    fx->a3 = person(fx->db, "a3@x.org");
    fx->a4 = person(fx->db, "a4@x.org");
    fx->b1 = person(fx->db, "b1@x.org");
    fx->f = person(fx->db, "f@x.org");
    fx->x = person(fx->db, "x@x.org");
    char *q = str_printf(
        "INSERT INTO set_plans (id, programme_id, name, status) VALUES (1, %lld, 'p', 'published');"
        "INSERT INTO sets (id, plan_id, name, position, facilitator_id) VALUES (1, 1, 'A', 1, "
        "%lld),"
        " (2, 1, 'B', 2, NULL);"
        "INSERT INTO set_members VALUES (1, %lld), (1, %lld), (1, %lld), (1, %lld), (2, %lld);",
        fx->prog, fx->f, fx->a1, fx->a2, fx->a3, fx->a4, fx->b1);
    sql(fx->db, q);
    free(q);
    assert_int_equal(store_meeting_find_set(fx->db, fx->prog, "a", &fx->set_a), 0);
    assert_int_equal(store_meeting_find_set(fx->db, fx->prog, "B", &fx->set_b), 0);
    long long none = 0;
    assert_int_equal(store_meeting_find_set(fx->db, fx->prog, "C", &none), 1);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    db_close(fx->db);
    free(fx);
    return 0;
}

/* Schedules N meetings of set SET every 4 weeks from 2026-03-03 10:00 London; returns ids. */
static void schedule(struct fixture *fx, long long set, int n, long long *ids)
{
    struct meet_local first = {2026, 3, 3, 10, 0}, local[MEET_SERIES_MAX];
    struct meet_rule rule = {MEET_EVERY_WEEKS, 4};
    int64_t starts[MEET_SERIES_MAX];
    assert_int_equal(meet_series_local(&first, &rule, n, local), 0);
    for (int i = 0; i < n; i++)
        assert_int_equal(meet_tz_to_utc("Europe/London", &local[i], &starts[i]), 0);
    long long series;
    assert_int_equal(store_meeting_series_create(fx->db, set, "4w", "Europe/London", 180, n, starts,
                                                 "Room 1", NULL, &series),
                     0);
    struct meeting *list;
    size_t count;
    assert_int_equal(store_meetings_list(fx->db, fx->prog, set, &list, &count), 0);
    assert_int_equal(count, (size_t)n);
    for (int i = 0; i < n; i++)
        ids[i] = list[i].id;
    meetings_free(list, count);
}

/* Parses TEXT with libical and returns the SEQUENCE and STATUS of the event with UID. */
static int parse_event(const char *text, const char *uid, int *sequence, int *cancelled,
                       time_t *start)
{
    icalcomponent *cal = icalparser_parse_string(text);
    if (!cal)
        return -1;
    int found = -1;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (strcmp(icalcomponent_get_uid(ev), uid) != 0)
            continue;
        found = 0;
        *sequence = icalcomponent_get_sequence(ev);
        *cancelled = icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED;
        *start = icaltime_as_timet_with_zone(icalcomponent_get_dtstart(ev),
                                             icaltimezone_get_utc_timezone());
    }
    icalcomponent_free(cal);
    return found;
}

static char *ics_of(struct meeting *m)
{
    struct meet_ics_event e = {m->uid,  m->sequence, m->starts_at, m->ends_at,
                               "Set A", m->location, m->link,      m->cancelled};
    return meet_ics_build(&e, 1, NULL, 1700000000);
}

static void move_and_cancel_keep_uid_and_raise_sequence(void **state)
{
    struct fixture *fx = *state;
    long long ids[3];
    schedule(fx, fx->set_a, 3, ids);
    struct meeting m;
    assert_int_equal(store_meeting_get(fx->db, ids[1], &m), 0);
    assert_int_equal(m.sequence, 0);
    assert_int_equal(m.ends_at - m.starts_at, 3 * 3600);
    assert_int_equal(m.facilitator_id, fx->f);
    char *uid = strdup(m.uid);
    char *before = ics_of(&m);
    assert_non_null(strstr(before, "\r\n"));
    int seq, canc;
    time_t start;
    assert_int_equal(parse_event(before, uid, &seq, &canc, &start), 0);
    assert_int_equal(seq, 0);
    assert_false(canc);
    assert_int_equal((int64_t)start, m.starts_at);
    int64_t to = m.starts_at + 86400;
    meeting_free(&m);

    assert_int_equal(store_meeting_move(fx->db, ids[1], to, to + 7200), 0);
    assert_int_equal(store_meeting_get(fx->db, ids[1], &m), 0);
    char *after = ics_of(&m);
    assert_int_equal(parse_event(after, uid, &seq, &canc, &start), 0);
    assert_int_equal(seq, 1);
    assert_int_equal((int64_t)start, to);
    meeting_free(&m);

    assert_int_equal(store_meeting_cancel(fx->db, ids[1]), 0);
    assert_int_equal(store_meeting_cancel(fx->db, ids[1]), 1);
    assert_int_equal(store_meeting_move(fx->db, 9999, to, to + 1), 1);
    assert_int_equal(store_meeting_get(fx->db, ids[1], &m), 0);
    char *cancelled = ics_of(&m);
    assert_int_equal(parse_event(cancelled, uid, &seq, &canc, &start), 0);
    assert_int_equal(seq, 2);
    assert_true(canc);
    meeting_free(&m);

    /* The feed of a member holds all three with their UIDs; b1 sees none. */
    struct meeting *list;
    size_t n;
    assert_int_equal(store_meetings_for_person(fx->db, fx->a1, 0, &list, &n), 0);
    assert_int_equal(n, 3);
    meetings_free(list, n);
    assert_int_equal(store_meetings_for_person(fx->db, fx->f, fx->prog, &list, &n), 0);
    assert_int_equal(n, 3);
    meetings_free(list, n);
    assert_int_equal(store_meetings_for_person(fx->db, fx->b1, 0, &list, &n), 0);
    assert_int_equal(n, 0);
    meetings_free(list, n);
    free(uid);
    free(before);
    free(after);
    free(cancelled);
}

static void quorum_warns_when_apologies_bring_it_under(void **state)
{
    struct fixture *fx = *state;
    long long ids[1];
    schedule(fx, fx->set_a, 1, ids);
    struct meet_quorum q;
    int quorum;
    assert_int_equal(store_meeting_quorum(fx->db, ids[0], &q, &quorum), 0);
    assert_int_equal(quorum, 4);
    assert_true(q.met);
    assert_int_equal(store_attendance_set(fx->db, ids[0], fx->a2, "apologies"), 0);
    assert_int_equal(store_meeting_quorum(fx->db, ids[0], &q, &quorum), 0);
    assert_int_equal(q.expected, 3);
    assert_false(q.met);
    assert_int_equal(store_programme_set_quorum(fx->db, fx->prog, 3), 0);
    assert_int_equal(store_meeting_quorum(fx->db, ids[0], &q, &quorum), 0);
    assert_true(q.met);
    assert_int_equal(store_meeting_quorum(fx->db, 12345, &q, &quorum), 1);
}

static void actions_carry_forward_across_two_meetings(void **state)
{
    struct fixture *fx = *state;
    long long ids[3];
    schedule(fx, fx->set_a, 3, ids);
    long long act1, act2, act3;
    assert_int_equal(
        store_action_add(fx->db, ids[0], fx->a1, "Talk to my manager", "2026-03-20", &act1), 0);
    assert_int_equal(store_action_add(fx->db, ids[0], fx->a2, "Draft the plan", NULL, &act2), 0);
    /* At meeting 1 nothing reports back: the actions were made there. */
    struct meet_action *list;
    size_t n;
    assert_int_equal(store_actions_report_back(fx->db, ids[0], &list, &n), 0);
    assert_int_equal(n, 0);
    meet_actions_free(list, n);
    /* Meeting 2 lists both; a1 did it, a2 carries it forward. */
    assert_int_equal(store_actions_report_back(fx->db, ids[1], &list, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, act1);
    assert_string_equal(list[0].due_on, "2026-03-20");
    assert_null(list[1].due_on);
    meet_actions_free(list, n);
    assert_int_equal(store_action_report(fx->db, act1, ids[1], "done", "Ask earlier"), 0);
    assert_int_equal(store_action_add(fx->db, ids[1], fx->a3, "Map stakeholders", NULL, &act3), 0);
    assert_int_equal(store_actions_report_back(fx->db, ids[1], &list, &n), 0);
    assert_int_equal(n, 2); /* the done one stays visible where it was reported */
    assert_string_equal(list[0].status, "done");
    assert_string_equal(list[0].learned, "Ask earlier");
    meet_actions_free(list, n);
    /* Meeting 3: a2's still-open action and a3's new one; a1's done action is gone. */
    assert_int_equal(store_actions_report_back(fx->db, ids[2], &list, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, act2);
    assert_string_equal(list[0].status, "open");
    assert_int_equal(list[1].id, act3);
    meet_actions_free(list, n);
    assert_int_equal(store_action_report(fx->db, act2, ids[2], "partly", "Half way"), 0);
    assert_int_equal(store_action_report(fx->db, 999, ids[2], "done", ""), 1);
    struct meet_counts c;
    assert_int_equal(store_meeting_counts(fx->db, ids[0], &c), 0);
    assert_int_equal(c.actions, 2);
}

static void feed_tokens_are_hashed_and_replaced(void **state)
{
    struct fixture *fx = *state;
    char *t1, *t2;
    long long who;
    assert_int_equal(store_feed_token_create(fx->db, fx->a1, &t1), 0);
    assert_int_equal(strlen(t1), MEET_FEED_TOKEN_LEN);
    assert_int_equal(store_feed_token_person(fx->db, t1, &who), 0);
    assert_int_equal(who, fx->a1);
    assert_int_equal(store_feed_token_create(fx->db, fx->a1, &t2), 0);
    assert_string_not_equal(t1, t2);
    assert_int_equal(store_feed_token_person(fx->db, t1, &who), 1);
    assert_int_equal(store_feed_token_person(fx->db, t2, &who), 0);
    assert_int_equal(store_feed_token_person(fx->db, "abc", &who), 1);
    /* The token itself is not in the database. */
    sqlite3_stmt *st = db_prepare(fx->db, "SELECT COUNT(*) FROM calendar_tokens"
                                          " WHERE token_hash = CAST(?1 AS BLOB)");
    db_bind_text(st, 1, t2);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_reset(st);
    free(t1);
    free(t2);
}

static void confidentiality_matrix_for_every_record(void **state)
{
    struct fixture *fx = *state;
    long long ids[1];
    schedule(fx, fx->set_a, 1, ids);
    long long m = ids[0], rule, pres, q, act, journal;
    assert_int_equal(store_attendance_set(fx->db, m, fx->a1, "present"), 0);
    assert_int_equal(
        store_ground_rule_add(fx->db, fx->set_a, "What is said here stays here", &rule), 0);
    assert_int_equal(store_presentation_add(fx->db, m, fx->a1, 30, &pres), 0);
    assert_int_equal(store_question_add(fx->db, pres, fx->a2, "What would success look like?", &q),
                     0);
    assert_int_equal(store_question_mark(fx->db, q, "open"), 0);
    assert_int_equal(store_action_add(fx->db, m, fx->a1, "Call her", NULL, &act), 0);
    assert_int_equal(store_review_set(fx->db, m, "Silence", "Shorter questions"), 0);
    assert_int_equal(store_journal_add(fx->db, fx->a1, m, "I felt stuck", &journal), 0);

    struct {
        enum meet_item item;
        long long id;
    } records[] = {
        {MEET_ITEM_MEETING, m},         {MEET_ITEM_ATTENDANCE, m},    {MEET_ITEM_GROUND_RULE, rule},
        {MEET_ITEM_PRESENTATION, pres}, {MEET_ITEM_QUESTION, q},      {MEET_ITEM_ACTION, act},
        {MEET_ITEM_REVIEW, m},          {MEET_ITEM_JOURNAL, journal},
    };
    struct actor viewers[] = {
        {0, fx->a2, ROLE_PARTICIPANT}, /* member (not the journal's owner) */
        {0, fx->b1, ROLE_PARTICIPANT}, /* another set's member */
        {0, fx->f, ROLE_PARTICIPANT},  /* the set's facilitator */
        {0, fx->x, ROLE_ADMIN},        /* an admin */
        {0, fx->a1, ROLE_PARTICIPANT}, /* the journal's owner, also a member */
        {0, 0, ROLE_PARTICIPANT},      /* nobody */
    };
    /* columns follow `records`; rows follow `viewers` */
    static const int expect[6][8] = {
        {1, 1, 1, 1, 1, 1, 1, 0}, {0, 0, 0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 0},
        {1, 1, 0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0, 0, 0},
    };
    for (int v = 0; v < 6; v++)
        for (int r = 0; r < 8; r++) {
            int got = app_meet_may_see(fx->db, &viewers[v], records[r].item, records[r].id);
            if (got != expect[v][r])
                fail_msg("viewer %d record %d: got %d, want %d", v, r, got, expect[v][r]);
        }
    /* The readers return what was stored. */
    struct meet_text *texts;
    size_t nt;
    assert_int_equal(store_questions_list(fx->db, pres, &texts, &nt), 0);
    assert_int_equal(nt, 1);
    assert_string_equal(texts[0].kind, "open");
    assert_int_equal(texts[0].person_id, fx->a2);
    meet_texts_free(texts, nt);
    assert_int_equal(store_ground_rules_list(fx->db, fx->set_a, &texts, &nt), 0);
    assert_int_equal(nt, 1);
    assert_string_equal(texts[0].body, "What is said here stays here");
    meet_texts_free(texts, nt);
    struct journal_entry *js;
    size_t nj;
    assert_int_equal(store_journal_entries(fx->db, fx->a1, &js, &nj), 0);
    assert_int_equal(nj, 1);
    assert_int_equal(js[0].meeting_id, m);
    assert_null(js[0].edited_at);
    journal_entries_free(js, nj);
    assert_int_equal(store_journal_entries(fx->db, fx->a2, &js, &nj), 0);
    assert_int_equal(nj, 0);
    journal_entries_free(js, nj);
    /* Only the writer changes or deletes an entry: for anyone else it does not exist. */
    assert_int_equal(store_journal_edit(fx->db, fx->a2, journal, "hijacked"), 1);
    assert_int_equal(store_journal_delete(fx->db, fx->a2, journal), 1);
    assert_int_equal(store_journal_edit(fx->db, fx->a1, journal, "Less stuck now"), 0);
    assert_int_equal(store_journal_entries(fx->db, fx->a1, &js, &nj), 0);
    assert_int_equal(nj, 1);
    assert_string_equal(js[0].body, "Less stuck now");
    assert_non_null(js[0].edited_at);
    journal_entries_free(js, nj);
    struct meet_presentation *ps;
    size_t np;
    assert_int_equal(store_presentation_set_airtime(fx->db, pres, 1234), 0);
    assert_int_equal(store_presentations_list(fx->db, m, &ps, &np), 0);
    assert_int_equal(np, 1);
    assert_int_equal(ps[0].bid_min, 30);
    assert_int_equal(ps[0].airtime_s, 1234);
    free(ps);
    char *helped, *learned;
    assert_int_equal(store_review_get(fx->db, m, &helped, &learned), 0);
    assert_string_equal(learned, "Shorter questions");
    free(helped);
    free(learned);
    struct meet_counts counts;
    assert_int_equal(store_meeting_counts(fx->db, m, &counts), 0);
    assert_int_equal(counts.questions, 1);
    assert_int_equal(counts.present, 1);

    /* A member made facilitator of this meeting from another set sees it; unknown ids: no. */
    struct actor b1 = {0, fx->b1, ROLE_PARTICIPANT};
    assert_int_equal(store_meeting_set_facilitator(fx->db, m, fx->b1), 0);
    assert_int_equal(app_meet_may_see(fx->db, &b1, MEET_ITEM_QUESTION, q), 1);
    assert_int_equal(app_meet_may_see(fx->db, &b1, MEET_ITEM_JOURNAL, journal), 0);
    assert_int_equal(app_meet_may_see(fx->db, &b1, MEET_ITEM_QUESTION, 424242), 0);
    struct actor admin = {0, fx->x, ROLE_ADMIN};
    assert_int_equal(app_meet_may_see(fx->db, &admin, MEET_ITEM_JOURNAL, 424242), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(move_and_cancel_keep_uid_and_raise_sequence, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(quorum_warns_when_apologies_bring_it_under, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(actions_carry_forward_across_two_meetings, setup, teardown),
        cmocka_unit_test_setup_teardown(feed_tokens_are_hashed_and_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(confidentiality_matrix_for_every_record, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
