/* Paired before/after statistics for the connectedness change: mean change with a t-based
 * confidence interval, and the standardised effect size d_z (mean change / SD of the changes)
 * with an exact confidence interval from the noncentral t distribution, plus d_av for reference.
 * Pure: no I/O. */
#ifndef SETWORK_ENGINE_STATS_PAIRED_H
#define SETWORK_ENGINE_STATS_PAIRED_H

#include <stddef.h>

struct paired_result {
    size_t n;
    double mean_before, mean_after;
    double sd_before, sd_after;    /* sample SDs (n - 1) */
    double mean_change, sd_change; /* of after - before */
    double t, df;                  /* paired t statistic (NAN when sd_change is 0) and n - 1 */
    double ci_low, ci_high;        /* mean_change +- t(1 - alpha/2, n - 1) * sd_change / sqrt(n) */
    /* d_z = mean_change / sd_change (Cohen's d for paired designs, "d_z" in Lakens 2013). Its CI
     * inverts the noncentral t: the noncentrality parameters delta for which the observed t is at
     * the upper and lower alpha/2 quantiles, divided by sqrt(n) (Cumming & Finch 2001). NAN when
     * sd_change is 0. */
    double d_z, d_z_low, d_z_high;
    /* d_av = mean_change / ((sd_before + sd_after) / 2) (Cumming 2012): comparable with
     * between-groups d; reported without an interval. NAN when both SDs are 0. */
    double d_av;
};

/* Computes the paired statistics of N pairs at confidence LEVEL (e.g. 0.95). Returns 0, or -1
 * when N < 2 or LEVEL is not in (0, 1). */
int stats_paired(const double *before, const double *after, size_t n, double level,
                 struct paired_result *out);

/* The cumulative distribution of Student's t with DF degrees of freedom at X. */
double stats_t_cdf(double x, double df);

/* The P quantile of Student's t with DF degrees of freedom (0 < P < 1). */
double stats_t_quantile(double p, double df);

/* The cumulative distribution of the noncentral t with DF degrees of freedom and noncentrality
 * DELTA at X, by numerical integration over the chi distribution (accurate to about 1e-6). */
double stats_nct_cdf(double x, double df, double delta);

#endif
