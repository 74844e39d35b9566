/* Internal to the formation engine: setting up the state and the search phases. */
#ifndef SETWORK_ENGINE_FORMATION_SEARCH_H
#define SETWORK_ENGINE_FORMATION_SEARCH_H

#include "engine/formation/state.h"

/* Builds S->w for P over units UN (copying only when units, keep-apart rules or a non-zero
 * diagonal need it). Returns 0 or -1 out of memory. */
int form_setup_matrix(struct form_state *s, const struct form_problem *p,
                      const struct form_units *un);
/* Sets up the soft rule's per-unit classes. Returns 0 or -1 out of memory. */
int form_setup_classes(struct form_state *s, const struct form_problem *p,
                       const struct form_units *un);
/* Builds a first plan that fits every size and pin, keeping START_UNITS (set per unit, -1 free;
 * may be NULL) where it can; keep-together units go where there is most room, or RANDOMLY to
 * any set with room (for retries). SIZES (m head counts within the bounds, or NULL for random
 * ones) are the sizes to aim at. ORDER is scratch of u+m ints. Returns 0, or -1 when no way to
 * fit the units into the sizes was found. */
int form_construct(struct form_state *s, const int *start_units, int *order, int randomly,
                   const int *sizes);

/* The set sizes (m head counts within the bounds) with the most pairs: with every pair score
 * positive, the sizes of the best plans. With sizes in a range, which sets are big is hard for
 * a search that moves one person at a time to change later, so plans are built with these. */
void form_best_sizes(const struct form_state *s, int *sizes);

/* A pool of plans (set per unit) with their scores, and the scratch its operations use. */
struct form_pool {
    int u, m, cap, size;
    int *plan;                             /* cap*u */
    double *score;                         /* cap */
    int *at, *list, *child, *used, *sizes; /* scratch */
};

/* Allocates a pool of CAP plans of U units over M sets. Returns 0 or -1 out of memory (free
 * with form_pool_free either way). */
int form_pool_init(struct form_pool *pl, int u, int m, int cap);
void form_pool_free(struct form_pool *pl);
/* Head counts of the sets of plan GRP into SIZES (m ints). */
void form_plan_sizes(const struct form_state *s, const int *grp, int *sizes);
/* Pairs of units in one set in one plan and not in the other (symmetric). */
long form_plan_distance(struct form_pool *pl, const int *a, const int *b);
/* Builds in S (rebuilt, every size and pin kept) a child of plans PA and PB: sets taken in
 * turn from each parent, each time the one whose members not yet placed have the best mean pair
 * score; the rest placed by form_construct. ORDER is scratch of u+m ints. Returns 0, or -1 when
 * the sizes could not be fit (S then holds no plan). */
int form_crossover(struct form_state *s, struct form_pool *pl, const int *pa, const int *pb,
                   int *order);

#endif
