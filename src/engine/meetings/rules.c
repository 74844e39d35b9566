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

bool meet_may_see(const struct meet_viewer_relation *rel, enum meet_record kind)
{
    switch (kind) {
    case MEET_REC_SCHEDULE:
    case MEET_REC_ATTENDANCE: return rel->member || rel->facilitator || rel->admin;
    case MEET_REC_CONTENT: return rel->member || rel->facilitator; /* never admin alone */
    case MEET_REC_JOURNAL: return rel->owner;
    }
    return false;
}
