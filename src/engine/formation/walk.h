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
    int *set_at, *set_list; /* 2m+1, u: scratch of the pruned scan (members by set) */
    double *set_top;        /* m*m: the pruned scan's bounds; NULL when the scan is not pruned */
    int *neg_at, *neg_list; /* u+1, ...: each unit's partners with a negative score */
    long *set_mark;         /* m: sets scanned in full for the unit being scanned (stamped) */
    long mark_stamp;
    double prune_w; /* twice the least non-negative pair score (the bound's part) */
    int no_prune;   /* scans evaluate every swap (the tests' reference) */
    long it;
    double t0, best_at;
    int stopped;
};

/* A step of the local search: swap units i and j (j >= 0), or move i to set b. */
struct form_choice {
    int i, j, b;
    double delta;
    int ties;
};

/* Offers to C every admissible move and swap of the plan in the state that gains at least
 * c->delta (admissible: within the size bounds, pinned units left alone, not tabu unless the
 * step gains more than ASPIRE); C ends with the best, ties broken at random. Plans of up to
 * 250,000 pairs are scanned in full, bigger ones over a sample of units. */
void form_scan(struct search *x, struct form_choice *c, double aspire);
/* Sets up the bound of the pruned scan when it pays (big sets, the soft rule off, scans in
 * full); else leaves x->set_top NULL. Returns 0 or -1 out of memory (free with
 * form_prune_free either way). */
int form_prune_setup(struct search *x);
void form_prune_free(struct search *x);

/* True once the run must stop: its iterations or seconds are spent, or the target is reached. */
int form_walk_stop(struct search *x);
/* Keeps the plan in the state as the best plan when it beats it. */
void form_walk_keep(struct search *x);
/* Keeps plan GRP of score SC as the best plan when it beats it. */
void form_walk_keep_plan(struct search *x, const int *grp, double sc);
/* Where the run is in its budget, from 0 to 1, divided by SCALE. */
double form_walk_progress(struct search *x, double scale);
/* Mean |delta| of a random swap (without outliers): the scale of the annealing temperatures. */
double form_anneal_scale(struct search *x);
/* STEPS Metropolis proposals at temperature TEMP on state S (score *SC kept current), keeping
 * the best plan seen in x->lbest and x->best. */
void form_metropolis(struct search *x, struct form_state *s, double temp, long steps, double *sc);
/* Anneals the plan in the state from temperature T0 down to T1 until fraction UNTIL of the
 * budget, keeping the best plan of the run in x->lbest and the best one in x->best. */
void form_anneal(struct search *x, double t0, double t1, double until);

#endif
