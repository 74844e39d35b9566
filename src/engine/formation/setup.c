/* Setting up a search: the working score matrix over units (keep-apart pairs as a penalty no
 * move can pay for), the soft rule's classes, and a first plan that fits every size, built
 * greedily or repaired from a plan the caller gives. */
#include "engine/formation/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int form_setup_matrix(struct form_state *s, const struct form_problem *p,
                      const struct form_units *un)
{
    int n = p->n, u = un->count;
    int diag = 0;
    for (int i = 0; i < n && !diag; i++)
        diag = p->d[(size_t)i * (size_t)n + (size_t)i] != 0;
    if (u == n && p->apart_count == 0 && !diag) {
        s->w = p->d; /* the common case (and every MDGP benchmark): no copy */
        return 0;
    }
    double *w = calloc((size_t)u * (size_t)u, sizeof(double));
    if (!w)
        return -1;
    for (int i = 0; i < n; i++) {
        const double *row = p->d + (size_t)i * (size_t)n;
        double *wr = w + (size_t)un->unit_of[i] * (size_t)u;
        for (int j = 0; j < n; j++) {
            if (j != i)
                wr[un->unit_of[j]] += row[j];
        }
    }
    for (int k = 0; k < u; k++)
        w[(size_t)k * (size_t)u + (size_t)k] = 0;
    /* A penalty larger than anything a move or a swap could gain elsewhere (twice the largest
     * row sum, twice over) makes breaking a keep-apart rule never worth it once avoidable. */
    double maxrow = 0;
    for (int k = 0; k < u; k++) {
        double r = 0;
        for (int j = 0; j < u; j++)
            r += fabs(w[(size_t)k * (size_t)u + (size_t)j]);
        if (r > maxrow)
            maxrow = r;
    }
    double big = 4 * maxrow + 1;
    for (int t = 0; t < p->apart_count; t++) {
        int a = un->unit_of[p->apart[t].a], b = un->unit_of[p->apart[t].b];
        if (a == b)
            continue;
        w[(size_t)a * (size_t)u + (size_t)b] -= big;
        w[(size_t)b * (size_t)u + (size_t)a] -= big;
    }
    s->w = w;
    s->w_owned = w;
    return 0;
}

int form_setup_classes(struct form_state *s, const struct form_problem *p,
                       const struct form_units *un)
{
    if (!p->iso_class || p->iso_k <= 0 || p->iso_class_count <= 0 || p->iso_penalty <= 0)
        return 0;
    int u = un->count;
    size_t most = (size_t)p->n * (size_t)p->iso_k;
    s->cls_start = calloc((size_t)u + 1, sizeof(int));
    s->cls_id = malloc(sizeof(int) * (most + 1));
    s->cls_n = malloc(sizeof(int) * (most + 1));
    s->cnt = calloc((size_t)p->m * (size_t)p->iso_class_count, sizeof(int));
    if (!s->cls_start || !s->cls_id || !s->cls_n || !s->cnt)
        return -1;
    int used = 0;
    for (int k = 0; k < u; k++) {
        s->cls_start[k] = used;
        for (int t = un->start[k]; t < un->start[k + 1]; t++) {
            int i = un->member[t];
            for (int c = 0; c < p->iso_k; c++) {
                int id = p->iso_class[(size_t)i * (size_t)p->iso_k + (size_t)c];
                if (id < 0)
                    continue;
                int e = s->cls_start[k];
                while (e < used && s->cls_id[e] != id)
                    e++;
                if (e == used) {
                    s->cls_id[used] = id;
                    s->cls_n[used++] = 0;
                }
                s->cls_n[e]++;
            }
        }
    }
    s->cls_start[u] = used;
    s->iso = 1;
    s->classes = p->iso_class_count;
    s->lambda = p->iso_penalty;
    return 0;
}

/* Places unit K in set G while constructing (G rows only; own and f come from a rebuild). */
static void place(struct form_state *s, int k, int g)
{
    const double *row = s->w + (size_t)k * (size_t)s->u;
    double *gg = s->G + (size_t)g * (size_t)s->u;
    for (int j = 0; j < s->u; j++)
        gg[j] += row[j];
    s->grp[k] = g;
    s->sz[g] += s->wt[k];
}

/* The set with room for unit K (under CAP) where it gains most; ties broken at random. */
static int best_room(struct form_state *s, int k, const int *cap)
{
    int best = -1, ties = 0;
    double bg = -INFINITY;
    for (int g = 0; g < s->m; g++) {
        if (s->sz[g] + s->wt[k] > cap[g])
            continue;
        double gain = s->G[(size_t)g * (size_t)s->u + (size_t)k];
        if (gain > bg + 1e-9) {
            bg = gain;
            best = g;
            ties = 1;
        } else if (gain > bg - 1e-9 && rng_below(&s->rng, (uint32_t)++ties) == 0) {
            best = g;
        }
    }
    return best;
}

/* For a keep-together unit K: the set with most room under CAP, or (RANDOMLY) any set with room
 * for it; ties and choices at random. */
static int most_room(struct form_state *s, int k, const int *cap, int randomly)
{
    int best = -1, ties = 0, room_best = 0;
    for (int g = 0; g < s->m; g++) {
        int room = cap[g] - s->sz[g];
        if (room < s->wt[k])
            continue;
        if (randomly)
            room = 1;
        if (room > room_best) {
            room_best = room;
            best = g;
            ties = 1;
        } else if (room == room_best && rng_below(&s->rng, (uint32_t)++ties) == 0) {
            best = g;
        }
    }
    return best;
}

int form_construct(struct form_state *s, const int *start_units, int *order, int randomly,
                   const int *sizes)
{
    int u = s->u, m = s->m;
    memset(s->G, 0, sizeof(double) * (size_t)u * (size_t)m);
    memset(s->sz, 0, sizeof(int) * (size_t)m);
    int *target = order + u; /* scratch of m ints after the order */
    for (int k = 0; k < u; k++)
        s->grp[k] = -1;
    /* Pins and the caller's plan first. */
    for (int k = 0; k < u; k++) {
        int g = s->pin[k] >= 0 ? s->pin[k] : start_units ? start_units[k] : -1;
        if (g >= 0 && g < m)
            place(s, k, g);
    }
    /* A first set of target sizes: the caller's (a parent's sizes: with sizes in a range, which
     * sets are big is hard for the search to change later), or every minimum, then the rest
     * spread in a random order. */
    long total = 0;
    for (int k = 0; k < u; k++)
        total += s->wt[k];
    long rest = total;
    for (int g = 0; g < m; g++) {
        target[g] = s->lo[g];
        rest -= s->lo[g];
    }
    if (sizes) {
        for (int g = 0; g < m; g++) {
            rest += target[g] - sizes[g];
            target[g] = sizes[g];
        }
        rest = rest > 0 ? rest : 0; /* sizes that do not add up fall back on the maximum */
    }
    while (rest > 0) {
        int grew = 0;
        int off = (int)rng_below(&s->rng, (uint32_t)m);
        for (int t = 0; t < m && rest > 0; t++) {
            int g = (t + off) % m;
            if (target[g] < s->hi[g]) {
                target[g]++;
                rest--;
                grew = 1;
            }
        }
        if (!grew)
            return -1;
    }
    /* Heaviest units first (they are the hard ones to fit), random order among equals. */
    int count = 0;
    for (int k = 0; k < u; k++) {
        if (s->grp[k] < 0)
            order[count++] = k;
    }
    for (int t = count - 1; t > 0; t--) {
        int r = (int)rng_below(&s->rng, (uint32_t)(t + 1)), x = order[t];
        order[t] = order[r];
        order[r] = x;
    }
    for (int t = 1; t < count; t++) {
        int x = order[t], v = t;
        while (v > 0 && s->wt[order[v - 1]] < s->wt[x]) {
            order[v] = order[v - 1];
            v--;
        }
        order[v] = x;
    }
    for (int t = 0; t < count; t++) {
        int k = order[t];
        /* Swaps exchange units of equal weight only (sizes are often fixed), so where the
         * keep-together groups land decides much; put them where there is most room, which
         * keeps them away from pinned people, or anywhere with room on a retry. */
        int g = s->wt[k] > 1 ? most_room(s, k, target, randomly) : best_room(s, k, target);
        if (g < 0)
            g = best_room(s, k, s->hi);
        if (g < 0)
            return -1;
        place(s, k, g);
    }
    /* Repair: first sets above their maximum (a caller's plan), then those below the minimum,
     * moving free units to where they gain most. */
    for (int pass = 0; pass < 2; pass++) {
        for (int g = 0; g < m; g++) {
            int guard = u + 1;
            while (guard-- > 0 && (pass == 0 ? s->sz[g] > s->hi[g] : s->sz[g] < s->lo[g])) {
                int bk = -1, bh = -1;
                double bd = -INFINITY;
                for (int k = 0; k < u; k++) {
                    int h = s->grp[k];
                    if (s->pin[k] >= 0 || (pass == 0 ? h != g : h == g))
                        continue;
                    int to = pass == 0 ? -1 : g;
                    if (pass == 1 &&
                        (s->sz[h] - s->wt[k] < s->lo[h] || s->sz[g] + s->wt[k] > s->hi[g]))
                        continue;
                    for (int c = pass == 0 ? 0 : g; c < (pass == 0 ? m : g + 1); c++) {
                        if (c == h || s->sz[c] + s->wt[k] > s->hi[c])
                            continue;
                        double d = s->G[(size_t)c * (size_t)u + (size_t)k] -
                                   s->G[(size_t)h * (size_t)u + (size_t)k];
                        if (d > bd) {
                            bd = d;
                            bk = k;
                            to = c;
                        }
                    }
                    if (bk == k)
                        bh = to;
                }
                if (bk < 0)
                    return -1;
                int from = s->grp[bk];
                const double *row = s->w + (size_t)bk * (size_t)u;
                for (int j = 0; j < u; j++)
                    s->G[(size_t)from * (size_t)u + (size_t)j] -= row[j];
                s->sz[from] -= s->wt[bk];
                place(s, bk, bh);
            }
        }
    }
    for (int g = 0; g < m; g++) {
        if (s->sz[g] < s->lo[g] || s->sz[g] > s->hi[g])
            return -1;
    }
    form_state_rebuild(s);
    return 0;
}

/* Pairs among C people. */
static long pairs(long c)
{
    return c * (c - 1) / 2;
}

void form_best_sizes(const struct form_state *s, int *sizes)
{
    int m = s->m;
    long total = 0, rest;
    for (int k = 0; k < s->u; k++)
        total += s->wt[k];
    rest = total;
    long room = 0, widest = 0;
    for (int g = 0; g < m; g++) {
        sizes[g] = s->lo[g];
        rest -= s->lo[g];
        room += s->hi[g] - s->lo[g];
        if (s->hi[g] - s->lo[g] > widest)
            widest = s->hi[g] - s->lo[g];
    }
    if (rest <= 0 || rest > room)
        return; /* nothing to share out, or sizes that cannot fit (the precheck says so) */
    /* Exact by dynamic programming over (set, people shared out so far) when that is small
     * (every MDGPLIB instance); sets in a range are few there and their bounds differ. */
    double work = (double)m * (double)(rest + 1) * (double)(widest + 1);
    long *val = NULL, *next = NULL;
    int *pick = NULL;
    if (work <= 2e7) {
        val = malloc(sizeof(long) * (size_t)(rest + 1));
        next = malloc(sizeof(long) * (size_t)(rest + 1));
        pick = malloc(sizeof(int) * (size_t)m * (size_t)(rest + 1));
    }
    if (val && next && pick) {
        for (long r = 0; r <= rest; r++)
            val[r] = r == 0 ? 0 : -1;
        for (int g = 0; g < m; g++) {
            int span = s->hi[g] - s->lo[g];
            for (long r = 0; r <= rest; r++) {
                next[r] = -1;
                for (int e = 0; e <= span && e <= r; e++) {
                    if (val[r - e] < 0)
                        continue;
                    long v = val[r - e] + pairs(s->lo[g] + e);
                    if (v > next[r]) {
                        next[r] = v;
                        pick[(size_t)g * (size_t)(rest + 1) + (size_t)r] = e;
                    }
                }
            }
            long *t = val;
            val = next;
            next = t;
        }
        if (val[rest] >= 0) {
            for (int g = m - 1, r = (int)rest; g >= 0; g--) {
                int e = pick[(size_t)g * (size_t)(rest + 1) + (size_t)r];
                sizes[g] = s->lo[g] + e;
                r -= e;
            }
            rest = 0;
        }
    }
    free(val);
    free(next);
    free(pick);
    /* Else greedily: each person to the biggest set with room (exact when every set has the
     * same bounds, the usual case for a cohort: full sets, one partial, the rest at minimum). */
    while (rest > 0) {
        int best = -1;
        for (int g = 0; g < m; g++) {
            if (sizes[g] < s->hi[g] && (best < 0 || sizes[g] > sizes[best]))
                best = g;
        }
        if (best < 0)
            break;
        long add = s->hi[best] - sizes[best];
        if (add > rest)
            add = rest;
        sizes[best] += (int)add;
        rest -= add;
    }
}
