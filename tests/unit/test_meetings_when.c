/* Meeting times as people read them (engine/meetings/when.h): local time in the series' zone
 * with its abbreviation, right on both sides of the March and October changes. */
#include "test_support.h"

#include <pthread.h>

#include "engine/meetings/series.h"
#include "engine/meetings/when.h"

static int64_t utc(const char *iso)
{
    int64_t t = 0;
    assert_int_equal(meet_utc_parse(iso, &t), 0);
    return t;
}

/* Formats STARTS..STARTS+HOURS in TZ and checks the text. */
static void expect_when(const char *tz, const char *starts, int minutes, const char *want)
{
    char buf[MEET_WHEN_MAX];
    int64_t s = utc(starts);
    assert_int_equal(meet_when_format(tz, s, s + minutes * 60, buf, sizeof buf), 0);
    assert_string_equal(buf, want);
}

static void london_winter_and_summer(void **state)
{
    (void)state;
    expect_when("Europe/London", "2027-01-12T14:00:00Z", 180, "Tue 12 Jan 2027, 14:00-17:00 GMT");
    /* Summer: the same wall-clock time is an hour earlier in UTC. */
    expect_when("Europe/London", "2027-07-13T13:00:00Z", 180, "Tue 13 Jul 2027, 14:00-17:00 BST");
}

/* 2027: clocks go forward at 01:00 UTC on Sun 28 March and back at 01:00 UTC on Sun 31 Oct. */
static void london_around_the_march_change(void **state)
{
    (void)state;
    expect_when("Europe/London", "2027-03-27T14:00:00Z", 180, "Sat 27 Mar 2027, 14:00-17:00 GMT");
    expect_when("Europe/London", "2027-03-28T13:00:00Z", 180, "Sun 28 Mar 2027, 14:00-17:00 BST");
    /* A meeting through the change: 3 hours of real time, 4 on the clock. */
    expect_when("Europe/London", "2027-03-28T00:30:00Z", 180,
                "Sun 28 Mar 2027, 00:30 GMT - 04:30 BST");
    expect_when("Europe/London", "2027-03-28T00:59:00Z", 0, "Sun 28 Mar 2027, 00:59 GMT");
    expect_when("Europe/London", "2027-03-28T01:00:00Z", 0, "Sun 28 Mar 2027, 02:00 BST");
}

static void london_around_the_october_change(void **state)
{
    (void)state;
    expect_when("Europe/London", "2027-10-30T13:00:00Z", 180, "Sat 30 Oct 2027, 14:00-17:00 BST");
    expect_when("Europe/London", "2027-10-31T14:00:00Z", 180, "Sun 31 Oct 2027, 14:00-17:00 GMT");
    /* 01:30 happens twice; the abbreviation tells the two apart. */
    expect_when("Europe/London", "2027-10-31T00:30:00Z", 0, "Sun 31 Oct 2027, 01:30 BST");
    expect_when("Europe/London", "2027-10-31T01:30:00Z", 0, "Sun 31 Oct 2027, 01:30 GMT");
    expect_when("Europe/London", "2027-10-31T00:00:00Z", 120,
                "Sun 31 Oct 2027, 01:00 BST - 02:00 GMT");
}

static void other_zones_and_midnight(void **state)
{
    (void)state;
    expect_when("UTC", "2027-01-12T14:00:00Z", 90, "Tue 12 Jan 2027, 14:00-15:30 UTC");
    expect_when("America/New_York", "2027-01-12T14:00:00Z", 60, "Tue 12 Jan 2027, 09:00-10:00 EST");
    expect_when("America/New_York", "2027-07-13T14:00:00Z", 60, "Tue 13 Jul 2027, 10:00-11:00 EDT");
    expect_when("Australia/Sydney", "2027-01-12T03:00:00Z", 60,
                "Tue 12 Jan 2027, 14:00-15:00 AEDT");
    expect_when("Asia/Kolkata", "2027-01-12T08:30:00Z", 60, "Tue 12 Jan 2027, 14:00-15:00 IST");
    /* The tz database has only numbers for Sao Paulo. */
    expect_when("America/Sao_Paulo", "2027-01-12T17:00:00Z", 60,
                "Tue 12 Jan 2027, 14:00-15:00 UTC-3");
    expect_when("Europe/London", "2026-12-31T22:00:00Z", 180,
                "Thu 31 Dec 2026, 22:00 - Fri 1 Jan 2027, 01:00 GMT");
}

static void describe_gives_offsets(void **state)
{
    (void)state;
    char abbr[16];
    int off = -1;
    assert_int_equal(
        meet_tz_describe("Europe/London", utc("2027-07-01T12:00:00Z"), &off, abbr, sizeof abbr), 0);
    assert_int_equal(off, 3600);
    assert_string_equal(abbr, "BST");
    assert_int_equal(
        meet_tz_describe("Asia/Kolkata", utc("2027-07-01T12:00:00Z"), &off, abbr, sizeof abbr), 0);
    assert_int_equal(off, 19800);
    assert_int_equal(meet_tz_describe("Europe/Nowhere", 0, &off, abbr, sizeof abbr), -1);
}

static void unknown_zone_falls_back_to_utc(void **state)
{
    (void)state;
    char buf[MEET_WHEN_MAX];
    assert_int_equal(meet_when_format("Mars/Olympus", utc("2027-01-12T14:00:00Z"),
                                      utc("2027-01-12T17:00:00Z"), buf, sizeof buf),
                     -1);
    assert_string_equal(buf, "2027-01-12 14:00 UTC");
    struct meet_local l = {2027, 1, 12, 9, 5};
    meet_local_format(&l, buf, sizeof buf);
    assert_string_equal(buf, "Tue 12 Jan 2027, 09:05");
}

/* The web server formats from a thread pool: every thread must get the right zone. */
static void *format_many(void *arg)
{
    const char *tz = arg;
    int64_t summer = utc("2027-07-13T13:00:00Z");
    const char *want = strcmp(tz, "Europe/London") == 0 ? "Tue 13 Jul 2027, 14:00-17:00 BST"
                                                        : "Tue 13 Jul 2027, 09:00-12:00 EDT";
    for (int i = 0; i < 300; i++) {
        char buf[MEET_WHEN_MAX];
        if (meet_when_format(tz, summer, summer + 10800, buf, sizeof buf) || strcmp(buf, want))
            return (void *)1;
    }
    return NULL;
}

static void formatting_is_thread_safe(void **state)
{
    (void)state;
    pthread_t th[4];
    const char *tz[4] = {"Europe/London", "America/New_York", "Europe/London", "America/New_York"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, format_many, (void *)tz[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *bad = NULL;
        pthread_join(th[i], &bad);
        assert_null(bad);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(london_winter_and_summer),
        cmocka_unit_test(london_around_the_march_change),
        cmocka_unit_test(london_around_the_october_change),
        cmocka_unit_test(other_zones_and_midnight),
        cmocka_unit_test(describe_gives_offsets),
        cmocka_unit_test(unknown_zone_falls_back_to_utc),
        cmocka_unit_test(formatting_is_thread_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
