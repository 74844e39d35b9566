/* Changes to a programme's sets once they are published: moving a person, re-optimising and
 * publishing another plan. Each says first who it would move and which meetings it would
 * cancel, and is written only when confirmed; written, it keeps the membership history, cancels
 * the old sets' future meetings and leaves a notice for everyone it moved. Nothing is deleted. */
#ifndef SETWORK_APP_PLANS_PLAN_CHANGE_H
#define SETWORK_APP_PLANS_PLAN_CHANGE_H

#include "core/status.h"
#include "core/strbuf.h"
#include "store/db.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PLAN_CHANGE_UNDO puts back the last move by hand (plan_undo_within). */
enum plan_change_kind {
    PLAN_CHANGE_MOVE,
    PLAN_CHANGE_REOPTIMISE,
    PLAN_CHANGE_PUBLISH,
    PLAN_CHANGE_UNDO
};

/* What to change. */
struct plan_change {
    enum plan_change_kind kind;
    long long plan_id;
    long long person_id, set_id; /* PLAN_CHANGE_MOVE */
    double seconds;              /* PLAN_CHANGE_REOPTIMISE: the search's budget, as */
    long iterations;             /* plan_reoptimise takes them */
    long long seed;
    bool include_met; /* re-plan sets that have met too (they are kept otherwise) */
    bool confirm;     /* the lead has seen what changes: write it */
    int64_t at;       /* when it takes effect, UTC seconds; 0: now */
};

/* One person whose published set changes; FROM or TO is "" when they join or leave. */
struct plan_moved {
    long long person_id;
    char *person, *email, *from, *to; /* owned */
};

/* What a change does (or would do, when it waits for confirmation). */
struct plan_change_report {
    long long programme_id;
    bool needs_confirm; /* the programme had published sets that this change touches */
    bool applied;       /* it was written */
    struct plan_moved *moved;
    size_t moved_count;
    int meetings_cancelled; /* future meetings of sets no longer published */
    char at[32];            /* when it takes effect, UTC "YYYY-MM-DDTHH:MM:SSZ" */
    char from_date[32];     /* the same as people read it: "3 March 2026" */
};
void plan_change_report_free(struct plan_change_report *r);

/* Does change C. When it touches published sets (a move or re-optimising on a published plan,
 * publishing a plan while another is published) and C->confirm is false, nothing is written
 * and the answer is STATUS_CONFLICT with OUT saying who would move and which meetings would be
 * cancelled. Otherwise it is written in one transaction: STATUS_OK with OUT. STATUS_NOT_FOUND
 * (no such plan, or person or set not in it), STATUS_INVALID (sentences in ERR),
 * STATUS_FAILED. Free OUT with plan_change_report_free in every case. */
enum status plan_change_apply(struct db *db, const struct plan_change *c,
                              struct plan_change_report *out, struct strbuf *err);

/* OUT as JSON: {needs_confirm, applied, effective, from, meetings_cancelled, moved: [{person_id,
 * name, email, from, to}]} (caller decrefs; NULL when out of memory). */
json_t *plan_change_json(const struct plan_change_report *r);

/* The sentence a moved person reads on their home page, e.g. "You have moved from Set 2 to Set
 * 1 from 3 March 2026." (caller frees; NULL when out of memory). */
char *plan_change_notice(const struct plan_moved *m, const char *from_date);

#endif
