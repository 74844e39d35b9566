/* The meetings' confidentiality rule as every meeting page and API handler asks it: who the
 * request's viewer is, whether they may see a record, and loading a meeting only for those who
 * may see it. The rule itself lives in one place, store_meet_may_see (store_meetings.h). */
#ifndef SETWORK_WEB_PAGES_MEETING_ACCESS_H
#define SETWORK_WEB_PAGES_MEETING_ACCESS_H

#include "store/store_meetings.h"
#include "web/http/web.h"

/* R's viewer: their person and whether they are an admin (counts, never content). */
struct meet_viewer web_meet_viewer(const struct web_request *r);

/* Whether R's viewer may see ITEM/ID: 1 yes, 0 no, -1 on error. */
int web_meet_may_see(struct web_request *r, enum meet_item item, long long id);

/* 1 when R's viewer may see ITEM/ID; else answers 404 (500 on error), as for a missing record,
 * and returns 0. */
int web_meet_allowed(struct web_request *r, enum meet_item item, long long id);

/* Loads meeting r->ids[0] into M when R's viewer may see ITEM of it (MEET_ITEM_MEETING: the
 * schedule entry; MEET_ITEM_REVIEW: its content): 1, M to free with meeting_free; else answers
 * 404/500 and returns 0. */
int web_meet_open(struct web_request *r, enum meet_item item, struct meeting *m);

#endif
