/* The quorum and confidentiality decisions. */
#include "engine/meetings/rules.h"

struct meet_quorum meet_quorum_check(int members, int apologies, int quorum)
{
    struct meet_quorum q;
    q.expected = members - apologies;
    if (q.expected < 0)
        q.expected = 0;
    q.met = quorum <= 0 || q.expected >= quorum;
    return q;
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
