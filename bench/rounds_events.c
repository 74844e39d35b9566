/* Benchmark of the rounds engine on realistic event requests (issue 17): odd numbers, size
 * ranges, leavers and late arrivals, locked rounds, keep-apart pairs, mixing by department.
 * Each case is solved three ways, every schedule checked by rounds_check:
 *   repair  rounds_solve as the command line runs it (a repaired design, then local search);
 *   search  the local search alone (search_only: what every such request got before);
 *   geg     Good Enough Golfers' published approach (islemaster/good-enough-golfers,
 *           lib/geneticSolver.js), re-implemented here from its description: round by round,
 *           5 random seatings, 30 generations of every swap out of the costliest table plus
 *           2 random seatings, keeping up to 100 of the best; a pair costs the square of its
 *           meetings so far; keep-apart pairs cost "infinity", same-department pairs start at
 *           one meeting (its "discouraged groups"). Absent people are left out of the round and
 *           locked rounds count as meetings, as an organiser would use it.
 * It prints one line per case: the proven lower bound, then repeats and wall seconds of each,
 * and the smallest budget of 0.05, 0.1, 0.25 and 0.5 s with which the engine plans as few
 * repeats as with the full one (its wall seconds): with mixing by department the search goes on
 * after the last repeat is gone, so the full run's time is not the time a perfect plan takes.
 * usage: bench_rounds_events [SECONDS [SEED [NAME]]] (NAME: only the cases whose name holds it) */
#include "engine/rounds/rounds.h"

#include "core/rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GEG_GENERATIONS 30
#define GEG_RANDOM      2
#define GEG_KEEP        100
#define GEG_START       5
#define GEG_INFINITY    1000000000000LL

struct event_case {
    const char *name;
    int n, lo, hi, w;
    int leavers, leave_after; /* LEAVERS people leave after round LEAVE_AFTER */
    int late, late_from;      /* LATE people arrive at round LATE_FROM */
    int locked;               /* rounds locked from the engine's own plan */
    int apart;                /* random keep-apart pairs (2 in the case: fixed) */
    int depts;                /* person i in department i mod DEPTS (0: no mixing) */
};

static const struct event_case cases[] = {
    {"issue: 32 at 4 x 10, 3 rounds locked", 32, 0, 4, 10, 0, 0, 0, 0, 3, 0, 0},
    {"issue: 32 at 4 x 10, 2 keep-apart pairs", 32, 0, 4, 10, 0, 0, 0, 0, 0, -2, 0},
    {"issue: 32 at 4 x 10, 2 leave after round 3", 32, 0, 4, 10, 2, 3, 0, 0, 0, 0, 0},
    {"issue: 37 at 4-5 x 8", 37, 4, 5, 8, 0, 0, 0, 0, 0, 0, 0},
    {"23 at 4-5 x 5, 1 late from round 2", 23, 4, 5, 5, 0, 0, 1, 2, 0, 0, 0},
    {"30 at 4 x 8, 3 leave after round 4", 30, 0, 4, 8, 3, 4, 0, 0, 0, 0, 0},
    {"35 at 4-5 x 8, 1 leaver, 2 late, 2 locked", 35, 4, 5, 8, 1, 5, 2, 2, 2, 0, 0},
    {"41 at 4-5 x 9, 4 departments", 41, 4, 5, 9, 0, 0, 0, 0, 0, 0, 4},
    {"45 at 4-5 x 6, 2 locked, 5 apart, 4 depts", 45, 4, 5, 6, 0, 0, 0, 0, 2, 5, 4},
    {"49 at 7 x 8, 10 keep-apart pairs", 49, 0, 7, 8, 0, 0, 0, 0, 0, 10, 0},
    {"50 at 5 x 9, 1 locked, 10 apart", 50, 0, 5, 9, 0, 0, 0, 0, 1, 10, 0},
    {"58 at 5-6 x 7, 5 leave, 3 late", 58, 5, 6, 7, 5, 3, 3, 2, 0, 0, 0},
    {"64 at 8 x 9, 3 locked, 10 apart, 8 depts", 64, 0, 8, 9, 0, 0, 0, 0, 3, 10, 8},
    {"27 at 3 x 13, 2 leave after round 6", 27, 0, 3, 13, 2, 6, 0, 0, 0, 0, 0},
    {"80 at 4-5 x 12, 4 leave, 5 late, 1 locked", 80, 4, 5, 12, 4, 6, 5, 3, 1, 0, 0},
    {"100 at 5 x 10, 3 leave, 10 apart, 5 depts", 100, 0, 5, 10, 3, 5, 0, 0, 0, 10, 5},
    {"60 at 6 x 7, 5 apart, 2 late", 60, 0, 6, 7, 0, 0, 2, 3, 0, 5, 0},
    {"16 at 4 x 5, 1 locked, 1 apart", 16, 0, 4, 5, 0, 0, 0, 0, 1, 1, 0},
    {"32 at 4 x 11, 1 leaves after round 8", 32, 0, 4, 11, 1, 8, 0, 0, 0, 0, 0},
    {"40 at 4 x 14, 2 late", 40, 0, 4, 14, 0, 0, 2, 2, 0, 0, 0},
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The request of case C (arrays owned by the caller through the pointers given). */
static void build(const struct event_case *c, unsigned long seed, struct rounds_request *req,
                  unsigned char *absent, int *apart, int *attr)
{
    struct rng rng;
    rng_seed(&rng, seed * 7919 + (unsigned long)c->n);
    memset(req, 0, sizeof *req);
    req->people = c->n;
    req->group_size = c->hi;
    req->min_group_size = c->lo;
    req->rounds = c->w;
    req->seed = seed;
    memset(absent, 0, (size_t)c->n * c->w);
    /* Leavers are the last people, late arrivals the ones before them. */
    for (int k = 0; k < c->leavers; k++)
        for (int r = c->leave_after; r < c->w; r++)
            absent[(size_t)r * c->n + c->n - 1 - k] = 1;
    for (int k = 0; k < c->late; k++)
        for (int r = 0; r < c->late_from - 1; r++)
            absent[(size_t)r * c->n + c->n - 1 - c->leavers - k] = 1;
    req->absent = c->leavers || c->late ? absent : NULL;
    if (c->apart == -2) {
        int fixed[] = {0, 1, 5, 9};
        memcpy(apart, fixed, sizeof fixed);
        req->apart_count = 2;
    }
    for (int k = 0; k < c->apart; k++) {
        int a = (int)rng_below(&rng, (uint32_t)c->n), b;
        do
            b = (int)rng_below(&rng, (uint32_t)c->n);
        while (b == a);
        apart[2 * k] = a, apart[2 * k + 1] = b;
        req->apart_count++;
    }
    req->apart = req->apart_count ? apart : NULL;
    if (c->depts) {
        for (int i = 0; i < c->n; i++)
            attr[i] = i % c->depts;
        req->attr = attr;
        req->mix_weight = 1;
    }
}

/* GEG: the cost of one round's seating ORDER cut into tables of SIZES. */
static long long geg_table_cost(const long long *wt, int n, const int *order, int from, int to)
{
    long long c = 0;
    for (int a = from; a < to; a++)
        for (int b = a + 1; b < to; b++) {
            long long x = wt[(size_t)order[a] * n + order[b]];
            c += x >= GEG_INFINITY ? GEG_INFINITY : x * x;
        }
    return c;
}

static long long geg_cost(const long long *wt, int n, const int *order, const int *start, int T)
{
    long long c = 0;
    for (int t = 0; t < T; t++)
        c += geg_table_cost(wt, n, order, start[t], start[t + 1]);
    return c;
}

static void shuffle(struct rng *rng, int *a, int m)
{
    for (int i = m - 1; i > 0; i--) {
        int j = (int)rng_below(rng, (uint32_t)(i + 1)), t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* Good Enough Golfers' genetic round-by-round search (see the top), into TABLE (w*n). */
static int geg_solve(const struct rounds_request *req, int *table)
{
    int n = req->people, w = req->rounds, p = req->group_size;
    struct rng rng;
    rng_seed(&rng, req->seed);
    long long *wt = calloc((size_t)n * n, sizeof *wt);
    int *pool = malloc((size_t)2 * GEG_KEEP * n * sizeof *pool), *next = pool + GEG_KEEP * n;
    int *present = malloc((size_t)n * sizeof *present), *cand = malloc((size_t)n * sizeof *cand);
    int *start = malloc(((size_t)n + 1) * sizeof *start);
    if (!wt || !pool || !present || !cand || !start)
        return -1;
    for (size_t k = 0; k < req->apart_count; k++) {
        int a = req->apart[2 * k], b = req->apart[2 * k + 1];
        wt[(size_t)a * n + b] = wt[(size_t)b * n + a] = GEG_INFINITY;
    }
    for (int i = 0; i < n && req->attr; i++)
        for (int j = 0; j < n; j++)
            if (i != j && req->attr[i] == req->attr[j])
                wt[(size_t)i * n + j] += 1;
    for (int r = 0; r < w; r++) {
        int *tab = table + (size_t)r * n, m = 0;
        if (r < req->locked_rounds) {
            memcpy(tab, req->locked + (size_t)r * n, (size_t)n * sizeof *tab);
        } else {
            for (int i = 0; i < n; i++)
                if (!req->absent || !req->absent[(size_t)r * n + i])
                    present[m++] = i;
            int T = rounds_table_count(m, p);
            start[0] = 0;
            for (int t = 0; t < T; t++)
                start[t + 1] = start[t] + m / T + (t < m % T);
            int kept = GEG_START;
            for (int k = 0; k < kept; k++) {
                memcpy(pool + (size_t)k * n, present, (size_t)m * sizeof *pool);
                shuffle(&rng, pool + (size_t)k * n, m);
            }
            long long best = GEG_INFINITY * 4;
            for (int k = 0; k < kept; k++) {
                long long c = geg_cost(wt, n, pool + (size_t)k * n, start, T);
                best = c < best ? c : best;
            }
            for (int gen = 0; gen < GEG_GENERATIONS && best > 0; gen++) {
                long long nb = -1;
                int nk = 0, seen = 0;
                for (int k = 0; k < kept; k++) {
                    const int *o = pool + (size_t)k * n;
                    /* The costliest table of this option. */
                    int worst = 0;
                    long long wc = -1;
                    for (int t = 0; t < T; t++) {
                        long long c = geg_table_cost(wt, n, o, start[t], start[t + 1]);
                        if (c > wc)
                            wc = c, worst = t;
                    }
                    int tries = 1 + (start[worst + 1] - start[worst]) * m + GEG_RANDOM;
                    for (int q = 0; q < tries; q++) {
                        memcpy(cand, o, (size_t)m * sizeof *cand);
                        int size = start[worst + 1] - start[worst];
                        if (q >= 1 && q < 1 + size * m) {
                            int i = start[worst] + (q - 1) / m, j = (q - 1) % m;
                            if (j >= start[worst] && j < start[worst + 1])
                                continue;
                            int t = cand[i];
                            cand[i] = cand[j];
                            cand[j] = t;
                        } else if (q > 0) {
                            shuffle(&rng, cand, m);
                        }
                        long long c = geg_cost(wt, n, cand, start, T);
                        if (nb < 0 || c < nb) {
                            nb = c, nk = 0, seen = 0;
                        }
                        if (c == nb) {
                            /* Keep a uniform sample of up to GEG_KEEP of the best. */
                            seen++;
                            int slot = nk < GEG_KEEP ? nk++ : (int)rng_below(&rng, (uint32_t)seen);
                            if (slot < GEG_KEEP)
                                memcpy(next + (size_t)slot * n, cand, (size_t)m * sizeof *cand);
                        }
                    }
                }
                int *t = pool;
                pool = next;
                next = t;
                kept = nk;
                best = nb;
            }
            for (int i = 0; i < n; i++)
                tab[i] = -1;
            for (int t = 0; t < T; t++)
                for (int k = start[t]; k < start[t + 1]; k++)
                    tab[pool[k]] = t;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j && tab[i] >= 0 && tab[i] == tab[j] &&
                    wt[(size_t)i * n + j] < GEG_INFINITY)
                    wt[(size_t)i * n + j]++;
    }
    free(wt);
    free(pool < next ? pool : next);
    free(present);
    free(cand);
    free(start);
    return 0;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
    const char *only = argc > 3 ? argv[3] : NULL;
    int failures = 0;
    printf("%-44s %5s | %-16s | %-16s | %-16s | %s\n", "case", "bound", "repair", "search alone",
           "GEG approach", "repair: least budget for as few");
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const struct event_case *c = &cases[k];
        if (only && !strstr(c->name, only))
            continue;
        unsigned char *absent = malloc((size_t)c->n * c->w);
        int *apart = malloc(2 * 64 * sizeof *apart), *attr = malloc((size_t)c->n * sizeof *attr);
        int *locked = NULL, *geg = malloc((size_t)c->n * c->w * sizeof *geg);
        struct rounds_request req;
        char err[256];
        build(c, seed, &req, absent, apart, attr);
        req.seconds = seconds;
        if (c->locked) {
            /* Rounds played as the engine planned them for the same people, absences and
             * keep-apart pairs. */
            struct rounds_request base = req;
            base.attr = NULL, base.mix_weight = 0;
            /* Under a move budget, with time to spend it: the same rounds played on every run
             * and machine. */
            base.max_iterations = 20000;
            base.seconds = 600;
            struct rounds_result res;
            if (rounds_solve(&base, &res, err, sizeof err) != 0) {
                printf("%s: error: %s\n", c->name, err);
                return 1;
            }
            locked = malloc((size_t)c->locked * c->n * sizeof *locked);
            memcpy(locked, res.table, (size_t)c->locked * c->n * sizeof *locked);
            rounds_result_free(&res);
            req.locked = locked;
            req.locked_rounds = c->locked;
        }
        long bound = -1, rep[3] = {-1, -1, -1};
        double took[3] = {0, 0, 0};
        for (int way = 0; way < 3; way++) {
            struct rounds_request q = req;
            q.search_only = way == 1;
            struct rounds_result res = {0};
            double t0 = now();
            int rc = way == 2 ? geg_solve(&q, geg) : rounds_solve(&q, &res, err, sizeof err);
            took[way] = now() - t0;
            if (rc != 0) {
                printf("%s: error: %s\n", c->name, way == 2 ? "out of memory" : err);
                failures++;
                continue;
            }
            if (way == 0)
                bound = res.least_repeats;
            int most = 0;
            /* GEG has no notion of keep-apart as a hard rule: check it without them. */
            struct rounds_request chk = q;
            if (way == 2)
                chk.apart_count = 0;
            if (rounds_check(&chk, way == 2 ? geg : res.table, &rep[way], &most, err, sizeof err) !=
                0) {
                printf("%s: schedule fails the check: %s\n", c->name, err);
                failures++;
            }
            rounds_result_free(&res);
        }
        /* The smallest budget that does as well as the full one. */
        static const double ladder[] = {0.05, 0.1, 0.25, 0.5};
        double least_budget = seconds, least_took = took[0];
        for (size_t b = 0; b < sizeof ladder / sizeof ladder[0] && ladder[b] < seconds; b++) {
            struct rounds_request q = req;
            q.seconds = ladder[b];
            struct rounds_result res = {0};
            long r = -1;
            double t0 = now();
            if (rounds_solve(&q, &res, err, sizeof err) != 0 ||
                rounds_check(&q, res.table, &r, NULL, err, sizeof err) != 0) {
                printf("%s: budget %.2f s: %s\n", c->name, ladder[b], err);
                failures++;
            }
            double t = now() - t0;
            rounds_result_free(&res);
            if (r >= 0 && r <= rep[0]) {
                least_budget = ladder[b], least_took = t;
                break;
            }
        }
        printf("%-44s %5ld | %5ld in %6.3f s | %5ld in %6.3f s | %5ld in %6.3f s", c->name, bound,
               rep[0], took[0], rep[1], took[1], rep[2], took[2]);
        printf(" | %4.2f s (%5.3f s)\n", least_budget, least_took);
        fflush(stdout);
        free(absent);
        free(apart);
        free(attr);
        free(locked);
        free(geg);
    }
    return failures ? 1 : 0;
}
