/* Unit tests for store/store_meeting_timer: a timer saved mid-run reads back field for field,
 * saving copies airtime into presentations, a corrupt state is an error, not a timer, and
 * clearing forgets it. */
#include "test_support.h"

#include "core/strbuf.h"
#include "store/store_meeting_timer.h"
#include "store/store_meetings.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

struct fixture {
    struct db *db;
    long long meeting, a, b;
};

static void sql(struct db *db, const char *text)
{
    char *err = NULL;
    if (sqlite3_exec(db_sqlite(db), text, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s", err);
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", test_tmpdir());
    char *err = NULL;
    long long prog, set, series;
    assert_int_equal(db_open(path, &fx->db, &err), 0);
    assert_int_equal(store_programme_ensure(fx->db, "P", &prog), 0);
    assert_int_equal(store_person_insert(fx->db, "a@x.org", "a@x.org", NULL, &fx->a), 0);
    assert_int_equal(store_person_insert(fx->db, "b@x.org", "b@x.org", NULL, &fx->b), 0);
    char *q = str_printf(
        "INSERT INTO set_plans (id, programme_id, name, status) VALUES (1, %lld, 'p', 'published');"
        "INSERT INTO sets (id, plan_id, name, position) VALUES (1, 1, 'A', 1);"
        "INSERT INTO set_members VALUES (1, %lld), (1, %lld);",
        prog, fx->a, fx->b);
    sql(fx->db, q);
    free(q);
    assert_int_equal(store_meeting_find_set(fx->db, prog, "A", &set), 0);
    int64_t start = 1900000000;
    assert_int_equal(
        store_meeting_series_create(fx->db, set, "once", "UTC", 120, 1, &start, "", NULL, &series),
        0);
    struct meeting *list;
    size_t n;
    assert_int_equal(store_meetings_list(fx->db, prog, set, &list, &n), 0);
    assert_int_equal(n, 1);
    fx->meeting = list[0].id;
    meetings_free(list, n);
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

static void round_trip_and_airtime(void **state)
{
    struct fixture *fx = *state;
    long long pa, pb;
    assert_int_equal(store_presentation_add(fx->db, fx->meeting, fx->a, 0, &pa), 0);
    assert_int_equal(store_presentation_add(fx->db, fx->meeting, fx->b, 0, &pb), 0);
    struct meet_timer t, back;
    assert_int_equal(store_meeting_timer_get(fx->db, fx->meeting, &back), 1);
    int64_t ids[2] = {fx->a, fx->b};
    assert_int_equal(meet_timer_init(&t, 2, ids, 3600, NULL, NULL), 0);
    assert_int_equal(meet_timer_start(&t, 1000), 0);
    assert_int_equal(meet_timer_next(&t, 1100), 0); /* a presented 100 s */
    assert_int_equal(store_meeting_timer_put(fx->db, fx->meeting, &t, 1130), 0);
    assert_int_equal(store_meeting_timer_get(fx->db, fx->meeting, &back), 0);
    assert_int_equal(back.npresenters, 2);
    assert_int_equal(back.current, t.current);
    assert_int_equal(back.phase, MEET_PHASE_CLARIFY);
    assert_int_equal(back.state, MEET_TIMER_RUNNING);
    assert_int_equal(back.segment_start, 1100);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(back.p[i].person_id, ids[i]);
        assert_int_equal(back.p[i].budget_s, t.p[i].budget_s);
        for (int k = 0; k < MEET_PHASE_COUNT; k++) {
            assert_int_equal(back.p[i].phase_budget_s[k], t.p[i].phase_budget_s[k]);
            assert_int_equal(back.p[i].phase_used_s[k], t.p[i].phase_used_s[k]);
        }
    }
    /* Airtime at the save time: 100 s closed plus 30 s running for a, nothing for b. */
    struct meet_presentation *ps;
    size_t n;
    assert_int_equal(store_presentations_list(fx->db, fx->meeting, &ps, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ps[0].airtime_s, 130);
    assert_int_equal(ps[1].airtime_s, 0);
    free(ps);
    /* Saving again replaces the row. */
    assert_int_equal(meet_timer_pause(&t, 1200), 0);
    assert_int_equal(store_meeting_timer_put(fx->db, fx->meeting, &t, 1200), 0);
    assert_int_equal(store_meeting_timer_get(fx->db, fx->meeting, &back), 0);
    assert_int_equal(back.state, MEET_TIMER_PAUSED);
    assert_int_equal(store_meeting_timer_clear(fx->db, fx->meeting), 0);
    assert_int_equal(store_meeting_timer_get(fx->db, fx->meeting, &back), 1);
}

static void corrupt_state_is_an_error(void **state)
{
    struct fixture *fx = *state;
    struct meet_timer t;
    char *q = str_printf("INSERT INTO meeting_timers (meeting_id, state) VALUES (%lld, '2 5 0 1')",
                         fx->meeting);
    sql(fx->db, q);
    free(q);
    assert_int_equal(store_meeting_timer_get(fx->db, fx->meeting, &t), -1);
    q = str_printf("UPDATE meeting_timers SET state = '1 0 0 1 5 7' WHERE meeting_id = %lld",
                   fx->meeting);
    sql(fx->db, q);
    free(q);
    assert_int_equal(store_meeting_timer_get(fx->db, fx->meeting, &t), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(round_trip_and_airtime, setup, teardown),
        cmocka_unit_test_setup_teardown(corrupt_state_is_an_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
