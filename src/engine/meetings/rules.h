/* Quorum and confidentiality rules for meetings: pure decisions over facts the store looks up,
 * so the one rule is tested once and every layer calls it. */
#ifndef SETWORK_ENGINE_MEETINGS_RULES_H
#define SETWORK_ENGINE_MEETINGS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct meet_quorum {
    int expected; /* members minus apologies */
    bool met;     /* expected >= quorum */
    int members;  /* the set's members */
};

/* Who is expected at a meeting of a set of MEMBERS people when APOLOGIES sent apologies, and
 * whether that reaches QUORUM (a quorum of 0 or less is always met). */
struct meet_quorum meet_quorum_check(int members, int apologies, int quorum);

/* The longest sentence meet_quorum_sentence writes, with its NUL. */
#define MEET_QUORUM_TEXT_MAX 160

/* The quorum in words for the meeting page, into BUF (SIZE bytes): "Quorum is 3 of 6 members;
 * 2 present, 1 sent apologies." and, when Q is not met, " Fewer members are expected than the
 * quorum." With a quorum of 0 or less: "No quorum is set; 2 of 6 members present." */
void meet_quorum_sentence(const struct meet_quorum *q, int quorum, int present, int apologies,
                          char *buf, size_t size);

/* The kinds of meeting record, from least to most sensitive. */
enum meet_record {
    MEET_REC_SCHEDULE,   /* date, time, place, status of a meeting */
    MEET_REC_ATTENDANCE, /* who attended or sent apologies, and counts of records */
    MEET_REC_CONTENT,    /* ground rules, presentations, questions, actions, session reviews */
    MEET_REC_JOURNAL,    /* a person's private reflection journal */
};

/* The most stints (joinings and leavings of one set by one person) the rule is told about; a
 * person moved in and out of one set more often than this has their oldest stints ignored. */
#define MEET_STINTS_MAX 16

/* One period of membership of a set, UTC seconds: from JOINED (INT64_MIN: from the set's
 * beginning) until LEFT (INT64_MAX: still a member), LEFT itself excluded. */
struct meet_stint {
    int64_t joined, left;
};

/* The viewer's relation to the set (and, for journals, to the owner). */
struct meet_viewer_relation {
    bool member;      /* a member of the set at some time (what set-wide records ask) */
    bool facilitator; /* the set's facilitator, or facilitator of this meeting by override */
    bool admin;       /* a programme or site administrator */
    bool owner;       /* the record is the viewer's own (their journal, action, check-in, review) */
    /* For a record of one meeting: the meeting's start and the viewer's stints in its set. Then
     * membership is membership at the meeting's time, and MEMBER is not asked. */
    bool timed;
    int64_t meeting_at;
    size_t stint_count;
    struct meet_stint stints[MEET_STINTS_MAX];
};

/* Was someone with these N STINTS a member at time AT? */
bool meet_member_at(const struct meet_stint *stints, size_t n, int64_t at);

/* The confidentiality rule: what is said in a set stays in the set. Content is for the set's
 * members and facilitator only, and for a record of a meeting only for those who were members
 * when it was held (someone moved in never reads what was said before; someone who left keeps
 * what they were there for); a person always sees their own records; admins see schedules and
 * attendance, never content; a journal is for its owner alone, whoever else they are. */
bool meet_may_see(const struct meet_viewer_relation *rel, enum meet_record kind);

#endif
