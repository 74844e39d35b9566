/* Internal to the formation engine: the running search (budget, best plan, tabu list) shared
 * by the tabu and population driver (search.c) and the annealing (anneal.c). */
#ifndef SETWORK_ENGINE_FORMATION_WALK_H
#define SETWORK_ENGINE_FORMATION_WALK_H

#include "engine/formation/search.h"

struct search {
    struct form_state *s;
    const struct form_options *o;
    long *tabu;   /* u: iteration until which a unit may not move */
    double *gi;   /* m: scratch, gain of the scanned unit with each set */
    int *movable; /* u: 1 when not pinned */
    int *order;   /* u: scratch */
    int *best;    /* u: best plan */
    double best_score;
    int *lbest; /* u: best plan of the current improvement run (the pool's candidate) */
    double lbest_score;
    int no_tabu;      /* scans ignore the tabu list (plain descent) */
    int *sizes;       /* m: the sizes with the most pairs, the target of every construction */
    double scale;     /* mean |delta| of a random swap on the first plan (annealing temperatures) */
    double lnu[4096]; /* ln of uniform draws: the acceptance test without a call to exp */
    long it;
    double t0, best_at;
    int stopped;
};

/* True once the run must stop: its iterations or seconds are spent, or the target is reached. */
int form_walk_stop(struct search *x);
/* Keeps the plan in the state as the best plan when it beats it. */
void form_walk_keep(struct search *x);
/* Where the run is in its budget, from 0 to 1, divided by SCALE. */
double form_walk_progress(struct search *x, double scale);
/* Mean |delta| of a random swap (without outliers): the scale of the annealing temperatures. */
double form_anneal_scale(struct search *x);
/* Anneals the plan in the state from temperature T0 down to T1 until fraction UNTIL of the
 * budget, keeping the best plan of the run in x->lbest and the best one in x->best. */
void form_anneal(struct search *x, double t0, double t1, double until);

#endif
