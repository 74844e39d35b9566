/* The population side of the search: the distance between two plans, and the crossover that
 * builds a child from two parents by keeping whole sets of each (the greedy group-based
 * recombination of the MDGP memetic searches, e.g. Yang et al. 2022): large common parts of
 * good plans survive, and the local search only has to repair the seams. */
#include "engine/formation/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Members of each set of plan GRP, grouped: the members of set g are list[at[g] .. at[g+1]). */
static void group_lists(int u, int m, const int *grp, int *at, int *list)
{
    memset(at, 0, sizeof(int) * ((size_t)m + 1));
    for (int k = 0; k < u; k++)
        at[grp[k] + 1]++;
    for (int g = 0; g < m; g++)
        at[g + 1] += at[g];
    int *fill = at + m + 1; /* m more ints of scratch right after AT */
    memcpy(fill, at, sizeof(int) * (size_t)m);
    for (int k = 0; k < u; k++)
        list[fill[grp[k]]++] = k;
}

void form_plan_sizes(const struct form_state *s, const int *grp, int *sizes)
{
    memset(sizes, 0, sizeof(int) * (size_t)s->m);
    for (int k = 0; k < s->u; k++)
        sizes[grp[k]] += s->wt[k];
}

int form_pool_init(struct form_pool *pl, int u, int m, int cap)
{
    memset(pl, 0, sizeof *pl);
    pl->u = u;
    pl->m = m;
    pl->cap = cap;
    pl->plan = malloc(sizeof(int) * (size_t)u * (size_t)cap);
    pl->score = malloc(sizeof(double) * (size_t)cap);
    pl->at = malloc(sizeof(int) * (2 * (size_t)m + 2) * 2);
    pl->list = malloc(sizeof(int) * (size_t)u * 2);
    pl->child = malloc(sizeof(int) * (size_t)u);
    pl->used = malloc(sizeof(int) * (size_t)m * 3);
    pl->sizes = malloc(sizeof(int) * (size_t)m);
    if (!pl->plan || !pl->score || !pl->at || !pl->list || !pl->child || !pl->used || !pl->sizes)
        return -1;
    return 0;
}

void form_pool_free(struct form_pool *pl)
{
    free(pl->plan);
    free(pl->score);
    free(pl->at);
    free(pl->list);
    free(pl->child);
    free(pl->used);
    free(pl->sizes);
    memset(pl, 0, sizeof *pl);
}

/* Pairs together in A but not in B, using the pool's scratch for A's lists. */
static long pairs_apart(struct form_pool *pl, const int *a, const int *b)
{
    int *at = pl->at, *list = pl->list;
    group_lists(pl->u, pl->m, a, at, list);
    long d = 0;
    for (int g = 0; g < pl->m; g++) {
        for (int x = at[g]; x < at[g + 1]; x++) {
            int bx = b[list[x]];
            for (int y = x + 1; y < at[g + 1]; y++)
                d += b[list[y]] != bx;
        }
    }
    return d;
}

long form_plan_distance(struct form_pool *pl, const int *a, const int *b)
{
    return pairs_apart(pl, a, b) + pairs_apart(pl, b, a);
}

/* Sum of w over pairs of LIST[0..k) that are not TAKEN, and how many of them there are. */
static double free_sum(const struct form_state *s, const int *list, int k, const int *taken,
                       int *count)
{
    double sum = 0;
    int c = 0;
    for (int x = 0; x < k; x++) {
        int i = list[x];
        if (taken[i] >= 0)
            continue;
        c++;
        const double *row = s->w + (size_t)i * (size_t)s->u;
        for (int y = x + 1; y < k; y++) {
            if (taken[list[y]] < 0)
                sum += row[list[y]];
        }
    }
    *count = c;
    return sum;
}

/* A free child slot for parent set H: H itself, else (when no unit is pinned to H or to the
 * slot, so labels do not matter) any free slot with the same bounds. -1 when none. */
static int slot_for(const struct form_state *s, const int *slot_used, const int *pinned, int h)
{
    if (!slot_used[h])
        return h;
    if (pinned[h])
        return -1;
    for (int g = 0; g < s->m; g++) {
        if (!slot_used[g] && !pinned[g] && s->lo[g] == s->lo[h] && s->hi[g] == s->hi[h])
            return g;
    }
    return -1;
}

int form_crossover(struct form_state *s, struct form_pool *pl, const int *pa, const int *pb,
                   int *order)
{
    int u = s->u, m = s->m;
    int *child = pl->child;
    int *slot_used = pl->used, *pinned = pl->used + m, *done = pl->used + 2 * m;
    int *at[2] = {pl->at, pl->at + 2 * m + 2};
    int *list[2] = {pl->list, pl->list + u};
    for (int k = 0; k < u; k++)
        child[k] = -1;
    memset(pl->used, 0, sizeof(int) * (size_t)m * 3);
    for (int k = 0; k < u; k++) {
        if (s->pin[k] >= 0)
            pinned[s->pin[k]] = 1;
    }
    group_lists(u, m, pa, at[0], list[0]);
    group_lists(u, m, pb, at[1], list[1]);
    /* done[] holds two bits per set: taken from parent 0, from parent 1. */
    for (int step = 0; step < m; step++) {
        int p = step & 1, bh = -1, bslot = -1;
        double bmean = -INFINITY;
        for (int h = 0; h < m; h++) {
            if (done[h] & (1 << p))
                continue;
            int slot = slot_for(s, slot_used, pinned, h);
            if (slot < 0)
                continue;
            int c;
            int *l = list[p] + at[p][h];
            double sum = free_sum(s, l, at[p][h + 1] - at[p][h], child, &c);
            if (c < 2)
                continue;
            double mean = sum / ((double)c * (c - 1) / 2);
            if (mean > bmean) {
                bmean = mean;
                bh = h;
                bslot = slot;
            }
        }
        if (bh < 0)
            break;
        done[bh] |= 1 << p;
        slot_used[bslot] = 1;
        for (int x = at[p][bh]; x < at[p][bh + 1]; x++) {
            int k = list[p][x];
            if (child[k] < 0)
                child[k] = bslot;
        }
    }
    /* The rest go where they gain most, aiming at the first parent's sizes; the construction
     * also repairs sizes. */
    form_plan_sizes(s, pa, pl->sizes);
    return form_construct(s, child, order, 0, pl->sizes);
}
