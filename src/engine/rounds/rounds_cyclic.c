/* Perfect schedules by a search m times smaller than the schedule: people are the points
 * (x, row), x in Z_m and row < k, plus f fixed points; one base round developed mod m gives m
 * rounds (round i adds i to every x). Two people of one row at distance d meet once for every
 * base table holding a pair of that row at distance +-d (twice when d = m/2, never allowed);
 * people of rows a < b meet once for every base table holding (y, a), (y + d, b); a fixed
 * point meets each point of a row once for every point of that row at its table. So the
 * development is perfect exactly when every such difference class is used at most once, which
 * a min-conflicts tabu search over the base round decides quickly when the classes leave some
 * slack (bench/rounds_cyclic.c is the same search, used offline for rounds_designs.c).
 *
 * One round more than m: with k = p rows and no fixed points, the round whose tables are the
 * columns {(x, 0), ..., (x, p-1)} is invariant under the development and uses exactly the
 * classes of rows a < b at difference 0; a base round that leaves those classes alone gives
 * m + 1 rounds (e.g. 44 people at tables of 4 for 12 rounds: Z_11 x 4, which the forms above
 * miss in seconds; 35 at tables of 5 for 8 rounds would be Z_7 x 5, not found in minutes). */
#include "engine/rounds/rounds.h"

#include "core/rng.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cyc {
    int m, k, f, p, n, g;
    int column_round; /* the classes of difference 0 across rows are the column round's */
    int *blk;         /* n: table of each point in the base round */
    int *member;      /* n: points table after table */
    int *cnt;         /* classes: uses of each difference class */
    long *tabu;       /* n*n: move forbidden until this iteration */
    struct rng rng;
};

/* Uniform in [0, N) for N > 0, from core/rng. */
static unsigned cyc_below(struct cyc *c, unsigned n)
{
    return rng_below(&c->rng, n);
}

/* Difference class of points U and V, with its capacity (0 or 1) in *CAP. */
static int pair_class(const struct cyc *c, int u, int v, int *cap)
{
    int m = c->m, k = c->k;
    if (u > v) {
        int t = u;
        u = v;
        v = t;
    }
    *cap = 1;
    if (u >= k * m) { /* two fixed points would meet in every round */
        *cap = 0;
        return 0;
    }
    int a = u / m, x = u % m;
    if (v >= k * m)
        return 1 + (v - k * m) * k + a;
    int b = v / m, y = v % m, base = 1 + c->f * k;
    if (a == b) {
        int d = (y - x + m) % m;
        if (2 * d > m)
            d = m - d;
        if (2 * d == m)
            *cap = 0;
        return base + a * m + d;
    }
    if (c->column_round && x == y)
        *cap = 0;
    return base + k * m + (a * k + b) * m + (y - x + m) % m;
}

/* Cost change when point PT joins (SIGN 1) or leaves (-1) table B; applied to the counts. */
static int move_point(struct cyc *c, int pt, int b, int sign)
{
    int d = 0;
    for (int j = 0; j < c->p; j++) {
        int q = c->member[b * c->p + j];
        if (q < 0 || q == pt)
            continue;
        int cap, cl = pair_class(c, pt, q, &cap);
        int before = c->cnt[cl] - cap, after = c->cnt[cl] + sign - cap;
        d += (after > 0 ? after : 0) - (before > 0 ? before : 0);
        c->cnt[cl] += sign;
    }
    return d;
}

/* Swaps points U and V (at different tables) and returns the cost change. */
static int swap_points(struct cyc *c, int u, int v)
{
    int bu = c->blk[u], bv = c->blk[v], pu = 0, pv = 0, d = 0;
    while (c->member[bu * c->p + pu] != u)
        pu++;
    while (c->member[bv * c->p + pv] != v)
        pv++;
    d += move_point(c, u, bu, -1) + move_point(c, v, bv, -1);
    c->member[bu * c->p + pu] = -1;
    c->member[bv * c->p + pv] = -1;
    d += move_point(c, v, bu, 1) + move_point(c, u, bv, 1);
    c->member[bu * c->p + pu] = v;
    c->member[bv * c->p + pv] = u;
    c->blk[u] = bv;
    c->blk[v] = bu;
    return d;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Searches a base round for one form until DEADLINE or MOVES run out: 0 when found. */
static int search_form(struct cyc *c, double deadline, long *moves)
{
    int n = c->n, classes = 1 + c->f * c->k + c->k * c->m + c->k * c->k * c->m;
    c->cnt = calloc((size_t)classes, sizeof *c->cnt);
    c->tabu = malloc((size_t)n * n * sizeof *c->tabu);
    if (!c->cnt || !c->tabu) {
        free(c->cnt);
        free(c->tabu);
        return -1;
    }
    int found = -1;
    while (found != 0 && *moves > 0 && seconds_now() < deadline) {
        /* A random base round, seated point by point so that each pair is counted once. */
        for (int i = 0; i < n; i++)
            c->blk[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = (int)cyc_below(c, (unsigned)(i + 1)), t = c->blk[i];
            c->blk[i] = c->blk[j];
            c->blk[j] = t;
        }
        memset(c->cnt, 0, (size_t)classes * sizeof *c->cnt);
        memset(c->tabu, 0, (size_t)n * n * sizeof *c->tabu);
        for (int i = 0; i < n; i++)
            c->member[i] = -1;
        int cost = 0;
        for (int i = 0; i < n; i++) {
            int pt = c->blk[i]; /* the shuffled order, read before blk is overwritten below */
            c->member[i] = pt;
            cost += move_point(c, pt, i / c->p, 1);
        }
        for (int i = 0; i < n; i++)
            c->blk[c->member[i]] = i / c->p;
        int best = cost;
        for (long it = 0; it < 4000 && cost > 0 && *moves > 0; it++, (*moves)--) {
            if ((it & 31) == 0 && seconds_now() >= deadline)
                break;
            int bu = -1, bv = -1, bd = 0, ties = 0;
            for (int u = 0; u < n; u++)
                for (int v = u + 1; v < n; v++) {
                    if (c->blk[u] == c->blk[v])
                        continue;
                    int d = swap_points(c, u, v);
                    swap_points(c, u, v); /* back: the counts are restored exactly */
                    if (c->tabu[u * n + v] > it && cost + d >= best)
                        continue;
                    if (bu < 0 || d < bd) {
                        bd = d, bu = u, bv = v, ties = 1;
                    } else if (d == bd && cyc_below(c, (unsigned)++ties) == 0) {
                        bu = u, bv = v;
                    }
                }
            if (bu < 0)
                break;
            cost += swap_points(c, bu, bv);
            c->tabu[bu * n + bv] = it + 3 + (long)cyc_below(c, 10);
            best = cost < best ? cost : best;
        }
        if (cost == 0)
            found = 0;
    }
    free(c->cnt);
    free(c->tabu);
    c->cnt = NULL;
    c->tabu = NULL;
    return found;
}

/* The first W rounds of the development of C's base round into TABLE (rows of N). */
static void develop(const struct cyc *c, int w, int *table)
{
    int n = c->n, k = c->k, m = c->m, p = c->p;
    for (int i = 0; i < w; i++)
        for (int b = 0; b < c->g; b++)
            for (int j = 0; j < p; j++) {
                int q = c->member[b * p + j];
                if (q < k * m)
                    q = (q / m) * m + (q % m + i) % m;
                table[(size_t)i * n + q] = b;
            }
}

int rounds_construct_cyclic(int n, int p, int w, unsigned long seed, double seconds, long max_moves,
                            int *table)
{
    if (p < 2 || n % p != 0 || w < 2 || n > 120 || w > rounds_bound(n, p))
        return -1;
    int g = n / p, rc = -1;
    int *blk = malloc((size_t)n * sizeof *blk), *member = malloc((size_t)n * sizeof *member);
    if (!blk || !member)
        goto out;
    double deadline = seconds_now() + seconds;
    long moves = max_moves > 0 ? max_moves : 1L << 40;
    /* The form with a column round first, when the tables are one fewer than the rounds and
     * the classes left (those within rows, and across rows at differences other than 0) are
     * enough for a base round: it gets half the time and moves, the forms below the rest. */
    long column_classes = (long)p * ((g - 1) / 2) + (long)p * (p - 1) / 2 * (g - 1);
    if (g == w - 1 && column_classes >= (long)g * p * (p - 1) / 2) {
        long half = moves / 2;
        double until = seconds_now() + seconds / 2;
        struct cyc c = {.m = g,
                        .k = p,
                        .p = p,
                        .n = n,
                        .g = g,
                        .blk = blk,
                        .member = member,
                        .column_round = 1};
        rng_seed(&c.rng, seed);
        moves -= half;
        if (search_form(&c, until, &half) == 0) {
            develop(&c, w - 1, table);
            for (int q = 0; q < n; q++)
                table[(size_t)(w - 1) * n + q] = q % g;
            rc = 0;
            goto out;
        }
        moves += half;
    }
    /* Forms with m >= w rounds: k rows and f = n - k*m fixed points, each at its own table
     * with its p-1 tablemates in distinct rows, and enough classes for the base round. */
    for (int m = w; m <= w + 2 && rc != 0; m++) {
        int k = n / m, f = n - k * m;
        if (k < 1 || f > g || (f > 0 && p - 1 > k))
            continue;
        long capacity = (long)k * ((m - 1) / 2) + (long)k * (k - 1) / 2 * m + (long)f * k;
        if (capacity < (long)g * p * (p - 1) / 2)
            continue;
        struct cyc c = {
            .m = m, .k = k, .f = f, .p = p, .n = n, .g = g, .blk = blk, .member = member};
        rng_seed(&c.rng, seed);
        if (search_form(&c, deadline, &moves) == 0) {
            develop(&c, w, table);
            rc = 0;
        }
    }
out:
    free(blk);
    free(member);
    return rc;
}
