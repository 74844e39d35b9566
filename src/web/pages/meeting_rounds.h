/* The rounds of a meeting as the web pages and the JSON API both use them: the check-in, the
 * presenters' actions, the report back on earlier actions and each member's session review.
 * One set of checks for both: every function first asks store_meet_may_see (a refusal is 404,
 * like a missing record), then who may write what (the member for themselves, the meeting's
 * facilitator for the set), then the values. Each returns the HTTP status to answer with (200
 * when done) and, otherwise, a message for the user in *MSG (static text). */
#ifndef SETWORK_WEB_PAGES_MEETING_ROUNDS_H
#define SETWORK_WEB_PAGES_MEETING_ROUNDS_H

#include <stdbool.h>
#include <stddef.h>

#include "web/http/web.h"

struct meeting;
struct meet_presentation;

/* Check-in of PERSON (0: the viewer) at meeting MID: attendance STATUS ("present",
 * "apologies", "absent"; NULL or "": unchanged) and/or a one-line LINE (NULL or "": unchanged).
 * Members change their own (present or apologies); the facilitator anyone's in the set. */
int rounds_checkin(struct web_request *r, long long mid, long long person, const char *status,
                   const char *line, const char **msg);
/* A new action BODY (DUE_ON "YYYY-MM-DD", NULL or "": none) for the presenter of
 * presentation PID at meeting MID, by that presenter or the facilitator. *ID is the action. */
int rounds_action_add(struct web_request *r, long long mid, long long pid, const char *body,
                      const char *due_on, long long *id, const char **msg);
/* The report back on action AID at meeting MID: OUTCOME ("done", "partly", "not_done"),
 * what was LEARNED, and whether to CARRY it forward (due DUE_ON), by its owner or the
 * facilitator. *NEW_ID is the carried action, 0 when none. */
int rounds_action_report(struct web_request *r, long long mid, long long aid, const char *outcome,
                         const char *learned, bool carry, const char *due_on, long long *new_id,
                         const char **msg);
/* The viewer's own session review of meeting MID. */
int rounds_review(struct web_request *r, long long mid, const char *helped,
                  const char *learned_questioning, const char **msg);

/* Sections of the meeting page (M has passed the content check). */
void web_meeting_checkin(struct web_request *r, struct html *page, const struct meeting *m);
void web_meeting_report_back(struct web_request *r, struct html *page, const struct meeting *m);
/* The actions of presentation P (made at meeting M) and the form to add one. */
void web_meeting_presentation_actions(struct web_request *r, struct html *page,
                                      const struct meeting *m, const struct meet_presentation *p);
/* Actions carried forward to meeting M, and every member's open actions in the set. */
void web_meeting_actions_summary(struct web_request *r, struct html *page, const struct meeting *m);
void web_meeting_reviews(struct web_request *r, struct html *page, const struct meeting *m);
/* "My actions" on the viewer's home page and on "My meetings": their open actions. */
void web_my_actions(struct web_request *r, struct html *page);

/* The session reviews of every meeting of set SET_ID for R's viewer (members and facilitator
 * only) into *OUT (caller frees with meet_member_reviews_free): 0, or -1 after answering
 * 404/500. */
struct meet_member_review;
int web_set_reviews(struct web_request *r, long long set_id, struct meet_member_review **out,
                    size_t *count);

/* Handlers. */
void page_meeting_checkin(struct web_request *r);
void page_meeting_action_add(struct web_request *r);
void page_meeting_action_report(struct web_request *r);
void page_meeting_review(struct web_request *r);
void page_set_reviews(struct web_request *r);
void api_meeting_records(struct web_request *r);
void api_meeting_checkin(struct web_request *r);
void api_meeting_action_add(struct web_request *r);
void api_meeting_action_report(struct web_request *r);
void api_meeting_review(struct web_request *r);
void api_my_actions(struct web_request *r);
void api_set_reviews(struct web_request *r);

#endif
