/* Unit tests for app/mail/reminders: the rule that says what a recipient of a meeting is sent
 * (first invitation in the window, an update after a move, one CANCEL), and the iMIP calendar. */
#include "test_support.h"

#include "app/mail/reminders.h"
#include "io/export/ics.h"

#include <string.h>

#define NOW 1000000000LL
#define DAY 86400

/* A member of a scheduled meeting three days away, never sent anything, 2 reminder days. */
static struct reminder_row row(void)
{
    struct reminder_row r;
    memset(&r, 0, sizeof r);
    r.sequence = 0;
    r.starts = NOW + 3 * DAY;
    r.ends = r.starts + 7200;
    r.member = true;
    r.sent_sequence = -1;
    r.reminder_days = 2;
    return r;
}

static void invitation_waits_for_the_window(void **state)
{
    (void)state;
    struct reminder_row r = row();
    int seq = -1;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_NONE);
    r.starts = NOW + 2 * DAY; /* exactly reminder_days before */
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_REQUEST);
    assert_int_equal(seq, 0);
    r.reminder_days = 0; /* the programme turned them off */
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_NONE);
}

static void sent_once_then_updates_on_a_move(void **state)
{
    (void)state;
    struct reminder_row r = row();
    r.starts = NOW + DAY;
    r.sent_sequence = 0;
    int seq = -1;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_NONE);
    r.sequence = 1; /* moved, even out of the window */
    r.starts = NOW + 30 * DAY;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_REQUEST);
    assert_int_equal(seq, 1);
}

static void cancel_goes_once_to_those_told(void **state)
{
    (void)state;
    struct reminder_row r = row();
    r.cancelled = true;
    r.sequence = 1;
    int seq = -1;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_NONE); /* never told */
    r.sent_sequence = 0;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_CANCEL);
    assert_int_equal(seq, 1);
    r.sent_sequence = 1;
    r.sent_cancelled = true;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_NONE);
}

static void leaving_the_set_cancels_one_sequence_on(void **state)
{
    (void)state;
    struct reminder_row r = row();
    r.member = false;
    r.sequence = 0;
    r.sent_sequence = 0;
    int seq = -1;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_CANCEL);
    assert_int_equal(seq, 1); /* as the feed shows it */
    r.sequence = 2;           /* moved twice since the invitation at 1 */
    r.sent_sequence = 1;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_CANCEL);
    assert_int_equal(seq, 3);
    /* Back in the set: a REQUEST above the CANCEL. */
    r.member = true;
    r.sent_sequence = 3;
    r.sent_cancelled = true;
    assert_int_equal(reminder_decide(&r, NOW, &seq), REMINDER_REQUEST);
    assert_int_equal(seq, 4);
}

static void imip_calendar_has_method_organizer_attendee(void **state)
{
    (void)state;
    struct meet_ics_event ev = {"uid-1@setwork", 3,        NOW,  NOW + 3600,
                                "Set 1",         "Room 4", NULL, false};
    struct meet_ics_imip who = {"sets@example.org", "Pilot", "ana@example.org", "Ana"};
    char *cal = meet_ics_build_imip(&ev, false, &who, NOW);
    assert_non_null(cal);
    assert_non_null(strstr(cal, "METHOD:REQUEST"));
    assert_non_null(strstr(cal, "UID:uid-1@setwork"));
    assert_non_null(strstr(cal, "SEQUENCE:3"));
    assert_non_null(strstr(cal, "mailto:sets@example.org"));
    assert_non_null(strstr(cal, "mailto:ana@example.org"));
    assert_non_null(strstr(cal, "PARTSTAT=NEEDS-ACTION"));
    free(cal);
    ev.cancelled = true;
    cal = meet_ics_build_imip(&ev, true, &who, NOW);
    assert_non_null(strstr(cal, "METHOD:CANCEL"));
    assert_non_null(strstr(cal, "STATUS:CANCELLED"));
    free(cal);
    who.attendee = NULL;
    assert_null(meet_ics_build_imip(&ev, true, &who, NOW));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invitation_waits_for_the_window),
        cmocka_unit_test(sent_once_then_updates_on_a_move),
        cmocka_unit_test(cancel_goes_once_to_those_told),
        cmocka_unit_test(leaving_the_set_cancels_one_sequence_on),
        cmocka_unit_test(imip_calendar_has_method_organizer_attendee),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
