/* Paired statistics and the t and noncentral t distributions they need. */
#include "engine/stats/paired.h"

#include <math.h>

/* Continued fraction for the regularised incomplete beta function (modified Lentz). */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (fabs(d) < tiny)
        d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 300; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? 1 / tiny : 1 / d;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? 1 / tiny : 1 / d;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-15)
            break;
    }
    return h;
}

static double incomplete_beta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return front * beta_cf(a, b, x) / a;
    return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double stats_t_cdf(double x, double df)
{
    double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + x * x));
    return x > 0 ? 1 - tail : tail;
}

double stats_t_quantile(double p, double df)
{
    double lo = -1e4, hi = 1e4;
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
        double mid = (lo + hi) / 2;
        if (stats_t_cdf(mid, df) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

static double normal_cdf(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

/* T = (Z + delta) / W with W = sqrt(V / df), V chi-square with df degrees of freedom, so
 * P(T <= x) = integral of Phi(x w - delta) times the density of W; Simpson's rule over W. */
double stats_nct_cdf(double x, double df, double delta)
{
    const int steps = 4000; /* even */
    double upper = 1 + 12 / sqrt(df);
    double h = upper / steps;
    /* The density of W (a scaled chi): df^(df/2) w^(df-1) e^(-df w^2 / 2) / (2^(df/2-1) G(df/2)).
     */
    double log_norm = (df / 2) * log(df) - (df / 2 - 1) * log(2.0) - lgamma(df / 2);
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
        double w = i * h;
        double density;
        if (i == 0)
            density = df == 1 ? exp(log_norm) : 0;
        else
            density = exp(log_norm + (df - 1) * log(w) - df * w * w / 2);
        double f = normal_cdf(x * w - delta) * density;
        sum += f * ((i == 0 || i == steps) ? 1 : (i % 2 ? 4 : 2));
    }
    return sum * h / 3;
}

/* The delta at which P(T <= t) equals P; the cdf falls as delta grows. */
static double nct_delta_for(double t, double df, double p)
{
    double lo = t - 10 - fabs(t), hi = t + 10 + fabs(t);
    /* With one degree of freedom the interval reaches past 2|t| (about 2.24 t at 95%): widen
     * the bracket until it holds the root rather than return its edge. */
    for (int i = 0; i < 60 && stats_nct_cdf(t, df, hi) > p; i++)
        hi += hi - lo;
    for (int i = 0; i < 60 && stats_nct_cdf(t, df, lo) < p; i++)
        lo -= hi - lo;
    for (int i = 0; i < 100 && hi - lo > 1e-10; i++) {
        double mid = (lo + hi) / 2;
        if (stats_nct_cdf(t, df, mid) > p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

static void mean_sd(const double *x, size_t n, double *mean, double *sd)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m += x[i];
    m /= (double)n;
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - m) * (x[i] - m);
    *mean = m;
    *sd = sqrt(ss / (double)(n - 1));
}

int stats_paired(const double *before, const double *after, size_t n, double level,
                 struct paired_result *out)
{
    if (n < 2 || !(level > 0 && level < 1))
        return -1;
    *out = (struct paired_result){.n = n, .df = (double)(n - 1)};
    mean_sd(before, n, &out->mean_before, &out->sd_before);
    mean_sd(after, n, &out->mean_after, &out->sd_after);
    double m = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        m += after[i] - before[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double d = after[i] - before[i] - m;
        ss += d * d;
    }
    out->mean_change = m;
    out->sd_change = sqrt(ss / (double)(n - 1));
    double se = out->sd_change / sqrt((double)n);
    double alpha = 1 - level;
    double q = stats_t_quantile(1 - alpha / 2, out->df);
    out->ci_low = m - q * se;
    out->ci_high = m + q * se;
    double sd_av = (out->sd_before + out->sd_after) / 2;
    out->d_av = sd_av > 0 ? m / sd_av : NAN;
    if (!(out->sd_change > 1e-12)) {
        out->t = out->d_z = out->d_z_low = out->d_z_high = NAN;
        return 0;
    }
    out->t = m / se;
    out->d_z = m / out->sd_change;
    double root_n = sqrt((double)n);
    out->d_z_low = nct_delta_for(out->t, out->df, 1 - alpha / 2) / root_n;
    out->d_z_high = nct_delta_for(out->t, out->df, alpha / 2) / root_n;
    return 0;
}
