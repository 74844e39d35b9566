/* The confidentiality check: the store's facts composed with the pure rule (meeting_access.h). */
#include "app/meetings/meeting_access.h"

#include "engine/meetings/rules.h"

/* How sensitive a record of kind ITEM is. */
static enum meet_record record_kind(enum meet_item item)
{
    switch (item) {
    case MEET_ITEM_MEETING: return MEET_REC_SCHEDULE;
    case MEET_ITEM_ATTENDANCE: return MEET_REC_ATTENDANCE;
    case MEET_ITEM_JOURNAL: return MEET_REC_JOURNAL;
    default: return MEET_REC_CONTENT;
    }
}

int app_meet_may_see(struct db *db, const struct actor *actor, enum meet_item item, long long id)
{
    struct meet_viewer_relation rel;
    int rc = store_meet_relation(db, actor->person_id, item, id, &rel);
    if (rc)
        return rc < 0 ? -1 : 0;
    rel.admin = actor->role == ROLE_ADMIN;
    return meet_may_see(&rel, record_kind(item)) ? 1 : 0;
}
