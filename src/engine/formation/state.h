/* Internal to the formation engine: the search state over units with its incremental gain
 * matrix, and the moves that keep it exact. */
#ifndef SETWORK_ENGINE_FORMATION_STATE_H
#define SETWORK_ENGINE_FORMATION_STATE_H

#include "core/rng.h"
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
    struct rng rng;
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
/* Change in isolated cells if unit I moved to set B / units I and J swapped sets. */
int form_state_iso_move(const struct form_state *s, int i, int b);
int form_state_iso_swap(const struct form_state *s, int i, int j);
/* The soft rule's counts when unit I moves from set A to set B (after the move). */
void form_state_iso_apply(struct form_state *s, int i, int a, int b);

/* Moves unit I to set B, keeping every derived array exact in O(u + classes of I). Inline: it
 * is the inner step of every search, and the annealing keeps its own view of the arrays in
 * registers across it only when the compiler sees what it writes. */
static inline void form_state_move(struct form_state *s, int i, int b)
{
    int u = s->u, a = s->grp[i];
    if (a == b)
        return;
    const double *row = s->w + (size_t)i * (size_t)u;
    double *ga = s->G + (size_t)a * (size_t)u, *gb = s->G + (size_t)b * (size_t)u;
    double *own = s->own;
    int *grp = s->grp;
    s->f += gb[i] - own[i];
    if (s->iso)
        s->isolated += form_state_iso_move(s, i, b);
    for (int j = 0; j < u; j++) {
        double x = row[j];
        ga[j] -= x;
        gb[j] += x;
        /* Branch-free: only members of a and b see their own gain change. */
        own[j] += x * (double)((grp[j] == b) - (grp[j] == a));
    }
    grp[i] = b;
    own[i] = gb[i];
    s->sz[a] -= s->wt[i];
    s->sz[b] += s->wt[i];
    if (s->iso)
        form_state_iso_apply(s, i, a, b);
}

/* True when swapping units I and J keeps both sets within their size bounds (always, when
 * every unit weighs the same). */
static inline int form_state_swap_fits(const struct form_state *s, int i, int j)
{
    int a = s->grp[i], b = s->grp[j], wi = s->wt[i], wj = s->wt[j];
    return s->sz[a] - wi + wj >= s->lo[a] && s->sz[a] - wi + wj <= s->hi[a] &&
           s->sz[b] - wj + wi >= s->lo[b] && s->sz[b] - wj + wi <= s->hi[b];
}

/* Swaps units I and J (in different sets), the same as moving each to the other's set but in
 * one pass over the gain matrix: most accepted steps of the searches are swaps, and the pass
 * is their whole cost. */
static inline void form_state_swap(struct form_state *s, int i, int j)
{
    int u = s->u, a = s->grp[i], b = s->grp[j];
    if (a == b)
        return;
    if (s->iso) { /* the soft rule's counts follow the two moves one after the other */
        form_state_move(s, i, b);
        form_state_move(s, j, a);
        return;
    }
    const double *ri = s->w + (size_t)i * (size_t)u, *rj = s->w + (size_t)j * (size_t)u;
    double *ga = s->G + (size_t)a * (size_t)u, *gb = s->G + (size_t)b * (size_t)u;
    double *own = s->own;
    int *grp = s->grp;
    s->f += gb[i] - own[i] + ga[j] - own[j] - 2 * ri[j];
    for (int k = 0; k < u; k++) {
        double x = ri[k] - rj[k];
        ga[k] -= x;
        gb[k] += x;
        own[k] += x * (double)((grp[k] == b) - (grp[k] == a));
    }
    grp[i] = b;
    grp[j] = a;
    own[i] = gb[i];
    own[j] = ga[j];
    s->sz[a] += s->wt[j] - s->wt[i];
    s->sz[b] += s->wt[i] - s->wt[j];
}

#endif
