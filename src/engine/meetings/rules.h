/* Quorum and confidentiality rules for meetings: pure decisions over facts the store looks up,
 * so the one rule is tested once and every layer calls it. */
#ifndef SETWORK_ENGINE_MEETINGS_RULES_H
#define SETWORK_ENGINE_MEETINGS_RULES_H

#include <stdbool.h>

struct meet_quorum {
    int expected; /* members minus apologies */
    bool met;     /* expected >= quorum */
};

/* Who is expected at a meeting of a set of MEMBERS people when APOLOGIES sent apologies, and
 * whether that reaches QUORUM (a quorum of 0 or less is always met). */
struct meet_quorum meet_quorum_check(int members, int apologies, int quorum);

/* The kinds of meeting record, from least to most sensitive. */
enum meet_record {
    MEET_REC_SCHEDULE,   /* date, time, place, status of a meeting */
    MEET_REC_ATTENDANCE, /* who attended or sent apologies, and counts of records */
    MEET_REC_CONTENT,    /* ground rules, presentations, questions, actions, session reviews */
    MEET_REC_JOURNAL,    /* a person's private reflection journal */
};

/* The viewer's relation to the set (and, for journals, to the owner). */
struct meet_viewer_relation {
    bool member;      /* a member of the set */
    bool facilitator; /* the set's facilitator, or facilitator of this meeting by override */
    bool admin;       /* a programme or site administrator */
    bool owner;       /* the journal's owner (MEET_REC_JOURNAL only) */
};

/* The confidentiality rule: what is said in a set stays in the set. Content is for the set's
 * members and facilitator only; admins see schedules and attendance, never content; a journal
 * is for its owner alone, whoever else they are. */
bool meet_may_see(const struct meet_viewer_relation *rel, enum meet_record kind);

#endif
