/* The search: iterated tabu search over one-moves and swaps with strong perturbation, in the
 * spirit of Lai & Hao's iterated maxima search (2016) and the directed/undirected perturbation
 * phases of Yang et al.'s three-phase search (2022), over the exact incremental gain matrix
 * with whole sets pruned from each scan (scan.c); a population of such searches recombined by
 * set-based crossover (population.c); annealing runs (anneal.c). */
#include "engine/formation/walk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The work budget when the caller sets neither seconds nor iterations. */
#define FORM_DEFAULT_ITERATIONS 100000
/* Annealing runs after the tabu phase. */
#define ANNEAL_CYCLES 3
/* The population search (see iterate): up to POP_TABU_UNITS units, a pool of 8 plans and 60
 * improvement runs by tabu search (tuned on RanReal n=120 at 3 s: 8/60 beat 5/40, 12/60 and
 * 8/120); up to POP_ANNEAL_UNITS, a pool of 4 and 12 runs of annealing then tabu search,
 * POP_ANNEAL_SHARE of each run annealing (on RanReal n=240 "ds" at 20 s, seed 1: 0.092% from
 * the best values with 0.3, 0.117% with 0.6; annealing only, before the pruned scan, 0.10-0.13%
 * over two seeds; pure tabu runs, 60 or one long one, 0.12%). At n=480 and 120 s the 12 runs lost
 * to 3 long ones (0.19% and 0.02% from the best value on ds_01 and ss_01, against 0.06% and
 * -0.11%), so bigger plans keep the long runs. */
#define POP_TABU_UNITS   160
#define POP_ANNEAL_UNITS 320
#define POP_TABU_SIZE    8
#define POP_TABU_RUNS    60
#define POP_ANNEAL_SIZE  4
#define POP_ANNEAL_RUNS  12
#define POP_ANNEAL_SHARE 0.7
/* The least work per run for the population to pay, in tabu steps (each a scan of ~u*u/2
 * swaps, pruned for big sets): 10*u for a tabu run (about one tabu phase without improvement);
 * 30,000 for an annealing run (about 0.3 s at n=240: RanReal n=240 at 20 s is well above it,
 * at 2 s below, so the tenth-limit runs keep the long annealing). Shorter runs lose to long
 * annealing runs: RanReal n=480 at 12 s (1.3 s a run) was 0.34% from the best value with 8
 * runs, 0.20% with the long runs. */
#define POP_TABU_STEPS   10
#define POP_ANNEAL_STEPS 30000.0
/* Extra starts when keep-together units leave the rules broken. */
#define FORM_RETRIES 8

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int reached_target(const struct search *x)
{
    const struct form_options *o = x->o;
    return o->has_target && x->best_score >= o->target - 1e-9 * fmax(1, fabs(o->target));
}

int form_walk_stop(struct search *x)
{
    if (x->stopped)
        return 1;
    const struct form_options *o = x->o;
    if (o->max_iterations > 0 && x->it >= o->max_iterations)
        x->stopped = 1;
    else if (reached_target(x))
        x->stopped = 1;
    else if (o->seconds > 0 && (x->it & 7) == 0 && now() - x->t0 >= o->seconds)
        x->stopped = 1;
    return x->stopped;
}

void form_walk_keep_plan(struct search *x, const int *grp, double sc)
{
    if (sc > x->best_score + 1e-9) {
        x->best_score = sc;
        memcpy(x->best, grp, sizeof(int) * (size_t)x->s->u);
        x->best_at = now() - x->t0;
    }
}

void form_walk_keep(struct search *x)
{
    form_walk_keep_plan(x, x->s->grp, form_state_score(x->s));
}

/* Steepest ascent over moves and swaps until no step improves (on big plans, until no sampled
 * step does): the polish of each child of the population. A step that changes nothing but comes
 * out a rounding error above zero is taken as a tie, a step along a plateau: requiring a gain
 * of 1e-6 instead cost RanReal n=240 at 20 s about 0.02 points of mean gap (0.095% against
 * 0.077%, seed 1, within noise but not better), so the threshold stays at rounding level. */
#define DESCENT_MIN 1e-9
static void descent(struct search *x)
{
    struct form_state *s = x->s;
    x->no_tabu = 1;
    while (!form_walk_stop(x)) {
        struct form_choice c = {.i = -1, .j = -1, .b = -1, .delta = DESCENT_MIN};
        form_scan(x, &c, INFINITY);
        x->it++;
        if (c.i < 0)
            break;
        if (c.j >= 0)
            form_state_swap(s, c.i, c.j);
        else
            form_state_move(s, c.i, c.b);
    }
    x->no_tabu = 0;
}

static int tabu_step(struct search *x, int tenure)
{
    struct form_state *s = x->s;
    struct form_choice c = {.i = -1, .j = -1, .b = -1, .delta = -INFINITY};
    double aspire = x->best_score - form_state_score(s) + 1e-9;
    form_scan(x, &c, aspire);
    if (c.i < 0)
        return -1;
    int i = c.i;
    if (c.j >= 0) {
        form_state_swap(s, i, c.j);
        x->tabu[c.j] = x->it + tenure + (long)rng_below(&s->rng, (uint32_t)tenure + 1);
    } else {
        form_state_move(s, i, c.b);
    }
    x->tabu[i] = x->it + tenure + (long)rng_below(&s->rng, (uint32_t)tenure + 1);
    return 0;
}

/* Random swaps (and moves when sizes allow) that keep every bound: the strong perturbation
 * that sends the search to a new region around the best plan. */
static void perturb(struct search *x, int strength)
{
    struct form_state *s = x->s;
    int u = s->u;
    for (int t = 0, tries = 0; t < strength && tries < 20 * strength; tries++) {
        int i = (int)rng_below(&s->rng, (uint32_t)u);
        int j = (int)rng_below(&s->rng, (uint32_t)u);
        if (s->grp[i] == s->grp[j] || !x->movable[i] || !x->movable[j] ||
            !form_state_swap_fits(s, i, j))
            continue;
        form_state_swap(s, i, j);
        t++;
    }
}

/* Where the run is in its budget, from 0 to 1: by iterations when they bound the run (so a seed
 * gives the same plan), else by the clock. */
double form_walk_progress(struct search *x, double scale)
{
    const struct form_options *o = x->o;
    double f = 0;
    if (o->max_iterations > 0)
        f = (double)x->it / (double)o->max_iterations;
    else if (o->seconds > 0)
        f = (now() - x->t0) / o->seconds;
    return f / scale;
}

/* Iterated tabu search until the run reaches fraction UNTIL of its budget: tabu phases of DEPTH
 * non-improving steps, each restarted from the best plan under a perturbation whose strength
 * grows while phases fail and resets on success. A short tabu tenure (a few steps) works best on
 * the MDGPLIB instances; longer ones let the search drift away from good regions. */
static void tabu_phase(struct search *x, double until, int local)
{
    struct form_state *s = x->s;
    int u = s->u;
    int tenure = u / 60 + 2;
    long depth = 10L * u + 100;
    int base = u / 10 + 2, strength = base;
    /* LOCAL: the search's home is the best plan of this run (a pool child), not the best one. */
    int *home = local ? x->lbest : x->best;
    if (local) {
        x->lbest_score = form_state_score(s);
        memcpy(x->lbest, s->grp, sizeof(int) * (size_t)u);
    }
    while (!form_walk_stop(x) && form_walk_progress(x, 1) < until) {
        double phase_best = form_state_score(s);
        long idle = 0;
        while (idle < depth && !form_walk_stop(x)) {
            if (tabu_step(x, tenure) != 0)
                break;
            x->it++;
            double sc = form_state_score(s);
            if (sc > phase_best + 1e-9) {
                phase_best = sc;
                idle = 0;
                form_walk_keep(x);
                if (local && sc > x->lbest_score + 1e-9) {
                    x->lbest_score = sc;
                    memcpy(x->lbest, s->grp, sizeof(int) * (size_t)u);
                }
            } else {
                idle++;
            }
            if ((idle & 63) == 0 && form_walk_progress(x, 1) >= until)
                break;
        }
        if (form_walk_stop(x))
            break;
        double before = local ? x->lbest_score : x->best_score;
        form_state_load(s, home); /* also clears rounding drift of the incremental sums */
        if (form_walk_progress(x, 1) >= until)
            break;
        perturb(x, strength);
        strength = phase_best > before - 1e-9 ? base : strength + base / 2 + 1;
        if (strength > u / 2)
            strength = base;
        x->it++;
    }
}

/* Offers the plan in S (score SC) to the pool: a copy of a member is dropped; while the pool is
 * not full it joins; else it replaces the worst member when it is better. */
static void pool_offer(struct search *x, struct form_pool *pl)
{
    struct form_state *s = x->s;
    int u = s->u, worst = -1;
    double sc = form_state_score(s);
    for (int k = 0; k < pl->size; k++) {
        const int *q = pl->plan + (size_t)k * (size_t)u;
        if (fabs(pl->score[k] - sc) < 1e-6 && form_plan_distance(pl, q, s->grp) == 0)
            return;
        if (worst < 0 || pl->score[k] < pl->score[worst])
            worst = k;
    }
    int at = pl->size < pl->cap ? pl->size++ : sc > pl->score[worst] + 1e-9 ? worst : -1;
    if (at < 0)
        return;
    memcpy(pl->plan + (size_t)at * (size_t)u, s->grp, sizeof(int) * (size_t)u);
    pl->score[at] = sc;
}

/* Improves the plan in S until fraction UNTIL of the budget, then polishes the best plan of the
 * run by descent, leaving it in S. With ANNEAL_T0 > 0 the run anneals from that temperature
 * down to the frozen one for the first POP_ANNEAL_SHARE of its time, and iterated tabu search
 * around the annealed plan takes the rest: the annealing finds a good region, the tabu search
 * (fast with the pruned scan) its best plans. Else the whole run is iterated tabu search around
 * the run's own best plan. */
static void improve(struct search *x, double until, double anneal_t0)
{
    struct form_state *s = x->s;
    /* in case the run ends before it starts */
    memcpy(x->lbest, s->grp, sizeof(int) * (size_t)s->u);
    if (anneal_t0 > 0) {
        double from = form_walk_progress(x, 1);
        form_anneal(x, anneal_t0, 0.08 * x->scale, from + (until - from) * POP_ANNEAL_SHARE);
        form_state_load(s, x->lbest);
        descent(x);
        form_walk_keep(x);
    }
    tabu_phase(x, until, 1);
    form_state_load(s, x->lbest);
    descent(x);
    form_walk_keep(x);
}

/* The population search (memetic, after Lai & Hao's and Yang et al.'s MDGP searches): the
 * budget from here to 97% is cut into RUNS slices, each one improvement run of one plan. The
 * first runs fill a pool of SIZE plans (the first from the best plan so far, the others from
 * fresh constructions with the sizes with most pairs); then each run starts from a crossover
 * child of two members picked at random, and the improved child replaces the worst member when
 * it is better and not a copy of one. */
static void evolve(struct search *x, int size, int runs, double anneal_t0)
{
    struct form_state *s = x->s;
    int u = s->u;
    struct form_pool pl;
    if (form_pool_init(&pl, u, s->m, size) != 0)
        goto out;
    double start = form_walk_progress(x, 1), slice = (0.97 - start) / runs;
    for (int gen = 0; gen < runs && !form_walk_stop(x); gen++) {
        double until = start + slice * (gen + 1);
        if (gen == 0) {
            form_state_load(s, x->best);
        } else if (pl.size < size) {
            if (form_construct(s, NULL, x->order, 0, x->sizes) != 0)
                break;
        } else {
            int a = (int)rng_below(&s->rng, (uint32_t)pl.size);
            int b = (int)rng_below(&s->rng, (uint32_t)pl.size - 1);
            b += b >= a;
            if (form_crossover(s, &pl, pl.plan + (size_t)a * (size_t)u,
                               pl.plan + (size_t)b * (size_t)u, x->order) != 0) {
                form_state_load(s, pl.plan + (size_t)a * (size_t)u);
            }
        }
        improve(x, until, anneal_t0);
        pool_offer(x, &pl);
    }
out:
    form_pool_free(&pl);
}

/* The whole search: a tabu phase for the first tenth of the budget (it finds good plans fast
 * and often reaches a cohort's upper bound outright), then
 * - up to POP_TABU_UNITS units: the population search with tabu runs;
 * - up to POP_ANNEAL_UNITS units: the population search with annealing runs;
 * - above, or when the budget is too short for runs of useful length: ANNEAL_CYCLES long
 *   annealing runs, each from the best plan so far (on big cohorts
 *   long runs beat short ones);
 * then a short tabu polish of the best plan. Temperatures are fractions of the mean |delta| of
 * a random swap, tuned on RanReal n=240 (0.4 -> 0.08 for a first run, 0.3 -> 0.08 for later
 * ones; below about 0.08 the search is frozen). Figures: bench/RESULTS.md. */
static void iterate(struct search *x)
{
    struct form_state *s = x->s;
    int u = s->u, movable = 0;
    for (int k = 0; k < u; k++)
        movable += x->movable[k];
    if (movable < 2)
        return;
    /* Measured on the first plan: around a good plan random swaps lose more, which would set
     * the temperatures too high. */
    double scale = form_anneal_scale(x);
    x->scale = scale;
    tabu_phase(x, 0.1, 0);
    if (form_walk_stop(x))
        return;
    /* The work of the first tenth (tabu steps, each a scan of ~u*u/2 swaps) tells how long
     * each run of the population would be: about 9 times that work is left. */
    double left = 9.0 * (double)x->it;
    if (u <= POP_TABU_UNITS && left / POP_TABU_RUNS >= POP_TABU_STEPS * u) {
        evolve(x, POP_TABU_SIZE, POP_TABU_RUNS, 0);
    } else if (u > POP_TABU_UNITS && u <= POP_ANNEAL_UNITS &&
               left / POP_ANNEAL_RUNS >= POP_ANNEAL_STEPS) {
        evolve(x, POP_ANNEAL_SIZE, POP_ANNEAL_RUNS, 0.3 * scale);
    } else {
        form_state_load(s, x->best);
        double t0f = 0.4, start = form_walk_progress(x, 1);
        for (int c = 1; c <= ANNEAL_CYCLES && !form_walk_stop(x); c++) {
            form_anneal(x, t0f * scale, 0.08 * scale, start + (0.97 - start) * c / ANNEAL_CYCLES);
            form_state_load(s, x->best);
            t0f = 0.3; /* reheat the best plan less than the first start */
        }
    }
    form_state_load(s, x->best);
    tabu_phase(x, 1.0, 0);
}

static void state_free(struct form_state *s)
{
    free(s->w_owned);
    free(s->grp);
    free(s->sz);
    free(s->G);
    free(s->own);
    free(s->cnt);
    free(s->cls_start);
    free(s->cls_id);
    free(s->cls_n);
}

int form_solve(const struct form_problem *p, const struct form_options *o, struct form_result *r,
               struct strbuf *err)
{
    memset(r, 0, sizeof *r);
    int found = form_precheck(p, err);
    if (found != 0)
        return found < 0 ? -1 : 1;
    double t0 = now();
    struct form_units un;
    if (form_units_build(p, &un) != 0)
        return -1;
    struct form_state s = {0};
    struct form_options opts = *o;
    if (opts.seconds <= 0 && opts.max_iterations <= 0)
        opts.max_iterations = FORM_DEFAULT_ITERATIONS;
    struct search x = {.s = &s, .o = &opts, .t0 = t0, .best_score = -INFINITY};
    int status = -1, u = un.count, m = p->m;
    int *start_units = NULL;
    s.u = u;
    s.m = m;
    s.wt = un.weight;
    s.pin = un.pin;
    s.lo = p->lo;
    s.hi = p->hi;
    s.uniform = u == p->n;
    rng_seed(&s.rng, o->seed);
    for (int t = 0; t < 4096; t++)
        x.lnu[t] = log((t + 0.5) / 4096.0);
    s.grp = malloc(sizeof(int) * (size_t)u);
    s.sz = calloc((size_t)m, sizeof(int));
    s.G = malloc(sizeof(double) * (size_t)u * (size_t)m);
    s.own = malloc(sizeof(double) * (size_t)u);
    x.tabu = calloc((size_t)u, sizeof(long));
    x.gi = malloc(sizeof(double) * (size_t)m);
    x.movable = malloc(sizeof(int) * (size_t)u);
    x.order = malloc(sizeof(int) * ((size_t)u + (size_t)m));
    x.best = malloc(sizeof(int) * (size_t)u);
    x.lbest = malloc(sizeof(int) * (size_t)u);
    x.sizes = malloc(sizeof(int) * (size_t)m);
    r->group = malloc(sizeof(int) * (size_t)p->n);
    if (!s.grp || !s.sz || !s.G || !s.own || !x.tabu || !x.gi || !x.movable || !x.order ||
        !x.best || !x.lbest || !x.sizes || !r->group)
        goto out;
    if (form_setup_matrix(&s, p, &un) != 0 || form_setup_classes(&s, p, &un) != 0)
        goto out;
    for (int k = 0; k < u; k++)
        x.movable[k] = un.pin[k] < 0;
    form_best_sizes(&s, x.sizes);
    if (form_prune_setup(&x) != 0)
        goto out;
    if (o->start) {
        start_units = malloc(sizeof(int) * (size_t)u);
        if (!start_units)
            goto out;
        for (int k = 0; k < u; k++) {
            int first = o->start[un.member[un.start[k]]];
            start_units[k] = first >= 0 && first < m ? first : -1;
        }
    }
    /* Keep-together units of different weights split the search space (a swap exchanges
     * equal weights only), so when the rules are still broken at the end, a few more starts
     * place the units differently, each with a short budget. */
    struct strbuf why = {0};
    for (int attempt = 0;; attempt++) {
        if (form_construct(&s, attempt ? NULL : start_units, x.order, attempt > 0,
                           attempt ? NULL : x.sizes) != 0) {
            sb_append(err, "No way was found to fit the keep-together groups and pinned people "
                           "into the set sizes; widen the sizes or drop a keep-together rule.\n");
            status = 1;
            goto out;
        }
        memcpy(x.best, s.grp, sizeof(int) * (size_t)u);
        x.best_score = form_state_score(&s);
        x.best_at = now() - t0;
        iterate(&x);
        for (int i = 0; i < p->n; i++)
            r->group[i] = x.best[un.unit_of[i]];
        sb_reset(&why);
        if (form_check(p, r->group, &why) == 0)
            break;
        if (s.uniform || attempt == FORM_RETRIES) {
            sb_append(err, "No plan was found that keeps every rule; the best one found "
                           "breaks:\n");
            sb_append(err, why.data ? why.data : "");
            sb_free(&why);
            status = 1;
            goto out;
        }
        opts.seconds = 0;
        opts.max_iterations = x.it + 2000;
        x.stopped = 0;
    }
    sb_free(&why);
    r->objective = form_objective(p, r->group);
    r->isolated = form_isolated(p, r->group);
    r->iterations = x.it;
    r->seconds = now() - t0;
    r->best_at = x.best_at;
    status = 0;
out:
    if (status != 0) {
        free(r->group);
        r->group = NULL;
    }
    free(start_units);
    free(x.tabu);
    free(x.gi);
    free(x.movable);
    free(x.order);
    free(x.best);
    free(x.lbest);
    free(x.sizes);
    form_prune_free(&x);
    state_free(&s);
    form_units_free(&un);
    return status;
}
