/* The records of a meeting in the store: ground rules, presentations, the question log, actions
 * and their report back, session reviews, private journal entries, and the counts of them.
 * Callers check store_meet_may_see (store_meetings.h) first; these functions do not know who is
 * asking. All return 0 on success and -1 on a database error unless said otherwise. */
#ifndef SETWORK_STORE_STORE_MEETING_RECORDS_H
#define SETWORK_STORE_STORE_MEETING_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Records. Each *_add sets *ID. BODY texts are limited to MEET_TEXT_MAX
 * (store_meetings.h; -1 when longer). */
int store_ground_rule_add(struct db *db, long long set_id, const char *body, long long *id);
int store_presentation_add(struct db *db, long long meeting_id, long long presenter_id, int bid_min,
                           long long *id);
int store_presentation_set_airtime(struct db *db, long long id, int64_t airtime_s);
/* KIND: "unmarked", "open" or "closed". */
int store_question_add(struct db *db, long long presentation_id, long long asker_id,
                       const char *body, long long *id);
int store_question_mark(struct db *db, long long id, const char *kind);
/* DUE_ON "YYYY-MM-DD" or NULL. */
int store_action_add(struct db *db, long long meeting_id, long long owner_id, const char *body,
                     const char *due_on, long long *id);
int store_review_set(struct db *db, long long meeting_id, const char *helped,
                     const char *learned_questioning);

/* An action as the report-back round shows it. */
struct meet_action {
    long long id, owner_id, meeting_id;
    char *body, *due_on, *status, *learned; /* due_on NULL when none */
};
void meet_actions_free(struct meet_action *list, size_t count);

/* The report-back list for meeting ID: every open action of the set's current members that
 * was made at an earlier meeting of the same set, by owner then id. Caller frees. */
int store_actions_report_back(struct db *db, long long meeting_id, struct meet_action **out,
                              size_t *count);
/* Records the report back on action ID at meeting MEETING_ID: STATUS "done", "partly" or
 * "not_done" (or "open" to carry it forward unreported) and what was LEARNED. 0, 1 when no
 * such action, -1. */
int store_action_report(struct db *db, long long id, long long meeting_id, const char *status,
                        const char *learned);

/* Counts for the admin view: presentations, questions and actions of meeting ID, and the
 * attendance tallies. Content is never returned here. */
struct meet_counts {
    int presentations, questions, actions, present, apologies, absent;
};
int store_meeting_counts(struct db *db, long long meeting_id, struct meet_counts *out);

#endif
