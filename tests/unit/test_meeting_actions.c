/* Unit tests for engine/meetings/actions: report-back outcomes, overdue actions and
 * one-line check-ins. */
#include "test_support.h"

#include "engine/meetings/actions.h"

static void outcomes_parse_and_name(void **state)
{
    (void)state;
    assert_int_equal(meet_outcome_parse("done"), MEET_OUTCOME_DONE);
    assert_int_equal(meet_outcome_parse("partly"), MEET_OUTCOME_PARTLY);
    assert_int_equal(meet_outcome_parse("not_done"), MEET_OUTCOME_NOT_DONE);
    assert_int_equal(meet_outcome_parse("open"), -1); /* "open" is no outcome */
    assert_int_equal(meet_outcome_parse("Done"), -1);
    assert_int_equal(meet_outcome_parse(""), -1);
    assert_int_equal(meet_outcome_parse(NULL), -1);
    for (int o = MEET_OUTCOME_DONE; o <= MEET_OUTCOME_NOT_DONE; o++)
        assert_int_equal(meet_outcome_parse(meet_outcome_name(o)), o);
    assert_string_equal(meet_outcome_name(3), "?");
    assert_string_equal(meet_outcome_name(-1), "?");
    assert_string_equal(meet_status_label("not_done"), "not done");
    assert_string_equal(meet_status_label("partly"), "partly done");
    assert_string_equal(meet_status_label("open"), "open");
    assert_false(meet_outcome_may_carry(MEET_OUTCOME_DONE));
    assert_true(meet_outcome_may_carry(MEET_OUTCOME_PARTLY));
    assert_true(meet_outcome_may_carry(MEET_OUTCOME_NOT_DONE));
    assert_false(meet_outcome_may_carry(-1));
}

static void overdue_is_strictly_before_today(void **state)
{
    (void)state;
    assert_true(meet_action_overdue("2030-03-19", "2030-03-20"));
    assert_false(meet_action_overdue("2030-03-20", "2030-03-20"));
    assert_false(meet_action_overdue("2030-04-01", "2030-03-20"));
    assert_true(meet_action_overdue("2029-12-31", "2030-01-01"));
    assert_false(meet_action_overdue(NULL, "2030-03-20"));
    assert_false(meet_action_overdue("", "2030-03-20"));
}

static void a_checkin_is_one_line(void **state)
{
    (void)state;
    assert_true(meet_line_ok("Tired but curious", MEET_CHECKIN_MAX));
    assert_true(meet_line_ok("Müde, aber neugierig – 😊", MEET_CHECKIN_MAX));
    assert_false(meet_line_ok("two\nlines", MEET_CHECKIN_MAX));
    assert_false(meet_line_ok("tab\there", MEET_CHECKIN_MAX));
    assert_false(meet_line_ok("del\x7f", MEET_CHECKIN_MAX));
    assert_false(meet_line_ok("", MEET_CHECKIN_MAX));
    assert_false(meet_line_ok("   ", MEET_CHECKIN_MAX));
    assert_false(meet_line_ok(NULL, MEET_CHECKIN_MAX));
    assert_false(meet_line_ok("bad \xC3", MEET_CHECKIN_MAX));     /* cut sequence */
    assert_false(meet_line_ok("bad \xC0\xAF", MEET_CHECKIN_MAX)); /* overlong */
    assert_true(meet_line_ok("abcde", 5));
    assert_false(meet_line_ok("abcdef", 5));
    assert_true(meet_line_ok("äöüßé", 5)); /* five characters in ten bytes */
    assert_false(meet_line_ok("äöüßéa", 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outcomes_parse_and_name),
        cmocka_unit_test(overdue_is_strictly_before_today),
        cmocka_unit_test(a_checkin_is_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
