/* The meetings' confidentiality rule as every meeting page and API handler asks it: the actor
 * behind the request, whether they may see a record, and loading a meeting only for those who
 * may see it. The rule itself is asked in one place, app_meet_may_see
 * (app/meetings/meeting_access.h); this is only the web's adapter to it. */
#ifndef SETWORK_WEB_PAGES_MEETING_ACCESS_H
#define SETWORK_WEB_PAGES_MEETING_ACCESS_H

#include "app/actor.h"
#include "app/meetings/meeting_access.h"
#include "store/store_meetings.h"
#include "web/http/web.h"

/* R's actor: their account, person and role (admins see counts, never content). */
struct actor web_meet_actor(const struct web_request *r);

/* Whether R's actor may see ITEM/ID: 1 yes, 0 no, -1 on error. */
int web_meet_may_see(struct web_request *r, enum meet_item item, long long id);

/* 1 when R's actor may see ITEM/ID; else answers 404 (500 on error), as for a missing record,
 * and returns 0. */
int web_meet_allowed(struct web_request *r, enum meet_item item, long long id);

/* Loads meeting r->ids[0] into M when R's actor may see ITEM of it (MEET_ITEM_MEETING: the
 * schedule entry; MEET_ITEM_REVIEW: its content): 1, M to free with meeting_free; else answers
 * 404/500 and returns 0. */
int web_meet_open(struct web_request *r, enum meet_item item, struct meeting *m);

#endif
