/* Unit tests for app/meetings/meeting_records: who may write which record of a meeting's rounds.
 * The same calls with different actors (the member themselves, another member, the set's
 * facilitator, an admin, a member of another set, an account that is no person) on a small
 * store, asserting the status and, for refusals of bad input, the 400/422 distinction. */
#include "test_support.h"
#include "two_sets_fixture.h"

#include "app/meetings/meeting_access.h"
#include "app/meetings/meeting_records.h"
#include "core/strbuf.h"
#include "store/store_meeting_round.h"
#include "store/store_meetings.h"
#include "store/store_people.h"

/* The two-set store (two_sets_fixture.h) and the meetings made on it. */
struct fixture {
    struct two_sets t;
    long long m[2]; /* set A's first two meetings */
    struct actor member, mate, facilitator, admin, outsider, nobody;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    two_sets_open(&fx->t);
    int64_t starts[2] = {1900000000, 1900000000 + 28 * 86400};
    long long series;
    assert_int_equal(store_meeting_series_create(fx->t.db, 1, "4w", "Europe/London", 180, 2, starts,
                                                 "", NULL, &series),
                     0);
    struct meeting *list;
    size_t n;
    assert_int_equal(store_meetings_list(fx->t.db, fx->t.prog, 1, &list, &n), 0);
    assert_int_equal(n, 2);
    fx->m[0] = list[0].id;
    fx->m[1] = list[1].id;
    meetings_free(list, n);
    fx->member = (struct actor){1, fx->t.a1, ROLE_PARTICIPANT};
    fx->mate = (struct actor){2, fx->t.a2, ROLE_PARTICIPANT};
    fx->facilitator = (struct actor){3, fx->t.f, ROLE_FACILITATOR};
    fx->admin = (struct actor){4, fx->t.x, ROLE_ADMIN};
    fx->outsider = (struct actor){5, fx->t.b1, ROLE_PARTICIPANT};
    fx->nobody = (struct actor){6, 0, ROLE_PARTICIPANT};
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

static const char *attendance_of(struct fixture *fx, long long mid, long long who)
{
    static char out[16];
    struct meet_roll_entry *roll;
    size_t n;
    out[0] = '\0';
    assert_int_equal(store_meeting_roll(fx->t.db, mid, &roll, &n), 0);
    for (size_t i = 0; i < n; i++)
        if (roll[i].person_id == who && roll[i].status)
            str_copy(out, roll[i].status, sizeof out);
    meet_roll_free(roll, n);
    return out;
}

static void checkin_is_the_members_own_or_the_facilitators(void **state)
{
    struct fixture *fx = *state;
    struct meeting_records_reply rep;
    long long m = fx->m[0];
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->member, m, 0, "present", "Fine", &rep),
                     STATUS_OK);
    assert_null(rep.msg);
    assert_string_equal(attendance_of(fx, m, fx->t.a1), "present");
    /* Another member may not write a1's check-in; the facilitator may, and may mark absence. */
    assert_int_equal(
        meeting_records_checkin(fx->t.db, &fx->mate, m, fx->t.a1, "apologies", NULL, &rep),
        STATUS_FORBIDDEN);
    assert_string_equal(rep.msg, "Only the facilitator records the check-in of others.");
    assert_int_equal(
        meeting_records_checkin(fx->t.db, &fx->facilitator, m, fx->t.a1, "absent", NULL, &rep),
        STATUS_OK);
    assert_string_equal(attendance_of(fx, m, fx->t.a1), "absent");
    /* Admins and other sets' members see no content: as for a missing meeting. */
    assert_int_equal(
        meeting_records_checkin(fx->t.db, &fx->admin, m, fx->t.a1, "present", NULL, &rep),
        STATUS_NOT_FOUND);
    assert_string_equal(rep.msg, "There is no such meeting record.");
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->outsider, m, 0, "present", NULL, &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->nobody, m, 0, "present", NULL, &rep),
                     STATUS_NOT_FOUND);
    /* Bad input: malformed (400) or against a rule (422). */
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->member, m, 0, "absent", NULL, &rep),
                     STATUS_INVALID);
    assert_true(rep.malformed);
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->member, m, 0, NULL, "", &rep),
                     STATUS_INVALID);
    assert_true(rep.malformed);
    assert_string_equal(rep.msg, "Say who is here, or write a check-in line.");
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->member, m, 0, NULL, "two\nlines", &rep),
                     STATUS_INVALID);
    assert_false(rep.malformed);
    assert_int_equal(
        meeting_records_checkin(fx->t.db, &fx->facilitator, m, fx->t.b1, "present", NULL, &rep),
        STATUS_INVALID);
    assert_false(rep.malformed);
    assert_string_equal(rep.msg, "Choose a member of this set.");
    assert_string_equal(attendance_of(fx, m, fx->t.a1), "absent");
}

static void presenters_and_their_actions(void **state)
{
    struct fixture *fx = *state;
    struct meeting_records_reply rep;
    long long m = fx->m[0], p1, p2, act;
    /* Anyone who sees the content puts a member of the set on the agenda, not an outsider. */
    assert_int_equal(
        meeting_records_presenter_add(fx->t.db, &fx->member, m, fx->t.a1, 0, &p1, &rep), STATUS_OK);
    assert_int_equal(meeting_records_presenter_add(fx->t.db, &fx->admin, m, fx->t.a2, 0, &p2, &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_presenter_add(fx->t.db, &fx->mate, m, fx->t.b1, 0, &p2, &rep),
                     STATUS_INVALID);
    assert_int_equal(
        meeting_records_presenter_add(fx->t.db, &fx->mate, m, fx->t.a2, 601, &p2, &rep),
        STATUS_INVALID);
    assert_int_equal(meeting_records_presenter_add(fx->t.db, &fx->mate, m, fx->t.a1, 0, &p2, &rep),
                     STATUS_INVALID); /* presenting already */
    assert_int_equal(
        meeting_records_presenter_add(fx->t.db, &fx->facilitator, m, fx->t.a2, 20, &p2, &rep),
        STATUS_OK);
    /* The action is the presenter's own: the presenter or the facilitator records it. */
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->mate, m, p1, "Not mine", NULL, &act, &rep),
        STATUS_FORBIDDEN);
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->admin, m, p1, "Call", NULL, &act, &rep),
        STATUS_NOT_FOUND);
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->outsider, m, p1, "Call", NULL, &act, &rep),
        STATUS_NOT_FOUND);
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->member, m, p1, "Call", "2030-02-30", &act, &rep),
        STATUS_INVALID);
    assert_true(rep.malformed);
    assert_string_equal(rep.msg, "Give the due date as YYYY-MM-DD.");
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->member, m, 424242, "Call", NULL, &act, &rep),
        STATUS_NOT_FOUND); /* a presentation of no meeting here */
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->member, m, p1, "Call her", NULL, &act, &rep),
        STATUS_OK);
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->facilitator, m, p2, "Draft", NULL, &act, &rep),
        STATUS_OK);
    struct meet_action_item *list;
    size_t n;
    assert_int_equal(store_actions_made_at(fx->t.db, m, &list, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].owner_id, fx->t.a1);
    assert_int_equal(list[1].owner_id, fx->t.a2);
    meet_action_items_free(list, n);
}

static void report_back_by_the_owner_or_the_facilitator(void **state)
{
    struct fixture *fx = *state;
    struct meeting_records_reply rep;
    long long p1, act, new_id;
    assert_int_equal(
        meeting_records_presenter_add(fx->t.db, &fx->member, fx->m[0], fx->t.a1, 0, &p1, &rep),
        STATUS_OK);
    assert_int_equal(
        meeting_records_action_add(fx->t.db, &fx->member, fx->m[0], p1, "Call", NULL, &act, &rep),
        STATUS_OK);
    long long m = fx->m[1];
    assert_int_equal(meeting_records_action_report(fx->t.db, &fx->mate, m, act, "done", "", false,
                                                   NULL, &new_id, &rep),
                     STATUS_FORBIDDEN);
    assert_int_equal(meeting_records_action_report(fx->t.db, &fx->admin, m, act, "done", "", false,
                                                   NULL, &new_id, &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_action_report(fx->t.db, &fx->outsider, m, act, "done", "",
                                                   false, NULL, &new_id, &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_action_report(fx->t.db, &fx->member, m, act, "maybe", "",
                                                   false, NULL, &new_id, &rep),
                     STATUS_INVALID);
    assert_true(rep.malformed);
    /* Reported at the meeting it was made at: not in that meeting's report-back round. */
    assert_int_equal(meeting_records_action_report(fx->t.db, &fx->member, fx->m[0], act, "done", "",
                                                   false, NULL, &new_id, &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_action_report(fx->t.db, &fx->member, m, act, "done", "Asked",
                                                   true, NULL, &new_id, &rep),
                     STATUS_INVALID); /* a done action is not carried forward */
    assert_false(rep.malformed);
    assert_int_equal(meeting_records_action_report(fx->t.db, &fx->facilitator, m, act, "partly",
                                                   "Half", true, "2030-05-01", &new_id, &rep),
                     STATUS_OK);
    assert_true(new_id > 0);
}

static void reviews_are_the_members_and_the_facilitators(void **state)
{
    struct fixture *fx = *state;
    struct meeting_records_reply rep;
    long long m = fx->m[0];
    assert_int_equal(meeting_records_review(fx->t.db, &fx->member, m, "Silence", "", &rep),
                     STATUS_OK);
    assert_int_equal(meeting_records_review(fx->t.db, &fx->mate, m, "", "Shorter", &rep),
                     STATUS_OK);
    assert_int_equal(meeting_records_review(fx->t.db, &fx->facilitator, m, "Pace", "", &rep),
                     STATUS_OK);
    assert_int_equal(meeting_records_review(fx->t.db, &fx->admin, m, "x", "", &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_review(fx->t.db, &fx->outsider, m, "x", "", &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_review(fx->t.db, &fx->member, m, "", NULL, &rep),
                     STATUS_INVALID);
    assert_true(rep.malformed);
    struct meet_member_review *list;
    size_t n;
    assert_int_equal(store_member_reviews_list(fx->t.db, m, &list, &n), 0);
    assert_int_equal(n, 3);
    meet_member_reviews_free(list, n);
}

static void checkin_line_marks_its_writer_present(void **state)
{
    struct fixture *fx = *state;
    struct meeting_records_reply rep;
    long long m = fx->m[0];
    assert_string_equal(attendance_of(fx, m, fx->t.a1), "");
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->member, m, 0, NULL, "Here", &rep),
                     STATUS_OK);
    assert_string_equal(attendance_of(fx, m, fx->t.a1), "present");
    /* The facilitator's line for a member marks that member, not the facilitator. */
    assert_int_equal(
        meeting_records_checkin(fx->t.db, &fx->facilitator, m, fx->t.a2, NULL, "Late", &rep),
        STATUS_OK);
    assert_string_equal(attendance_of(fx, m, fx->t.a2), "present");
    /* A line sent with apologies keeps the apologies. */
    assert_int_equal(meeting_records_checkin(fx->t.db, &fx->mate, m, 0, "apologies", "Sorry", &rep),
                     STATUS_OK);
    assert_string_equal(attendance_of(fx, m, fx->t.a2), "apologies");
}

/* The asker of the only question of presentation PID. */
static long long asker_of(struct fixture *fx, long long pid, const char *body)
{
    struct meet_text *qs;
    size_t n;
    long long who = -1;
    assert_int_equal(store_questions_list(fx->t.db, pid, &qs, &n), 0);
    for (size_t i = 0; i < n; i++)
        if (strcmp(qs[i].body, body) == 0)
            who = qs[i].person_id;
    meet_texts_free(qs, n);
    return who;
}

static void the_typist_chooses_who_asked(void **state)
{
    struct fixture *fx = *state;
    struct meeting_records_reply rep;
    long long m = fx->m[0], pid, id;
    assert_int_equal(
        meeting_records_presenter_add(fx->t.db, &fx->member, m, fx->t.a1, 0, &pid, &rep),
        STATUS_OK);
    assert_int_equal(meeting_records_question_add(fx->t.db, &fx->facilitator, m, pid, fx->t.a2,
                                                  "Why now?", &id, &rep),
                     STATUS_OK);
    assert_int_equal(asker_of(fx, pid, "Why now?"), fx->t.a2);
    assert_int_equal(
        meeting_records_question_add(fx->t.db, &fx->facilitator, m, pid, 0, "Mine", &id, &rep),
        STATUS_OK);
    assert_int_equal(asker_of(fx, pid, "Mine"), fx->t.f);
    /* Someone of another set, or of no set, cannot be named as the asker. */
    assert_int_equal(
        meeting_records_question_add(fx->t.db, &fx->member, m, pid, fx->t.b1, "B?", &id, &rep),
        STATUS_INVALID);
    assert_false(rep.malformed);
    assert_int_equal(asker_of(fx, pid, "B?"), -1);
    assert_int_equal(
        meeting_records_question_add(fx->t.db, &fx->member, m, pid, fx->t.x, "X?", &id, &rep),
        STATUS_INVALID);
    /* Outsiders and admins do not reach the log; a presentation of another meeting is missing. */
    assert_int_equal(
        meeting_records_question_add(fx->t.db, &fx->outsider, m, pid, 0, "O?", &id, &rep),
        STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_question_add(fx->t.db, &fx->admin, m, pid, 0, "A?", &id, &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_question_add(fx->t.db, &fx->member, fx->m[1], pid, 0,
                                                  "Elsewhere?", &id, &rep),
                     STATUS_NOT_FOUND);
    assert_int_equal(meeting_records_question_add(fx->t.db, &fx->member, m, pid, 0, "", &id, &rep),
                     STATUS_INVALID);
    assert_true(rep.malformed);
}

static long long facilitator_of(struct fixture *fx, long long mid)
{
    struct meeting m = {0};
    assert_int_equal(store_meeting_get(fx->t.db, mid, &m), 0);
    long long f = m.facilitator_id;
    meeting_free(&m);
    return f;
}

static void handover_only_to_a_member_with_an_account(void **state)
{
    struct fixture *fx = *state;
    struct meeting_records_reply rep;
    long long m = fx->m[0];
    char *name = NULL;
    /* Bea has no account yet: refused, whether confirmed or not. */
    assert_int_equal(
        meeting_records_handover(fx->t.db, &fx->facilitator, m, fx->t.a2, true, &name, &rep),
        STATUS_INVALID);
    assert_null(name);
    assert_int_equal(facilitator_of(fx, m), fx->t.f);
    char *q = str_printf("INSERT INTO users (email, role, person_id) VALUES ('a2@x.org', "
                         "'participant', %lld)",
                         fx->t.a2);
    assert_int_equal(sqlite3_exec(db_sqlite(fx->t.db), q, NULL, NULL, NULL), SQLITE_OK);
    free(q);
    /* The check alone names her and changes nothing; the confirmed call hands over. */
    assert_int_equal(
        meeting_records_handover(fx->t.db, &fx->facilitator, m, fx->t.a2, false, &name, &rep),
        STATUS_OK);
    assert_string_equal(name, "Bea");
    free(name);
    assert_int_equal(facilitator_of(fx, m), fx->t.f);
    assert_int_equal(
        meeting_records_handover(fx->t.db, &fx->facilitator, m, fx->t.a2, true, NULL, &rep),
        STATUS_OK);
    assert_int_equal(facilitator_of(fx, m), fx->t.a2);
    /* Only the meeting's facilitator hands on; never to someone outside the set. */
    assert_int_equal(meeting_records_handover(fx->t.db, &fx->member, m, fx->t.a1, true, NULL, &rep),
                     STATUS_FORBIDDEN);
    assert_int_equal(meeting_records_handover(fx->t.db, &fx->mate, m, fx->t.b1, true, NULL, &rep),
                     STATUS_INVALID);
    assert_int_equal(
        meeting_records_handover(fx->t.db, &fx->outsider, m, fx->t.a1, true, NULL, &rep),
        STATUS_NOT_FOUND);
    assert_int_equal(facilitator_of(fx, m), fx->t.a2);
    /* The other meeting keeps the set's facilitator. */
    assert_int_equal(facilitator_of(fx, fx->m[1]), fx->t.f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(checkin_is_the_members_own_or_the_facilitators, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(presenters_and_their_actions, setup, teardown),
        cmocka_unit_test_setup_teardown(report_back_by_the_owner_or_the_facilitator, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(reviews_are_the_members_and_the_facilitators, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(checkin_line_marks_its_writer_present, setup, teardown),
        cmocka_unit_test_setup_teardown(the_typist_chooses_who_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(handover_only_to_a_member_with_an_account, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
