/* Unit tests for the membership history in store/store_sets (migration 0011): the first
 * publishing makes members from the set's beginning, a move closes one stint and opens another,
 * syncing twice changes nothing, nothing is deleted; and what the history answers: the stints
 * the confidentiality rule is given, who may see a meeting's records, a person's meetings and
 * their calendar feed, and the notices kept for them. */
#include "test_support.h"
#include "two_sets_fixture.h"

#include "app/meetings/meeting_access.h"
#include "store/store_sets.h"

#define MOVED_AT "2030-04-01T00:00:00Z"
/* 2030-03-17T17:46:40Z, before the move; then four and eight weeks on, after it. */
#define FIRST_MEETING 1900000000

struct fixture {
    struct two_sets t;
    long long a[3], b[3]; /* the meetings of set A and of set B */
};

static void sql(struct db *db, const char *text)
{
    char *err = NULL;
    if (sqlite3_exec(db_sqlite(db), text, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s", err);
}

static long long count(struct db *db, const char *query)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), query, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void meetings_of(struct db *db, long long prog, long long set, long long out[3])
{
    struct meeting *list;
    size_t n;
    assert_int_equal(store_meetings_list(db, prog, set, &list, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < 3; i++)
        out[i] = list[i].id;
    meetings_free(list, n);
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    two_sets_open(&fx->t);
    int64_t starts[3] = {FIRST_MEETING, FIRST_MEETING + 28 * 86400, FIRST_MEETING + 56 * 86400};
    long long series;
    for (long long set = 1; set <= 2; set++)
        assert_int_equal(store_meeting_series_create(fx->t.db, set, "4w", "UTC", 180, 3, starts, "",
                                                     NULL, &series),
                         0);
    meetings_of(fx->t.db, fx->t.prog, 1, fx->a);
    meetings_of(fx->t.db, fx->t.prog, 2, fx->b);
    /* The plan as published: everyone from the beginning. Then Cal moves from A to B. */
    assert_int_equal(store_membership_sync(fx->t.db, fx->t.prog, "2030-01-01T00:00:00Z"), 0);
    sql(fx->t.db, "UPDATE set_members SET set_id = 2 WHERE set_id = 1 AND person_id = "
                  "(SELECT id FROM people WHERE email = 'a3@x.org')");
    assert_int_equal(store_membership_sync(fx->t.db, fx->t.prog, MOVED_AT), 0);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    db_close(fx->t.db);
    free(fx);
    return 0;
}

static void first_members_join_from_the_beginning_and_a_move_is_two_stints(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx->t.db;
    assert_int_equal(count(db, "SELECT count(*) FROM set_membership"), 5);
    assert_int_equal(count(db, "SELECT count(*) FROM set_membership WHERE joined_at = "
                               "'0000-01-01T00:00:00Z'"),
                     4);
    struct meet_stint st[MEET_STINTS_MAX];
    size_t n;
    int64_t moved;
    assert_int_equal(meet_utc_parse(MOVED_AT, &moved), 0);
    assert_int_equal(store_meet_stints(db, 1, fx->t.a3, st, &n), 0);
    assert_int_equal(n, 1);
    assert_true(st[0].joined == INT64_MIN && st[0].left == moved);
    assert_int_equal(store_meet_stints(db, 2, fx->t.a3, st, &n), 0);
    assert_int_equal(n, 1);
    assert_true(st[0].joined == moved && st[0].left == INT64_MAX);
    /* In step already: syncing again writes nothing, and nothing was ever deleted. */
    assert_int_equal(store_membership_sync(db, fx->t.prog, "2030-05-01T00:00:00Z"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM set_membership"), 5);
    struct store_place *places;
    assert_int_equal(store_places(db, fx->t.prog, &places, &n), 0);
    assert_int_equal(n, 4);
    bool cal_in_b = false;
    for (size_t i = 0; i < n; i++)
        cal_in_b |= places[i].person_id == fx->t.a3 && places[i].set_id == 2;
    assert_true(cal_in_b);
    store_places_free(places, n);
}

static void records_follow_membership_at_the_meetings_time(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx->t.db;
    struct actor cal = app_meet_person(fx->t.a3), dan = app_meet_person(fx->t.b1),
                 ann = app_meet_person(fx->t.a1);
    /* Cal: A's first meeting (a member then), not A's later ones; B's later, not B's first. */
    assert_int_equal(app_meet_may_see(db, &cal, MEET_ITEM_REVIEW, fx->a[0]), 1);
    assert_int_equal(app_meet_may_see(db, &cal, MEET_ITEM_REVIEW, fx->a[1]), 0);
    assert_int_equal(app_meet_may_see(db, &cal, MEET_ITEM_MEETING, fx->a[2]), 0);
    assert_int_equal(app_meet_may_see(db, &cal, MEET_ITEM_REVIEW, fx->b[0]), 0);
    assert_int_equal(app_meet_may_see(db, &cal, MEET_ITEM_REVIEW, fx->b[1]), 1);
    /* Those who stayed keep all of theirs. */
    assert_int_equal(app_meet_may_see(db, &dan, MEET_ITEM_REVIEW, fx->b[0]), 1);
    assert_int_equal(app_meet_may_see(db, &ann, MEET_ITEM_REVIEW, fx->a[2]), 1);
    /* Set-wide records (ground rules) are for anyone who has been a member. */
    sql(db, "INSERT INTO set_ground_rules(id, set_id, position, body) VALUES (7, 2, 1, 'Listen')");
    assert_int_equal(app_meet_may_see(db, &cal, MEET_ITEM_GROUND_RULE, 7), 1);
    assert_int_equal(app_meet_may_see(db, &ann, MEET_ITEM_GROUND_RULE, 7), 0);
}

static void meetings_and_the_feed_follow_membership(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx->t.db;
    struct meeting *ms;
    size_t n;
    /* Cal's meetings: A's first (before the move), then B's two after it. */
    assert_int_equal(store_meetings_for_person(db, fx->t.a3, 0, &ms, &n), 0);
    assert_int_equal(n, 3);
    assert_true(ms[0].id == fx->a[0] && ms[1].id == fx->b[1] && ms[2].id == fx->b[2]);
    meetings_free(ms, n);
    /* The feed adds A's later meetings, cancelled for Cal, one SEQUENCE on; B's first, held
     * before Cal joined, is not there. */
    assert_int_equal(store_meetings_feed(db, fx->t.a3, 0, &ms, &n), 0);
    assert_int_equal(n, 5);
    int cancelled = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(ms[i].id != fx->b[0]);
        bool left_behind = ms[i].id == fx->a[1] || ms[i].id == fx->a[2];
        assert_int_equal(ms[i].cancelled, left_behind);
        assert_int_equal(ms[i].sequence, left_behind ? 1 : 0);
        cancelled += ms[i].cancelled;
    }
    assert_int_equal(cancelled, 2);
    meetings_free(ms, n);
}

static void notices_are_kept_newest_first(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx->t.db;
    assert_int_equal(store_notice_add(db, fx->t.a3, fx->t.prog, "first"), 0);
    assert_int_equal(store_notice_add(db, fx->t.a3, fx->t.prog, "second"), 0);
    struct store_notice *list;
    size_t n;
    assert_int_equal(store_notices_for(db, fx->t.a3, 5, &list, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].body, "second");
    store_notices_free(list, n);
    assert_int_equal(store_notices_for(db, fx->t.a1, 5, &list, &n), 0);
    assert_int_equal(n, 0);
    store_notices_free(list, n);
    assert_int_equal(count(db, "SELECT count(*) FROM member_notices WHERE mailed_at IS NULL"), 2);
}

/* Set A's former members: Cal, who left at MOVED_AT, from then on; before it nobody; someone who
 * comes back is a member again, not a former one. */
static void former_members_are_those_who_left_by_then(void **state)
{
    struct fixture *fx = *state;
    struct db *db = fx->t.db;
    struct store_former_member *f;
    size_t n;
    assert_int_equal(store_set_former_members(db, 1, "2030-01-15T00:00:00Z", &f, &n), 0);
    assert_int_equal(n, 0);
    store_former_members_free(f, n);
    assert_int_equal(store_set_former_members(db, 1, MOVED_AT, &f, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(f[0].person_id, fx->t.a3);
    assert_string_equal(f[0].name, "Cal");
    assert_string_equal(f[0].left_on, "2030-04-01");
    store_former_members_free(f, n);
    assert_int_equal(store_set_former_members(db, 2, NULL, &f, &n), 0);
    assert_int_equal(n, 0); /* Cal joined B; nobody left it */
    store_former_members_free(f, n);
    /* Cal comes back to A in May: a member again, not listed. */
    sql(db, "UPDATE set_members SET set_id = 1 WHERE person_id = "
            "(SELECT id FROM people WHERE email = 'a3@x.org')");
    assert_int_equal(store_membership_sync(db, fx->t.prog, "2030-05-01T00:00:00Z"), 0);
    assert_int_equal(store_set_former_members(db, 1, "2030-05-02T00:00:00Z", &f, &n), 0);
    assert_int_equal(n, 0);
    store_former_members_free(f, n);
    assert_int_equal(store_set_former_members(db, 2, "2030-05-02T00:00:00Z", &f, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(f[0].left_on, "2030-05-01");
    store_former_members_free(f, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            first_members_join_from_the_beginning_and_a_move_is_two_stints, setup, teardown),
        cmocka_unit_test_setup_teardown(records_follow_membership_at_the_meetings_time, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(meetings_and_the_feed_follow_membership, setup, teardown),
        cmocka_unit_test_setup_teardown(notices_are_kept_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(former_members_are_those_who_left_by_then, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
