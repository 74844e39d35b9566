/* The meetings' confidentiality rule as every layer asks it: may this actor see that record?
 * The store supplies the facts (store_meet_relation), the pure rule decides (meet_may_see in
 * engine/meetings/rules.h); the web pages, the API, the command line and the demo all ask here. */
#ifndef SETWORK_APP_MEETINGS_MEETING_ACCESS_H
#define SETWORK_APP_MEETINGS_MEETING_ACCESS_H

#include "app/actor.h"
#include "store/db.h"
#include "store/store_meetings.h"

/* May ACTOR see the record ITEM/ID? Admins (ROLE_ADMIN) see schedules and attendance, never
 * content; a person sees what meet_may_see allows for their relation to the record. Returns 1
 * (yes), 0 (no, including a record that does not exist, so a probe learns nothing), -1 on a
 * database error. */
int app_meet_may_see(struct db *db, const struct actor *actor, enum meet_item item, long long id);

/* The actor who is person PERSON_ID and no account or admin: how a rule is asked on behalf of
 * someone else (may this member present?) or by the demo acting as each member. */
static inline struct actor app_meet_person(long long person_id)
{
    return (struct actor){0, person_id, ROLE_PARTICIPANT};
}

#endif
