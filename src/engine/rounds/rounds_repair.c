/* Repairing a perfect design for a real event: fewer people than its points, rounds already
 * played, keep-apart pairs and departments to mix. A design for T*P points (T the tables of the
 * request) is perfect; what a request changes is which person sits on which point, and which
 * points nobody takes. Choosing that naming well keeps the design's perfection wherever the
 * request allows it; the local search then starts from the repaired design and only searches
 * what the design cannot give.
 *
 * In a perfect design two points meet at most once, so the naming's cost is a sum over pairs
 * of slots of what happens in the one round where their points meet: nothing, a repeat of an
 * earlier meeting, a broken keep-apart pair, two people of one department, or two empty seats
 * at one table (a table that shrinks by two, which the sizes may not allow). */
#include "engine/rounds/rounds_internal.h"

#include "core/rng.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NEVER        255
#define C_REPEAT     1000LL
#define C_HARD       1000000LL   /* a keep-apart pair on points that meet */
#define C_SHRINK     600LL       /* two empty seats (absent people, unused points) at one table */
#define C_TIED       5LL         /* a keep-together pair on points that never meet: a small pull */
#define NAMING_WORK  100000000LL /* slot evaluations the naming search may spend in all */
#define NAMING_STEPS 1000
#define LOCK_TRIES   8 /* namings that continue locked rounds, tried in turn */
/* What a design round left out (searched instead) is taken to cost, for N people */
#define ROUND_PRICE(n) (C_REPEAT * ((n) / 2))

struct naming {
    const struct rounds_plan *pl;
    int n, N, F;         /* people, points, free rounds (those still to plan) */
    int q;               /* the design's table size: the request's largest, or less (a range) */
    unsigned char *meet; /* N*N: free round in which two points meet, or NEVER */
    int *c0;             /* n*n: meetings before the free rounds (history, locked rounds) */
    unsigned char *away; /* F*N by slot: absent in free round f (unused points always) */
    int *drop;           /* F: design tables the round has no use for (fewer people present) */
    long long target;    /* the lowest cost a naming can have: every dropped table empty */
    int *pt;             /* N: point of each slot; slots n..N-1 are the points nobody takes */
    long long cost;      /* the cost of the naming name_points leaves in pt */
    double until;        /* when name_points stops (0: a third of the budget from its start) */
    /* N: the table of each point in the design round that the one locked round is, when the
     * naming continues it (NULL otherwise): moving whole tables keeps it a round of the design */
    const int *lockD;
    struct rng rng;
};

static long long pcost(const struct naming *g, int x, int y, int a, int b)
{
    int f = g->meet[(size_t)a * g->N + b], n = g->n;
    unsigned char rel = x < n && y < n ? g->pl->rel[(size_t)x * n + y] : 0;
    if (f == NEVER)
        return (rel & REL_TIED) ? C_TIED : 0;
    int ax = g->away[(size_t)f * g->N + x], ay = g->away[(size_t)f * g->N + y];
    /* Two empty seats at one table: a table that shrinks by two, unless the round has fewer
     * tables than the design, when whole tables of empty seats are what it needs. */
    if (ax || ay)
        return !(ax && ay) ? 0 : g->drop[f] > 0 ? -C_SHRINK : C_SHRINK;
    if (rel & REL_TIED)
        return 0;
    long long c = C_REPEAT * g->c0[(size_t)x * n + y];
    if (rel & REL_APART)
        c += C_HARD;
    if ((rel & REL_SAME) && g->pl->mix)
        c += g->pl->mix[(size_t)x * n + y];
    return c;
}

static long long contrib(const struct naming *g, int x)
{
    long long c = 0;
    for (int z = 0; z < g->N; z++)
        if (z != x)
            c += pcost(g, x, z, g->pt[x], g->pt[z]);
    return c;
}

static long long swap_delta(const struct naming *g, int x, int y)
{
    int a = g->pt[x], b = g->pt[y];
    long long d = 0;
    for (int z = 0; z < g->N; z++) {
        if (z == x || z == y)
            continue;
        int c = g->pt[z];
        d += pcost(g, x, z, b, c) + pcost(g, y, z, a, c) - pcost(g, x, z, a, c) -
             pcost(g, y, z, b, c);
    }
    return d;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long naming_cost(const struct naming *g)
{
    long long c = 0;
    for (int x = 0; x < g->N; x++)
        c += contrib(g, x);
    return c / 2;
}

/* The best exchange of slot X's table with another table of the locked design round (g->lockD):
 * every slot on a point of one takes the point of the same rank in the other. Applied when it
 * changes the cost *CUR (updated) by less than LIMIT; returns whether it was. */
static int block_move(struct naming *g, int x, long long *cur, long long limit)
{
    int N = g->N, T = N / g->q, A = g->lockD[g->pt[x]], bt = -1;
    int *rank = malloc((size_t)N * sizeof *rank), *pts = malloc((size_t)N * sizeof *pts);
    int *fill = calloc((size_t)T, sizeof *fill), *keep = malloc((size_t)N * sizeof *keep);
    long long bc = *cur + limit;
    if (!rank || !pts || !fill || !keep)
        goto out;
    for (int a = 0; a < N; a++) {
        int t = g->lockD[a];
        rank[a] = fill[t];
        pts[t * g->q + fill[t]++] = a;
    }
    memcpy(keep, g->pt, (size_t)N * sizeof *keep);
    for (int B = 0; B < T; B++) {
        if (B == A)
            continue;
        for (int s = 0; s < N; s++) {
            int a = keep[s], t = g->lockD[a];
            g->pt[s] = t == A ? pts[B * g->q + rank[a]] : t == B ? pts[A * g->q + rank[a]] : a;
        }
        long long c = naming_cost(g);
        if (c < bc)
            bc = c, bt = B;
    }
    for (int s = 0; s < N; s++) {
        int a = keep[s], t = g->lockD[a];
        g->pt[s] = bt < 0    ? a
                   : t == A  ? pts[bt * g->q + rank[a]]
                   : t == bt ? pts[A * g->q + rank[a]]
                             : a;
    }
    if (bt >= 0)
        *cur = bc;
out:
    free(rank);
    free(pts);
    free(fill);
    free(keep);
    return bt >= 0;
}

/* Tabu descent over swaps of two slots' points, from the identity naming; keeps the best.
 * Bounded by a count of evaluations, and by a third of the time budget unless the request
 * bounds the moves (then the naming depends on the seed alone). */
static int name_points(struct naming *g)
{
    double until =
        g->until > 0 ? g->until : now_seconds() + (g->pl->seconds > 0 ? g->pl->seconds : 2.0) / 3;
    int N = g->N, n = g->n;
    long *tabu = calloc((size_t)N, sizeof *tabu);
    int *best = malloc((size_t)N * sizeof *best);
    if (!tabu || !best) {
        free(tabu);
        free(best);
        return -1;
    }
    long long cur = 0;
    for (int x = 0; x < N; x++)
        cur += contrib(g, x);
    cur /= 2;
    long long best_cost = cur;
    memcpy(best, g->pt, (size_t)N * sizeof *best);
    long steps = NAMING_WORK / ((long long)N * N);
    steps = steps > NAMING_STEPS ? NAMING_STEPS : steps < 50 ? 50 : steps;
    for (long step = 0; step < steps && best_cost > g->target; step++) {
        int x = -1, start = (int)rng_below(&g->rng, (uint32_t)N);
        for (int k = 0; k < N && x < 0; k++) {
            int s = (start + k) % N;
            if (contrib(g, s) > 0)
                x = s;
        }
        /* Nothing in conflict but dropped tables not yet empty: move an empty seat. */
        for (int k = 0; k < N && x < 0 && g->target < 0; k++) {
            int s = (start + k) % N;
            for (int f = 0; f < g->F && x < 0; f++)
                if (g->drop[f] > 0 && g->away[(size_t)f * N + s])
                    x = s;
        }
        if (x < 0 || (g->pl->max_iterations <= 0 && (step & 15) == 15 && now_seconds() > until))
            break;
        int by = -1, ties = 0;
        long long bd = 0;
        for (int y = 0; y < N; y++) {
            if (y == x || (x >= n && y >= n))
                continue;
            long long d = swap_delta(g, x, y);
            if (tabu[y] > step && cur + d >= best_cost)
                continue;
            if (by < 0 || d < bd) {
                by = y, bd = d, ties = 1;
            } else if (d == bd && rng_below(&g->rng, (uint32_t)++ties) == 0) {
                by = y;
            }
        }
        /* Continuing one locked round, a swap across its tables repeats the meetings of that
         * round; giving x's whole table (everyone on its points) the points of another table
         * of that design round keeps the locked round a round of the design: taken when it
         * does better than the best swap. */
        if (g->lockD && block_move(g, x, &cur, by < 0 || bd > 0 ? 0 : bd)) {
            if (cur < best_cost) {
                best_cost = cur;
                memcpy(best, g->pt, (size_t)N * sizeof *best);
            }
            continue;
        }
        if (by < 0)
            continue;
        int t = g->pt[x];
        g->pt[x] = g->pt[by];
        g->pt[by] = t;
        cur += bd;
        tabu[x] = tabu[by] = step + 3 + (long)rng_below(&g->rng, 8);
        if (cur < best_cost) {
            best_cost = cur;
            memcpy(best, g->pt, (size_t)N * sizeof *best);
        }
    }
    memcpy(g->pt, best, (size_t)N * sizeof *best);
    g->cost = best_cost;
    free(tabu);
    free(best);
    return 0;
}

/* Which design round locked round R is, with person i on point i: the design round whose
 * tables group the people present exactly as R does, or -1. */
static int matching_round(const struct rounds_plan *pl, const int *design, int N, int Wd, int r,
                          const unsigned char *used, int *map)
{
    int n = pl->n;
    const int *L = pl->locked + (size_t)r * n;
    for (int d = 0; d < Wd; d++) {
        if (used[d])
            continue;
        const int *D = design + (size_t)d * N;
        int ok = 1;
        for (int t = 0; t < n; t++)
            map[t] = -1, map[n + t] = -1;
        for (int i = 0; i < n && ok; i++) {
            if (L[i] < 0)
                continue;
            if (L[i] >= n || D[i] >= n)
                ok = 0;
            else if (map[L[i]] < 0 && map[n + D[i]] < 0)
                map[L[i]] = D[i], map[n + D[i]] = L[i];
            else if (map[L[i]] != D[i] || map[n + D[i]] != L[i])
                ok = 0;
        }
        if (ok)
            return d;
    }
    return -1;
}

/* Meetings so far of (x, y) as a cost of seating them together once more. */
static long long join_cost(const struct rounds_plan *pl, const int *cnt, int x, int y, int extra)
{
    size_t xy = (size_t)x * pl->n + y;
    unsigned char rel = pl->rel[xy];
    if (rel & REL_TIED)
        return -C_HARD;
    long long c = C_REPEAT * (cnt[xy] - extra);
    if (rel & REL_APART)
        c += C_HARD;
    if ((rel & REL_SAME) && pl->mix)
        c += pl->mix[xy];
    return c;
}

static void count_meet(int *cnt, int n, const int *tab, int x, int d)
{
    for (int y = 0; y < n; y++)
        if (y != x && tab[y] >= 0 && tab[y] == tab[x]) {
            cnt[(size_t)x * n + y] += d;
            cnt[(size_t)y * n + x] += d;
        }
}

/* Moves one person of table FROM to table TO, the one whose move costs least. */
static void move_one(const struct rounds_plan *pl, int *cnt, int *tab, int from, int to)
{
    int n = pl->n, bx = -1;
    long long bc = 0;
    for (int x = 0; x < n; x++) {
        if (tab[x] != from)
            continue;
        long long c = 0;
        for (int y = 0; y < n; y++)
            if (y != x && tab[y] == to)
                c += join_cost(pl, cnt, x, y, 0);
            else if (y != x && tab[y] == from)
                c -= join_cost(pl, cnt, x, y, 1);
        if (bx < 0 || c < bc)
            bx = x, bc = c;
    }
    count_meet(cnt, n, tab, bx, -1);
    tab[bx] = to;
    count_meet(cnt, n, tab, bx, 1);
}

/* Brings round TAB (design table numbers below TD) to T tables: the T fullest
 * tables stay, the others' people move to them, then sizes are evened to within one, each time
 * moving whoever adds the fewest repeats; tables renumbered 0..T-1. */
static void rebalance(const struct rounds_plan *pl, int *cnt, int *tab, int TD, int T, int *size,
                      int *keep)
{
    int n = pl->n, m = 0;
    memset(size, 0, (size_t)TD * sizeof *size);
    for (int i = 0; i < n; i++)
        if (tab[i] >= 0)
            size[tab[i]]++, m++;
    if (m == 0)
        return;
    int lo = m / T, hi = (m + T - 1) / T;
    for (int t = 0; t < TD; t++)
        keep[t] = -1;
    for (int k = 0; k < T; k++) {
        int bt = -1;
        for (int t = 0; t < TD; t++)
            if (keep[t] < 0 && (bt < 0 || size[t] > size[bt]))
                bt = t;
        keep[bt] = k;
    }
    for (;;) {
        int src = -1, dst = -1;
        for (int t = 0; t < TD; t++)
            if (keep[t] < 0 && size[t] > 0)
                src = t;
        for (int t = 0; t < TD && src < 0; t++)
            if (keep[t] >= 0 && size[t] > hi)
                src = t;
        for (int t = 0; t < TD && src < 0; t++)
            if (keep[t] >= 0 && size[t] > lo) {
                int low = 0;
                for (int u = 0; u < TD; u++)
                    low |= keep[u] >= 0 && size[u] < lo;
                if (low)
                    src = t;
            }
        if (src < 0)
            break;
        for (int t = 0; t < TD; t++)
            if (keep[t] >= 0 && t != src && size[t] < hi && (dst < 0 || size[t] < size[dst]))
                dst = t;
        move_one(pl, cnt, tab, src, dst);
        size[src]--, size[dst]++;
    }
    for (int i = 0; i < n; i++)
        if (tab[i] >= 0)
            tab[i] = keep[tab[i]];
}

/* A design for N points at tables of P: for all W rounds by the constructions, then by a
 * short cyclic search (its moves bounded when the request bounds the iterations); else the
 * most rounds a construction gives (past the bound, the rounds after it are searched).
 * Returns its number of rounds, or -1. */
static int find_design(const struct rounds_plan *pl, int N, int *design, const char **method)
{
    int w = pl->w, bound = rounds_bound(N, pl->p);
    if (rounds_construct_perfect(N, pl->p, w, design, method) == 0)
        return w;
    if (N <= 120 && w <= bound) {
        double share = (pl->seconds > 0 ? pl->seconds : 2.0) / 3;
        long moves = pl->max_iterations > 20000 ? 20000 : pl->max_iterations;
        if (rounds_construct_cyclic(N, pl->p, w, pl->seed, share, moves, design) == 0) {
            *method = "construction: base round developed cyclically (found by search)";
            return w;
        }
    }
    for (int wd = (w - 1 < bound ? w - 1 : bound); wd >= 2; wd--)
        if (rounds_construct_perfect(N, pl->p, wd, design, method) == 0)
            return wd;
    return -1;
}

/* The naming problem for the first F free design rounds FREED: where points meet, who is
 * away, which tables a round drops, and the identity naming to start from. */
static int prepare_naming(struct naming *g, const struct rounds_plan *pl, const int *design,
                          const int *freed, int F, int TD, const int *layout, const int *start)
{
    int n = pl->n, N = g->N, k = pl->locked_rounds, q = g->q;
    g->F = F;
    memset(g->meet, NEVER, (size_t)N * N);
    for (int f = 0; f < F; f++) {
        const int *D = design + (size_t)freed[f] * N;
        for (int a = 0; a < N; a++)
            for (int b = a + 1; b < N; b++)
                if (D[a] == D[b])
                    g->meet[(size_t)a * N + b] = g->meet[(size_t)b * N + a] = (unsigned char)f;
    }
    for (int f = 0; f < F; f++)
        for (int x = 0; x < N; x++)
            g->away[(size_t)f * N + x] = x >= n || pl->absent[(size_t)(k + f) * n + x];
    g->target = 0;
    for (int f = 0; f < F; f++) {
        g->drop[f] = TD - layout[k + f];
        g->target -= C_SHRINK * g->drop[f] * q * (q - 1) / 2;
    }
    for (int x = 0; x < N; x++)
        g->pt[x] = start ? start[x] : x;
    return 0;
}

/* Each round's tables for a design of TD tables: as many as the design's, within what the
 * people present allow (fewer when too few come for TD tables of the smallest size), and never
 * so many that a keep-together group present outgrows the smallest table. */
static void layout_rounds(const struct rounds_plan *pl, int TD, int *tables)
{
    int n = pl->n;
    for (int r = 0; r < pl->w; r++) {
        const unsigned char *abs = pl->absent + (size_t)r * n;
        int m = 0, group = 1;
        for (int i = 0; i < n; i++)
            m += !abs[i];
        for (int i = 0; i < n; i++) {
            int g = 1;
            for (int t = pl->tied_start[i]; t < pl->tied_start[i + 1] && !abs[i]; t++)
                g += !abs[pl->tied[t]];
            group = g > group ? g : group;
        }
        int lo = rounds_table_count(m, pl->p), hi = rounds_table_count_most(m, pl->p, pl->min_size);
        while (hi > lo && m / hi < group)
            hi--;
        tables[r] = r < pl->locked_rounds ? pl->tables[r] : TD < lo ? lo : TD > hi ? hi : TD;
    }
}

/* Whether round layouts for a design of TD tables use them in some round to plan. */
static int uses_tables(const struct rounds_plan *pl, int TD, int *tables)
{
    layout_rounds(pl, TD, tables);
    int uses = 0;
    for (int r = pl->locked_rounds; r < pl->w; r++)
        uses |= tables[r] == TD;
    return uses;
}

/* The design to repair: *TD tables of *Q points. The fewest tables of the request's size when
 * they have a design for every round; else, with a size range, one table more of that size, or
 * the fewest tables of a smaller size in the range, whichever first has a design for every
 * round that the rounds can use (35 people at tables of 4-5 for 8 rounds: the 40-point
 * transversal design with 5 points nobody takes, where 7 tables of 5 have none; 32 at 4-5 for
 * 10 rounds: 8-4-10 at 8 tables of 4). Returns the design (w rounds, caller frees) with *FULL
 * set when it has every round, or NULL with *FULL 0 and the fewest tables of the request's
 * size (find_design looks further), or NULL with *TD -1 when out of memory or too many points.
 * TABLES (w) is scratch. */
static int *design_tables(const struct rounds_plan *pl, int *tables, int *TD, int *q, int *full,
                          const char **method)
{
    int n = pl->n, p = pl->p, w = pl->w, fewest = rounds_table_count(n, p);
    int most = rounds_table_count_most(n, p, pl->min_size),
        cap = ROUNDS_MAX_PEOPLE + ROUNDS_MAX_GROUP;
    *TD = fewest, *q = p, *full = 0;
    if (fewest * p > cap)
        return *TD = -1, NULL;
    int *design = malloc((size_t)w * cap * sizeof *design);
    if (!design)
        return *TD = -1, NULL;
    if (rounds_construct_perfect(fewest * p, p, w, design, method) == 0)
        return *full = 1, design;
    /* One table more of the request's size, then smaller sizes down to the range's smallest:
     * a design of T tables of size s leaves at most T - 1 points untaken, one a table, so its
     * tables hold s or s - 1, which must stay in the range. */
    for (int s = p; s >= 2 && s >= pl->min_size && pl->min_size > 0; s--) {
        int T = s == p ? fewest + 1 : (n + s - 1) / s;
        if (T > most || T * s > cap || (T * s > n && s - 1 < pl->min_size) || s - 1 < 1)
            continue;
        if (uses_tables(pl, T, tables) &&
            rounds_construct_perfect(T * s, s, w, design, method) == 0) {
            *TD = T, *q = s, *full = 1;
            return design;
        }
    }
    free(design);
    return NULL;
}

int rounds_repair_seed(const struct rounds_plan *pl, int *init, int *tables, const char **method)
{
    int n = pl->n, w = pl->w, k = pl->locked_rounds, rc = -1, F = w - k;
    if (F <= 0)
        return -1;
    int TD, q, full;
    const char *trial_method = NULL;
    int *trial = design_tables(pl, tables, &TD, &q, &full, &trial_method);
    if (TD < 0)
        return -1;
    int N = TD * q;
    layout_rounds(pl, TD, tables);
    struct naming g = {.pl = pl, .n = n, .N = N, .q = q};
    int *design = malloc((size_t)w * N * sizeof *design);
    int *map = malloc(((size_t)2 * N + 2) * sizeof *map);
    int *freed = malloc((size_t)w * sizeof *freed), *cnt = NULL, *start = NULL;
    int *best_pt = malloc((size_t)N * sizeof *best_pt),
        *best_freed = malloc((size_t)w * sizeof *best_freed);
    unsigned char *used = calloc((size_t)w, 1);
    g.meet = malloc((size_t)N * N);
    g.c0 = calloc((size_t)n * n, sizeof *g.c0);
    g.away = calloc((size_t)F * N, 1);
    g.pt = malloc((size_t)N * sizeof *g.pt);
    g.drop = calloc((size_t)F, sizeof *g.drop);
    if (!design || !map || !freed || !used || !g.meet || !g.c0 || !g.away || !g.pt || !g.drop ||
        !best_pt || !best_freed)
        goto out;
    int Wd = -1;
    if (full) {
        memcpy(design, trial, (size_t)w * N * sizeof *design);
        *method = trial_method;
        Wd = w;
    } else {
        Wd = find_design(pl, N, design, method);
    }
    if (Wd < 0)
        goto out;
    /* Locked rounds that are rounds of the design (as when setwork planned them): continue
     * the design with its other rounds; otherwise its rounds after the locked ones. */
    int matched = 0;
    for (int r = 0; r < k; r++) {
        int d = matching_round(pl, design, N, Wd, r, used, map);
        if (d < 0)
            break;
        used[d] = 1;
        matched++;
    }
    /* Not so with person i on point i (locked rounds of a plan whose people were named onto
     * the design, for instance): besides the design's rounds after the locked ones, look for
     * namings under which the locked rounds are rounds of the design. */
    int tries = 1, lockable = 0;
    if (matched < k) {
        memset(used, 0, (size_t)w);
        start = malloc((size_t)N * sizeof *start);
        if (!start)
            goto out;
        lockable = n <= 300 && rounds_lock_naming(pl, design, N, Wd, used, start, 0) == 0;
        tries = lockable ? 1 + LOCK_TRIES : 1;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            size_t ij = (size_t)i * n + j;
            g.c0[ij] = pl->history[ij];
            for (int r = 0; r < k && i != j; r++) {
                const int *L = pl->locked + (size_t)r * n;
                g.c0[ij] += L[i] >= 0 && L[i] == L[j];
            }
        }
    rng_seed(&g.rng, pl->seed ^ 0x5eed17ULL);
    /* With locked rounds from another plan, several namings continue them (the search takes
     * its points in a random order after the first): the one whose naming costs least wins,
     * all of them within a third of the budget (or, when the request bounds the moves, all of
     * them, so that the outcome depends on the seed alone). */
    long long best_cost = 0;
    int best_F = 0, have = 0;
    const int *best_lockD = NULL;
    double until = now_seconds() + (pl->seconds > 0 ? pl->seconds : 2.0) / 3;
    for (int attempt = 0; attempt < tries; attempt++) {
        const int *from = NULL;
        if (have && ((pl->max_iterations <= 0 && now_seconds() > until) ||
                     (best_cost <= g.target && best_F == w - k)))
            break;
        /* Each attempt half its share of what is left of the naming's time (with several):
         * the rest goes on with the cheapest naming. */
        g.until = now_seconds() + (until - now_seconds()) / (tries - attempt) / (tries > 1 ? 2 : 1);
        /* The naming that continues the locked rounds first, then the design's rounds after
         * them under any naming, then other namings that continue them. */
        if (lockable && attempt != 1) {
            memset(used, 0, (size_t)w);
            if (rounds_lock_naming(pl, design, N, Wd, used, start,
                                   attempt == 0 ? 0 : pl->seed + (unsigned)attempt) != 0)
                continue;
            from = start;
        } else if (lockable) {
            memset(used, 0, (size_t)w);
        }
        int continued = from != NULL || matched == k;
        /* The design's rounds still free, as many as the request has left; any after them are
         * left to the search (past the bound). */
        F = Wd - (continued ? k : 0);
        F = F < w - k ? F : w - k;
        if (F < 1)
            break;
        for (int d = 0, f = 0; d < Wd && f < F; d++)
            if (!used[d])
                freed[f++] = d;
        /* When every naming puts some keep-apart pair on points that meet (a complete design such
         * as AG(2,q) with all its q+1 parallel classes, where every pair meets once), one design
         * round fewer leaves the pairs of that round unmet: the naming puts the keep-apart pairs
         * there and the round is searched (seated greedily first), its repeats the price of
         * keeping them apart. */
        int lockd = -1;
        /* (Each table move costs a full evaluation per table: up to 150 points.) */
        for (int d = 0; d < Wd && from && k == 1 && N <= 150; d++)
            lockd = used[d] ? d : lockd;
        g.lockD = lockd >= 0 ? design + (size_t)lockd * N : NULL;
        for (;;) {
            if (prepare_naming(&g, pl, design, freed, F, TD, tables, from) != 0 ||
                name_points(&g) != 0)
                goto out;
            /* The cheaper naming wins, a design round left out priced at half a repeat per
             * person: about what the search pays for such a round of an otherwise complete
             * design (49 at 7 x 8 with 10 keep-apart pairs: 39 repeats). */
            long long priced = g.cost + ROUND_PRICE(n) * (w - k - F);
            if (!have || priced < best_cost + ROUND_PRICE(n) * (w - k - best_F)) {
                best_cost = g.cost, best_F = F, have = 1, best_lockD = g.lockD;
                memcpy(best_pt, g.pt, (size_t)N * sizeof *best_pt);
                memcpy(best_freed, freed, (size_t)w * sizeof *best_freed);
            }
            /* A naming that puts a keep-apart pair on points that meet, or that continues
             * locked rounds and costs more than a round left out (it repeats their meetings to
             * keep the pairs apart), tries one design round fewer: the pairs of that round are
             * then unmet, and that round is searched. */
            if ((g.cost < C_HARD && (!from || g.cost < ROUND_PRICE(n))) || F < 2)
                break;
            /* From a naming that continues locked rounds, the round to leave out is the one
             * that costs most under it (where the keep-apart pairs meet when the locked rounds
             * came from a plan repaired this way); else the last. */
            if (from) {
                int worst = F - 1;
                long long most = -1;
                for (int f = 0; f < F; f++) {
                    long long c = 0;
                    for (int x = 0; x < N; x++)
                        for (int y = x + 1; y < N; y++)
                            if (g.meet[(size_t)from[x] * N + from[y]] == f)
                                c += pcost(&g, x, y, from[x], from[y]);
                    if (c > most)
                        worst = f, most = c;
                }
                int t = freed[worst];
                memmove(freed + worst, freed + worst + 1, (size_t)(F - 1 - worst) * sizeof *freed);
                freed[F - 1] = t;
            }
            F--;
        }
    }
    if (!have)
        goto out;
    F = best_F;
    memcpy(freed, best_freed, (size_t)w * sizeof *best_freed);
    /* Several namings tried and the cheapest still above the target: it goes on from where it
     * stopped for the rest of the naming's time (all its steps again under a move budget). */
    if (tries > 1 && (pl->max_iterations > 0 || now_seconds() < until)) {
        g.lockD = best_lockD;
        g.until = until;
        /* (prepare_naming sets the target for this naming's rounds, not the last attempt's) */
        if (prepare_naming(&g, pl, design, freed, F, TD, tables, best_pt) != 0)
            goto out;
        if (best_cost > g.target) {
            if (name_points(&g) != 0)
                goto out;
            if (g.cost < best_cost) {
                best_cost = g.cost;
                memcpy(best_pt, g.pt, (size_t)N * sizeof *best_pt);
            }
        }
    }
    memcpy(g.pt, best_pt, (size_t)N * sizeof *best_pt);
    /* The design's free rounds under the naming, then each round brought to the request's
     * tables, with every meeting so far counted. */
    cnt = malloc((size_t)n * n * sizeof *cnt);
    if (!cnt)
        goto out;
    memcpy(cnt, g.c0, (size_t)n * n * sizeof *cnt);
    for (int r = 0; r < k; r++)
        memcpy(init + (size_t)r * n, pl->locked + (size_t)r * n, (size_t)n * sizeof *init);
    for (int f = 0; f < F; f++) {
        int *tab = init + (size_t)(k + f) * n;
        const int *D = design + (size_t)freed[f] * N;
        for (int i = 0; i < n; i++)
            tab[i] = pl->absent[(size_t)(k + f) * n + i] ? -1 : D[g.pt[i]];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (tab[i] >= 0 && tab[i] == tab[j]) {
                    cnt[(size_t)i * n + j]++;
                    cnt[(size_t)j * n + i]++;
                }
    }
    for (int f = 0; f < F; f++)
        rebalance(pl, cnt, init + (size_t)(k + f) * n, TD, tables[k + f], map, map + N + 1);
    for (int r = k + F; r < w; r++)
        for (int i = 0; i < n; i++)
            init[(size_t)r * n + i] = pl->absent[(size_t)r * n + i] ? -1 : ROUNDS_SEAT_LATER;
    rc = 0;
out:
    free(trial);
    free(start);
    free(best_pt);
    free(best_freed);
    free(design);
    free(map);
    free(freed);
    free(used);
    free(cnt);
    free(g.meet);
    free(g.c0);
    free(g.away);
    free(g.pt);
    free(g.drop);
    return rc;
}
