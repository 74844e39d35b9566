/* Pair scores and the upper bound: the bound is never below a brute-force optimum, is reached
 * when a perfect mix exists, and known pairs lower the score. */
#include "test_support.h"

#include "core/rng.h"
#include "engine/formation/formation.h"
#include "engine/formation/score.h"

#include <math.h>

/* The best plan by enumeration of every assignment of N <= 9 people to M sets. */
static double brute_force(const double *d, int n, int m, const int *lo, const int *hi)
{
    int group[16] = {0};
    double best = -INFINITY;
    long total = 1;
    for (int i = 0; i < n; i++)
        total *= m;
    for (long code = 0; code < total; code++) {
        long c = code;
        int size[8] = {0};
        for (int i = 0; i < n; i++) {
            group[i] = (int)(c % m);
            c /= m;
            size[group[i]]++;
        }
        int ok = 1;
        for (int g = 0; g < m; g++)
            ok = ok && size[g] >= lo[g] && size[g] <= hi[g];
        if (!ok)
            continue;
        double f = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                f += group[i] == group[j] ? d[i * n + j] : 0;
        if (f > best)
            best = f;
    }
    return best;
}

static void test_bound_holds(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, 1);
    for (int trial = 0; trial < 12; trial++) {
        int n = 9, k = 3, m = 3;
        int code[27];
        for (int t = 0; t < n * k; t++)
            code[t] = (int)rng_below(&r, (uint32_t)(2 + t % 3));
        double weight[3] = {3, 2, 1};
        struct form_scoring sc = {.n = n, .k = k, .code = code, .weight = weight, .w_new = 2};
        double d[81];
        form_score_matrix(&sc, d);
        int fixed_lo[3] = {3, 3, 3}, fixed_hi[3] = {3, 3, 3};
        int shared_lo[3] = {2, 2, 2}, shared_hi[3] = {4, 4, 4};
        int mixed_lo[3] = {1, 2, 3}, mixed_hi[3] = {5, 3, 4};
        const int *los[] = {fixed_lo, shared_lo, mixed_lo},
                  *his[] = {fixed_hi, shared_hi, mixed_hi};
        for (int v = 0; v < 3; v++) {
            double ub;
            assert_int_equal(form_score_bound(&sc, m, los[v], his[v], &ub), 0);
            double best = brute_force(d, n, m, los[v], his[v]);
            if (best > ub + 1e-9)
                fail_msg("trial %d sizes %d: optimum %g above the bound %g", trial, v, best, ub);
        }
    }
}

/* Two organisations, two of each, in two sets of two: the perfect mix reaches the bound. */
static void test_bound_tight(void **state)
{
    (void)state;
    int code[4] = {0, 0, 1, 1};
    double weight[1] = {3};
    struct form_scoring sc = {.n = 4, .k = 1, .code = code, .weight = weight, .w_new = 2};
    double d[16], ub;
    form_score_matrix(&sc, d);
    assert_true(d[0 * 4 + 1] == 2 && d[0 * 4 + 2] == 5);
    int lo[2] = {2, 2}, hi[2] = {2, 2};
    assert_int_equal(form_score_bound(&sc, 2, lo, hi, &ub), 0);
    assert_true(fabs(ub - 10) < 1e-9);
    struct form_problem p = {.n = 4, .m = 2, .d = d, .lo = lo, .hi = hi};
    struct form_options o = {.seed = 1, .max_iterations = 100, .target = ub, .has_target = 1};
    struct form_result res;
    struct strbuf why = {0};
    assert_int_equal(form_solve(&p, &o, &res, &why), 0);
    assert_true(fabs(res.objective - ub) < 1e-9);
    assert_int_not_equal(res.group[0], res.group[1]);
    free(res.group);
}

/* Known pairs: the latest plan removes the whole 'new' weight, older ones less, never more. */
static void test_known_pairs(void **state)
{
    (void)state;
    int code[3] = {0, 1, 1};
    double weight[1] = {1};
    struct form_known known[] = {{0, 1, 1.0}, {0, 1, 0.5}, {1, 2, 0.25}};
    struct form_scoring sc = {.n = 3,
                              .k = 1,
                              .code = code,
                              .weight = weight,
                              .w_new = 2,
                              .known = known,
                              .known_count = 3};
    double d[9];
    form_score_matrix(&sc, d);
    assert_true(fabs(d[0 * 3 + 1] - 1) < 1e-9);   /* 1 + 2 - 2 (capped) */
    assert_true(fabs(d[1 * 3 + 2] - 1.5) < 1e-9); /* 0 + 2 - 0.5 */
    assert_true(fabs(d[0 * 3 + 2] - 3) < 1e-9);
    assert_true(d[2 * 3 + 1] == d[1 * 3 + 2]);
    assert_true(form_default_weight("organisation") == FORM_WEIGHT_ORGANISATION);
    assert_true(form_default_weight("shoe size") == FORM_WEIGHT_CUSTOM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bound_holds),
        cmocka_unit_test(test_bound_tight),
        cmocka_unit_test(test_known_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
