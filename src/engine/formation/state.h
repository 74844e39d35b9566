/* Internal to the formation engine: the search state over units with its incremental gain
 * matrix, and the moves that keep it exact. */
#ifndef SETWORK_ENGINE_FORMATION_STATE_H
#define SETWORK_ENGINE_FORMATION_STATE_H

#include "engine/formation/rng.h"
#include "engine/formation/units.h"

struct form_state {
    int u, m;
    const double *w; /* u*u working scores (penalties included), zero diagonal */
    double *w_owned; /* non-NULL when w was built here */
    const int *wt;   /* unit head counts */
    const int *pin;  /* unit pins, -1 none */
    const int *lo, *hi;
    int uniform; /* every unit weighs 1: swaps never change sizes */
    int *grp;    /* u: set of each unit, -1 while constructing */
    int *sz;     /* m: head counts */
    /* G[g*u + j] = sum of w[j][k] over units k in set g, k != j. Group-major so that a move
     * updates two contiguous rows with the mover's row of w (the O(u) update). */
    double *G;
    double *own; /* u: G[grp[j]*u + j], the gain of j with its own set */
    double f;    /* sum of w over pairs of units in one set */
    /* The soft rule: counts per set and class, and each unit's classes. */
    int iso;
    int classes;
    double lambda;
    int *cnt;       /* m*classes */
    int *cls_start; /* u+1 */
    int *cls_id, *cls_n;
    int isolated;
    struct form_rng rng;
};

/* Score the search maximises: f minus the soft-rule penalty. */
static inline double form_state_score(const struct form_state *s)
{
    return s->f - s->lambda * s->isolated;
}

/* Recomputes G, own, sz, f, cnt and isolated from grp (all units placed). */
void form_state_rebuild(struct form_state *s);
/* Puts plan GRP (set of each unit) into the state and rebuilds it. */
void form_state_load(struct form_state *s, const int *grp);
/* Moves unit I to set B, keeping every derived array exact in O(u + classes of I). */
void form_state_move(struct form_state *s, int i, int b);
/* Change in isolated cells if unit I moved to set B / units I and J swapped sets. */
int form_state_iso_move(const struct form_state *s, int i, int b);
int form_state_iso_swap(const struct form_state *s, int i, int j);

#endif
