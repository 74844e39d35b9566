/* Readers for the facilitator's meeting page: ground rules, question logs, journals,
 * presentations, session reviews, and attendance across a programme. Callers check
 * store_meet_may_see (store_meetings.h) first. All return 0 on success and -1 on a database
 * error unless said otherwise. */
#ifndef SETWORK_STORE_STORE_MEETING_READS_H
#define SETWORK_STORE_STORE_MEETING_READS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Readers for the meeting page. A text record: a ground rule (person_id 0, kind NULL), a
 * question (person_id the asker or 0, kind "unmarked"/"open"/"closed") or a journal entry
 * (person_id the owner, meeting_id the meeting or 0, kind NULL). */
struct meet_text {
    long long id, person_id, meeting_id;
    char *body, *kind, *created_at; /* kind and created_at NULL when the record has none */
};
void meet_texts_free(struct meet_text *list, size_t count);
/* The set's ground rules in order. Caller frees with meet_texts_free. */
int store_ground_rules_list(struct db *db, long long set_id, struct meet_text **out, size_t *count);
/* The question log of a presentation, oldest first. */
int store_questions_list(struct db *db, long long presentation_id, struct meet_text **out,
                         size_t *count);
struct meet_presentation {
    long long id, presenter_id;
    int position, bid_min; /* bid_min 0 when time is shared equally */
    int64_t airtime_s;
};
/* The presentations of meeting ID in order, into *OUT (caller frees with free()). */
int store_presentations_list(struct db *db, long long meeting_id, struct meet_presentation **out,
                             size_t *count);
/* The session review of meeting ID: 0 with both texts (caller frees), 1 when none yet, -1. */
int store_review_get(struct db *db, long long meeting_id, char **helped,
                     char **learned_questioning);

/* Attendance across a programme's sets: meetings planned (not cancelled) and held (ended before
 * NOW, an ISO UTC time), and the attendance records of held meetings by status. */
/* A programme's meetings that are not cancelled: PLANNED in all; HELD, those past with an
 * attendance record (a past meeting nobody recorded says nothing about attendance, so it is
 * UNRECORDED, not held); and the places recorded at the held ones. */
struct programme_attendance {
    long planned, held, present, apologies, absent, unrecorded;
};
int store_programme_attendance(struct db *db, long long programme_id, const char *now,
                               struct programme_attendance *out);

#endif
