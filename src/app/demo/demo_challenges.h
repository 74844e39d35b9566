/* Generated challenges and pulse survey answers for a demonstration cohort, so that themes, the
 * participant's view and the impact report have something to show. Pure: the caller stores them.
 * The same seed gives the same data. */
#ifndef SETWORK_APP_DEMO_DEMO_CHALLENGES_H
#define SETWORK_APP_DEMO_DEMO_CHALLENGES_H

#include "engine/stats/instrument.h"
#include "engine/themes/privacy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct demo_challenge {
    size_t person; /* index into the caller's list of people */
    char *title;
    char *body;
    enum challenge_visibility visibility;
    bool consent;
};

/* Writes challenges for about 70% of PEOPLE people on six common topics (workload, leading
 * change, difficult conversations, budgets, hybrid working, career growth), with visibilities of
 * roughly 60% cohort, 25% set and 15% only-me, and consent from about two in three. Returns 0 and
 * *OUT (free with demo_challenges_free), -1 when out of memory. */
int demo_challenges(size_t people, uint64_t seed, struct demo_challenge **out, size_t *count);
void demo_challenges_free(struct demo_challenge *list, size_t count);

/* Fills START and END (PEOPLE * ins->nitems answers each, INSTRUMENT_NO_ANSWER where a person did
 * not answer) so that about 75% answer at the start, most of them again at the end, and people
 * feel somewhat more connected at the end: every scale moves in its better direction on average.
 * Returns 0, -1 when out of memory. */
int demo_survey(const struct instrument *ins, size_t people, uint64_t seed, int *start, int *end);

#endif
