/* The records a meeting's rounds write, as use cases: the check-in, adding a presenter to the
 * agenda, a presenter's action, the report back on earlier actions and each member's session
 * review. The web pages, the JSON API and the demo (`setwork meetings demo`) all write through
 * these, so they pass the same checks: first may the actor see the meeting's content
 * (app_meet_may_see; a refusal is STATUS_NOT_FOUND, like a missing record), then who may write
 * what (a member for themselves, the meeting's facilitator for the set), then the values.
 * Each returns an enum status (core/status.h) and fills *REPLY. */
#ifndef SETWORK_APP_MEETINGS_MEETING_RECORDS_H
#define SETWORK_APP_MEETINGS_MEETING_RECORDS_H

#include <stdbool.h>

#include "app/actor.h"
#include "core/status.h"
#include "store/db.h"

/* How a write went, beside its status. */
struct meeting_records_reply {
    const char *msg; /* a sentence for the user (static text); NULL with STATUS_OK */
    /* With STATUS_INVALID: true when a value is missing or not one of the accepted forms
     * (the web answers 400), false when a value breaks a rule of the meeting (422). */
    bool malformed;
};

/* Check-in of PERSON (0: the actor) at meeting MID: attendance STATUS ("present",
 * "apologies", "absent"; NULL or "": unchanged) and/or a one-line LINE (NULL or "": unchanged).
 * Members change their own (present or apologies); the facilitator anyone's in the set. A line
 * saved without a STATUS marks its writer present: who checks in is here. */
enum status meeting_records_checkin(struct db *db, const struct actor *actor, long long mid,
                                    long long person, const char *status, const char *line,
                                    struct meeting_records_reply *reply);

/* Logs question BODY in presentation PID of meeting MID, asked by ASKER (0: the actor, who is
 * typing). Anyone who may see the meeting's content logs questions; the asker must be able to
 * see it too (a member at the meeting's time or the facilitator). *ID is the question. */
enum status meeting_records_question_add(struct db *db, const struct actor *actor, long long mid,
                                         long long pid, long long asker, const char *body,
                                         long long *id, struct meeting_records_reply *reply);

/* Hands the facilitation of meeting MID to PERSON: only the meeting's facilitator (the set's,
 * or the one it was handed to) may, and only to another member of the set at the meeting's
 * time who has a web account (so they can run the page). With WRITE false it only checks,
 * for the confirmation step; with WRITE true it stores the change. *NAME (caller frees; may be
 * NULL) is the new facilitator's name when the check passes. */
enum status meeting_records_handover(struct db *db, const struct actor *actor, long long mid,
                                     long long person, bool write, char **name,
                                     struct meeting_records_reply *reply);

/* Adds PERSON, who must be able to see the meeting's content (a member or the facilitator), to
 * the agenda of meeting MID with a time bid of BID_MIN minutes (0: an equal share; 0-600), while
 * its timer has not started (else STATUS_CONFLICT). Anyone who may see the content adds. *ID is
 * the presentation. */
enum status meeting_records_presenter_add(struct db *db, const struct actor *actor, long long mid,
                                          long long person, long long bid_min, long long *id,
                                          struct meeting_records_reply *reply);

/* A new action BODY (DUE_ON "YYYY-MM-DD", NULL or "": none) for the presenter of
 * presentation PID at meeting MID, by that presenter or the facilitator. *ID is the action. */
enum status meeting_records_action_add(struct db *db, const struct actor *actor, long long mid,
                                       long long pid, const char *body, const char *due_on,
                                       long long *id, struct meeting_records_reply *reply);

/* The report back on action AID at meeting MID: OUTCOME ("done", "partly", "not_done"),
 * what was LEARNED, and whether to CARRY it forward (due DUE_ON), by its owner or the
 * facilitator. *NEW_ID is the carried action, 0 when none. */
enum status meeting_records_action_report(struct db *db, const struct actor *actor, long long mid,
                                          long long aid, const char *outcome, const char *learned,
                                          bool carry, const char *due_on, long long *new_id,
                                          struct meeting_records_reply *reply);

/* The actor's own session review of meeting MID (members and the facilitator). */
enum status meeting_records_review(struct db *db, const struct actor *actor, long long mid,
                                   const char *helped, const char *learned_questioning,
                                   struct meeting_records_reply *reply);

#endif
