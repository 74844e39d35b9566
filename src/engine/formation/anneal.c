/* Simulated annealing for the formation search: long runs over random swaps and moves with
 * O(1) evaluations from the gain matrix, the search for big cohorts and the improvement runs of
 * the population on mid-sized ones. */
#include "engine/formation/walk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Delta of swapping units I and J (different sets), or INFINITY-negative when sizes forbid. */
static inline double swap_delta(const struct form_state *s, int i, int j)
{
    size_t u = (size_t)s->u;
    int a = s->grp[i], b = s->grp[j];
    double d = s->G[(size_t)b * u + (size_t)i] - s->own[i] + s->G[(size_t)a * u + (size_t)j] -
               s->own[j] - 2 * s->w[(size_t)i * u + (size_t)j];
    if (s->iso)
        d -= s->lambda * form_state_iso_swap(s, i, j);
    return d;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double form_anneal_scale(struct search *x)
{
    struct form_state *s = x->s;
    double sample[200], sum = 0;
    int got = 0, used = 0;
    for (int t = 0; t < 2000 && got < 200; t++) {
        int i = (int)rng_below(&s->rng, (uint32_t)s->u);
        int j = (int)rng_below(&s->rng, (uint32_t)s->u);
        if (s->grp[i] == s->grp[j])
            continue;
        sample[got++] = fabs(swap_delta(s, i, j));
    }
    if (got == 0)
        return 1;
    /* Swaps that break a keep-apart rule cost the huge penalty; leaving out anything above ten
     * times the median keeps them from setting the temperature (they would make the annealing a
     * random walk). On plain MDGP instances nothing is left out. */
    qsort(sample, (size_t)got, sizeof(double), cmp_double);
    double median = sample[got / 2];
    for (int t = 0; t < got; t++) {
        if (sample[t] <= 10 * median) {
            sum += sample[t];
            used++;
        }
    }
    return used && sum > 0 ? sum / used : 1;
}

/* STEPS proposals of random swaps and moves (one in eight, when sizes allow) at temperature
 * TEMP on state S, whose score *SC is kept current; the best plan seen goes to x->lbest and,
 * when it beats it, to x->best. Nearly every proposal is rejected, so the proposal is the hot
 * path: the arrays it reads are held in locals (the moves are inline, so the compiler keeps
 * them across accepted steps). */
void form_metropolis(struct search *x, struct form_state *s, double temp, long steps, double *sc)
{
    const int u = s->u, m = s->m, iso = s->iso, uniform = s->uniform;
    const size_t us = (size_t)u;
    const double *const G = s->G, *const own = s->own, *const w = s->w, *const lnu = x->lnu;
    const int *const grp = s->grp, *const movable = x->movable, *const sz = s->sz;
    const int *const wt = s->wt, *const lo = s->lo, *const hi = s->hi;
    for (long step = 0; step < steps; step++) {
        int i = (int)rng_below(&s->rng, (uint32_t)u);
        if (!movable[i])
            continue;
        int a = grp[i];
        uint64_t r = rng_next(&s->rng);
        double d;
        int j = -1, b;
        if ((r & 7) == 0) {
            b = (int)(((r >> 32) * (uint64_t)m) >> 32);
            if (b == a || sz[a] - wt[i] < lo[a] || sz[b] + wt[i] > hi[b])
                continue;
            d = G[(size_t)b * us + (size_t)i] - own[i];
            if (iso)
                d -= s->lambda * form_state_iso_move(s, i, b);
        } else {
            j = (int)(((r >> 32) * (uint64_t)u) >> 32);
            b = grp[j];
            if (b == a || !movable[j])
                continue;
            if (!uniform && !form_state_swap_fits(s, i, j))
                continue;
            d = G[(size_t)b * us + (size_t)i] - own[i] + G[(size_t)a * us + (size_t)j] - own[j] -
                2 * w[(size_t)i * us + (size_t)j];
            if (iso)
                d -= s->lambda * form_state_iso_swap(s, i, j);
        }
        if (d < 0 && d < temp * lnu[(r >> 16) & 4095])
            continue;
        if (j >= 0)
            form_state_swap(s, i, j);
        else
            form_state_move(s, i, b);
        *sc += d;
        if (*sc > x->lbest_score + 1e-9) {
            x->lbest_score = *sc;
            memcpy(x->lbest, grp, sizeof(int) * us);
            if (*sc > x->best_score + 1e-9)
                form_walk_keep_plan(x, grp, *sc);
        }
    }
}

/* Simulated annealing, cooling geometrically from T0 to T1 as the run goes from where it is to
 * UNTIL (a fraction of the budget). Each evaluation is O(1) from the gain matrix, each accepted
 * step O(u). Long single runs beat short repeated ones here, as in the annealing results
 * reported for MDGP (ACSA). */
void form_anneal(struct search *x, double t0, double t1, double until)
{
    struct form_state *s = x->s;
    double lr = log(t1 / t0);
    double start = form_walk_progress(x, 1) / until;
    if (start >= 1)
        return;
    double sc = form_state_score(s);
    x->lbest_score = sc;
    memcpy(x->lbest, s->grp, sizeof(int) * (size_t)s->u);
    for (;;) {
        x->it++;
        if (form_walk_stop(x))
            return;
        double f = (form_walk_progress(x, until) - start) / (1 - start + 1e-12);
        if (f >= 1)
            return;
        form_metropolis(x, s, t0 * exp(lr * f), 256, &sc);
    }
}
