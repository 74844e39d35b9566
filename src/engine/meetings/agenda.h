/* The agenda of a set meeting: how its length is split between the rounds that are not
 * presentations (check-in, ground rules, the closing review) and the presenters' time, so the
 * timer never gives the whole meeting to presenters. Pure arithmetic over seconds. */
#ifndef SETWORK_ENGINE_MEETINGS_AGENDA_H
#define SETWORK_ENGINE_MEETINGS_AGENDA_H

#include <stdint.h>

/* The rounds of a meeting in the order they are held. */
enum meet_round {
    MEET_ROUND_CHECKIN,    /* who is here and how each arrives */
    MEET_ROUND_RULES,      /* the ground rules, read or agreed */
    MEET_ROUND_PRESENTERS, /* the presenters' slots, run by the phase timer */
    MEET_ROUND_REVIEW,     /* the review round, report back and hand-over */
    MEET_ROUND_COUNT,
};

/* Each round's share of a meeting, in seconds; they add up to the meeting's length. */
struct meet_agenda {
    int64_t round_s[MEET_ROUND_COUNT];
};

/* The shortest meeting worth splitting: below it the presenters have the whole time. */
#define MEET_AGENDA_MIN_S 1800

/* Splits TOTAL_S seconds into the rounds of *A: check-in 8% (5 to 20 minutes), ground rules
 * 3% (2 to 10 minutes), review 8% (5 to 20 minutes), each a whole number of minutes, and the
 * rest to the presenters. A meeting shorter than MEET_AGENDA_MIN_S (or a non-positive length)
 * gives every second to the presenters. */
void meet_agenda_split(int64_t total_s, struct meet_agenda *a);

/* A label for round R ("Check-in", "Ground rules", "Presenters", "Review and hand-over"). */
const char *meet_round_label(enum meet_round r);

#endif
