/* Unit tests for engine/meetings: series arithmetic across month ends and daylight-saving
 * changes, the phase timer state machine, quorum and the confidentiality rule. */
#include "test_support.h"

#include <pthread.h>

#include "engine/meetings/agenda.h"
#include "engine/meetings/rules.h"
#include "engine/meetings/series.h"
#include "engine/meetings/timer.h"
#include "engine/meetings/when.h"

static struct meet_local L(int y, int mo, int d, int h, int mi) {
    struct meet_local l = {y, mo, d, h, mi};
    return l;
}

static void
every_four_weeks_crosses_month_and_year_ends(void **state)
{
    struct meet_local first, out[4];
    struct meet_rule rule;
    assert_int_equal(meet_local_parse("2026-12-15T10:00", &first), 0);
    assert_int_equal(meet_rule_parse("4w", &rule), 0);
    assert_int_equal(meet_series_local(&first, &rule, 4, out), 0);
    assert_int_equal(out[1].year, 2027);
    assert_int_equal(out[1].month, 1);
    assert_int_equal(out[1].day, 12);
    assert_int_equal(out[2].month, 2);
    assert_int_equal(out[2].day, 9);
    assert_int_equal(out[3].month, 3);
    assert_int_equal(out[3].day, 9);
    for (int i = 0; i < 4; i++)
        assert_int_equal(meet_weekday(out[i].year, out[i].month, out[i].day), 2); /* Tuesday */
}

static void london_series_keeps_ten_oclock_across_both_dst_changes(void **state)
{
    /* 2026: BST starts Sunday 29 March, ends Sunday 25 October. */
    struct meet_local first = L(2026, 3, 3, 10, 0), out[12];
    struct meet_rule rule = {MEET_EVERY_WEEKS, 4};
    assert_int_equal(meet_series_local(&first, &rule, 12, out), 0);
    for (int i = 0; i < 12; i++) {
        int64_t utc;
        assert_int_equal(meet_tz_to_utc("Europe/London", &out[i], &utc), 0);
        char buf[32];
        meet_utc_format(utc, buf, sizeof buf);
        int summer = (out[i].month > 3 && out[i].month < 10) ||
                     (out[i].month == 3 && out[i].day > 29) ||
                     (out[i].month == 10 && out[i].day < 25);
        /* 10:00 local is 09:00Z in summer time and 10:00Z in winter. */
        assert_int_equal((int)((utc % 86400) / 3600), summer ? 9 : 10);
        struct meet_local back;
        assert_int_equal(meet_tz_from_utc("Europe/London", utc, &back), 0);
        assert_int_equal(back.hour, 10);
        assert_int_equal(back.day, out[i].day);
    }
    /* 3 March (GMT) and 31 March (BST) specifically. */
    int64_t a, b;
    assert_int_equal(meet_tz_to_utc("Europe/London", &out[0], &a), 0);
    assert_int_equal(meet_tz_to_utc("Europe/London", &out[1], &b), 0);
    assert_int_equal(out[1].day, 31);
    assert_int_equal(b - a, 28 * 86400 - 3600);
}

/* Resolves L in ZONE and checks the kind, the UTC instant stored and that instant's local
 * time (which differs from L only in a gap). */
static void resolves(const char *zone, struct meet_local l, enum meet_local_kind kind,
                     const char *utc, int local_hour, int local_minute)
{
    int64_t u;
    enum meet_local_kind k = MEET_LOCAL_EXACT;
    char buf[32];
    assert_int_equal(meet_tz_resolve(zone, &l, &u, &k), 0);
    meet_utc_format(u, buf, sizeof buf);
    assert_string_equal(buf, utc);
    assert_int_equal(k, kind);
    struct meet_local back;
    assert_int_equal(meet_tz_from_utc(zone, u, &back), 0);
    assert_int_equal(back.hour, local_hour);
    assert_int_equal(back.minute, local_minute);
    int64_t v;
    assert_int_equal(meet_tz_to_utc(zone, &l, &v), 0);
    assert_true(v == u);
}

/* RFC 5545 3.3.5: a nonexistent local time moves forward by the gap (read with the offset
 * before it); a repeated one is the first occurrence. 2026: London changes on 29 March and
 * 25 October, New York on 8 March and 1 November, Sydney on 5 April (back) and 4 October
 * (forward). */
static void dst_edges_follow_rfc5545_in_three_zones(void **state)
{
    /* Europe/London: 01:00-02:00 does not exist on 29 March; 01:00-02:00 is twice on 25 Oct. */
    resolves("Europe/London", L(2026, 3, 29, 1, 30), MEET_LOCAL_GAP, "2026-03-29T01:30:00Z", 2, 30);
    resolves("Europe/London", L(2026, 3, 29, 1, 15), MEET_LOCAL_GAP, "2026-03-29T01:15:00Z", 2, 15);
    resolves("Europe/London", L(2026, 10, 25, 1, 30), MEET_LOCAL_REPEATED, "2026-10-25T00:30:00Z",
             1, 30); /* 01:30 BST, not 01:30 GMT */
    resolves("Europe/London", L(2026, 3, 29, 0, 59), MEET_LOCAL_EXACT, "2026-03-29T00:59:00Z", 0,
             59);
    resolves("Europe/London", L(2026, 3, 29, 2, 0), MEET_LOCAL_EXACT, "2026-03-29T01:00:00Z", 2, 0);
    resolves("Europe/London", L(2026, 10, 25, 2, 0), MEET_LOCAL_EXACT, "2026-10-25T02:00:00Z", 2,
             0);
    /* America/New_York: 02:00-03:00 does not exist on 8 March; 01:00-02:00 twice on 1 Nov. */
    resolves("America/New_York", L(2026, 3, 8, 2, 30), MEET_LOCAL_GAP, "2026-03-08T07:30:00Z", 3,
             30); /* 03:30 EDT, not 01:30 EST */
    resolves("America/New_York", L(2026, 11, 1, 1, 30), MEET_LOCAL_REPEATED, "2026-11-01T05:30:00Z",
             1, 30); /* 01:30 EDT */
    resolves("America/New_York", L(2026, 3, 29, 1, 30), MEET_LOCAL_EXACT, "2026-03-29T05:30:00Z", 1,
             30);
    /* Australia/Sydney: 02:00-03:00 twice on 5 April; 02:00-03:00 does not exist on 4 Oct. */
    resolves("Australia/Sydney", L(2026, 4, 5, 2, 30), MEET_LOCAL_REPEATED, "2026-04-04T15:30:00Z",
             2, 30); /* 02:30 AEDT (UTC+11) */
    resolves("Australia/Sydney", L(2026, 10, 4, 2, 30), MEET_LOCAL_GAP, "2026-10-03T16:30:00Z", 3,
             30); /* 03:30 AEDT */
    resolves("Australia/Sydney", L(2026, 7, 1, 10, 0), MEET_LOCAL_EXACT, "2026-07-01T00:00:00Z", 10,
             0);
    resolves("UTC", L(2026, 3, 29, 1, 30), MEET_LOCAL_EXACT, "2026-03-29T01:30:00Z", 1, 30);
}

/* The warning names the time asked, the zone and what was stored. */
static void dst_notes_name_time_zone_and_what_is_stored(void **state)
{
    char note[MEET_NOTE_MAX];
    int64_t u;
    enum meet_local_kind k;
    struct meet_local gap = L(2026, 3, 8, 2, 30), fold = L(2026, 10, 25, 1, 30),
                      plain = L(2026, 6, 1, 10, 0);
    assert_int_equal(meet_tz_resolve("America/New_York", &gap, &u, &k), 0);
    assert_int_equal(meet_tz_note("America/New_York", &gap, k, u, note, sizeof note), 1);
    assert_string_equal(note, "2026-03-08T02:30 does not exist in America/New_York (the clocks go "
                              "forward at that hour); it is moved forward by the gap to "
                              "2026-03-08T03:30 EDT.");
    assert_int_equal(meet_tz_resolve("Europe/London", &fold, &u, &k), 0);
    assert_int_equal(meet_tz_note("Europe/London", &fold, k, u, note, sizeof note), 1);
    assert_string_equal(note, "2026-10-25T01:30 happens twice in Europe/London (the clocks go "
                              "back at that hour); the first one is used: 01:30 BST (UTC+1), not "
                              "01:30 GMT.");
    assert_int_equal(meet_tz_resolve("Europe/London", &plain, &u, &k), 0);
    assert_int_equal(meet_tz_note("Europe/London", &plain, k, u, note, sizeof note), 0);
    assert_string_equal(note, "");
}

/* Each thread converts a year of London times in zones libical may not have loaded yet. */
static void *convert_many(void *arg)
{
    const char *zone = arg;
    for (int d = 1; d <= 28; d++)
        for (int m = 1; m <= 12; m++) {
            struct meet_local l = {2027, m, d, 10, 0}, back;
            int64_t u;
            if (meet_tz_to_utc(zone, &l, &u) || meet_tz_from_utc(zone, u, &back) ||
                back.hour != 10 || back.day != d)
                return (void *)1;
        }
    return NULL;
}

static void zone_conversion_is_safe_from_many_threads(void **state)
{
    static char *zones[4] = {"Australia/Sydney", "America/Chicago", "Asia/Kolkata",
                             "Australia/Sydney"};
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, convert_many, zones[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        assert_int_equal(pthread_join(th[i], &r), 0);
        assert_null(r);
    }
}

static void monthly_rule_keeps_ordinal_weekday_and_last(void **state)
{
    struct meet_rule rule;
    assert_int_equal(meet_rule_parse("monthly", &rule), 0);
    struct meet_local out[6];
    struct meet_local first = L(2026, 1, 13, 14, 30); /* 2nd Tuesday of January 2026 */
    assert_int_equal(meet_series_local(&first, &rule, 6, out), 0);
    static const int days[6] = {13, 10, 10, 14, 12, 9}; /* 2nd Tuesdays Jan-Jun 2026 */
    for (int i = 0; i < 6; i++) {
        assert_int_equal(out[i].month, i + 1);
        assert_int_equal(out[i].day, days[i]);
        assert_int_equal(out[i].hour, 14);
    }
    first = L(2026, 1, 29, 9, 0); /* last Thursday of January */
    assert_int_equal(meet_series_local(&first, &rule, 3, out), 0);
    assert_int_equal(out[1].day, 26); /* last Thursday of February 2026 */
    assert_int_equal(out[2].day, 26); /* last Thursday of March 2026 */
}

static void rejects_bad_input(void **state)
{
    struct meet_local l;
    struct meet_rule r;
    assert_int_equal(meet_local_parse("2026-02-29T10:00", &l), -1);
    assert_int_equal(meet_local_parse("2026-02-28 25:00", &l), -1);
    assert_int_equal(meet_local_parse("2026-02-28T10:00x", &l), -1);
    assert_int_equal(meet_rule_parse("0w", &r), -1);
    assert_int_equal(meet_rule_parse("4d", &r), -1);
    assert_int_equal(meet_rule_parse("99w", &r), -1);
    l = L(2026, 1, 1, 10, 0);
    r.kind = MEET_EVERY_WEEKS;
    r.weeks = 4;
    struct meet_local out[1];
    assert_int_equal(meet_series_local(&l, &r, 0, out), -1);
    int64_t u;
    assert_int_equal(meet_tz_to_utc("Mars/Olympus", &l, &u), -1);
    assert_false(meet_tz_valid("Mars/Olympus"));
    assert_true(meet_tz_valid("Europe/London"));
}

static void utc_format_round_trips(void **state)
{
    int64_t u;
    assert_int_equal(meet_utc_parse("2026-03-31T09:00:00Z", &u), 0);
    char buf[32];
    meet_utc_format(u, buf, sizeof buf);
    assert_string_equal(buf, "2026-03-31T09:00:00Z");
    assert_int_equal(meet_utc_parse("2026-03-31 09:00:00", &u), -1);
}

static void timer_shares_time_equally_and_by_bids(void **state)
{
    struct meet_timer t;
    int64_t ids[3] = {11, 12, 13};
    assert_int_equal(meet_timer_init(&t, 3, ids, 3 * 3600, NULL, NULL), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(t.p[i].budget_s, 3600);
        int64_t sum = 0;
        for (int k = 0; k < MEET_PHASE_COUNT; k++)
            sum += t.p[i].phase_budget_s[k];
        assert_int_equal(sum, 3600);
        assert_int_equal(t.p[i].phase_budget_s[MEET_PHASE_PRESENT], 720);
    }
    int64_t bids[3] = {3600, 3600, 7200}; /* 4 h of bids for 2 h: scaled by a half */
    assert_int_equal(meet_timer_init(&t, 3, ids, 2 * 3600, bids, NULL), 0);
    assert_int_equal(t.p[0].budget_s, 1800);
    assert_int_equal(t.p[2].budget_s, 3600);
    int64_t small[3] = {600, 600, 600};
    assert_int_equal(meet_timer_init(&t, 3, ids, 7200, small, NULL), 0);
    assert_int_equal(t.p[1].budget_s, 600);
    int64_t bad[3] = {600, 0, 600};
    assert_int_equal(meet_timer_init(&t, 3, ids, 7200, bad, NULL), -1);
    assert_int_equal(meet_timer_init(&t, 0, ids, 7200, NULL, NULL), -1);
}

static void timer_runs_pauses_warns_and_overruns(void **state)
{
    struct meet_timer t;
    int64_t ids[2] = {1, 2};
    double w[MEET_PHASE_COUNT] = {1, 1, 1, 1, 1};
    assert_int_equal(meet_timer_init(&t, 2, ids, 2 * 1000, NULL, w), 0); /* 200 s a phase */
    struct meet_timer_view v;
    assert_int_equal(meet_timer_pause(&t, 0), -1);
    assert_int_equal(meet_timer_start(&t, 1000), 0);
    assert_int_equal(meet_timer_start(&t, 1001), -1);
    meet_timer_view(&t, 1100, &v);
    assert_int_equal(v.phase, MEET_PHASE_PRESENT);
    assert_int_equal(v.phase_used_s, 100);
    assert_int_equal(v.alert, MEET_ALERT_NONE);
    meet_timer_view(&t, 1150, &v);
    assert_int_equal(v.alert, MEET_ALERT_WARN);
    /* Pause for 500 s: paused time does not count. */
    assert_int_equal(meet_timer_pause(&t, 1150), 0);
    meet_timer_view(&t, 1650, &v);
    assert_int_equal(v.phase_used_s, 150);
    assert_int_equal(meet_timer_start(&t, 1650), 0);
    meet_timer_view(&t, 1720, &v);
    assert_int_equal(v.phase_left_s, -20);
    assert_int_equal(v.alert, MEET_ALERT_OVERRUN);
    assert_int_equal(meet_timer_next(&t, 1720), 0);
    meet_timer_view(&t, 1720, &v);
    assert_int_equal(v.phase, MEET_PHASE_CLARIFY);
    assert_int_equal(v.phase_used_s, 0);
    assert_int_equal(t.p[0].phase_used_s[MEET_PHASE_PRESENT], 220);
    assert_int_equal(meet_timer_airtime(&t, 0, 1800), 300);
    assert_int_equal(meet_timer_airtime(&t, 1, 1800), 0);
}

static void timer_moves_through_presenters_to_done(void **state)
{
    struct meet_timer t;
    int64_t ids[2] = {1, 2};
    assert_int_equal(meet_timer_init(&t, 2, ids, 2000, NULL, NULL), 0);
    assert_int_equal(meet_timer_start(&t, 0), 0);
    int64_t now = 0;
    for (int k = 0; k < MEET_PHASE_COUNT; k++) {
        now += 10;
        assert_int_equal(meet_timer_next(&t, now), 0);
    }
    assert_int_equal(t.current, 1);
    assert_int_equal(t.phase, MEET_PHASE_PRESENT);
    assert_int_equal(meet_timer_airtime(&t, 0, now + 1000), 50);
    for (int k = 0; k < MEET_PHASE_COUNT; k++) {
        now += 20;
        assert_int_equal(meet_timer_next(&t, now), 0);
    }
    assert_int_equal(t.state, MEET_TIMER_DONE);
    assert_int_equal(meet_timer_next(&t, now), -1);
    assert_int_equal(meet_timer_start(&t, now), -1);
    assert_int_equal(meet_timer_airtime(&t, 1, now + 1000), 100);
    assert_string_equal(meet_phase_name(MEET_PHASE_OPEN), "open");
}

static void agenda_keeps_time_for_the_other_rounds(void **state)
{
    struct meet_agenda a;
    meet_agenda_split(3 * 3600, &a); /* three hours: 14 + 5 + 14 minutes, the rest presenting */
    assert_int_equal(a.round_s[MEET_ROUND_CHECKIN], 14 * 60);
    assert_int_equal(a.round_s[MEET_ROUND_RULES], 5 * 60);
    assert_int_equal(a.round_s[MEET_ROUND_REVIEW], 14 * 60);
    assert_int_equal(a.round_s[MEET_ROUND_PRESENTERS], (180 - 33) * 60);
    meet_agenda_split(8 * 3600, &a); /* a long day: the rounds stop growing */
    assert_int_equal(a.round_s[MEET_ROUND_CHECKIN], 20 * 60);
    assert_int_equal(a.round_s[MEET_ROUND_RULES], 10 * 60);
    assert_int_equal(a.round_s[MEET_ROUND_PRESENTERS], 8 * 3600 - 50 * 60);
    meet_agenda_split(3600, &a); /* an hour: the floors hold */
    assert_int_equal(a.round_s[MEET_ROUND_CHECKIN], 5 * 60);
    assert_int_equal(a.round_s[MEET_ROUND_RULES], 2 * 60);
    assert_int_equal(a.round_s[MEET_ROUND_PRESENTERS], 48 * 60);
    int64_t sum = 0;
    for (int r = 0; r < MEET_ROUND_COUNT; r++)
        sum += a.round_s[r];
    assert_int_equal(sum, 3600);
    meet_agenda_split(600, &a); /* too short to split */
    assert_int_equal(a.round_s[MEET_ROUND_PRESENTERS], 600);
    assert_int_equal(a.round_s[MEET_ROUND_CHECKIN], 0);
    meet_agenda_split(-5, &a);
    assert_int_equal(a.round_s[MEET_ROUND_PRESENTERS], 0);
    assert_string_equal(meet_round_label(MEET_ROUND_REVIEW), "Review and hand-over");
}

static void quorum_sentence_states_the_quorum(void **state)
{
    char buf[MEET_QUORUM_TEXT_MAX];
    struct meet_quorum q = meet_quorum_check(6, 1, 3);
    meet_quorum_sentence(&q, 3, 2, 1, buf, sizeof buf);
    assert_string_equal(buf, "Quorum is 3 of 6 members; 2 present, 1 sent apologies.");
    q = meet_quorum_check(6, 4, 3);
    meet_quorum_sentence(&q, 3, 0, 4, buf, sizeof buf);
    assert_string_equal(buf, "Quorum is 3 of 6 members; 0 present, 4 sent apologies. Fewer "
                             "members are expected than the quorum.");
    q = meet_quorum_check(5, 0, 0);
    meet_quorum_sentence(&q, 0, 2, 0, buf, sizeof buf);
    assert_string_equal(buf, "No quorum is set; 2 of 5 members present.");
}

static void quorum_counts_apologies(void **state)
{
    struct meet_quorum q = meet_quorum_check(6, 2, 4);
    assert_int_equal(q.expected, 4);
    assert_true(q.met);
    q = meet_quorum_check(6, 3, 4);
    assert_false(q.met);
    q = meet_quorum_check(3, 5, 0);
    assert_int_equal(q.expected, 0);
    assert_true(q.met);
}

static void confidentiality_rule_matrix(void **state)
{
    struct meet_viewer_relation member = {.member = true}, other = {0},
                                facilitator = {.facilitator = true}, admin = {.admin = true},
                                owner = {.member = true, .owner = true};
    enum meet_record kinds[4] = {MEET_REC_SCHEDULE, MEET_REC_ATTENDANCE, MEET_REC_CONTENT,
                                 MEET_REC_JOURNAL};
    /* rows: member, other set's member, facilitator, admin, journal owner */
    static const bool expect[5][4] = {
        {1, 1, 1, 0}, {0, 0, 0, 0}, {1, 1, 1, 0}, {1, 1, 0, 0}, {1, 1, 1, 1}};
    const struct meet_viewer_relation *rels[5] = {&member, &other, &facilitator, &admin, &owner};
    for (int r = 0; r < 5; r++)
        for (int k = 0; k < 4; k++)
            assert_int_equal(meet_may_see(rels[r], kinds[k]), expect[r][k]);
}

/* Membership at the meeting's time: someone moved in never sees what was said before they
 * joined, someone who left keeps what they were there for, and everyone keeps their own. */
static void confidentiality_by_membership_at_the_time(void **state)
{
    (void)state;
    const int64_t joined = 1000, left = 2000;
    struct meet_viewer_relation rel = {.member = true, .timed = true, .stint_count = 1};
    rel.stints[0] = (struct meet_stint){joined, INT64_MAX};
    rel.meeting_at = joined - 1; /* before they joined */
    assert_false(meet_may_see(&rel, MEET_REC_CONTENT));
    assert_false(meet_may_see(&rel, MEET_REC_SCHEDULE));
    rel.meeting_at = joined; /* from the moment they join */
    assert_true(meet_may_see(&rel, MEET_REC_CONTENT));
    rel.stints[0].left = left;
    rel.meeting_at = left - 1; /* the last meeting they were a member for */
    assert_true(meet_may_see(&rel, MEET_REC_CONTENT));
    rel.meeting_at = left; /* after they left */
    assert_false(meet_may_see(&rel, MEET_REC_CONTENT));
    rel.owner = true; /* but their own record of it */
    assert_true(meet_may_see(&rel, MEET_REC_CONTENT));
    rel.owner = false;
    rel.facilitator = true; /* the facilitator of the meeting sees it whoever the members are */
    assert_true(meet_may_see(&rel, MEET_REC_CONTENT));
    rel.facilitator = false;
    rel.admin = true; /* an admin: schedule and attendance, never content */
    assert_true(meet_may_see(&rel, MEET_REC_ATTENDANCE));
    assert_false(meet_may_see(&rel, MEET_REC_CONTENT));
    /* Two stints: left and came back; the gap between them is not theirs. */
    struct meet_stint two[2] = {{INT64_MIN, 100}, {300, INT64_MAX}};
    assert_true(meet_member_at(two, 2, 50));
    assert_false(meet_member_at(two, 2, 200));
    assert_true(meet_member_at(two, 2, 300));
    assert_false(meet_member_at(two, 0, 50));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_four_weeks_crosses_month_and_year_ends),
        cmocka_unit_test(london_series_keeps_ten_oclock_across_both_dst_changes),
        cmocka_unit_test(dst_edges_follow_rfc5545_in_three_zones),
        cmocka_unit_test(dst_notes_name_time_zone_and_what_is_stored),
        cmocka_unit_test(zone_conversion_is_safe_from_many_threads),
        cmocka_unit_test(monthly_rule_keeps_ordinal_weekday_and_last),
        cmocka_unit_test(rejects_bad_input),
        cmocka_unit_test(utc_format_round_trips),
        cmocka_unit_test(timer_shares_time_equally_and_by_bids),
        cmocka_unit_test(timer_runs_pauses_warns_and_overruns),
        cmocka_unit_test(timer_moves_through_presenters_to_done),
        cmocka_unit_test(quorum_counts_apologies),
        cmocka_unit_test(agenda_keeps_time_for_the_other_rounds),
        cmocka_unit_test(quorum_sentence_states_the_quorum),
        cmocka_unit_test(confidentiality_rule_matrix),
        cmocka_unit_test(confidentiality_by_membership_at_the_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
