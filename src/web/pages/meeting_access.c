#include "web/pages/meeting_access.h"

static const char no_record[] = "There is no such meeting record.";

struct actor web_meet_actor(const struct web_request *r)
{
    return (struct actor){r->user.id, r->user.person_id, r->user.role};
}

int web_meet_may_see(struct web_request *r, enum meet_item item, long long id)
{
    struct actor a = web_meet_actor(r);
    return app_meet_may_see(r->db, &a, item, id);
}

int web_meet_allowed(struct web_request *r, enum meet_item item, long long id)
{
    int rc = web_meet_may_see(r, item, id);
    if (rc == 1)
        return 1;
    web_error(r, rc == 0 ? 404 : 500, no_record);
    return 0;
}

int web_meet_open(struct web_request *r, enum meet_item item, struct meeting *m)
{
    if (!web_meet_allowed(r, item, r->ids[0]))
        return 0;
    int rc = store_meeting_get(r->db, r->ids[0], m);
    if (rc == 0)
        return 1;
    web_error(r, rc == 1 ? 404 : 500, no_record);
    return 0;
}
