/* The quorum and confidentiality decisions. */
#include "engine/meetings/rules.h"

#include <stdio.h>

struct meet_quorum meet_quorum_check(int members, int apologies, int quorum)
{
    struct meet_quorum q;
    q.expected = members - apologies;
    if (q.expected < 0)
        q.expected = 0;
    q.met = quorum <= 0 || q.expected >= quorum;
    q.members = members;
    return q;
}

void meet_quorum_sentence(const struct meet_quorum *q, int quorum, int present, int apologies,
                          char *buf, size_t size)
{
    if (!size)
        return;
    if (quorum <= 0) {
        snprintf(buf, size, "No quorum is set; %d of %d members present.", present, q->members);
        return;
    }
    snprintf(buf, size, "Quorum is %d of %d members; %d present, %d sent apologies.%s", quorum,
             q->members, present, apologies,
             q->met ? "" : " Fewer members are expected than the quorum.");
}

bool meet_member_at(const struct meet_stint *stints, size_t n, int64_t at)
{
    for (size_t i = 0; i < n; i++)
        if (stints[i].joined <= at && at < stints[i].left)
            return true;
    return false;
}

bool meet_may_see(const struct meet_viewer_relation *rel, enum meet_record kind)
{
    size_t n = rel->stint_count < MEET_STINTS_MAX ? rel->stint_count : MEET_STINTS_MAX;
    bool member = rel->timed ? meet_member_at(rel->stints, n, rel->meeting_at) : rel->member;
    switch (kind) {
    case MEET_REC_SCHEDULE:
    case MEET_REC_ATTENDANCE: return member || rel->facilitator || rel->admin;
    case MEET_REC_CONTENT: return member || rel->facilitator || rel->owner; /* never admin alone */
    case MEET_REC_JOURNAL: return rel->owner;
    }
    return false;
}
