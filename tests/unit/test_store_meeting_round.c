/* Unit tests for store/store_meeting_round: who a viewer is to a meeting, the check-in roll,
 * actions committed by presenters only, the report back with carrying forward across three
 * meetings, one review per member per meeting, the admin counts, and the confidentiality rule
 * for check-ins and reviews. */
#include "test_support.h"
#include "two_sets_fixture.h"

#include "app/meetings/meeting_access.h"
#include "core/strbuf.h"
#include "engine/meetings/actions.h"
#include "store/store_meeting_round.h"
#include "store/store_meetings.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

/* The two-set store (two_sets_fixture.h) and the meetings made on it. */
struct fixture {
    struct two_sets t;
    long long m[3], mb; /* set A's three meetings, set B's one */
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
    two_sets_open(&fx->t);
    int64_t starts[3] = {1900000000, 1900000000 + 28 * 86400, 1900000000 + 56 * 86400};
    long long series;
    assert_int_equal(store_meeting_series_create(fx->t.db, 1, "4w", "Europe/London", 180, 3, starts,
                                                 "", NULL, &series),
                     0);
    assert_int_equal(store_meeting_series_create(fx->t.db, 2, "4w", "Europe/London", 180, 1, starts,
                                                 "", NULL, &series),
                     0);
    struct meeting *list;
    size_t n;
    assert_int_equal(store_meetings_list(fx->t.db, fx->t.prog, 1, &list, &n), 0);
    assert_int_equal(n, 3);
    for (int i = 0; i < 3; i++)
        fx->m[i] = list[i].id;
    meetings_free(list, n);
    assert_int_equal(store_meetings_list(fx->t.db, fx->t.prog, 2, &list, &n), 0);
    assert_int_equal(n, 1);
    fx->mb = list[0].id;
    meetings_free(list, n);
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

static void roles_come_from_the_set_and_the_meeting(void **state)
{
    struct fixture *fx = *state;
    struct meet_role r;
    assert_int_equal(store_meeting_role(fx->t.db, fx->m[0], fx->t.a1, &r), 0);
    assert_true(r.member && !r.facilitator);
    assert_int_equal(store_meeting_role(fx->t.db, fx->m[0], fx->t.f, &r), 0);
    assert_true(!r.member && r.facilitator);
    assert_int_equal(store_meeting_role(fx->t.db, fx->m[0], fx->t.b1, &r), 0);
    assert_true(!r.member && !r.facilitator);
    assert_int_equal(store_meeting_role(fx->t.db, fx->m[0], 0, &r), 0);
    assert_true(!r.member && !r.facilitator);
    /* Self-facilitation: a2 facilitates meeting 2 only; f still facilitates the set. */
    assert_int_equal(store_meeting_set_facilitator(fx->t.db, fx->m[1], fx->t.a2), 0);
    assert_int_equal(store_meeting_role(fx->t.db, fx->m[1], fx->t.a2, &r), 0);
    assert_true(r.member && r.facilitator);
    assert_int_equal(store_meeting_role(fx->t.db, fx->m[0], fx->t.a2, &r), 0);
    assert_false(r.facilitator);
    assert_int_equal(store_meeting_role(fx->t.db, fx->m[1], fx->t.f, &r), 0);
    assert_true(r.facilitator);
    assert_int_equal(store_meeting_role(fx->t.db, 424242, fx->t.a1, &r), 1);
    /* For the set as a whole: a meeting's facilitator counts; another set's member does not. */
    assert_int_equal(store_set_role(fx->t.db, 1, fx->t.a2, &r), 0);
    assert_true(r.member && r.facilitator);
    assert_int_equal(store_set_role(fx->t.db, 1, fx->t.f, &r), 0);
    assert_true(!r.member && r.facilitator);
    assert_int_equal(store_set_role(fx->t.db, 1, fx->t.b1, &r), 0);
    assert_true(!r.member && !r.facilitator);
    assert_int_equal(store_set_role(fx->t.db, 2, fx->t.b1, &r), 0);
    assert_true(r.member && !r.facilitator);
    assert_int_equal(store_set_role(fx->t.db, 99, fx->t.a1, &r), 1);
}

static void checkin_roll_lists_members_with_attendance_and_lines(void **state)
{
    struct fixture *fx = *state;
    long long id1, id2;
    assert_int_equal(store_checkin_set(fx->t.db, fx->m[0], fx->t.a1, "Tired", &id1), 0);
    assert_int_equal(store_checkin_set(fx->t.db, fx->m[0], fx->t.a1, "Tired but curious", &id2), 0);
    assert_int_equal(id1, id2); /* replaced, not added */
    assert_int_equal(store_checkin_set(fx->t.db, fx->m[0], fx->t.a2, "two\nlines", &id2), -1);
    assert_int_equal(store_checkin_set(fx->t.db, fx->m[0], fx->t.a2, "   ", &id2), -1);
    char longer[MEET_CHECKIN_MAX + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(store_checkin_set(fx->t.db, fx->m[0], fx->t.a2, longer, &id2), -1);
    longer[MEET_CHECKIN_MAX] = '\0';
    assert_int_equal(store_checkin_set(fx->t.db, fx->m[0], fx->t.a2, longer, &id2), 0);
    assert_int_equal(store_attendance_set(fx->t.db, fx->m[0], fx->t.a3, "apologies"), 0);
    assert_int_equal(store_attendance_set(fx->t.db, fx->m[1], fx->t.a1, "absent"), 0);

    struct meet_roll_entry *roll;
    size_t n;
    assert_int_equal(store_meeting_roll(fx->t.db, fx->m[0], &roll, &n), 0);
    assert_int_equal(n, 3); /* members only: not the facilitator */
    assert_int_equal(roll[0].person_id, fx->t.a1);
    assert_string_equal(roll[0].name, "Ann");
    assert_string_equal(roll[0].line, "Tired but curious");
    assert_int_equal(roll[0].checkin_id, id1);
    assert_null(roll[0].status); /* meeting 2's absence is not meeting 1's */
    assert_int_equal(strlen(roll[1].line), MEET_CHECKIN_MAX);
    assert_null(roll[2].line);
    assert_int_equal(roll[2].checkin_id, 0);
    assert_string_equal(roll[2].status, "apologies");
    meet_roll_free(roll, n);
}

static void only_presenters_commit_actions(void **state)
{
    struct fixture *fx = *state;
    long long pres, act;
    assert_int_equal(store_presentation_add(fx->t.db, fx->m[0], fx->t.a1, 0, &pres), 0);
    assert_int_equal(
        store_action_commit(fx->t.db, fx->m[0], fx->t.a2, "Not presenting", NULL, &act), 1);
    assert_int_equal(store_action_commit(fx->t.db, fx->m[0], fx->t.a1, "Call", "2030-02-30", &act),
                     -1);
    assert_int_equal(store_action_commit(fx->t.db, fx->m[0], fx->t.a1, " \n ", NULL, &act), -1);
    assert_int_equal(store_action_commit(fx->t.db, fx->m[0], fx->t.a1, "Call", "", &act), 0);
    struct meet_action_item *list;
    size_t n;
    assert_int_equal(store_actions_made_at(fx->t.db, fx->m[0], &list, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, act);
    assert_null(list[0].due_on); /* "" is no date */
    assert_string_equal(list[0].status, "open");
    assert_string_equal(list[0].owner_name, "Ann");
    assert_string_equal(list[0].set_name, "A");
    assert_int_equal(list[0].made_at, 1900000000);
    meet_action_items_free(list, n);
}

/* The ids of LIST, for comparing whole lists at once. */
static void ids_of(struct meet_action_item *list, size_t n, long long *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = list[i].id;
    meet_action_items_free(list, n);
}

static void actions_are_reported_and_carried_forward_across_meetings(void **state)
{
    struct fixture *fx = *state;
    long long p1, p2, a1_act, a2_act, carried, again;
    assert_int_equal(store_presentation_add(fx->t.db, fx->m[0], fx->t.a1, 0, &p1), 0);
    assert_int_equal(store_presentation_add(fx->t.db, fx->m[0], fx->t.a2, 0, &p2), 0);
    assert_int_equal(store_action_commit(fx->t.db, fx->m[0], fx->t.a1, "Talk to my manager",
                                         "2030-03-20", &a1_act),
                     0);
    assert_int_equal(
        store_action_commit(fx->t.db, fx->m[0], fx->t.a2, "Draft the plan", NULL, &a2_act), 0);
    struct meet_action_item *list;
    size_t n;
    long long ids[4];
    /* Nothing reports back where it was made, or in another set. */
    assert_int_equal(store_actions_to_report(fx->t.db, fx->m[0], &list, &n), 0);
    assert_int_equal(n, 0);
    meet_action_items_free(list, n);
    assert_int_equal(store_actions_to_report(fx->t.db, fx->mb, &list, &n), 0);
    assert_int_equal(n, 0);
    meet_action_items_free(list, n);
    assert_int_equal(store_action_report_back(fx->t.db, a1_act, fx->m[0], MEET_OUTCOME_DONE, "",
                                              false, NULL, &carried),
                     1);
    assert_int_equal(store_action_report_back(fx->t.db, a1_act, fx->mb, MEET_OUTCOME_DONE, "",
                                              false, NULL, &carried),
                     1);

    /* Meeting 2: both open. a1 partly did it and carries it forward; a2 did it. */
    assert_int_equal(store_actions_to_report(fx->t.db, fx->m[1], &list, &n), 0);
    assert_int_equal(n, 2);
    ids_of(list, n, ids);
    assert_int_equal(ids[0], a1_act);
    assert_int_equal(ids[1], a2_act);
    /* Done is not carried; a bad outcome or date is refused; nothing is written by either. */
    assert_int_equal(store_action_report_back(fx->t.db, a2_act, fx->m[1], MEET_OUTCOME_DONE, "",
                                              true, NULL, &carried),
                     2);
    assert_int_equal(
        store_action_report_back(fx->t.db, a2_act, fx->m[1], 7, "", false, NULL, &carried), -1);
    assert_int_equal(store_action_report_back(fx->t.db, a1_act, fx->m[1], MEET_OUTCOME_PARTLY, "",
                                              true, "2030-13-01", &carried),
                     -1);
    assert_int_equal(store_actions_open_of(fx->t.db, fx->t.a2, &list, &n), 0);
    assert_int_equal(n, 1);
    meet_action_items_free(list, n);
    assert_int_equal(store_action_report_back(fx->t.db, a1_act, fx->m[1], MEET_OUTCOME_PARTLY,
                                              "Ask earlier", true, "2030-04-30", &carried),
                     0);
    assert_true(carried > 0);
    assert_int_equal(store_action_report_back(fx->t.db, a1_act, fx->m[1], MEET_OUTCOME_NOT_DONE, "",
                                              true, NULL, &again),
                     2); /* carried forward once */
    assert_int_equal(store_action_report_back(fx->t.db, a2_act, fx->m[1], MEET_OUTCOME_DONE, "Yes",
                                              false, NULL, &again),
                     0);
    assert_int_equal(again, 0);

    /* Meeting 2 still shows both, as reported here, with the carried copy made here. */
    assert_int_equal(store_actions_to_report(fx->t.db, fx->m[1], &list, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].status, "partly");
    assert_string_equal(list[0].learned, "Ask earlier");
    assert_int_equal(list[0].reported_meeting_id, fx->m[1]);
    assert_int_equal(list[0].carried_to, carried);
    assert_string_equal(list[1].status, "done");
    meet_action_items_free(list, n);
    assert_int_equal(store_actions_made_at(fx->t.db, fx->m[1], &list, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, carried);
    assert_int_equal(list[0].carried_from, a1_act);
    assert_int_equal(list[0].owner_id, fx->t.a1);
    assert_string_equal(list[0].body, "Talk to my manager");
    assert_string_equal(list[0].due_on, "2030-04-30");
    assert_string_equal(list[0].status, "open");
    meet_action_items_free(list, n);

    /* Meeting 3: only the carried copy is open; the reported ones are no longer listed. */
    assert_int_equal(store_actions_to_report(fx->t.db, fx->m[2], &list, &n), 0);
    assert_int_equal(n, 1);
    ids_of(list, n, ids);
    assert_int_equal(ids[0], carried);
    assert_int_equal(store_actions_open_of(fx->t.db, fx->t.a1, &list, &n), 0);
    assert_int_equal(n, 1);
    ids_of(list, n, ids);
    assert_int_equal(ids[0], carried);
    assert_int_equal(store_actions_open_of(fx->t.db, fx->t.a2, &list, &n), 0);
    assert_int_equal(n, 0);
    meet_action_items_free(list, n);

    struct meet_round_counts c;
    assert_int_equal(store_meeting_round_counts(fx->t.db, fx->m[1], &c), 0);
    assert_int_equal(c.reported, 2);
    /* A member who leaves the set has nothing to report there any more. */
    char *q = str_printf("DELETE FROM set_members WHERE person_id = %lld", fx->t.a1);
    sql(fx->t.db, q);
    free(q);
    assert_int_equal(store_actions_to_report(fx->t.db, fx->m[2], &list, &n), 0);
    assert_int_equal(n, 0);
    meet_action_items_free(list, n);
}

static void open_actions_come_soonest_due_first(void **state)
{
    struct fixture *fx = *state;
    long long p, late, none, soon;
    assert_int_equal(store_presentation_add(fx->t.db, fx->m[0], fx->t.a1, 0, &p), 0);
    assert_int_equal(store_action_commit(fx->t.db, fx->m[0], fx->t.a1, "Late", "2030-06-01", &late),
                     0);
    assert_int_equal(store_action_commit(fx->t.db, fx->m[0], fx->t.a1, "Whenever", NULL, &none), 0);
    assert_int_equal(store_action_commit(fx->t.db, fx->m[0], fx->t.a1, "Soon", "2030-03-01", &soon),
                     0);
    struct meet_action_item *list;
    size_t n;
    long long ids[3];
    assert_int_equal(store_actions_open_of(fx->t.db, fx->t.a1, &list, &n), 0);
    assert_int_equal(n, 3);
    ids_of(list, n, ids);
    assert_int_equal(ids[0], soon);
    assert_int_equal(ids[1], late);
    assert_int_equal(ids[2], none);
}

static void one_review_per_member_per_meeting(void **state)
{
    struct fixture *fx = *state;
    long long r1, r1b, r2, rf;
    assert_int_equal(store_member_review_set(fx->t.db, fx->m[0], fx->t.a2, "Silence", "", &r2), 0);
    assert_int_equal(store_member_review_set(fx->t.db, fx->m[0], fx->t.a1, "Draft", "x", &r1), 0);
    assert_int_equal(
        store_member_review_set(fx->t.db, fx->m[0], fx->t.a1, "Time to think", "Shorter", &r1b), 0);
    assert_int_equal(r1, r1b);
    assert_int_equal(store_member_review_set(fx->t.db, fx->m[0], fx->t.f, "", "Open ones", &rf), 0);
    assert_int_equal(store_member_review_set(fx->t.db, fx->m[0], fx->t.a3, "", " ", &rf), -1);
    assert_int_equal(store_member_review_set(fx->t.db, fx->m[1], fx->t.a1, "Next time", "", &r1b),
                     0);
    assert_int_not_equal(r1, r1b);
    struct meet_member_review *list;
    size_t n;
    assert_int_equal(store_member_reviews_list(fx->t.db, fx->m[0], &list, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(list[0].name, "Ann");
    assert_string_equal(list[0].helped, "Time to think");
    assert_string_equal(list[0].learned_questioning, "Shorter");
    assert_string_equal(list[1].name, "Bea");
    assert_string_equal(list[2].name, "Fay");
    meet_member_reviews_free(list, n);
    struct meet_round_counts c;
    assert_int_equal(store_meeting_round_counts(fx->t.db, fx->m[0], &c), 0);
    assert_int_equal(c.reviews, 3);
    assert_int_equal(c.checkins, 0);
    /* The set's list: meeting by meeting, then by name; another set's is empty. */
    assert_int_equal(store_set_reviews_list(fx->t.db, 1, &list, &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(list[0].meeting_id, fx->m[0]);
    assert_int_equal(list[0].meeting_at, 1900000000);
    assert_string_equal(list[2].name, "Fay");
    assert_int_equal(list[3].meeting_id, fx->m[1]);
    assert_string_equal(list[3].helped, "Next time");
    meet_member_reviews_free(list, n);
    assert_int_equal(store_set_reviews_list(fx->t.db, 2, &list, &n), 0);
    assert_int_equal(n, 0);
    meet_member_reviews_free(list, n);
}

static void checkins_and_reviews_stay_in_the_set(void **state)
{
    struct fixture *fx = *state;
    long long ci, rv;
    assert_int_equal(store_checkin_set(fx->t.db, fx->m[0], fx->t.a1, "Fine", &ci), 0);
    assert_int_equal(store_member_review_set(fx->t.db, fx->m[0], fx->t.a1, "It helped", "", &rv),
                     0);
    struct {
        struct actor v;
        int want;
    } cases[] = {
        {{0, fx->t.a2, ROLE_PARTICIPANT}, 1}, /* another member of the set */
        {{0, fx->t.f, ROLE_PARTICIPANT}, 1},  /* the set's facilitator */
        {{0, fx->t.b1, ROLE_PARTICIPANT}, 0}, /* a member of another set */
        {{0, fx->t.x, ROLE_ADMIN}, 0},        /* an admin: counts, never content */
        {{0, 0, ROLE_PARTICIPANT}, 0},        /* an account that is no person */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(app_meet_may_see(fx->t.db, &cases[i].v, MEET_ITEM_CHECKIN, ci),
                         cases[i].want);
        assert_int_equal(app_meet_may_see(fx->t.db, &cases[i].v, MEET_ITEM_OWN_REVIEW, rv),
                         cases[i].want);
    }
    struct actor admin = {0, fx->t.x, ROLE_ADMIN};
    assert_int_equal(app_meet_may_see(fx->t.db, &admin, MEET_ITEM_ATTENDANCE, fx->m[0]), 1);
    assert_int_equal(app_meet_may_see(fx->t.db, &admin, MEET_ITEM_CHECKIN, 424242), 0);
    struct actor a2 = {0, fx->t.a2, ROLE_PARTICIPANT};
    assert_int_equal(app_meet_may_see(fx->t.db, &a2, MEET_ITEM_OWN_REVIEW, 424242), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(roles_come_from_the_set_and_the_meeting, setup, teardown),
        cmocka_unit_test_setup_teardown(checkin_roll_lists_members_with_attendance_and_lines, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(only_presenters_commit_actions, setup, teardown),
        cmocka_unit_test_setup_teardown(actions_are_reported_and_carried_forward_across_meetings,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(open_actions_come_soonest_due_first, setup, teardown),
        cmocka_unit_test_setup_teardown(one_review_per_member_per_meeting, setup, teardown),
        cmocka_unit_test_setup_teardown(checkins_and_reviews_stay_in_the_set, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
