/* The stored phase timer of a meeting: load and save a struct meet_timer. */
#ifndef SETWORK_STORE_STORE_MEETING_TIMER_H
#define SETWORK_STORE_STORE_MEETING_TIMER_H

#include "engine/meetings/timer.h"
#include "store/db.h"

/* Loads the timer of MEETING_ID into *T. 0, 1 when the meeting has none yet (T zeroed), -1 on
 * a database error or a state that does not parse. */
int store_meeting_timer_get(struct db *db, long long meeting_id, struct meet_timer *t);

/* Saves *T as the timer of MEETING_ID (replacing any) and copies each presenter's airtime at
 * NOW into presentations.airtime_s, in one transaction. 0 or -1. */
int store_meeting_timer_put(struct db *db, long long meeting_id, const struct meet_timer *t,
                            int64_t now);

/* Forgets the timer of MEETING_ID (presenters changed). 0 or -1. */
int store_meeting_timer_clear(struct db *db, long long meeting_id);

#endif
