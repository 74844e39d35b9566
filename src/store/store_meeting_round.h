/* The rounds of a meeting in the store: the check-in (attendance and one line per member),
 * the actions each presenter commits to, the report back on them at a later meeting of the
 * same set (with carrying forward), and each member's session review.
 * Callers check app_meet_may_see (app/meetings/meeting_access.h) first; these functions do not know
 * who is asking. All return 0 on success and -1 on a database error unless said otherwise. */
#ifndef SETWORK_STORE_STORE_MEETING_ROUND_H
#define SETWORK_STORE_STORE_MEETING_ROUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Who the viewer is to a meeting, from the set and the meeting's facilitator override. */
struct meet_role {
    bool member;      /* a member of the meeting's set */
    bool facilitator; /* the set's facilitator or this meeting's */
};
/* Fills *ROLE for PERSON_ID at meeting MEETING_ID. 0, 1 when there is no such meeting, -1. */
int store_meeting_role(struct db *db, long long meeting_id, long long person_id,
                       struct meet_role *role);

/* The same for set SET_ID as a whole: a member, its facilitator, or facilitator of one of its
 * meetings. 0, 1 when there is no such set, -1. */
int store_set_role(struct db *db, long long set_id, long long person_id, struct meet_role *role);

/* One member of the meeting's set in the check-in round. */
struct meet_roll_entry {
    long long person_id;
    char *name;
    char *status;         /* "present", "apologies", "absent", or NULL when not marked */
    long long checkin_id; /* 0 when the member has not checked in */
    char *line;           /* the check-in line, NULL when none */
    bool has_account;     /* a web account that is not disabled is linked to the person */
};
void meet_roll_free(struct meet_roll_entry *list, size_t count);
/* The members of meeting MEETING_ID's set at the meeting's time (store_sets.h keeps who was in
 * which set when), by name, with their attendance and check-in at this meeting. Caller frees with
 * meet_roll_free. */
int store_meeting_roll(struct db *db, long long meeting_id, struct meet_roll_entry **out,
                       size_t *count);
/* Saves PERSON_ID's check-in LINE at meeting MEETING_ID (replacing an earlier one) and sets
 * *ID. -1 when LINE is not one line of at most MEET_CHECKIN_MAX bytes. */
int store_checkin_set(struct db *db, long long meeting_id, long long person_id, const char *line,
                      long long *id);

/* An action with what the rounds show about it. */
struct meet_action_item {
    long long id, owner_id, meeting_id;
    long long reported_meeting_id;          /* 0 while open */
    long long carried_from;                 /* the action it continues, 0 when new */
    long long carried_to;                   /* the action that continues it, 0 when none */
    int64_t made_at;                        /* start of the meeting it was made at (UTC seconds) */
    char *body, *due_on, *status, *learned; /* due_on NULL when none */
    char *owner_name, *set_name;
    char *tzid; /* the zone of the meeting it was made at, for showing made_at */
};
void meet_action_items_free(struct meet_action_item *list, size_t count);

/* The actions made at meeting MEETING_ID, by owner then id. Caller frees. */
int store_actions_made_at(struct db *db, long long meeting_id, struct meet_action_item **out,
                          size_t *count);
/* The report-back round of meeting MEETING_ID: the open actions of the set's current members
 * made at earlier meetings of the set, and those reported at this meeting, by owner then id.
 * Caller frees. */
int store_actions_to_report(struct db *db, long long meeting_id, struct meet_action_item **out,
                            size_t *count);
/* PERSON_ID's open actions in every set, soonest due first (no date last). Caller frees. */
int store_actions_open_of(struct db *db, long long person_id, struct meet_action_item **out,
                          size_t *count);

/* Adds PERSON_ID's action BODY (DUE_ON "YYYY-MM-DD" or NULL) to meeting MEETING_ID, where
 * they present: 0 and *ID; 1 when they do not present at that meeting; -1 on a bad text or
 * date, or on error. */
int store_action_commit(struct db *db, long long meeting_id, long long person_id, const char *body,
                        const char *due_on, long long *id);

/* Reports action ID back at meeting MEETING_ID with OUTCOME (enum meet_outcome) and what was
 * LEARNED; when CARRY, also adds a new open action at MEETING_ID with the same owner and text,
 * due DUE_ON (NULL: none), continuing it (*NEW_ID; 0 when not carried), in one transaction.
 * The action must be in MEETING_ID's report-back round. 0; 1 when it is not there; 2 when
 * CARRY is refused (done, or carried forward already); -1 on a bad text or on error. */
int store_action_report_back(struct db *db, long long id, long long meeting_id, int outcome,
                             const char *learned, bool carry, const char *due_on,
                             long long *new_id);

/* One person's session review of a meeting. */
struct meet_member_review {
    long long id, person_id, meeting_id;
    int64_t meeting_at; /* the meeting's start (UTC seconds) */
    char *meeting_tz;   /* the meeting's zone, for showing meeting_at */
    char *name, *helped, *learned_questioning, *updated_at;
};
void meet_member_reviews_free(struct meet_member_review *list, size_t count);
/* Saves PERSON_ID's review of meeting MEETING_ID (replacing an earlier one) and sets *ID.
 * -1 when a text is longer than MEET_TEXT_MAX or both are empty. */
int store_member_review_set(struct db *db, long long meeting_id, long long person_id,
                            const char *helped, const char *learned_questioning, long long *id);
/* The reviews of meeting MEETING_ID, by name. Caller frees. */
int store_member_reviews_list(struct db *db, long long meeting_id, struct meet_member_review **out,
                              size_t *count);

/* The reviews of every meeting of set SET_ID, by meeting start then name. Caller frees. */
int store_set_reviews_list(struct db *db, long long set_id, struct meet_member_review **out,
                           size_t *count);

/* Counts of the rounds for the admin view (never their content). */
struct meet_round_counts {
    int checkins, reviews, reported;
};
int store_meeting_round_counts(struct db *db, long long meeting_id, struct meet_round_counts *out);

#endif
