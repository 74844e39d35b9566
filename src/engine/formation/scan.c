/* The neighbourhood scans of the tabu search and the descent: every move and swap of the plan
 * in the state, evaluated in O(1) each from the gain matrix, the best admissible one kept (ties
 * broken at random). Swaps with a whole set are skipped when a bound shows none of them can win
 * (after Schulz 2024, "Efficient neighborhood evaluation for the maximally diverse grouping
 * problem"): from a local optimum of RanReal n=240 the tabu search makes 2.9-3.1 times as many
 * steps a second (bench/formation_scan.c). */
#include "engine/formation/walk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Evaluations per tabu iteration above which the neighbourhood is sampled: a full swap scan of
 * 5,000 people is 12.5 million pairs, too slow per step; a sample of units keeps steps fast. */
#define FULL_SCAN_LIMIT 250000
/* The least mean set size (units per set) for which the pruned scan pays: a bound check saves
 * at most one set's evaluations and the bounds cost O(n m) a step. Steps a second from a local
 * optimum: 1.7 times as many with sets of 12 (RanReal n=120), 2.9-3.1 with 20 (n=240), 4.5
 * with 24 (n=480); with sets of 6 (a cohort of 300 in sets of 5-7) the search reached the
 * cohort's upper bound 1.5 times later with the pruned scan than without. */
#define PRUNE_MIN_SET 10

/* The pruned scan's scratch and bound (the soft rule's change is not bounded, so with it on
 * the scan is not pruned). Pairs with a negative score (keep-apart penalties) are listed per
 * unit: a set holding such a partner of the scanned unit is scanned in full, and the bound for
 * the others uses the least score of the remaining pairs, so that a few penalties (every line
 * manager kept apart from each report) leave it tight. Only sets of PRUNE_MIN_SET units or
 * more on average are pruned. Returns 0 or -1 out of memory. */
int form_prune_setup(struct search *x)
{
    const struct form_state *s = x->s;
    size_t u = (size_t)s->u, m = (size_t)s->m, negative = 0;
    if (s->iso || u < PRUNE_MIN_SET * m || (double)u * (double)u / 2 > FULL_SCAN_LIMIT)
        return 0; /* the scan is not pruned */
    for (size_t t = 0; t < u * u; t++)
        negative += s->w[t] < 0;
    x->set_at = malloc(sizeof(int) * (2 * m + 1));
    x->set_list = malloc(sizeof(int) * u);
    x->set_top = malloc(sizeof(double) * m * m);
    x->set_mark = calloc(m, sizeof(long));
    x->neg_at = malloc(sizeof(int) * (u + 1));
    x->neg_list = malloc(sizeof(int) * (negative + 1));
    if (!x->set_at || !x->set_list || !x->set_top || !x->set_mark || !x->neg_at || !x->neg_list)
        return -1;
    double least = INFINITY;
    int k = 0;
    for (size_t i = 0; i < u; i++) {
        x->neg_at[i] = k;
        for (size_t j = 0; j < u; j++) {
            double w = s->w[i * u + j];
            if (i == j)
                continue;
            if (w < 0)
                x->neg_list[k++] = (int)j;
            else if (w < least)
                least = w;
        }
    }
    x->neg_at[u] = k;
    x->prune_w = isfinite(least) ? 2 * least : 0;
    return 0;
}

void form_prune_free(struct search *x)
{
    free(x->set_at);
    free(x->set_list);
    free(x->set_top);
    free(x->set_mark);
    free(x->neg_at);
    free(x->neg_list);
    x->set_at = x->set_list = x->neg_at = x->neg_list = NULL;
    x->set_top = NULL;
    x->set_mark = NULL;
}

static void offer(struct search *x, struct form_choice *c, int i, int j, int b, double delta)
{
    if (delta > c->delta + 1e-9) {
        c->delta = delta;
        c->i = i;
        c->j = j;
        c->b = b;
        c->ties = 1;
    } else if (delta > c->delta - 1e-9 && rng_below(&x->s->rng, (uint32_t)++c->ties) == 0) {
        c->i = i;
        c->j = j;
        c->b = b;
    }
}

/* Offers every admissible move of unit I (not tabu unless it beats the best plan, within the
 * size bounds), leaving I's gain with each set in x->gi. */
static void scan_moves(struct search *x, struct form_choice *c, int i, int tabu_i, double aspire)
{
    struct form_state *s = x->s;
    int u = s->u, m = s->m, a = s->grp[i], wi = s->wt[i];
    double base = -s->own[i];
    for (int b = 0; b < m; b++)
        x->gi[b] = s->G[(size_t)b * (size_t)u + (size_t)i] + base;
    if (s->sz[a] - wi < s->lo[a])
        return;
    for (int b = 0; b < m; b++) {
        if (b == a || s->sz[b] + wi > s->hi[b])
            continue;
        double d = x->gi[b];
        if (s->iso)
            d -= s->lambda * form_state_iso_move(s, i, b);
        if (d < c->delta - 1e-9 || (tabu_i && d <= aspire))
            continue;
        offer(x, c, i, -1, b, d);
    }
}

/* The rest of the admission of the swap of unit I (set A) with unit J (set B), gain D without
 * the soft rule: the soft rule, pins, the tabu list and the sizes. Out of line: it runs only
 * for the few swaps that are good enough. */
static void swap_admit(struct search *x, struct form_choice *c, int i, int j, double d, int tabu_i,
                       double aspire)
{
    struct form_state *s = x->s;
    int b = s->grp[j];
    if (s->iso) {
        d -= s->lambda * form_state_iso_swap(s, i, j);
        if (d < c->delta - 1e-9)
            return;
    }
    if (!x->movable[j])
        return;
    if ((tabu_i || (!x->no_tabu && x->tabu[j] > x->it)) && d <= aspire)
        return;
    if (!s->uniform && !form_state_swap_fits(s, i, j))
        return;
    offer(x, c, i, j, b, d);
}

/* Swaps of unit I (gains with each set in x->gi) with the units J of LIST[from..to), or with
 * every unit of another set in [FROM, TO) when LIST is NULL. The hot loop of the tabu search:
 * few live values (so none spill), the bar to beat in a register and refreshed only after an
 * offer, and only swaps that could win go further. With the soft rule on, a swap can gain
 * more than its pair scores say, so every swap goes further. */
static void scan_swaps(struct search *x, struct form_choice *c, int i, int tabu_i, double aspire,
                       const int *list, int from, int to)
{
    const struct form_state *s = x->s;
    const size_t u = (size_t)s->u;
    const int a = s->grp[i];
    const int *const grp = s->grp;
    const double *const ga = s->G + (size_t)a * u, *const row = s->w + (size_t)i * u;
    const double *const own = s->own, *const gi = x->gi;
    if (s->iso) {
        for (int t = from; t < to; t++) {
            int j = list ? list[t] : t, b = grp[j];
            if (b != a)
                swap_admit(x, c, i, j, gi[b] + ga[j] - own[j] - 2 * row[j], tabu_i, aspire);
        }
        return;
    }
    double bar = c->delta - 1e-9;
    if (list) {
        for (int t = from; t < to; t++) {
            int j = list[t];
            double d = gi[grp[j]] + ga[j] - own[j] - 2 * row[j];
            if (d >= bar) {
                swap_admit(x, c, i, j, d, tabu_i, aspire);
                bar = c->delta - 1e-9;
            }
        }
        return;
    }
    for (int j = from; j < to; j++) {
        int b = grp[j];
        double d = gi[b] + ga[j] - own[j] - 2 * row[j];
        if (d >= bar && b != a) {
            swap_admit(x, c, i, j, d, tabu_i, aspire);
            bar = c->delta - 1e-9;
        }
    }
}

/* Scans every move of unit I and its swaps with units J in [J0, u) and offers the admissible
 * ones: not tabu (unless they beat the best plan), within every size bound. */
static void scan_unit(struct search *x, struct form_choice *c, int i, int j0, double aspire)
{
    int tabu_i = !x->no_tabu && x->tabu[i] > x->it;
    scan_moves(x, c, i, tabu_i, aspire);
    scan_swaps(x, c, i, tabu_i, aspire, NULL, j0, x->s->u);
}

/* The full scan with whole sets left out (after Schulz 2024): swapping I (set A) with any J of
 * set B gains at most gi[B] + max over J in B of (G[A][J] - own[J]) - 2 min w, so when that
 * bound cannot beat the best step found so far, set B is skipped for I (min w over the pairs
 * with no penalty; sets holding a penalised partner of I are scanned in full). Near a good
 * plan, where the tabu search spends its time, most sets are skipped. Each pair is seen once
 * (B > A). */
static void scan_grouped(struct search *x, struct form_choice *c, double aspire)
{
    struct form_state *s = x->s;
    int u = s->u, m = s->m;
    int *at = x->set_at, *list = x->set_list, *fill = x->set_at + m + 1;
    double *top = x->set_top;
    memset(at, 0, sizeof(int) * ((size_t)m + 1));
    for (int k = 0; k < u; k++)
        at[s->grp[k] + 1]++;
    for (int g = 0; g < m; g++)
        at[g + 1] += at[g];
    memcpy(fill, at, sizeof(int) * (size_t)m);
    for (int k = 0; k < u; k++)
        list[fill[s->grp[k]]++] = k;
    for (size_t t = 0; t < (size_t)m * (size_t)m; t++)
        top[t] = -INFINITY;
    for (int j = 0; j < u; j++) {
        if (!x->movable[j])
            continue;
        int b = s->grp[j];
        for (int a = 0; a < m; a++) {
            double v = s->G[(size_t)a * (size_t)u + (size_t)j] - s->own[j];
            if (v > top[(size_t)a * (size_t)m + (size_t)b])
                top[(size_t)a * (size_t)m + (size_t)b] = v;
        }
    }
    for (int i = 0; i < u; i++) {
        if (!x->movable[i])
            continue;
        int a = s->grp[i], tabu_i = !x->no_tabu && x->tabu[i] > x->it;
        scan_moves(x, c, i, tabu_i, aspire);
        long stamp = ++x->mark_stamp;
        for (int t = x->neg_at[i]; t < x->neg_at[i + 1]; t++)
            x->set_mark[s->grp[x->neg_list[t]]] = stamp;
        for (int b = a + 1; b < m; b++) {
            if (x->set_mark[b] != stamp &&
                x->gi[b] + top[(size_t)a * (size_t)m + (size_t)b] - x->prune_w < c->delta - 1e-9)
                continue;
            scan_swaps(x, c, i, tabu_i, aspire, list, at[b], at[b + 1]);
        }
    }
}

void form_scan(struct search *x, struct form_choice *c, double aspire)
{
    struct form_state *s = x->s;
    int u = s->u;
    if ((double)u * u / 2 <= FULL_SCAN_LIMIT) {
        if (x->set_top && !x->no_prune) {
            scan_grouped(x, c, aspire);
            return;
        }
        for (int i = 0; i < u; i++) {
            if (x->movable[i])
                scan_unit(x, c, i, i + 1, aspire);
        }
    } else {
        int k = FULL_SCAN_LIMIT / u;
        for (int t = 0; t < k; t++) {
            int i = (int)rng_below(&s->rng, (uint32_t)u);
            if (x->movable[i])
                scan_unit(x, c, i, 0, aspire);
        }
    }
}
