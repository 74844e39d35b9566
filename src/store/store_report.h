/* The counts the impact report needs from the store. */
#ifndef SETWORK_STORE_STORE_REPORT_H
#define SETWORK_STORE_STORE_REPORT_H

#include "store/db.h"

struct participation_counts {
    long members;
    long sets;           /* sets in the most recently published plan (0 when none) */
    long people_in_sets; /* members placed in those sets */
    long challenges;     /* all challenges, whatever their visibility */
    long challenges_cohort;
    long people_with_challenges;
};

/* Fills OUT for the programme. 0 or -1. */
int store_participation(struct db *db, long long programme_id, struct participation_counts *out);

#endif
