/* Set plans in the store: saving a formed plan with its sets and members, the pairs who shared
 * a set in earlier plans, and the rules a programme lead declared. */
#ifndef SETWORK_STORE_STORE_SETS_H
#define SETWORK_STORE_STORE_SETS_H

#include "store/db.h"

#include <stddef.h>

/* A plan to save: N people (store ids) each in set GROUP[i] of M sets named SET_NAMES. */
struct store_plan {
    long long programme_id;
    const char *name;
    double objective;
    const double *upper_bound; /* NULL when there is none */
    const char *settings_json;
    int m;
    const char *const *set_names;
    int n;
    const long long *person_ids;
    const int *group;
};

/* Saves PLAN in one transaction. Returns 0 and sets *PLAN_ID; 1 when the programme already has
 * a plan of that name; -1 on a database error with a message in *ERR (caller frees). */
int store_plan_save(struct db *db, const struct store_plan *plan, long long *plan_id, char **err);

/* Two people who shared a set in an earlier plan; AGE 0 for the newest plan, 1 the one before. */
struct store_shared_pair {
    long long a, b;
    int age;
};

/* Every pair who shared a set in a plan of programme PROGRAMME_ID older than plan BEFORE (0:
 * every plan, so a plan is never its own history), newest plans first. Returns 0 with *OUT
 * (caller frees) and *COUNT, or -1 with a message in *ERR (caller frees). */
int store_shared_pairs_before(struct db *db, long long programme_id, long long before,
                              struct store_shared_pair **out, size_t *count, char **err);

/* A rule of a programme: kind "apart", "together" (with person B) or "pin" (with SET_NAME). */
struct store_rule {
    char kind[12];
    long long a, b;
    char *set_name; /* NULL unless a pin */
};

/* The programme's rules. Returns 0 with *OUT (free with store_rules_free) and *COUNT, or -1 with
 * a message in *ERR (caller frees). */
int store_rules_load(struct db *db, long long programme_id, struct store_rule **out, size_t *count,
                     char **err);
void store_rules_free(struct store_rule *rules, size_t count);

#endif
