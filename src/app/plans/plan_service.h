/* Forming and editing set plans for a programme: the one path the plan pages, the JSON API and
 * `setwork form` share. Loads the cohort and the declared rules, runs the formation engine,
 * saves drafts, re-scores a plan after a manual move (form_check says which rules break),
 * re-optimises the unlocked sets, and publishes. */
#ifndef SETWORK_APP_PLANS_PLAN_SERVICE_H
#define SETWORK_APP_PLANS_PLAN_SERVICE_H

#include "app/plans/form_build.h"
#include "core/strbuf.h"
#include "store/db.h"

#include <jansson.h>

/* What the admin chose on the form page. SETS > 0 wins over SIZE_MIN..SIZE_MAX. */
struct plan_settings {
    const char *name; /* plan name; NULL: "Plan N" */
    int sets;         /* number of sets, 0 to use sizes */
    int size_min, size_max;
    const char *weights; /* "organisation=3,department=2,new=1" or NULL for the defaults */
    double seconds;      /* search budget */
    long long seed;
};

/* Adds to IN (built from the store cohort of PROGRAMME_ID) the shared pairs of the plans older
 * than plan BEFORE (0: every plan) and the programme's declared rules (programme_rules).
 * Returns 0, or -1 with a message in ERR. */
int plan_input_from_store(struct form_input *in, struct db *db, long long programme_id,
                          long long before, struct strbuf *err);

/* Forms sets for PROGRAMME_ID with S and saves them as a draft plan. Returns 0 with *PLAN_ID;
 * 1 when the settings or rules cannot hold (sentences in ERR); -1 on a store error (ERR). */
int plan_form(struct db *db, long long programme_id, const struct plan_settings *s,
              long long *plan_id, struct strbuf *err);

/* The plan as pages and the API show it: {id, name, status, programme_id, objective,
 * upper_bound, gap, broken: [sentences], isolated, sets: [{id, name, locked, facilitator_id,
 * facilitator (email or null), size, mix: {attr: distinct values}, new_connections, members: [{id,
 * name, email, organisation, department, location, grade}]}]}. Returns 0 with *OUT (caller
 * decrefs), 1 no such plan, -1 error. Also records the fresh objective in the store. */
int plan_view(struct db *db, long long plan_id, json_t **out);

/* Moves PERSON_ID to SET_ID within PLAN_ID. 0, 1 when either is not in the plan, -1. The
 * plan may break rules afterwards: plan_view lists them. */
int plan_move(struct db *db, long long plan_id, long long person_id, long long set_id);

/* Keeps the members of locked sets where they are and searches again for the rest, starting
 * from the current plan. 0; 1 when the rules cannot hold (ERR); -1 (ERR). */
int plan_reoptimise(struct db *db, long long plan_id, double seconds, long long seed,
                    struct strbuf *err);

/* Declares keep-apart pairs and pins from text: APART holds "email, email" lines, PINS
 * "email, set name" lines. Replaces the programme's earlier keep-apart pairs and pins. 0; 1 with
 * sentences in ERR when a line names an unknown person; -1. */
int plan_rules_set(struct db *db, long long programme_id, const char *apart, const char *pins,
                   struct strbuf *err);

/* NULL when SPEC ("name=number,..." or blank) is well formed, else a sentence saying what is
 * wrong (static storage). Names are checked when sets are formed, against the cohort. */
const char *plan_weights_problem(const char *spec);

#endif
