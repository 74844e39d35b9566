/* Forming and editing set plans for a programme: the one path the plan pages, the JSON API and
 * `setwork form` share. Builds the problem (plan_problem.h), runs the formation engine, saves
 * drafts, re-scores a plan after a manual move (form_check says which rules break) and
 * re-optimises the unlocked sets. Showing a plan never writes. */
#ifndef SETWORK_APP_PLANS_PLAN_SERVICE_H
#define SETWORK_APP_PLANS_PLAN_SERVICE_H

#include "app/plans/plan_problem.h"
#include "core/status.h"
#include "core/strbuf.h"
#include "store/db.h"

#include <jansson.h>

/* A plan formed by the engine: its problem, the result and, once saved, its id. */
struct plan_formed {
    struct plan_problem pb;
    struct form_result r;
    long long plan_id; /* 0 when not saved */
};

/* Forms sets for the cohort of a file (COHORT, moved into OUT) with S: no store, no saving.
 * STATUS_OK; STATUS_INVALID when the settings or rules cannot hold (sentences in ERR);
 * STATUS_FAILED. Free OUT with plan_formed_free in every case. */
enum status plan_form_cohort(struct cohort *cohort, const struct plan_settings *s,
                             struct plan_formed *out, struct strbuf *err);

/* The one way to form sets for PROGRAMME_ID from the store (`setwork form --programme`, the
 * form page, POST /api/v1/programmes/#/plans): the store cohort, S (blank weights: the
 * programme's own), earlier plans and network ties as known pairs, challenge themes, the
 * declared rules; when KEEP, saves the draft plan with its settings (plan_settings_json).
 * STATUS_OK with OUT; STATUS_INVALID (sentences in ERR); STATUS_CONFLICT when S->exact_name and
 * the name is taken; STATUS_FAILED. Free OUT with plan_formed_free in every case. */
enum status plan_form_programme(struct db *db, long long programme_id,
                                const struct plan_settings *s, int keep, struct plan_formed *out,
                                struct strbuf *err);
void plan_formed_free(struct plan_formed *f);

/* plan_form_programme, saving, for callers that need only the new plan's id (*PLAN_ID). */
enum status plan_form(struct db *db, long long programme_id, const struct plan_settings *s,
                      long long *plan_id, struct strbuf *err);

/* The plan as pages and the API show it: {id, name, status, programme_id, objective, score,
 * broken_count, upper_bound, gap, broken: [sentences with names], isolated, undo: {person_id,
 * person, from, to} or null, sets: [{id, name, locked, facilitator_id, facilitator (email or
 * null), size, mix: {attr: distinct values}, breakdown: [{attribute, values: [{value, count}]}],
 * new_connections, members: [{id, name, email, attributes: {attr: value}, organisation,
 * department, location, grade}]}]}. The objective is the plan as it stands, scored with the
 * settings it was formed with; score is the objective while no hard rule is broken, else null
 * (and gap null). Writes nothing: a GET may call it.
 * STATUS_OK with *OUT (caller decrefs), STATUS_NOT_FOUND, STATUS_FAILED. */
enum status plan_view(struct db *db, long long plan_id, json_t **out);

/* Moves PERSON_ID to SET_ID within PLAN_ID and records the plan's new objective (scored as
 * plan_view scores it), in one transaction. STATUS_OK, STATUS_NOT_FOUND when either is not in
 * the plan, STATUS_FAILED. The plan may break rules afterwards: plan_view lists them. */
enum status plan_move(struct db *db, long long plan_id, long long person_id, long long set_id);

/* plan_move inside the caller's transaction (plan_change.h): the same, without BEGIN/COMMIT.
 * The move is also recorded as a pin of the plan, so re-optimising keeps it. */
enum status plan_move_within(struct db *db, long long plan_id, long long person_id,
                             long long set_id);

/* Undoes the last move by hand of PLAN_ID inside the caller's transaction: the person goes back
 * to the set they came from, with the pin they had before, and the objective is recorded.
 * STATUS_OK; STATUS_NOT_FOUND when there is no move to undo (or its person or set has gone);
 * STATUS_FAILED. Re-optimising forgets the moves (they stay as pins). */
enum status plan_undo_within(struct db *db, long long plan_id);

/* Keeps the members of locked sets where they are, the people moved into a set by hand, and
 * (unless INCLUDE_MET) the members of sets that have met before AT (UTC
 * "YYYY-MM-DDTHH:MM:SSZ"), searches again for the rest, starting from the current plan, and
 * records it with its objective. ITERATIONS > 0 bounds the search by tabu iterations instead of
 * SECONDS, so the result is the same on any machine. Joins the caller's transaction if there is
 * one. STATUS_OK; STATUS_NOT_FOUND; STATUS_INVALID when the rules cannot hold (ERR);
 * STATUS_FAILED (ERR). */
enum status plan_reoptimise(struct db *db, long long plan_id, double seconds, long iterations,
                            long long seed, int include_met, const char *at, struct strbuf *err);

/* Declares keep-apart pairs and pins from text: APART holds "email, email" lines, PINS
 * "email, set name" lines. Replaces the programme's earlier keep-apart pairs and pins. STATUS_OK;
 * STATUS_INVALID with sentences in ERR when a line names an unknown person; STATUS_FAILED. */
enum status plan_rules_set(struct db *db, long long programme_id, const char *apart,
                           const char *pins, struct strbuf *err);

/* NULL when SPEC ("name=number,..." or blank) is well formed, else a sentence saying what is
 * wrong (static storage). Names are checked when sets are formed, against the cohort. */
const char *plan_weights_problem(const char *spec);

#endif
