/* The split of a meeting's length between its rounds (agenda.h). */
#include "engine/meetings/agenda.h"

/* A share of TOTAL_S in percent, clamped to LO..HI minutes and rounded down to a minute. */
static int64_t share(int64_t total_s, int percent, int64_t lo_min, int64_t hi_min)
{
    int64_t s = total_s * percent / 100;
    if (s < lo_min * 60)
        s = lo_min * 60;
    if (s > hi_min * 60)
        s = hi_min * 60;
    return s / 60 * 60;
}

void meet_agenda_split(int64_t total_s, struct meet_agenda *a)
{
    for (int r = 0; r < MEET_ROUND_COUNT; r++)
        a->round_s[r] = 0;
    if (total_s < MEET_AGENDA_MIN_S) {
        a->round_s[MEET_ROUND_PRESENTERS] = total_s > 0 ? total_s : 0;
        return;
    }
    a->round_s[MEET_ROUND_CHECKIN] = share(total_s, 8, 5, 20);
    a->round_s[MEET_ROUND_RULES] = share(total_s, 3, 2, 10);
    a->round_s[MEET_ROUND_REVIEW] = share(total_s, 8, 5, 20);
    a->round_s[MEET_ROUND_PRESENTERS] = total_s - a->round_s[MEET_ROUND_CHECKIN] -
                                        a->round_s[MEET_ROUND_RULES] -
                                        a->round_s[MEET_ROUND_REVIEW];
}

const char *meet_round_label(enum meet_round r)
{
    static const char *const labels[MEET_ROUND_COUNT] = {"Check-in", "Ground rules", "Presenters",
                                                         "Review and hand-over"};
    return r >= 0 && r < MEET_ROUND_COUNT ? labels[r] : "";
}
