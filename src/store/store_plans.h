/* Editing a saved set plan: its sets and members as the plan page shows them, moving a person,
 * locking a set, a facilitator per set, publishing, and the programme's declared rules. */
#ifndef SETWORK_STORE_STORE_PLANS_H
#define SETWORK_STORE_STORE_PLANS_H

#include "store/db.h"
/* store_programme_weights, which forming a plan reads, lives with the programmes table. */
#include "store/store_programmes.h"

#include <stddef.h>

/* One set of a plan as stored. NAME is owned by the plan (store_plan_rows_free). */
struct store_plan_set {
    long long id;
    char *name;
    int locked;
    long long facilitator_id; /* 0 when none */
    char *facilitator;        /* the facilitator's email, NULL when none */
};

/* A plan's rows: its sets in order and, for each member, the person id and set index. */
struct store_plan_rows {
    long long id, programme_id;
    char status[12];
    char *name, *settings_json;
    double upper_bound; /* < 0 when none */
    int m, n;
    struct store_plan_set *sets;
    long long *person_ids; /* n */
    int *group;            /* n set indices */
};

/* Loads plan PLAN_ID. Returns 0 (free with store_plan_rows_free), 1 when there is no such plan,
 * -1 on a database error. */
int store_plan_rows_load(struct db *db, long long plan_id, struct store_plan_rows *out);
void store_plan_rows_free(struct store_plan_rows *p);

/* The newest plan of a programme: 0 with *PLAN_ID, 1 when it has none, -1 on error. */
int store_plan_latest(struct db *db, long long programme_id, long long *plan_id);

/* Moves PERSON_ID into set SET_ID; both must belong to plan PLAN_ID. 0, 1 when either does not,
 * -1 on error. */
int store_plan_move(struct db *db, long long plan_id, long long person_id, long long set_id);

/* Replaces every membership of plan PLAN_ID (N people into set ids SET_IDS) and its objective,
 * in one transaction. 0 or -1. */
int store_plan_replace(struct db *db, long long plan_id, int n, const long long *person_ids,
                       const long long *set_ids, double objective);

/* Records the objective of plan PLAN_ID after an edit. 0 or -1. */
int store_plan_objective(struct db *db, long long plan_id, double objective);

/* Locks or unlocks set SET_ID of plan PLAN_ID. 0, 1 when it is not in the plan, -1. */
int store_set_lock(struct db *db, long long plan_id, long long set_id, int locked);

/* Makes PERSON_ID (0: nobody) the facilitator of set SET_ID of plan PLAN_ID. 0, 1 when the set
 * or the person is unknown, -1. */
int store_set_facilitator(struct db *db, long long plan_id, long long set_id, long long person_id);

/* The person id of EMAIL: 0 with *ID, 1 when nobody has it, -1. */
int store_person_by_email(struct db *db, const char *email, long long *id);

/* Publishes plan PLAN_ID (other plans of the programme go back to draft). 0, 1 unknown, -1. */
int store_plan_publish(struct db *db, long long plan_id);

/* Declares a rule for a programme: KIND "apart"/"together" (with B) or "pin" (with SET_NAME).
 * Returns 0 or -1. */
int store_rule_add(struct db *db, long long programme_id, const char *kind, long long a,
                   long long b, const char *set_name);

/* The programme's keep-apart pairs ("email, email" lines) and pins ("email, set name" lines)
 * appended to APART and PINS. 0 or -1. */
struct strbuf;
int store_rules_text(struct db *db, long long programme_id, struct strbuf *apart,
                     struct strbuf *pins);

/* Deletes the keep-apart and pin rules of a programme (keep-together rules stay). 0 or -1. */
int store_rules_clear(struct db *db, long long programme_id);

/* Deletes the keep-together rules of a programme (the form page replaces them). 0 or -1. */
int store_rules_clear_together(struct db *db, long long programme_id);

/* A plan or a set in a programme's listing. Strings owned (store_listing_free). */
struct store_listing {
    long long id;
    char *name;
    char *status;     /* plans: "draft" or "published"; sets: the facilitator's name or "" */
    char *created_at; /* plans: when formed; sets: "" */
    double score;     /* plans: the objective (< 0: none); sets: how many members */
};
void store_listing_free(struct store_listing *list, size_t count);

/* The plans of programme PROGRAMME_ID, newest first: 0 with *OUT and *COUNT, or -1. */
int store_programme_plans(struct db *db, long long programme_id, struct store_listing **out,
                          size_t *count);

/* The sets of programme PROGRAMME_ID's published plan, by position: 0 with *OUT and *COUNT
 * (none when nothing is published), or -1. */
int store_published_sets(struct db *db, long long programme_id, struct store_listing **out,
                         size_t *count);

#endif
