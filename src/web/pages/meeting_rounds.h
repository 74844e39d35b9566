/* The rounds of a meeting on the web: the sections of the meeting page that show the check-in,
 * the presenters' actions, the report back on earlier actions and each member's session review,
 * and the page and API handlers that write them. The writes and their checks are the use cases
 * of app/meetings/meeting_records.h, shared with the demo; the handlers map their status to an
 * HTTP code with web_status_code. */
#ifndef SETWORK_WEB_PAGES_MEETING_ROUNDS_H
#define SETWORK_WEB_PAGES_MEETING_ROUNDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/meetings/meeting_records.h"
#include "web/http/web.h"

struct meeting;
struct meet_presentation;

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

/* The live meeting page (page_meeting.c, page_meeting_timer.c). */
struct meet_timer;
/* The stage of meeting M whose section the page opens: "before", "during" or "after", from
 * ?stage= when given, else from its timer and the time of day. Static text. */
const char *web_meeting_stage(struct web_request *r, const struct meeting *m);
/* Redirects to the meeting page r->ids[0] with STAGE open, at #ANCHOR. */
void web_meeting_back(struct web_request *r, const char *stage, const char *anchor);
/* Seconds the presenters of M share once the agenda's other rounds have their time. */
int64_t web_meeting_presenters_s(const struct meeting *m);
/* Timer T of meeting MID as JSON (the shape of GET /api/v1/meetings/#/timer), names as R's
 * viewer may see them. New reference. */
json_t *web_meeting_timer_json(struct web_request *r, long long mid, const struct meet_timer *t);
/* What two screens of meeting M must agree on: the timer, who facilitates, the quorum and
 * attendance, the stage. New reference. */
json_t *web_meeting_live_json(struct web_request *r, const struct meeting *m);
/* The presenters of meeting M, each with the question log and actions (page_meeting_during.c). */
void web_meeting_presentations(struct web_request *r, struct html *page, const struct meeting *m);
/* The hand-over section (after the meeting): who facilitates now, and for the facilitator the
 * form to hand the role on. */
void web_meeting_handover(struct web_request *r, struct html *page, const struct meeting *m);

/* Handlers. */
void page_meeting_live(struct web_request *r);
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
