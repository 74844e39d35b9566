/* The one assembly of a formation problem: a cohort and the settings of a plan (weights, sizes,
 * the management chain, minorities not to isolate, rule files) and, for a programme, what the
 * store knows (earlier plans and network ties as known pairs, challenge themes, declared rules).
 * `setwork form`, the form page and the API form plans through it, and a stored plan is re-scored
 * through it with the settings it was formed with (plan_settings_json / plan_settings_parse). */
#ifndef SETWORK_APP_PLANS_PLAN_PROBLEM_H
#define SETWORK_APP_PLANS_PLAN_PROBLEM_H

#include "app/plans/form_build.h"
#include "core/status.h"
#include "core/strbuf.h"
#include "model/cohort.h"
#include "store/db.h"

#include <jansson.h>

/* The most --no-isolate attributes one plan takes. */
#define PLAN_MAX_ISOLATE 8
/* plan_settings.chain: the default (nobody with their line manager) and "off". */
#define PLAN_CHAIN_DEFAULT 1
#define PLAN_CHAIN_OFF     (-1)
/* The most iterations a plan's search may be given. */
#define PLAN_MAX_ITERATIONS 1000000000L

/* What the admin chose, on the command line, the form page or in the API. SETS > 0 wins over
 * SIZE_MIN..SIZE_MAX. Zero fields take the defaults. Strings are borrowed. */
struct plan_settings {
    const char *name; /* plan name; NULL: "Plan N" */
    int sets;         /* number of sets, 0 to use sizes */
    int size_min, size_max;
    const char *weights; /* "organisation=3,department=2,new=1"; NULL or blank: the programme's */
    double seconds;      /* search budget (0: 1 second) */
    long iterations;     /* work budget instead of seconds (0: none): the same plan for a seed */
    long long seed;
    int chain; /* levels of the management chain kept apart: 0 the default (1), PLAN_CHAIN_OFF */
    const char *isolate[PLAN_MAX_ISOLATE]; /* attributes whose minorities are not left alone */
    int isolate_count;
    const char *apart_file, *together_file, *pin_file; /* rule files ("email,email" lines) */
    int exact_name; /* a NAME the programme has already is a conflict, not "NAME (2)" */
};

/* A problem ready for the engine, and everything it points into. */
struct plan_problem {
    struct cohort cohort;
    struct form_input in;
    double *d;
    double ub; /* the upper bound, < 0 when none */
    struct form_problem p;
    json_t *extra;   /* {apart, together, pins}: rules from files, kept with the plan */
    int chain_pairs; /* the first CHAIN_PAIRS of in.apart come from the management chain */
};

/* Builds PB from COHORT (moved into PB: the caller's copy is zeroed) and S: weights, sizes
 * (every set's bounds become SIZE_MIN..SIZE_MAX when FIX_SIZES), the chain, minorities, rule files
 * and EXTRA (rules kept with a stored plan, or NULL). Then, when DB is not NULL, what the store
 * knows of PROGRAMME_ID, counting only the plans older than plan BEFORE (0: every plan). Returns
 * STATUS_OK; STATUS_INVALID with a sentence in ERR when the settings do not fit the cohort;
 * STATUS_FAILED (ERR). Free PB with plan_problem_free in every case. */
enum status plan_problem_build(struct plan_problem *pb, struct cohort *cohort,
                               const struct plan_settings *s, int fix_sizes, const json_t *extra,
                               struct db *db, long long programme_id, long long before,
                               struct strbuf *err);

void plan_problem_free(struct plan_problem *pb);

/* Where each person of PB's cohort is in a stored plan of N memberships (PERSON_IDS[t] in set
 * GROUP[t]): an array of PB->in.n set indices, -1 for someone the plan does not hold (caller
 * frees); NULL when out of memory. */
int *plan_problem_group(const struct plan_problem *pb, int n, const long long *person_ids,
                        const int *group);

/* The settings of a plan formed from PB with S, as stored with it (caller frees): {weights:
 * {attribute: w, new: w, similar: w}, sets, size_min, size_max, seed, seconds, iterations, chain,
 * no_isolate: [attribute], apart: [[email, email]], together: [...], pins: [[email, set]]}.
 * NULL when out of memory. */
char *plan_settings_json(const struct plan_problem *pb, const struct plan_settings *s);

/* Reads TEXT, the settings of a stored plan, in this shape or an older one (weights as
 * "name=w,..." text, no chain: 1), into S and *WEIGHTS_SPEC (caller frees; NULL for the
 * defaults); the strings of S point into *OWNER (caller decrefs), *EXTRA borrows from it. */
void plan_settings_parse(const char *text, struct plan_settings *s, char **weights_spec,
                         json_t **owner, const json_t **extra);

#endif
