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
        int i = (int)form_rng_below(&s->rng, (uint32_t)s->u);
        int j = (int)form_rng_below(&s->rng, (uint32_t)s->u);
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

/* Simulated annealing over random swaps and moves, cooling geometrically from T0 to T1 as the
 * run goes from where it is to UNTIL (a fraction of the budget). Each evaluation is O(1) from
 * the gain matrix, each accepted step O(u). Long single runs beat short repeated ones here,
 * as in the annealing results reported for MDGP (ACSA). */
void form_anneal(struct search *x, double t0, double t1, double until)
{
    struct form_state *s = x->s;
    int u = s->u, m = s->m;
    double temp = t0, lr = log(t1 / t0);
    double start = form_walk_progress(x, 1) / until;
    if (start >= 1)
        return;
    double sc = form_state_score(s);
    x->lbest_score = sc;
    memcpy(x->lbest, s->grp, sizeof(int) * (size_t)u);
    for (long step = 0;; step++) {
        if ((step & 255) == 0) {
            x->it++;
            if (form_walk_stop(x))
                return;
            double f = (form_walk_progress(x, until) - start) / (1 - start + 1e-12);
            if (f >= 1)
                return;
            temp = t0 * exp(lr * f);
        }
        int i = (int)form_rng_below(&s->rng, (uint32_t)u);
        if (!x->movable[i])
            continue;
        int a = s->grp[i];
        uint64_t r = form_rng_next(&s->rng);
        double d;
        int j = -1, b;
        if ((r & 7) == 0) {
            b = (int)(((r >> 32) * (uint64_t)m) >> 32);
            if (b == a || s->sz[a] - s->wt[i] < s->lo[a] || s->sz[b] + s->wt[i] > s->hi[b])
                continue;
            d = s->G[(size_t)b * (size_t)u + (size_t)i] - s->own[i];
            if (s->iso)
                d -= s->lambda * form_state_iso_move(s, i, b);
        } else {
            j = (int)(((r >> 32) * (uint64_t)u) >> 32);
            b = s->grp[j];
            if (b == a || !x->movable[j])
                continue;
            if (!s->uniform) {
                int wi = s->wt[i], wj = s->wt[j];
                if (s->sz[a] - wi + wj < s->lo[a] || s->sz[a] - wi + wj > s->hi[a] ||
                    s->sz[b] - wj + wi < s->lo[b] || s->sz[b] - wj + wi > s->hi[b])
                    continue;
            }
            d = swap_delta(s, i, j);
        }
        if (d < 0 && d < temp * x->lnu[(r >> 16) & 4095])
            continue;
        form_state_move(s, i, b);
        if (j >= 0)
            form_state_move(s, j, a);
        sc += d;
        if (sc > x->lbest_score + 1e-9) {
            x->lbest_score = sc;
            memcpy(x->lbest, s->grp, sizeof(int) * (size_t)u);
            if (sc > x->best_score + 1e-9)
                form_walk_keep(x);
        }
    }
}
