/* Set formation on generated, realistic cohorts: skewed attributes (a few large organisations
 * and departments, many small ones), a management tree, sets of 5-7, line managers kept apart.
 * Prints, per cohort size, the objective, the provable upper bound, the certified gap and when
 * the best plan was found, for fixed equal sizes (--sets) and for sizes 5-7 within one of the
 * average (--size 5-7). Usage: bench_cohort [SECONDS_SCALE] [SIZES...] */
#include "core/rng.h"
#include "engine/formation/formation.h"
#include "engine/formation/score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A Zipf-like draw among V values: value r with weight 1/(r+1)^S. */
static int skewed(struct rng *r, int v, double s)
{
    double total = 0, x;
    for (int t = 0; t < v; t++)
        total += pow(t + 1, -s);
    x = rng_unit(r) * total;
    for (int t = 0; t < v; t++) {
        x -= pow(t + 1, -s);
        if (x < 0)
            return t;
    }
    return v - 1;
}

static double limit_for(int n)
{
    return n <= 300 ? 1 : n <= 1000 ? 5 : 30;
}

static void run(int n, double scale, uint64_t seed, int ranged)
{
    enum { K = 6 };
    static const int values[K] = {6, 14, 8, 9, 3, 5}; /* org, dept, location, grade, ... */
    static const double skew[K] = {1.2, 1.0, 0.8, 0.5, 1.5, 0.7};
    static const double weight[K] = {3, 2, 1, 1, 0.5, 1};
    struct rng r;
    rng_seed(&r, seed + (uint64_t)n);
    int *code = malloc(sizeof(int) * (size_t)n * K);
    int *manager = malloc(sizeof(int) * (size_t)n);
    struct form_pair *apart = malloc(sizeof *apart * (size_t)n);
    double *d = malloc(sizeof(double) * (size_t)n * (size_t)n);
    int apart_count = 0;
    for (int i = 0; i < n; i++) {
        for (int c = 0; c < K; c++)
            code[i * K + c] = skewed(&r, values[c], skew[c]);
        /* The manager: an earlier person of the same organisation, if any (a tree per org). */
        manager[i] = -1;
        for (int tries = 0; tries < 20 && i > 0; tries++) {
            int j = (int)rng_below(&r, (uint32_t)i);
            if (code[j * K] == code[i * K]) {
                manager[i] = j;
                break;
            }
        }
        if (manager[i] >= 0)
            apart[apart_count++] = (struct form_pair){i, manager[i]};
    }
    int m = (int)(n / 6.0 + 0.5), q = n / m, rem = n % m;
    int *lo = malloc(sizeof(int) * (size_t)m), *hi = malloc(sizeof(int) * (size_t)m);
    for (int g = 0; g < m; g++) {
        if (ranged) { /* as `setwork form --size 5-7`: within one of the average */
            lo[g] = rem ? q : q - 1;
            hi[g] = q + 1;
            lo[g] = lo[g] < 5 ? 5 : lo[g];
            hi[g] = hi[g] > 7 ? 7 : hi[g];
        } else { /* as `setwork form --sets M`: sizes as equal as possible, fixed */
            lo[g] = hi[g] = q + (g < rem);
        }
    }
    struct form_scoring sc = {.n = n, .k = K, .code = code, .weight = weight, .w_new = 2};
    form_score_matrix(&sc, d);
    double ub;
    form_score_bound(&sc, m, lo, hi, &ub);
    struct form_problem p = {
        .n = n, .m = m, .d = d, .lo = lo, .hi = hi, .apart = apart, .apart_count = apart_count};
    double limit = limit_for(n) * scale;
    struct form_options o = {.seed = seed, .seconds = limit, .target = ub, .has_target = 1};
    struct form_result res;
    struct strbuf why = {0};
    if (form_solve(&p, &o, &res, &why) != 0) {
        printf("%6d  failed: %s\n", n, why.data ? why.data : "out of memory");
    } else {
        printf("%6d %5d %5s %6.1f %14.2f %14.2f %9.4f%% %8.3f %8.3f\n", n, m,
               ranged ? "5-7" : "fixed", limit, res.objective, ub, 100 * (ub - res.objective) / ub,
               res.best_at, res.seconds);
        free(res.group);
    }
    sb_free(&why);
    free(code);
    free(manager);
    free(apart);
    free(d);
    free(lo);
    free(hi);
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1;
    static const int sizes[] = {60, 300, 1000, 5000};
    printf("%6s %5s %5s %6s %14s %14s %10s %8s %8s\n", "people", "sets", "sizes", "limit",
           "objective", "upper_bound", "gap", "best_at", "seconds");
    if (argc > 2) {
        for (int a = 2; a < argc; a++)
            for (int ranged = 0; ranged < 2; ranged++)
                for (uint64_t seed = 1; seed <= 2; seed++)
                    run(atoi(argv[a]), scale, seed, ranged);
        return 0;
    }
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++)
        for (int ranged = 0; ranged < 2; ranged++)
            for (uint64_t seed = 1; seed <= 2; seed++)
                run(sizes[t], scale, seed, ranged);
    return 0;
}
