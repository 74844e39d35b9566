/* Unit tests for core/date: the one check of "YYYY-MM-DD" (programme dates, due dates). */
#include "test_support.h"

#include "core/date.h"

static void dates_are_calendar_dates(void **state)
{
    (void)state;
    assert_true(date_valid("2030-03-20"));
    assert_true(date_valid("2028-02-29")); /* leap year */
    assert_false(date_valid("2030-02-29"));
    assert_true(date_valid("2000-02-29"));  /* divisible by 400 */
    assert_false(date_valid("2100-02-29")); /* by 100, not 400 */
    assert_false(date_valid("2030-04-31"));
    assert_false(date_valid("2026-02-31")); /* once accepted by the programme form */
    assert_false(date_valid("2026-02-29"));
    assert_true(date_valid("2026-02-28"));
    assert_false(date_valid("3000-01-01"));
    assert_true(date_valid("2999-12-31"));
    assert_true(date_valid("2030-12-31"));
    assert_false(date_valid("2030-13-01"));
    assert_false(date_valid("2030-00-10"));
    assert_false(date_valid("2030-01-00"));
    assert_false(date_valid("2030-1-01"));
    assert_false(date_valid("2030-01-01T10:00"));
    assert_false(date_valid("1999-12-31"));
    assert_false(date_valid("20x0-01-01"));
    assert_false(date_valid(""));
    assert_false(date_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_are_calendar_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
