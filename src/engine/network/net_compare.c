/* Two waves side by side: ties gained and lost inside and beyond each person's set, and each
 * metric's change with a paired effect size. */
#include "engine/network/net_internal.h"

#include "core/strbuf.h"
#include "engine/stats/paired.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void net_paired_change(const double *before, const double *after, size_t n,
                       struct net_metric_change *out)
{
    double sb = 0, sa = 0, sd = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(before[i]) || isnan(after[i]))
            continue;
        sb += before[i];
        sa += after[i];
        sd += after[i] - before[i];
        k++;
    }
    out->pairs = k;
    out->mean_before = k ? sb / (double)k : NAN;
    out->mean_after = k ? sa / (double)k : NAN;
    out->mean_diff = k ? sd / (double)k : NAN;
    out->sd_diff = NAN;
    out->d_z = NAN;
    out->d_z_low = NAN;
    out->d_z_high = NAN;
    if (k < 2)
        return;
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(before[i]) || isnan(after[i]))
            continue;
        double d = after[i] - before[i] - out->mean_diff;
        ss += d * d;
    }
    out->sd_diff = sqrt(ss / (double)(k - 1));
    /* With every difference equal the effect size is undefined (infinite), not large: say so
     * with NAN rather than print a division by a rounding error. */
    if (out->sd_diff > 1e-12)
        out->d_z = out->mean_diff / out->sd_diff;
    else
        return;
    /* The interval comes from the shared statistics module, so that the network and the
     * connectedness sections of a report agree on how d_z is qualified. */
    double *b = malloc(k * sizeof *b), *a = malloc(k * sizeof *a);
    if (b && a) {
        size_t j = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(before[i]) && !isnan(after[i])) {
                b[j] = before[i];
                a[j++] = after[i];
            }
        struct paired_result r;
        if (stats_paired(b, a, k, 0.95, &r) == 0) {
            out->d_z_low = r.d_z_low;
            out->d_z_high = r.d_z_high;
        }
    }
    free(b);
    free(a);
}

static bool same_set(const struct net_people *people, int a, int b)
{
    return people->set && people->set[a] >= 0 && people->set[a] == people->set[b];
}

/* Counts the edges of X that are not in Y, per person and in total, split by set. */
static void diff_edges(const struct net_people *people, const struct net_adj *x,
                       const struct net_adj *y, struct net_comparison *c, bool gained)
{
    for (size_t e = 0; e < x->edges; e++) {
        int a = x->edge_from[e], b = x->edge_to[e];
        if (net_adj_has(y, a, b)) {
            if (gained)
                c->kept++;
            continue;
        }
        bool inside = same_set(people, a, b);
        int *pa, *pb;
        if (gained) {
            pa = inside ? &c->person[a].gained_inside : &c->person[a].gained_beyond;
            pb = inside ? &c->person[b].gained_inside : &c->person[b].gained_beyond;
            *(inside ? &c->gained_inside : &c->gained_beyond) += 1;
        } else {
            pa = inside ? &c->person[a].lost_inside : &c->person[a].lost_beyond;
            pb = inside ? &c->person[b].lost_inside : &c->person[b].lost_beyond;
            *(inside ? &c->lost_inside : &c->lost_beyond) += 1;
        }
        (*pa)++;
        (*pb)++;
    }
}

int net_compare(const struct net_people *people, const struct net_tie *before, size_t before_count,
                const struct net_wave *wave_before, const struct net_tie *after, size_t after_count,
                const struct net_wave *wave_after, struct net_comparison *out, char **err)
{
    memset(out, 0, sizeof *out);
    size_t n = people->count;
    if (wave_before->count != n || wave_after->count != n) {
        *err = str_printf("the two waves must be analysed over the same %zu people", n);
        return -1;
    }
    struct net_adj xa = {0}, xb = {0};
    double *vb = NULL, *va = NULL;
    int status = -1;
    if (net_adj_build(n, before, before_count, &xb, err) != 0)
        goto out;
    if (net_adj_build(n, after, after_count, &xa, err) != 0)
        goto out;
    out->count = n;
    out->person = calloc(n ? n : 1, sizeof *out->person);
    vb = malloc((n ? n : 1) * sizeof *vb);
    va = malloc((n ? n : 1) * sizeof *va);
    if (!out->person || !vb || !va) {
        *err = str_printf("out of memory comparing waves");
        goto out;
    }
    diff_edges(people, &xa, &xb, out, true);
    diff_edges(people, &xb, &xa, out, false);
    for (int m = 0; m < NET_METRIC_COUNT; m++) {
        for (size_t i = 0; i < n; i++) {
            bool in = !people->included || people->included[i];
            vb[i] = in ? net_metric_value(&wave_before->person[i], (enum net_metric)m) : NAN;
            va[i] = in ? net_metric_value(&wave_after->person[i], (enum net_metric)m) : NAN;
        }
        out->metric[m].metric = (enum net_metric)m;
        net_paired_change(vb, va, n, &out->metric[m]);
    }
    status = 0;
out:
    free(vb);
    free(va);
    net_adj_free(&xa);
    net_adj_free(&xb);
    if (status != 0)
        net_comparison_free(out);
    return status;
}

void net_comparison_free(struct net_comparison *c)
{
    free(c->person);
    memset(c, 0, sizeof *c);
}
