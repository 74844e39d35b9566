/* Meetings in the store: series and meetings, attendance and quorum, the records of a meeting
 * (ground rules, presentations, questions, actions, reviews), private journals, calendar feed
 * tokens, and the one access check every layer calls before showing any of them.
 * All functions return 0 on success and -1 on a database error unless said otherwise. */
#ifndef SETWORK_STORE_STORE_MEETINGS_H
#define SETWORK_STORE_STORE_MEETINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/meetings/rules.h"
#include "engine/meetings/series.h"
#include "store/db.h"
/* The records of a meeting and the readers of them, which every caller of the meeting store
 * uses alongside the meetings themselves. */
#include "store/store_meeting_reads.h"
#include "store/store_meeting_records.h"

/* Limits on text from outside. */
#define MEET_TEXT_MAX     4000 /* a question, action, rule, review or journal entry */
#define MEET_LOCATION_MAX 500  /* a location or link */
/* A feed token: 32 random bytes as 64 hex digits. */
#define MEET_FEED_TOKEN_LEN 64

struct meeting {
    long long id, set_id, series_id; /* series_id 0 when the meeting is on its own */
    int position;                    /* 1-based number within the series */
    char *uid;                       /* stable iCalendar UID */
    int sequence;                    /* iCalendar SEQUENCE: grows on every move and cancel */
    int64_t starts_at, ends_at;      /* UTC seconds */
    char *tzid, *location, *link;    /* location and link "" when none */
    bool cancelled;
    long long facilitator_id; /* effective: the override, else the set's (0: none) */
    char *set_name, *programme_name;
};

void meeting_free(struct meeting *m);
void meetings_free(struct meeting *list, size_t count);

/* Schedules COUNT meetings for SET_ID starting at STARTS[i] (UTC) lasting DURATION_MIN each,
 * in one transaction, with a new series recording RULE and TZID. Each meeting gets a random
 * UID. Sets *SERIES_ID. */
int store_meeting_series_create(struct db *db, long long set_id, const char *rule, const char *tzid,
                                int duration_min, int count, const int64_t *starts,
                                const char *location, const char *link, long long *series_id);

/* Loads meeting ID. 0, 1 when there is none, -1 on error. Free with meeting_free. */
int store_meeting_get(struct db *db, long long id, struct meeting *out);

/* Meetings of programme PROGRAMME_ID (0: any; SET_ID 0: every set), by set then start, into
 * *OUT (caller frees with meetings_free). */
int store_meetings_list(struct db *db, long long programme_id, long long set_id,
                        struct meeting **out, size_t *count);

/* PERSON_ID's meetings (PROGRAMME_ID 0: all programmes), by start: those of sets they were a
 * member of when the meeting starts, and those they facilitate. Caller frees with
 * meetings_free. 0 or -1. */
int store_meetings_for_person(struct db *db, long long person_id, long long programme_id,
                              struct meeting **out, size_t *count);

/* PERSON_ID's calendar feed: store_meetings_for_person, and the meetings of sets they have left
 * that start after they left, as cancelled (SEQUENCE one higher) so calendars drop them. */
int store_meetings_feed(struct db *db, long long person_id, long long programme_id,
                        struct meeting **out, size_t *count);

/* Cancels (SEQUENCE+1) the meetings from AT on of programme PROGRAMME_ID's sets that were
 * published once and are no longer: what publishing another plan does to the old sets' future
 * meetings. *CANCELLED says how many. 0 or -1. */
int store_meetings_cancel_left_behind(struct db *db, long long programme_id, const char *at,
                                      int *cancelled);

/* Moves meeting ID to STARTS/ENDS (UTC) and increments its sequence. 0, 1 when there is no
 * such meeting, -1 on error. */
int store_meeting_move(struct db *db, long long id, int64_t starts, int64_t ends);
/* Cancels meeting ID and increments its sequence. 0, 1 when none or already cancelled, -1. */
int store_meeting_cancel(struct db *db, long long id);
/* Makes PERSON_ID (0: back to the set's) facilitator of meeting ID. */
int store_meeting_set_facilitator(struct db *db, long long id, long long person_id);

/* Finds the set named SET_NAME (case-insensitive) in the programme's current plan (the newest
 * published plan, else the newest draft). 0 and *SET_ID, 1 when none, -1 on error. */
int store_meeting_find_set(struct db *db, long long programme_id, const char *set_name,
                           long long *set_id);
/* The sets of the programme's current plan, ids in *OUT (caller frees). */
int store_meeting_programme_sets(struct db *db, long long programme_id, long long **out,
                                 size_t *count);

/* Attendance: STATUS is "present", "apologies" or "absent". */
int store_attendance_set(struct db *db, long long meeting_id, long long person_id,
                         const char *status);
/* The quorum check for meeting ID from the set's size, the apologies sent and the
 * programme's meeting_quorum. 0, 1 when no such meeting, -1. */
int store_meeting_quorum(struct db *db, long long meeting_id, struct meet_quorum *q, int *quorum);

/* Calendar feed tokens. Creates (replacing any old one) a token for PERSON_ID and returns it
 * in *TOKEN (MEET_FEED_TOKEN_LEN hex digits; caller frees); only its hash is stored. */
int store_feed_token_create(struct db *db, long long person_id, char **token);
/* Looks a token up: 0 and *PERSON_ID, 1 when unknown or malformed, -1 on error. */
int store_feed_token_person(struct db *db, const char *token, long long *person_id);

/* Stored meetings as an iCalendar text (a person's feed, or one meeting's .ics with N = 1):
 * summaries name only the set and programme. NAME (NULL: none) becomes X-WR-CALNAME; STAMP is
 * DTSTAMP. Caller frees; NULL when out of memory. */
char *meetings_to_ics(const struct meeting *ms, size_t n, const char *name, int64_t stamp);

/* --- Confidentiality ---------------------------------------------------------------------- */

/* Every kind of meeting record, by the id that names it. */
enum meet_item {
    MEET_ITEM_MEETING,      /* meetings.id: the schedule entry */
    MEET_ITEM_ATTENDANCE,   /* meetings.id: who came, apologies, counts */
    MEET_ITEM_GROUND_RULE,  /* set_ground_rules.id */
    MEET_ITEM_PRESENTATION, /* presentations.id */
    MEET_ITEM_QUESTION,     /* meeting_questions.id */
    MEET_ITEM_ACTION,       /* meeting_actions.id */
    MEET_ITEM_REVIEW,       /* meetings.id of the session review */
    MEET_ITEM_JOURNAL,      /* journal_entries.id */
    MEET_ITEM_CHECKIN,      /* meeting_checkins.id (store_meeting_round.h) */
    MEET_ITEM_OWN_REVIEW,   /* member_reviews.id: one person's review of a meeting */
};

/* The facts behind the access check, for the rule meet_may_see (engine/meetings/rules.h) that
 * app_meet_may_see (app/meetings/meeting_access.h) applies: looks up the set, meeting and owner
 * of record ITEM/ID and fills *REL with PERSON_ID's relation to them (member, facilitator,
 * owner; never admin, which is the account's role and not a fact of the record). PERSON_ID 0 is
 * no person: no relation. Returns 0, 1 when there is no such record (*REL all false), -1 on a
 * database error. */
int store_meet_relation(struct db *db, long long person_id, enum meet_item item, long long id,
                        struct meet_viewer_relation *rel);

/* PERSON_ID's stints in set SET_ID, newest first, at most MEET_STINTS_MAX into OUT (*COUNT of
 * them): from set_membership, or for a set that was never published, its current members from
 * the beginning. 0 or -1. */
int store_meet_stints(struct db *db, long long set_id, long long person_id, struct meet_stint *out,
                      size_t *count);

#endif
