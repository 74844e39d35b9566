/* Constraint-guided local search for the Social Golfer Problem, after Dotu & Van Hentenryck
 * (2005): the neighbourhood swaps two people at different tables of one round, restricted to
 * people in conflict; a tabu list of recent swaps with random tenure; restarts from the best
 * schedule with a random perturbation when the search stalls. The initial schedule is built
 * greedily round by round (Triska & Musliu 2012), which alone leaves few conflicts.
 *
 * Repeats are weighed so that the search minimises them lexicographically: any pair meeting
 * three times costs more than every pair meeting twice together. Hard requests (keep apart,
 * keep together) cost more than anything else. */
#include "engine/rounds/rounds_internal.h"

#include "core/rng.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COST_REPEAT ROUNDS_COST_REPEAT /* a pair meeting a second time */
#define COST_THIRD  1000000000LL       /* each meeting beyond the second */
#define COST_HARD   100000000000000LL  /* a broken keep-apart or keep-together request */

#define TABU_SLOTS  65536
#define STALL_LIMIT 3000

struct search {
    const struct rounds_plan *pl;
    int n, w;
    int *cnt;            /* n*n meetings so far, history and every round included */
    int *tab;            /* w*n table of each person (-1 absent) */
    int *mem;            /* w*n people of each round, table after table */
    int *pos;            /* w*n index of each person in mem */
    int *tstart, *tsize; /* w*n table offsets into mem and sizes */
    int *tcount;
    struct {
        unsigned key;
        long until;
    } tabu[TABU_SLOTS];
    struct rng rng;
};

/* Uniform in [0, N) for N > 0, from core/rng. */
static int rnd_below(struct search *s, int n)
{
    return (int)rng_below(&s->rng, (uint32_t)n);
}

/* Cost of pair (i, j) meeting k times (tied pairs: minus HARD per meeting, see top). */
static long long pair_cost(const struct rounds_plan *pl, int i, int j, int k)
{
    unsigned char rel = pl->rel[(size_t)i * pl->n + j];
    if (rel & REL_TIED)
        return -COST_HARD * k;
    long long c = 0;
    if (k >= 2)
        c = COST_REPEAT + (k - 2) * COST_THIRD;
    if (rel & REL_APART)
        c += COST_HARD * k;
    if (rel & REL_SAME)
        c += (long long)pl->mix[(size_t)i * pl->n + j] * k;
    return c;
}

static long long step(const struct search *s, int i, int j, int d)
{
    size_t ij = (size_t)i * s->n + j;
    int k = s->cnt[ij];
    /* The common case, a pair with no request: only the repeat weights matter. */
    if (!s->pl->rel[ij]) {
        if (d > 0)
            return k <= 0 ? 0 : k == 1 ? COST_REPEAT : COST_THIRD;
        return k <= 1 ? 0 : k == 2 ? -COST_REPEAT : -COST_THIRD;
    }
    return pair_cost(s->pl, i, j, k + d) - pair_cost(s->pl, i, j, k);
}

static long long swap_delta(const struct search *s, int r, int a, int b)
{
    int n = s->n;
    const int *tab = s->tab + (size_t)r * n, *mem = s->mem + (size_t)r * n;
    int ta = tab[a], tb = tab[b];
    long long d = 0;
    for (int k = s->tstart[r * n + ta], e = k + s->tsize[r * n + ta]; k < e; k++) {
        int x = mem[k];
        if (x != a)
            d += step(s, b, x, 1) + step(s, a, x, -1);
    }
    for (int k = s->tstart[r * n + tb], e = k + s->tsize[r * n + tb]; k < e; k++) {
        int y = mem[k];
        if (y != b)
            d += step(s, a, y, 1) + step(s, b, y, -1);
    }
    return d;
}

static void meet(struct search *s, int r, int t, int who, int d)
{
    int n = s->n;
    const int *mem = s->mem + (size_t)r * n;
    for (int k = s->tstart[r * n + t], e = k + s->tsize[r * n + t]; k < e; k++) {
        int x = mem[k];
        if (x != who) {
            s->cnt[(size_t)who * n + x] += d;
            s->cnt[(size_t)x * n + who] += d;
        }
    }
}

static void apply_swap(struct search *s, int r, int a, int b)
{
    int n = s->n;
    int *tab = s->tab + (size_t)r * n, *pos = s->pos + (size_t)r * n, *mem = s->mem + (size_t)r * n;
    int ta = tab[a], tb = tab[b];
    meet(s, r, ta, a, -1);
    meet(s, r, tb, b, -1);
    int pa = pos[a], pb = pos[b];
    mem[pa] = b;
    mem[pb] = a;
    pos[a] = pb;
    pos[b] = pa;
    tab[a] = tb;
    tab[b] = ta;
    meet(s, r, tb, a, 1);
    meet(s, r, ta, b, 1);
}

/* True when A's seat in round R is part of some cost: a repeat, a broken request. */
static int in_conflict(const struct search *s, int r, int a)
{
    int n = s->n;
    const struct rounds_plan *pl = s->pl;
    const int *tab = s->tab + (size_t)r * n, *mem = s->mem + (size_t)r * n;
    int t = tab[a];
    for (int k = s->tstart[r * n + t], e = k + s->tsize[r * n + t]; k < e; k++) {
        int x = mem[k];
        if (x == a)
            continue;
        unsigned char rel = pl->rel[(size_t)a * n + x];
        if (rel & REL_TIED)
            continue;
        if (s->cnt[(size_t)a * n + x] >= 2 || (rel & REL_APART) || (rel & REL_SAME))
            return 1;
    }
    for (int k = pl->tied_start[a]; k < pl->tied_start[a + 1]; k++) {
        int x = pl->tied[k];
        if (tab[x] >= 0 && tab[x] != t)
            return 1;
    }
    return 0;
}

static unsigned tabu_key(int r, int a, int b)
{
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    return ((unsigned)r * 2654435761u) ^ ((unsigned)a * 40503u) ^ ((unsigned)b * 97u) ^
           ((unsigned)a << 16);
}

static int is_tabu(const struct search *s, int r, int a, int b, long iter)
{
    unsigned key = tabu_key(r, a, b);
    return s->tabu[key % TABU_SLOTS].key == key && s->tabu[key % TABU_SLOTS].until > iter;
}

static void set_tabu(struct search *s, int r, int a, int b, long until)
{
    unsigned key = tabu_key(r, a, b);
    s->tabu[key % TABU_SLOTS].key = key;
    s->tabu[key % TABU_SLOTS].until = until;
}

long long rounds_cost_total(const struct rounds_plan *pl, const int *cnt, const int *tab)
{
    int n = pl->n;
    long long c = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (!(pl->rel[(size_t)i * n + j] & REL_TIED))
                c += pair_cost(pl, i, j, cnt[(size_t)i * n + j]);
    /* Tied pairs cost HARD for every round they both attend apart. */
    for (int r = 0; r < pl->w; r++)
        for (int i = 0; i < n; i++)
            for (int k = pl->tied_start[i]; k < pl->tied_start[i + 1]; k++) {
                int j = pl->tied[k];
                const int *t = tab + (size_t)r * n;
                if (i < j && t[i] >= 0 && t[j] >= 0 && t[i] != t[j])
                    c += COST_HARD;
            }
    return c;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Lays round R (its table of each person in s->tab, T tables) out table after table in mem,
 * with each person's position and each table's start and size. */
static void lay_out_round(struct search *s, int r, int T)
{
    int n = s->n;
    const int *tab = s->tab + (size_t)r * n;
    int at = 0;
    for (int t = 0; t < T; t++) {
        s->tstart[r * n + t] = at;
        s->tsize[r * n + t] = 0;
        for (int i = 0; i < n; i++)
            if (tab[i] == t) {
                s->mem[(size_t)r * n + at] = i;
                s->pos[(size_t)r * n + i] = at++;
                s->tsize[r * n + t]++;
            }
    }
}

/* Seats everyone of round R greedily: tied groups first, then people in random order, each at
 * the open table where they add the least cost. */
static void greedy_round(struct search *s, int r, int *order, int *fill, const int *cap)
{
    const struct rounds_plan *pl = s->pl;
    int n = s->n, T = s->tcount[r];
    int *tab = s->tab + (size_t)r * n;
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!pl->absent[(size_t)r * n + i])
            order[m++] = i;
    for (int i = m - 1; i > 0; i--) {
        int j = rnd_below(s, i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    /* People with tied partners go first so that their group still finds room. */
    int front = 0;
    for (int i = 0; i < m; i++)
        if (pl->tied_start[order[i] + 1] > pl->tied_start[order[i]]) {
            int t = order[front];
            order[front++] = order[i];
            order[i] = t;
        }
    memset(fill, 0, (size_t)T * sizeof *fill);
    for (int k = 0; k < m; k++) {
        int a = order[k], best = -1, ties = 0;
        long long best_c = 0;
        for (int t = 0; t < T; t++) {
            if (fill[t] >= cap[t])
                continue;
            long long c = 0;
            for (int x = 0; x < n; x++)
                if (tab[x] == t && x != a)
                    c += step(s, a, x, 1);
            if (best < 0 || c < best_c) {
                best = t, best_c = c, ties = 1;
            } else if (c == best_c && rnd_below(s, ++ties) == 0) {
                best = t;
            }
        }
        tab[a] = best;
        fill[best]++;
        for (int x = 0; x < n; x++)
            if (tab[x] == best && x != a) {
                s->cnt[(size_t)a * n + x]++;
                s->cnt[(size_t)x * n + a]++;
            }
    }
    lay_out_round(s, r, T);
}

static int seat_later(const struct rounds_plan *pl, int r)
{
    for (int i = 0; i < pl->n; i++)
        if (pl->init[(size_t)r * pl->n + i] == ROUNDS_SEAT_LATER)
            return 1;
    return 0;
}

/* Takes round R as the repaired design gives it (rounds_repair_seed: T tables, sizes within
 * one) and lays it out like greedy_round does. */
static void seed_round(struct search *s, int r)
{
    int n = s->n, T = s->tcount[r];
    int *tab = s->tab + (size_t)r * n;
    memcpy(tab, s->pl->init + (size_t)r * n, (size_t)n * sizeof *tab);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (tab[i] >= 0 && tab[i] == tab[j]) {
                s->cnt[(size_t)i * n + j]++;
                s->cnt[(size_t)j * n + i]++;
            }
    lay_out_round(s, r, T);
}

int rounds_search(const struct rounds_plan *pl, int *table, long long *cost_out)
{
    int n = pl->n, w = pl->w, rc = -1;
    struct search *s = calloc(1, sizeof *s);
    int *best = malloc((size_t)w * n * sizeof *best);
    int *order = malloc((size_t)n * sizeof *order);
    int *fill = malloc((size_t)n * sizeof *fill);
    int *cap = malloc((size_t)n * sizeof *cap);
    if (!s || !best || !order || !fill || !cap)
        goto out;
    s->pl = pl;
    s->n = n;
    s->w = w;
    rng_seed(&s->rng, pl->seed);
    s->cnt = calloc((size_t)n * n, sizeof *s->cnt);
    s->tab = malloc((size_t)w * n * sizeof *s->tab);
    s->mem = malloc((size_t)w * n * sizeof *s->mem);
    s->pos = malloc((size_t)w * n * sizeof *s->pos);
    s->tstart = malloc((size_t)w * n * sizeof *s->tstart);
    s->tsize = malloc((size_t)w * n * sizeof *s->tsize);
    s->tcount = malloc((size_t)w * sizeof *s->tcount);
    if (!s->cnt || !s->tab || !s->mem || !s->pos || !s->tstart || !s->tsize || !s->tcount)
        goto out;
    memcpy(s->cnt, pl->history, (size_t)n * n * sizeof *s->cnt);
    for (size_t k = 0; k < (size_t)w * n; k++)
        s->tab[k] = -1;
    for (int r = 0; r < w; r++) {
        int present = 0;
        for (int i = 0; i < n; i++)
            present += !pl->absent[(size_t)r * n + i];
        int T = pl->tables[r];
        s->tcount[r] = T;
        if (r < pl->locked_rounds) {
            /* Locked rounds count their meetings and never move. */
            memcpy(s->tab + (size_t)r * n, pl->locked + (size_t)r * n, (size_t)n * sizeof(int));
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                    if (s->tab[r * n + i] >= 0 && s->tab[r * n + i] == s->tab[r * n + j]) {
                        s->cnt[(size_t)i * n + j]++;
                        s->cnt[(size_t)j * n + i]++;
                    }
            continue;
        }
        if (pl->init && (present == 0 || !seat_later(pl, r))) {
            seed_round(s, r);
            continue;
        }
        for (int t = 0; t < T; t++)
            cap[t] = present / T + (t < present % T);
        greedy_round(s, r, order, fill, cap);
    }
    long long cur = rounds_cost_total(pl, s->cnt, s->tab), best_cost = cur;
    memcpy(best, s->tab, (size_t)w * n * sizeof *best);
    double start = now_seconds(), budget = pl->seconds > 0 ? pl->seconds : 2.0;
    long stall = 0;
    for (long iter = 0; best_cost > pl->floor_repeats * COST_REPEAT; iter++) {
        if (pl->max_iterations > 0 && iter >= pl->max_iterations)
            break;
        if ((iter & 7) == 0 && now_seconds() - start > budget)
            break;
        long long bd = 0;
        int br = -1, ba = -1, bb = -1, ties = 0;
        for (int r = pl->locked_rounds; r < w; r++) {
            const int *tab = s->tab + (size_t)r * n;
            for (int a = 0; a < n; a++) {
                if (tab[a] < 0 || !in_conflict(s, r, a))
                    continue;
                for (int b = 0; b < n; b++) {
                    if (tab[b] < 0 || tab[b] == tab[a])
                        continue;
                    long long d = swap_delta(s, r, a, b);
                    if (is_tabu(s, r, a, b, iter) && cur + d >= best_cost)
                        continue;
                    if (br < 0 || d < bd) {
                        bd = d, br = r, ba = a, bb = b, ties = 1;
                    } else if (d == bd && rnd_below(s, ++ties) == 0) {
                        br = r, ba = a, bb = b;
                    }
                }
            }
        }
        if (br < 0)
            stall = STALL_LIMIT; /* nothing allowed: perturb */
        else {
            apply_swap(s, br, ba, bb);
            cur += bd;
            set_tabu(s, br, ba, bb, iter + 4 + rnd_below(s, 20));
            if (cur < best_cost) {
                best_cost = cur;
                memcpy(best, s->tab, (size_t)w * n * sizeof *best);
                stall = 0;
            } else {
                stall++;
            }
        }
        if (stall >= STALL_LIMIT && w > pl->locked_rounds) {
            /* Restart from the best schedule, shaken by a few random swaps. */
            for (int r = pl->locked_rounds; r < w; r++)
                for (int i = 0; i < n; i++)
                    while (s->tab[(size_t)r * n + i] != best[(size_t)r * n + i]) {
                        int t = best[(size_t)r * n + i], j = -1;
                        for (int x = 0; x < n; x++)
                            if (s->tab[(size_t)r * n + x] == t && best[(size_t)r * n + x] != t) {
                                j = x;
                                break;
                            }
                        apply_swap(s, r, i, j);
                    }
            int shakes = 2 + n / 8;
            for (int k = 0; k < shakes; k++) {
                int r = pl->locked_rounds + rnd_below(s, w - pl->locked_rounds);
                int a = rnd_below(s, n), b = rnd_below(s, n);
                const int *tab = s->tab + (size_t)r * n;
                if (tab[a] >= 0 && tab[b] >= 0 && tab[a] != tab[b])
                    apply_swap(s, r, a, b);
            }
            cur = rounds_cost_total(pl, s->cnt, s->tab);
            stall = 0;
        }
    }
    memcpy(table, best, (size_t)w * n * sizeof *best);
    *cost_out = best_cost;
    rc = 0;
out:
    if (s) {
        free(s->cnt);
        free(s->tab);
        free(s->mem);
        free(s->pos);
        free(s->tstart);
        free(s->tsize);
        free(s->tcount);
    }
    free(s);
    free(best);
    free(order);
    free(fill);
    free(cap);
    return rc;
}
