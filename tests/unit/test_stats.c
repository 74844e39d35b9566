/* Unit tests for engine/stats: the t distribution, paired change with its t interval and d_z
 * with its noncentral-t interval, against values worked out by hand; instrument scoring. */
#include "test_support.h"

#include <math.h>

#include "engine/stats/instrument.h"
#include "engine/stats/paired.h"

#define near(a, b, tol) assert_true(fabs((a) - (b)) < (tol))

static void t_quantiles_match_the_tables(void **state)
{
    /* From printed t tables (two-sided 95%). */
    near(stats_t_quantile(0.975, 4), 2.776445, 1e-5);
    near(stats_t_quantile(0.975, 9), 2.262157, 1e-5);
    near(stats_t_quantile(0.975, 29), 2.045230, 1e-5);
    near(stats_t_quantile(0.025, 4), -2.776445, 1e-5);
    near(stats_t_cdf(0, 7), 0.5, 1e-12);
    /* df = 1 is the Cauchy distribution: F(1) = 3/4. */
    near(stats_t_cdf(1, 1), 0.75, 1e-9);
}

static void noncentral_t_reduces_to_central_t(void **state)
{
    /* Two independent computations: numerical integration and the incomplete beta. */
    double xs[] = {-2.5, -1, 0, 0.7, 3};
    double dfs[] = {1, 4, 12, 40};
    for (size_t i = 0; i < 5; i++) {
        for (size_t j = 0; j < 4; j++)
            near(stats_nct_cdf(xs[i], dfs[j], 0), stats_t_cdf(xs[i], dfs[j]), 1e-6);
    }
    /* For large df the noncentral t tends to N(delta, 1). */
    near(stats_nct_cdf(2.5, 2000, 1.5), 0.5 * erfc(-1.0 / sqrt(2.0)), 2e-3);
}

static void paired_change_matches_the_hand_calculation(void **state)
{
    /* Changes after - before: 1, 2, 2, 3, 2. By hand: mean 2; deviations -1, 0, 0, 1, 0, sum of
     * squares 2, variance 2/4 = 0.5, SD 0.707107; SE = 0.707107 / sqrt(5) = 0.316228;
     * t(0.975, 4) = 2.776445, so the 95% CI is 2 +- 0.877989 = [1.122011, 2.877989];
     * d_z = 2 / 0.707107 = 2.828427; t = 2 / 0.316228 = 6.324555.
     * Before: 3, 4, 5, 4, 6: mean 4.4, SD sqrt(5.2/4) = 1.140175. After: 4, 6, 7, 7, 8: mean
     * 6.4, SD sqrt(9.2/4) = 1.516575. d_av = 2 / ((1.140175 + 1.516575) / 2) = 1.505599. */
    double before[] = {3, 4, 5, 4, 6}, after[] = {4, 6, 7, 7, 8};
    struct paired_result r;
    assert_int_equal(stats_paired(before, after, 5, 0.95, &r), 0);
    assert_int_equal(r.n, 5);
    near(r.mean_before, 4.4, 1e-12);
    near(r.mean_after, 6.4, 1e-12);
    near(r.mean_change, 2, 1e-12);
    near(r.sd_change, 0.707107, 1e-6);
    near(r.t, 6.324555, 1e-6);
    near(r.ci_low, 1.122011, 1e-5);
    near(r.ci_high, 2.877989, 1e-5);
    near(r.d_z, 2.828427, 1e-6);
    near(r.d_av, 1.505599, 1e-6);
    /* The d_z interval holds d_z, and at its ends the observed t sits at the 97.5% and 2.5%
     * points of the noncentral t (the definition of the interval). */
    assert_true(r.d_z_low < r.d_z && r.d_z < r.d_z_high);
    near(stats_nct_cdf(r.t, 4, r.d_z_low * sqrt(5)), 0.975, 1e-6);
    near(stats_nct_cdf(r.t, 4, r.d_z_high * sqrt(5)), 0.025, 1e-6);
    /* [0.7460, 4.8879]; checked independently by simulation (400,000 draws of (Z + delta) /
     * sqrt(chi2_4 / 4) in Python: P(T <= 6.3246) was 0.97505 at delta = 0.7460 sqrt 5 and
     * 0.02493 at delta = 4.8879 sqrt 5). */
    near(r.d_z_low, 0.7460, 1e-3);
    near(r.d_z_high, 4.8879, 1e-3);
}

/* Two people (df 1) and a large t: the upper end lies past 2|t| + 10, where the search used to
 * stop and return its bracket's edge (about 291 instead of 318.6). Reference: bisection on
 * P(T <= t) = integral of Phi(t w - delta) 2 phi(w) dw (W half-normal for df 1), computed by
 * Simpson's rule with 200,000 steps in Python. */
static void two_people_with_a_large_effect(void **state)
{
    double before[] = {1, 2}, after[] = {11, 12.1};
    struct paired_result r;
    assert_int_equal(stats_paired(before, after, 2, 0.95, &r), 0);
    near(r.t, 201, 1e-6);
    near(stats_nct_cdf(r.t, 1, r.d_z_high * sqrt(2)), 0.025, 1e-6);
    near(r.d_z_high, 318.571, 0.05);
    near(r.d_z_low, 4.4541, 1e-3);
}

static void large_sample_interval_approaches_the_normal_one(void **state)
{
    /* 400 changes alternating 0.1 and 0.9 (mean 0.5, SD about 0.4005): d_z about 1.2484, and the
     * usual approximation SE(d_z) = sqrt(1/n + d_z^2 / (2n)) gives +- 1.96 * 0.0708. */
    double before[400], after[400];
    for (int i = 0; i < 400; i++) {
        before[i] = 0;
        after[i] = i % 2 ? 0.9 : 0.1;
    }
    struct paired_result r;
    assert_int_equal(stats_paired(before, after, 400, 0.95, &r), 0);
    double se = sqrt(1.0 / 400 + r.d_z * r.d_z / 800);
    near(r.d_z_low, r.d_z - 1.96 * se, 0.01);
    near(r.d_z_high, r.d_z + 1.96 * se, 0.01);
}

static void degenerate_inputs(void **state)
{
    double a[] = {1, 2, 3}, b[] = {2, 3, 4};
    struct paired_result r;
    assert_int_equal(stats_paired(a, b, 1, 0.95, &r), -1);
    assert_int_equal(stats_paired(a, b, 3, 1.5, &r), -1);
    /* Everyone changed by exactly 1: the change is certain but d_z is undefined. */
    assert_int_equal(stats_paired(a, b, 3, 0.95, &r), 0);
    near(r.mean_change, 1, 1e-12);
    assert_true(isnan(r.d_z));
    near(r.ci_low, 1, 1e-12);
}

static void scores_scales_with_reversed_items(void **state)
{
    struct instrument_item items[] = {
        {.code = "a", .scale = "lonely"},
        {.code = "b", .scale = "lonely"},
        {.code = "c", .scale = "work"},
        {.code = "d", .scale = "work", .reversed = true},
    };
    struct instrument_scale scales[] = {{.name = "lonely"}, {.name = "work"}};
    struct instrument ins = {.point_min = 1,
                             .point_max = 3,
                             .nitems = 4,
                             .items = items,
                             .nscales = 2,
                             .scales = scales};
    int answers[] = {3, 2, 3, 1};
    double s;
    assert_int_equal(instrument_score(&ins, 0, answers, &s), 0);
    near(s, 5, 1e-12);
    assert_int_equal(instrument_score(&ins, 1, answers, &s), 0);
    near(s, 3 + (1 + 3 - 1), 1e-12); /* d reversed: 1 counts as 3 */
    answers[1] = INSTRUMENT_NO_ANSWER;
    assert_int_equal(instrument_score(&ins, 0, answers, &s), -1);
    answers[1] = 4; /* out of range */
    assert_int_equal(instrument_score(&ins, 0, answers, &s), -1);
    assert_int_equal(instrument_scale_index(&ins, "work"), 1);
    assert_int_equal(instrument_item_index(&ins, "zzz"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_quantiles_match_the_tables),
        cmocka_unit_test(noncentral_t_reduces_to_central_t),
        cmocka_unit_test(paired_change_matches_the_hand_calculation),
        cmocka_unit_test(two_people_with_a_large_effect),
        cmocka_unit_test(large_sample_interval_approaches_the_normal_one),
        cmocka_unit_test(degenerate_inputs),
        cmocka_unit_test(scores_scales_with_reversed_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
